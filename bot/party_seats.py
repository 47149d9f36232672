"""Seats a party won and by how many votes, from articles, when no results table answers
("Which seat did the AJSU win, and by how many votes?" with only articles ingested).

A seat counts as the party's win where
- one sentence names the party, then a win word, exactly one seat (of the state asked) and the
  seat's margin ("AJSU's Nirmal Mahto won Mandu by 231 votes"); or
- one sentence names the party, a win word and a margin but no seat ("AJSU ... won only one and
  that with a wafer-thin margin of 231 votes"), and another sentence of the same article names
  exactly one seat with a win word and that same margin, stated or as the difference of the two
  counts it gives ("In Mandu, Nirmal Mahto defeated ... He polled 90,871 votes, while Patel got
  90,640 votes"): two sentences of one article agreeing on one figure.
A loss word before the win word ("X of the AJSU lost to ...") makes it no win of the party. Win
and loss words live in data/lexicon/evidence.toml (win, loss).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.evidence import Reader, Target, Unit


@dataclass(frozen=True)
class SeatWin:
    seat: int
    margin: int
    units: tuple[Unit, ...]                 # the sentences quoted
    counts: tuple[int, int] | None = None   # the two counts whose difference is the margin


@dataclass(frozen=True)
class WinCues:
    win: re.Pattern[str] | None
    loss: re.Pattern[str] | None
    beaten_between: re.Pattern[str] | None = None

    @classmethod
    def of(cls, reader: Reader) -> WinCues:
        c = reader.cues
        return cls(c.win[0] if c.win else None, c.loss[0] if c.loss else None,
                   c.beaten_between[0] if c.beaten_between else None)


def _win_after(u: Unit, start: int, cues: WinCues, end: int | None = None) -> int | None:
    """Where the first win word after `start` ends, when no loss word comes before it and nothing
    between the name ending at `end` and the win word makes the name's candidate the one beaten."""
    if cues.win is None:
        return None
    m = cues.win.search(u.low, start)
    if m is None:
        return None
    if cues.loss is not None and cues.loss.search(u.low[:m.start()], start):
        return None
    if end is not None and cues.beaten_between is not None and cues.beaten_between.search(u.low[end:m.start()]):
        return None
    return m.end()


def _seats(reader: Reader, u: Unit, seat_ok: Callable[[int], bool]) -> set[int]:
    """The seats the unit names, one per name: a name of two seats (Palghar the assembly seat
    and the Lok Sabha seat) is one seat named, answered by its name (the first of them)."""
    spans: dict[tuple[int, int], list[int]] = {}
    for kind, ref, start, end in reader.names_in(u.nfc):
        if kind != "constituency" or not ref.isdigit():
            continue
        if reader.cues.any(reader.cues.not_seat_after, u.low[end:end + 20]):
            continue        # "Giridih district": a place
        if seat_ok(int(ref)):
            spans.setdefault((start, end), []).append(int(ref))
    out = set()
    for refs in spans.values():
        names = {reader.linker.display("constituency", str(r)).get("name_en") for r in refs}
        if len(names) == 1:
            out.add(min(refs))
        else:
            out.update(refs)
    return out


def _seat_margin(reader: Reader, u: Unit, seat: Target) -> tuple[int, tuple[int, int] | None] | None:
    """The seat's margin the unit states, else the difference of the only two counts it gives."""
    stated = reader.owned(u, seat, "margin")
    if stated is not None:
        return stated, None
    votes = [n.value for n in u.numbers if "votes" in n.kinds]
    if len(votes) == 2 and votes[0] != votes[1]:
        hi, lo = max(votes), min(votes)
        return hi - lo, (hi, lo)
    return None


def seats_won(reader: Reader, units: list[Unit], party: Target, cues: WinCues,
              seat_target: Callable[[int], Target], seat_ok: Callable[[int], bool]) -> list[SeatWin]:
    """The seats the articles say the party won, each with its margin and sentences."""
    found: dict[int, SeatWin] = {}
    by_article: dict[int, list[Unit]] = {}
    for u in units:
        if not (u.past or u.interim):
            by_article.setdefault(u.hit.article_id, []).append(u)
    for article_units in by_article.values():
        for u in article_units:
            if u.pair:
                continue
            spans = reader.mentions(u, party)
            rivals = reader.rivals(u, party)
            if not spans:
                continue
            win = _win_after(u, spans[0][0], cues, spans[0][1])
            if win is None or any(r0 < spans[0][0] for r0, _ in rivals):
                continue    # another party named first: the win may be theirs
            seats = _seats(reader, u, seat_ok)
            if len(seats) == 1:
                seat = next(iter(seats))
                got = _seat_margin(reader, u, seat_target(seat))
                if got is not None and seat not in found:
                    found[seat] = SeatWin(seat, got[0], (u,), got[1])
                continue
            if seats:
                continue
            margins = [n.value for n in u.numbers if "margin" in n.kinds and n.start >= win]
            if not margins:
                continue
            margin = margins[0]
            for other in article_units:
                if other is u or (other.pair and u.text in other.text):
                    continue
                there = _seats(reader, other, seat_ok)
                if len(there) != 1 or _win_after(other, 0, cues) is None:
                    continue
                seat = next(iter(there))
                got = _seat_margin(reader, other, seat_target(seat))
                if got is not None and got[0] == margin and seat not in found:
                    found[seat] = SeatWin(seat, margin, (u, other), got[1])
                    break
    return list(found.values())
