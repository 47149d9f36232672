"""Answers from article sentences when the tables are silent: the sentence that names the seat,
candidate or party asked about and states what was asked (a margin, a vote count, a seat count,
a result), quoted verbatim.

Nothing here embeds text: sentences of retrieved passages are read with the cue patterns of
data/lexicon/evidence.toml and scored lexically, once per passage (kept in a bounded cache).

Trust rules (why they exist):
- a number is taken only from a sentence (or a sentence and the one before it) that names the
  seat, candidate or party it is about, and only when no other seat, candidate or party stands
  between the name and the number;
- a sentence with counting-day words ("after round 5", "leading") is a lead, never a result;
- where reports of a final figure disagree, the figure more articles state wins (a later report
  breaks ties) and the others are named beside it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from index.datelines import is_dateline
from index.rounding import absorbed_by
from store.datafiles import read_toml
from store.lru import LRU
from store.numbers import FigureReader, NumberWords
from store.sentences import split_sentences
from store.text import Transliterator, norm, strip_possessive, tokenize

_YEARISH = re.compile(r"(19|20)\d\d")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")     # a year written in a sentence
MAX_UNITS_CACHED = 20000     # passages whose sentences are kept between questions (least recent dropped)
NEAR = 160                   # characters between a name and the number it owns, at most
COUNT_DAYS = 20              # reports of one count come within days; months apart is another election


@dataclass(frozen=True)
class EvidenceCues:
    result: tuple[re.Pattern[str], ...]
    interim: tuple[re.Pattern[str], ...]
    final: tuple[re.Pattern[str], ...]
    reason: tuple[re.Pattern[str], ...]
    before: dict[str, tuple[re.Pattern[str], ...]]
    after: dict[str, tuple[re.Pattern[str], ...]]
    tally_gap: re.Pattern[str]
    not_seat_after: tuple[re.Pattern[str], ...]
    led_gap: tuple[re.Pattern[str], ...]
    ordinals: dict[str, int]
    figures: FigureReader              # counts in a sentence, in place (store/numbers.py; [units], percent)
    ordinal_round: re.Pattern[str]     # "fifth round", "पांचवें राउंड": group 1 is the ordinal
    approx_before: tuple[re.Pattern[str], ...] = ()   # "more than 39,700": a rounded figure
    approx_after: tuple[re.Pattern[str], ...] = ()    # "39,700 से अधिक"
    win: tuple[re.Pattern[str], ...] = ()     # the subject won (a result word that is no loss)
    loss: tuple[re.Pattern[str], ...] = ()    # the subject lost
    beaten_between: tuple[re.Pattern[str], ...] = ()   # between a party and a win word: its candidate lost
    extreme: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)   # smallest, largest, margin, not
    dateline_after: tuple[re.Pattern[str], ...] = ()  # "Chhindwara: ..." opening a passage
    abbreviations: tuple[str, ...] = ()   # a full stop after one ends no sentence (data/patterns/lexicon.toml)
    # the election kinds' words (intents.toml election_kinds: bye, lok_sabha, assembly...): which
    # election a report is about
    kinds: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data_dir: Path, reason: tuple[re.Pattern[str], ...] = (),
                  election_kinds: dict[str, tuple[re.Pattern[str], ...]] | None = None) -> EvidenceCues:
        path = data_dir / "lexicon" / "evidence.toml"
        raw = read_toml(path)

        def comp(key: str) -> tuple[re.Pattern[str], ...]:
            # one alternation per list: a sentence is searched once per cue, not once per pattern
            patterns = [unicodedata.normalize("NFC", p) for p in raw.get(key, [])]
            try:
                for p in patterns:
                    re.compile(p)
                return (re.compile("|".join(f"(?:{p})" for p in patterns)),) if patterns else ()
            except re.error as exc:
                raise ValueError(f"{path}: {key}: bad pattern: {exc}") from None

        kinds = ("margin", "votes", "seats", "round", "total")
        return cls(
            result=comp("result"), interim=comp("interim"), final=comp("final"),
            reason=(re.compile("|".join(f"(?:{p.pattern})" for p in reason)),) if reason else (),
            before={k: comp(f"{k}_before") for k in kinds}, after={k: comp(f"{k}_after") for k in kinds},
            tally_gap=re.compile(raw["tally_gap"]), not_seat_after=comp("not_seat_after"),
            led_gap=comp("led_gap"), approx_before=comp("approx_before"), approx_after=comp("approx_after"),
            win=comp("win"), loss=comp("loss"), beaten_between=comp("beaten_between"),
            extreme={k: comp(f"extreme_{k}") for k in ("smallest", "largest", "margin", "not")},
            dateline_after=comp("dateline_after"),
            abbreviations=tuple(read_toml(data_dir / "patterns" / "lexicon.toml").get("en", {}).get("abbreviations", ())),
            kinds=dict(election_kinds or {}),
            ordinals={unicodedata.normalize("NFC", k).casefold(): int(v) for k, v in raw["ordinals"].items()},
            figures=FigureReader(NumberWords(
                qualifiers={}, after={}, words={},
                units={unicodedata.normalize("NFC", k).casefold(): int(v) for k, v in raw["units"].items()},
                percent=tuple(unicodedata.normalize("NFC", w).casefold() for w in raw.get("percent", ())))),
            ordinal_round=re.compile(
                r"(?<![\w\u0900-\u097f])(" + "|".join(sorted((re.escape(unicodedata.normalize("NFC", k).casefold())
                                                            for k in raw["ordinals"]), key=len, reverse=True))
                + r")[- ]?(?:round|राउंड|चक्र)"),
        )

    def any(self, patterns: Iterable[re.Pattern[str]], low: str) -> bool:
        return any(p.search(low) for p in patterns)


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    kinds: frozenset[str]      # margin, votes, seats, round (what the words around it make it)
    approx: bool               # "17 हजार": a rounded figure


@dataclass(frozen=True)
class Word:
    keys: frozenset[str]
    start: int
    end: int


def _placed(unit: Unit, rank: int, hit: Any) -> Unit:
    """`replace(unit, rank=rank, hit=hit)` without its field-by-field rebuild (a question places
    ~300 units; Unit has no __post_init__ to run)."""
    new = object.__new__(Unit)
    new.__dict__.update(unit.__dict__, rank=rank, hit=hit)
    return new


@dataclass(frozen=True)
class Unit:
    """A sentence of a retrieved passage (or a sentence with the one before it)."""

    text: str                  # verbatim, as in the article
    nfc: str                   # NFC (names are found in it: "INDIA" the bloc is not "india")
    low: str                   # NFC, case-folded (same offsets: the analysis below reads it)
    hit: Any                   # the passage hit it came from
    rank: int                  # the passage's place in retrieval (0 best)
    words: tuple[Word, ...]
    numbers: tuple[Number, ...]
    result: bool
    interim: bool
    final: bool
    reason: bool
    rounds: frozenset[int]
    pair: bool = False
    past: bool = False         # names a year before its article's: about an earlier election
    index: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)   # sound key -> word places

    def keys(self) -> frozenset[str]:
        return frozenset(k for w in self.words for k in w.keys)


@dataclass(frozen=True)
class Target:
    """Who or what a number must belong to: each name as its words' sound keys."""

    kind: str                                  # seat, person, party
    names: tuple[tuple[frozenset[str], ...], ...]
    refs: frozenset[str] = frozenset()         # linker refs that are this target (not rivals)


