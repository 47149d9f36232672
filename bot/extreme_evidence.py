"""The narrowest or widest winning margin of an election, as an article states it, when no results
table answers ("Which seat had the narrowest margin?" with only articles ingested).

A sentence that states a superlative about margins with a number ("victory margin lowest at
162", "सबसे कम अंतर 162 वोटों का"; cue words in data/lexicon/evidence.toml, extreme_*) gives
the figure; the seat is the one that sentence names with that number as its margin, else the one
another sentence of the same article names with the same number as its margin ("... defeated X
by 162 votes in Malegaon Central"). The seat must be of the state the question names. Both
sentences are quoted. Which superlative a question asks for is read with the table questions'
cue words (data/lexicon/tables.toml: largest, smallest, margin).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from index.evidence import Reader, Target, Unit

NEAR = 60      # characters between the superlative word and its number, at most
MAX_GAP_WORDS = 2   # words between a superlative and the margin word it qualifies


@dataclass(frozen=True)
class Extreme:
    seat: int
    margin: int
    stated: Unit           # the sentence with the superlative
    named: Unit            # the sentence naming the seat with that margin (may be `stated`)
    agree: int = 1         # articles giving the same seat and figure


def which_extreme(table_cues: frozenset[str]) -> str | None:
    """'largest' or 'smallest' when a question asks for a superlative margin (its cue groups of
    data/lexicon/tables.toml, read by bot/understand.py), else None."""
    def has(key: str) -> bool:
        return key in table_cues
    if not has("margin") or has("how_many") or has("below") or has("above"):
        return None
    return "largest" if has("largest") else "smallest" if has("smallest") else None


def _superlative_figure(u: Unit, patterns: Iterable[re.Pattern[str]], margin: Iterable[re.Pattern[str]]) -> int | None:
    """The number a superlative about a margin points at ("victory margin lowest at 162", "the
    narrowest win, by 162"): the first within NEAR characters after it, else the last within NEAR
    before it. The superlative must qualify a margin word (at most two words between them):
    "closest rival" beside "a margin of 8,801" is no superlative margin."""
    margins = [m.span() for p in margin for m in p.finditer(u.low)]
    for p in patterns:
        for m in p.finditer(u.low):
            if not any(_words_between(u.low, m.span(), span) <= MAX_GAP_WORDS for span in margins):
                continue
            after = [n for n in u.numbers if m.end() <= n.start <= m.end() + NEAR and "round" not in n.kinds]
            if after:
                return after[0].value
            before = [n for n in u.numbers if m.start() - NEAR <= n.end <= m.start() and "round" not in n.kinds]
            if before:
                return before[-1].value
    return None


def _words_between(low: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    gap = low[a[1]:b[0]] if a[1] <= b[0] else low[b[1]:a[0]] if b[1] <= a[0] else ""
    if re.search(r"[,;:.!?।()]", gap):
        return 99       # another clause
    return len(re.findall(r"\w+", gap))


def find_extreme(reader: Reader, units: list[Unit], which: str,
                 seat_target: Callable[[int], Target], seat_ok: Callable[[int], bool]) -> Extreme | None:
    """The seat and figure the articles state as the election's `which` margin (sentence cue
    words: data/lexicon/evidence.toml, extreme_*)."""
    cues = reader.cues.extreme
    by_article: dict[int, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.hit.article_id, []).append(u)
    found: list[Extreme] = []
    for article_units in by_article.values():
        for u in article_units:
            if u.past or u.interim or u.pair or any(p.search(u.low) for p in cues.get("not", ())):
                continue        # a superlative of one career or of a seat's history is not the election's
            value = _superlative_figure(u, cues.get(which, ()), cues.get("margin", ()))
            if value is None:
                continue
            seat = None
            for other in [u, *(x for x in article_units if x is not u and not x.pair)]:
                seat = _seat_with_margin(reader, other, value, seat_target, seat_ok)
                if seat is not None:
                    found.append(Extreme(seat, value, u, other))
                    break
            if seat is not None:
                break
    if not found:
        return None
    tally: dict[tuple[int, int], list[Extreme]] = {}
    for e in found:
        tally.setdefault((e.seat, e.margin), []).append(e)
    best = max(tally.values(), key=lambda es: (len(es), max(e.stated.hit.published or "" for e in es)))
    return Extreme(best[0].seat, best[0].margin, best[0].stated, best[0].named, len(best))


def _seat_with_margin(reader: Reader, u: Unit, value: int, seat_target: Callable[[int], Target],
                      seat_ok: Callable[[int], bool]) -> int | None:
    """The one seat of the wanted state the unit names with `value` as its margin."""
    if u.past or u.interim or not any(n.value == value and "margin" in n.kinds for n in u.numbers):
        return None
    seats = {int(ref) for kind, ref, _, _ in reader.names_in(u.nfc) if kind == "constituency" and ref.isdigit()}
    owning = [s for s in seats if seat_ok(s) and reader.owned(u, seat_target(s), "margin") == value]
    return owning[0] if len(owning) == 1 else None
