"""One seat name over several delimitations: which of a seat's contests belong to the same seat.

India's seats were redrawn for the elections of 1967, 1977 and 2009 (TCPD numbers the periods
1-4 in its DelimID column; store/importer.py keeps the value as `contests.delimitation`). A name
that lasts through a redrawing is the same seat, redrawn; a name that disappears for a whole
period and comes back is a new seat that only shares the old one's name (Gurgaon, Haryana:
1967-1976, then again since 2009). A seat's history must never join those two.

Everything is read from the store: a contest whose file gives no delimitation (LS 2024 from
ElectionLens, a live page) belongs to the latest delimitation of its state and house that began
in or before its year; the periods a state had are those its contests were held under.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Period:
    """The contests of one seat under one delimitation."""

    delimitation: str | None
    first: int                   # the seat's first and last election year in it (in the store)
    last: int
    contest_ids: tuple[int, ...]
    numbers: tuple[int, ...]     # the seat's numbers in it, as the files give them
    reserved: tuple[str, ...]    # GEN / SC / ST in it


@dataclass(frozen=True)
class Era:
    """One seat: consecutive delimitation periods under one name."""

    periods: tuple[Period, ...]
    current: bool                # it includes the state's latest delimitation

    @property
    def first(self) -> int:
        return self.periods[0].first

    @property
    def last(self) -> int:
        return self.periods[-1].last

    @property
    def contest_ids(self) -> set[int]:
        return {c for p in self.periods for c in p.contest_ids}

    def holds(self, year: int) -> bool:
        return self.first <= year <= self.last


def state_periods(db: sqlite_utils.Database, state: str | None, house: str) -> list[tuple[str, int]]:
    """The delimitations the state's seats of the house were contested under, with the first
    year of each, oldest first."""
    rows = db.execute(
        "SELECT c.delimitation, MIN(e.year) FROM contests c JOIN elections e ON e.id = c.election_id "
        "JOIN constituencies k ON k.id = c.constituency_id WHERE k.state IS ? AND k.house = ? "
        "AND c.delimitation IS NOT NULL GROUP BY c.delimitation", [state, house]).fetchall()
    return sorted(((d, y) for d, y in rows), key=lambda p: (p[1], p[0]))


def seat_eras(db: sqlite_utils.Database, constituency_id: int, contest_ids: set[int] | None = None,
              periods: Callable[[str | None, str], list[tuple[str, int]]] | None = None) -> list[Era]:
    """The seats a constituency row's name has stood for, oldest first: one era per run of
    consecutive delimitations in which the name has contests (of `contest_ids` when given).
    `periods(state, house)` gives state_periods (a caller may keep them: they change only with
    an import)."""
    seat = db.execute("SELECT state, house FROM constituencies WHERE id = ?", [constituency_id]).fetchone()
    if seat is None:
        return []
    sql = ("SELECT c.id, e.year, c.delimitation, c.seat_number, c.reserved FROM contests c "
           "JOIN elections e ON e.id = c.election_id WHERE ")
    if contest_ids is not None:
        ids = sorted(contest_ids)
        rows = db.execute(sql + f"c.id IN ({','.join('?' * len(ids))}) AND c.constituency_id = ?",
                          [*ids, constituency_id]).fetchall() if ids else []
    else:
        rows = db.execute(sql + "c.constituency_id = ?", [constituency_id]).fetchall()
    if not rows:
        return []
    order = (periods or (lambda state, house: state_periods(db, state, house)))(seat[0], seat[1])
    starts = dict(order)

    def period_of(year: int, given: str | None) -> str | None:
        if given is not None and given in starts:
            return given
        earlier = [d for d, first in order if first <= year]
        return earlier[-1] if earlier else given
    grouped: dict[str | None, list[tuple]] = {}
    for cid, year, given, number, reserved in rows:
        grouped.setdefault(period_of(year, given), []).append((cid, year, number, reserved))
    periods = {d: Period(d, min(r[1] for r in rs), max(r[1] for r in rs), tuple(sorted(r[0] for r in rs)),
                         tuple(sorted({r[2] for r in rs if r[2] is not None})),
                         tuple(sorted({r[3] for r in rs if r[3]})))
               for d, rs in grouped.items()}
    if None in periods or not order:
        # nothing tells the periods apart: one seat
        return [Era(tuple(sorted(periods.values(), key=lambda p: p.first)), True)]
    index = {d: i for i, (d, _) in enumerate(order)}
    present = sorted(periods, key=lambda d: index[d])
    eras: list[list[Period]] = []
    for d in present:
        if eras and index[d] == index[eras[-1][-1].delimitation] + 1:
            eras[-1].append(periods[d])
        else:
            eras.append([periods[d]])      # the name was gone for a whole period: another seat
    latest = order[-1][0]
    return [Era(tuple(ps), ps[-1].delimitation == latest) for ps in eras]