@dataclass
class Found:
    """What the articles say: the unit to quote, the figure read from it, and other figures."""

    unit: Unit
    value: int | None = None
    interim: bool = False
    others: list[tuple[int, Unit]] = field(default_factory=list)   # (figure, unit) of disagreeing reports
    support: list[Unit] = field(default_factory=list)              # more reports of the same figure


class NameFinder(Protocol):
    """What the reader needs of the names index (bot.entities.Linker is one): the names in a
    text, the words never taken for a name, and the transliterator that keys words."""

    translit: Transliterator
    stopwords: Collection[str]

    def find(self, text: str, fuzzy: bool = True) -> list[Any]: ...


class Reader:
    """Reads retrieved passages into units and finds the one that answers."""

    def __init__(self, linker: NameFinder, cues: EvidenceCues) -> None:
        self.linker = linker
        self.cues = cues
        self._cache: LRU[int, tuple[str, list[Unit]]] = LRU(MAX_UNITS_CACHED)
        self._word_keys: LRU[str, frozenset[str]] = LRU(200_000)
        self._names: LRU[str, list[tuple[str, str, int, int]]] = LRU(50_000)    # text -> names the linker finds in it

    def _keys(self, word: str) -> frozenset[str]:
        keys = self._word_keys.get(word)
        if keys is None:
            keys = self._word_keys[word] = self.linker.translit.keys(word)
        return keys

    def names_in(self, text: str) -> list[tuple[str, str, int, int]]:
        """(kind, ref, start, end) of every name the linker finds in `text` (exact matches), kept."""
        found = self._names.get(text)
        if found is None:
            toks = tokenize(text)
            # spelled as the store has them: a Hindi word that only sounds like a seat ("पाला" ~ Pala,
            # "बदला" ~ Badli) or is as short as a function word ("जिस") is not another seat
            found = self._names[text] = [
                (m.kind, m.ref, toks[m.start].start, toks[m.end - 1].end)
                for m in self.linker.find(text, fuzzy=False)
                if m.score >= 99 and (m.kind in ("party", "alliance") or (
                    len(norm(m.surface)) >= 4 and norm(m.surface) not in self.linker.stopwords))]
        return found

    # -- reading ------------------------------------------------------------------------------
    def units(self, hits: list[Any]) -> list[Unit]:
        out: list[Unit] = []
        for rank, hit in enumerate(hits):
            cached = self._cache.get(hit.id)
            if cached is None or cached[0] != hit.text:
                cached = self._cache[hit.id] = (hit.text, self._read(hit))
            out += [u if u.rank == rank and u.hit is hit else _placed(u, rank, hit) for u in cached[1]]
        return out

    def warm(self, passages: Iterable[Any], stop: Callable[[], bool] = lambda: False,
             pause: Callable[[], None] = lambda: None) -> int:
        """Read passages ahead of any question (the store's newest first), so that a question
        meets its passages already read; `pause` is called before each (to let answers run first).
        Returns how many were read."""
        n = 0
        for hit in passages:
            pause()
            if stop() or self._cache.full():
                break
            if hit.id not in self._cache:
                units = self._cache[hit.id] = (hit.text, self._read(hit))
                # the names in each sentence and in the whole passage too: found once here, an
                # answer that weighs rival seats or parties only looks them up
                for unit in (*units[1], self._passage_unit(hit)):
                    self.names_in(unit.nfc)
                n += 1
        return n

    def _read(self, hit: Any) -> list[Unit]:
        text = hit.text or ""
        spans = [(s, e) for s, e in split_sentences(text, self.cues.abbreviations) if e - s >= 20]
        units: list[Unit] = []
        for i, (s, e) in enumerate(spans):
            units.append(self._unit(text[s:e], hit, False))
            if i and spans[i - 1][1] <= s and s - spans[i - 1][1] <= 3:
                units.append(self._unit(text[spans[i - 1][0]:e], hit, True))
        return units

    def _unit(self, text: str, hit: Any, pair: bool) -> Unit:
        nfc = unicodedata.normalize("NFC", text)
        low = nfc.casefold()
        if len(low) != len(nfc):       # a letter whose case-folding is longer ("ß"): keep offsets aligned
            low = nfc.lower() if len(nfc.lower()) == len(nfc) else nfc
        c = self.cues
        words = tuple(Word(self._keys(strip_possessive(t.text)), t.start, t.end) for t in tokenize(low))
        index: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            for k in w.keys:
                index.setdefault(k, []).append(i)
                if k.isascii() and len(sk := _skeleton(k)) >= 3:
                    index.setdefault("~" + k[0] + sk, []).append(i)
        numbers = []
        for f in c.figures.find(low):
            value, approx = f.value, f.rounded
            before, after = low[max(0, f.start - 60):f.start].rstrip(), low[f.end:f.end + 40]
            kinds = {k for k in ("margin", "votes", "seats", "round", "total")
                     if any(p.search(before) for p in c.before[k]) or any(p.search(after) for p in c.after[k])}
            if "margin" in kinds:
                kinds.discard("votes")
            if _YEARISH.fullmatch(f.digits) and not f.units and "votes" not in kinds:
                kinds.discard("margin")     # "by 2019" is a year (the odd "over 2018 votes" stays a figure)
            approx = approx or any(p.search(before) for p in c.approx_before) or any(
                p.search(after) for p in c.approx_after)
            numbers.append(Number(value, f.start, f.end, frozenset(kinds), approx))
        rounds = {n.value for n in numbers if "round" in n.kinds}
        for m in c.ordinal_round.finditer(low):
            rounds.add(c.ordinals[m.group(1)])
        year = int(hit.published[:4]) if (hit.published or "")[:4].isdigit() else None
        past = year is not None and any(int(y) < year for y in YEAR.findall(low))
        return Unit(text=text, nfc=nfc, low=low, hit=hit, past=past,
                    index={k: tuple(v) for k, v in index.items()}, rank=0, words=words, numbers=tuple(numbers),
                    result=c.any(c.result, low), interim=c.any(c.interim, low), final=c.any(c.final, low),
                    reason=c.any(c.reason, low), rounds=frozenset(rounds), pair=pair)

    # -- names --------------------------------------------------------------------------------
    def target(self, kind: str, names: Iterable[str], refs: Iterable[str] = ()) -> Target:
        keyed = []
        for name in dict.fromkeys(n for n in names if n and n.strip()):
            parts = tuple(self.linker.translit.keys(t.text) for t in tokenize(norm(name)))
            if parts:
                keyed.append(parts)
        return Target(kind, tuple(keyed), frozenset(refs))

    def mentions(self, unit: Unit, target: Target) -> list[tuple[int, int]]:
        """Character spans of the unit where one of the target's names is written in full. Seat and
        person names also match by consonants (Barhait ~ बरहेट, Mahto ~ Mahato); parties exactly."""
        loose = target.kind in ("seat", "person")
        shortest = 3 if target.kind == "person" else 4
        spans = []
        for name in target.names:
            starts: set[int] = set()
            for k in name[0]:
                starts.update(unit.index.get(k, ()))
                if loose and k.isascii() and len(sk := _skeleton(k)) >= shortest:
                    starts.update(unit.index.get("~" + k[0] + sk, ()))
            n = len(name)
            for i in sorted(starts):
                if i + n > len(unit.words):
                    continue
                if all(_same_word(name[j], unit.words[i + j].keys, loose, shortest) for j in range(1, n)):
                    spans.append((unit.words[i].start, unit.words[i + n - 1].end))
            if spans and target.kind == "person" and n > 1:
                # named in full once, then by surname ("Hemant Soren retained ... Soren secured 95,612")
                first = spans[0][1]
                spans += [(w.start, w.end) for w in unit.words if w.start >= first and name[-1] & w.keys]
        return sorted(set(spans))

    def in_passage(self, unit: Unit, target: Target) -> bool:
        """Whether the unit's passage names the target (the unit itself may not)."""
        whole = self._passage_unit(unit.hit)
        return bool(self.mentions(whole, target))

    def passage_names(self, hit: Any, target: Target) -> bool:
        """Whether a retrieved passage names the target."""
        return bool(self.mentions(self._passage_unit(hit), target))

    def only_in_passage(self, unit: Unit, target: Target) -> bool:
        """Whether the unit's passage names the target and no other of its kind: a sentence of it
        that names none ("Ansari defeated her by 43676 votes") can only be about the target."""
        whole = self._passage_unit(unit.hit)
        return bool(self.mentions(whole, target)) and not self.rivals(whole, target)

    def _passage_unit(self, hit: Any) -> Unit:
        key = -hit.id - 1          # the whole passage, cached beside its sentences
        cached = self._cache.get(key)
        if cached is None or cached[0] != hit.text:
            cached = self._cache[key] = (hit.text, [self._unit(hit.text or "", hit, False)])
        return cached[1][0]

    def rivals(self, unit: Unit, target: Target) -> list[tuple[int, int]]:
        """Spans of other names of the target's kind (another seat, party or candidate)."""
        kinds = {"seat": ("constituency",), "party": ("party", "alliance"), "person": ("candidate",)}[target.kind]
        own = self.mentions(unit, target)
        out = []
        for kind, ref, start, end in self.names_in(unit.nfc):
            if kind not in kinds or ref in target.refs:
                continue
            span = (start, end)
            if target.kind == "seat" and self.cues.any(self.cues.not_seat_after, unit.low[span[1]:span[1] + 20]):
                continue        # "Giridih district": a place, not another seat
            if target.kind == "seat" and is_dateline(unit, span, self.cues.dateline_after):
                continue        # "Chhindwara: ..." opening the report: where it was filed
            if not any(s <= span[0] < e or span[0] <= s < span[1] for s, e in own):
                out.append(span)
        return out

    def owned(self, unit: Unit, target: Target, kind: str) -> int | None:
        """The figure of `kind` the unit gives for the target. A seat's margin: the unit's margin
        when it names no other seat, else the first after the seat's name with no other seat
        between. A person's votes: the first count after their name with no rival between."""
        spans = self.mentions(unit, target)
        numbers = [n for n in unit.numbers if kind in n.kinds]
        if not numbers:
            return None
        if not spans:
            if kind != "votes" and target.kind == "seat" and self.only_in_passage(unit, target):
                return numbers[0].value
            return None
        rivals = self.rivals(unit, target)
        if kind != "votes" and not rivals:
            after = [n for n in numbers if n.start >= spans[0][1]]
            return (after or numbers)[0].value
        # the number closest after a mention ("Amol polled 112,386 votes against Thorat's 101,826":
        # Thorat's is the second), with no rival name between
        best: tuple[int, int] | None = None
        for _, e in spans:
            for n in numbers:
                if e <= n.start <= e + NEAR and not any(e <= r0 < n.start for r0, _ in rivals):
                    if best is None or n.start - e < best[0]:
                        best = (n.start - e, n.value)
                    break
        return best[1] if best else None

    def tally_of(self, unit: Unit, target: Target) -> int | None:
        """Seats stated for a party: "JMM won 34 seats", "JMM 34, INC 16", "झामुमो को 34 सीटें". The
        first count of seats after its name, with no other party and no "-led" between."""
        spans = self.mentions(unit, target)
        if not spans:
            return None
        rivals = self.rivals(unit, target)
        for _, e in spans:
            for n in unit.numbers:
                if n.start < e:
                    continue
                if n.start > e + NEAR or any(e <= r0 < n.start for r0, _ in rivals):
                    break
                gap = unit.low[e:n.start]
                if re.search(r"[.!?।]\s", gap):
                    break       # the count is in the next sentence: about whatever that one names
                if self.cues.any(self.cues.led_gap, gap):
                    break       # "JMM-led alliance won 54": the alliance's figure
                if "total" in n.kinds:
                    continue    # "won in 21 constituencies out of the total 36 seats": the region's seats
                if "round" in n.kinds or "votes" in n.kinds or "margin" in n.kinds:
                    break
                if "seats" in n.kinds or self.cues.tally_gap.match(gap):
                    return n.value
        return None

    # -- choosing -----------------------------------------------------------------------------
    def figure(self, units: list[Unit], about: list[Target], kind: str, want_interim: bool | None,
               round_no: int | None = None, reader: Callable[[Unit, Target], int | None] | None = None,
               exclude: Iterable[int] = (), context: Target | None = None) -> Found | None:
        """The figure of `kind` the units state for the first target every unit must name (the
        others, if any, must be named too). `context` (the seat of a person's votes) must be named
        by the unit, or by its passage when the unit names no other. Final reports first unless
        `want_interim`."""
        claims: list[tuple[int, Unit]] = []
        skip = set(exclude)
        for u in units:
            if not all(self.mentions(u, t) for t in about[1:]):
                continue
            if context is not None and not self.mentions(u, context) and not (
                    self.in_passage(u, context) and not self.rivals(u, context)):
                continue
            if u.past:
                continue        # "had won by 1,65,265 in the 2019 polls": another election's figure
            value = reader(u, about[0]) if reader else self.owned(u, about[0], kind)
            if value is None or value in skip:
                continue
            claims.append((value, u))
        if not claims:
            return None
        return _vote(claims, want_interim, round_no, grows=kind == "votes", rounded=kind in ("margin", "votes"))

    def statement(self, units: list[Unit], about: list[Target], need: Callable[[Unit], bool],
                  bonus: Callable[[Unit], float], want_interim: bool | None = False) -> Found | None:
        """The best unit naming every target and satisfying `need`: final before interim, then a
        stated figure, the more words of the question, the better retrieved passage."""
        best, best_key = None, None
        for u in units:
            if u.past or not need(u) or not all(self.mentions(u, t) for t in about):
                continue
            if any(t.kind == "seat" and self.rivals(u, t) for t in about):
                continue        # a result stated beside another seat's name may be that seat's
            interim = u.interim
            if want_interim is False and interim and not u.result:
                continue
            key = ((interim == bool(want_interim)), u.final, any("margin" in n.kinds for n in u.numbers),
                   bonus(u), not u.pair, -u.rank, u.hit.published or "")
            if best_key is None or key > best_key:
                best, best_key = u, key
        if best is None:
            return None
        return Found(best, interim=best.interim)


def same_count(a: Unit, b: Unit) -> bool:
    """Whether two reports can be of one count: published within COUNT_DAYS (or either undated)."""
    da, db = day_of(a.hit.published), day_of(b.hit.published)
    return da is None or db is None or abs((da - db).days) <= COUNT_DAYS


def of_count(units: list[Unit], held: str | None) -> list[Unit]:
    """The units that can report the count of an election held on `held`: not published more than
    COUNT_DAYS before it (a June bypoll's report is not about November's general election)."""
    start = day_of(held)
    if start is None:
        return units
    return [u for u in units if (d := day_of(u.hit.published)) is None or (start - d).days <= COUNT_DAYS]


def day_of(published: str | None) -> date | None:
    """The date of an ISO date string's first ten characters, or None (a year alone, nothing)."""
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def _approx(value: int, unit: Unit) -> bool:
    """Whether the unit states `value` only roughly ("more than", "about", "nearly")."""
    return any(n.value == value and n.approx for n in unit.numbers)


def _vote(claims: list[tuple[int, Unit]], want_interim: bool | None, round_no: int | None,
          grows: bool = False, rounded: bool = False) -> Found | None:
    finals = [(v, u) for v, u in claims if not u.interim]
    leads = [(v, u) for v, u in claims if u.interim]
    if want_interim:
        pool = leads
        if round_no is not None:
            pool = [(v, u) for v, u in leads if round_no in u.rounds] or []
    else:
        pool = finals or leads
    if not pool:
        return None
    # a rounded figure ("more than 39,700") supports the exact one it rounds (39,791), not a rival of it
    exact = {v for v, u in pool if not _approx(v, u)}
    by_value: dict[int, list[Unit]] = {}
    for v, u in pool:
        # ("by 13,000 votes" beside "13,510" too: the same figure, rounded; index/rounding.py)
        qualified = _approx(v, u)
        if rounded or qualified:
            v = absorbed_by(v, exact, qualified) or v
        by_value.setdefault(v, []).append(u)

    def weight(item: tuple[int, list[Unit]]) -> tuple:
        value, us = item
        articles = {u.hit.article_id for u in us}
        if grows:
            # a candidate's count only grows while votes are counted: the largest is the latest report
            return (value, len(articles))
        return (len(articles), max(u.final for u in us), max(u.hit.published or "" for u in us),
                -min(u.rank for u in us))

    ranked = sorted(by_value.items(), key=weight, reverse=True)
    value, units = ranked[0]
    units.sort(key=lambda u: (u.pair, not u.final, u.rank))
    units = list({u.hit.article_id: u for u in reversed(units)}.values())[::-1]   # one per article
    interim = units[0].interim
    others = []
    if not interim:
        # another report of the same count, not of an earlier one (a bypoll months before)
        for v, us in [(v, kept) for v, us in ranked[1:] if (kept := [u for u in us if same_count(u, units[0])])][:2]:
            us.sort(key=lambda u: (u.pair, u.rank))
            others.append((v, us[0]))
    return Found(units[0], value, interim, others, units[1:])


def _same_word(want: frozenset[str], have: frozenset[str], loose: bool = False, shortest: int = 4) -> bool:
    """The same word by sound key, or when `loose` by its consonants (vowels are what Hindi and
    English spellings of a name differ in most: बरहेट, Barhait)."""
    if want & have:
        return True
    if not loose:
        return False
    for a in want:
        if not a.isascii() or len(sk := _skeleton(a)) < shortest:
            continue
        if any(b.isascii() and b[0] == a[0] and _skeleton(b) == sk for b in have):
            return True
    return False


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]+", "", word)
