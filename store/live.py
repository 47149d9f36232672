"""Counting day: the Election Commission's pages (store/eci_pages.py) written into the store.

A seat read from a page becomes one snapshot: result rows (origin 'imported', method
'eci-live:<page kind>') with status leading/trailing while counting goes on and won/lost once
declared, the round and total rounds, the page's "Last Updated" time as `as_of`, and the page
URL (with the seat number as fragment) as provenance, quoting what the page says. The newest
snapshot of a page for a seat replaces that page's earlier snapshot of the seat; rows from other
pages and other sources are never touched, and a page that could not be read writes nothing.
Party-wise pages become `tallies` rows (origin 'eci-live', status won / leading).

Result rows go through `write_contest`, the one place that calls the results writer (today the
importer's `_write`; switch it there when the shared writer lands).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from store import importer
from store.eci_pages import CandidatePage, Election, PartywisePage, SeatRow, StatewisePage
from store.gazetteer import GazetteerIndex

LIVE_METHOD = "eci-live"
LIVE_ORIGIN = "eci-live"          # tallies.origin of party-wise counts
PUBLISHER = "Election Commission of India"
# A candidate-wise page lists every candidate with votes: at the same time it outranks the
# state-wise list's two names (bot.lookup.rank ends with the confidence).
CONFIDENCE = {"candidates": 1.0, "statewise": 0.95}


@dataclass(frozen=True)
class LiveRow:
    candidate: str
    party: str
    votes: int | None
    position: int | None
    status: str                   # won, lost, leading, trailing
    margin: int | None            # on the winner's or leader's row only


@dataclass(frozen=True)
class Snapshot:
    """One seat as one page shows it at one time."""

    source: str                   # page URL + "#<seat number>": the provenance and the replace key
    kind: str                     # candidates or statewise
    election_key: str
    state: str | None
    house: str
    constituency: str
    rows: tuple[LiveRow, ...]
    round: int | None
    rounds_total: int | None
    as_of: str | None
    quote: str                    # what the page says, for the citation

    def signature(self) -> tuple:
        return (self.rows, self.round, self.rounds_total, self.as_of)


def election_key(election: Election, state: str | None, gaz: GazetteerIndex) -> str:
    """The project's key for the page's election: `<state>-YYYY` for an assembly general election,
    `ls-YYYY` for the Lok Sabha, `<state>-bypolls-YYYY` / `ls-bypolls-YYYY` for bye-elections."""
    if election.year is None:
        raise ValueError(f"the page title {election.title!r} gives no year")
    return importer.make_election_key(election.house, election.year, election.bye, gaz.state(state) or state)


def tally_election_key(election: Election, state: str | None, gaz: GazetteerIndex) -> str:
    """Party-wise pages count one state: a Lok Sabha state's counts go to `ls-YYYY-<state>`
    (tallies have no state column; see data/results/README.md)."""
    key = election_key(election, state, gaz)
    if election.house == "lok_sabha" and state:
        key = f"{key}-{importer.slug(gaz.state(state) or state)}"
    return key


def from_candidates(page: CandidatePage, gaz: GazetteerIndex, party_abbr: dict[str, str] | None = None) -> Snapshot | None:
    """A candidate-wise page as a snapshot; None when no candidate has a trend yet."""
    abbr = party_abbr or {}
    people = [c for c in page.candidates if not c.nota]
    if not any(c.status in ("won", "leading") for c in people):
        return None
    ordered = sorted(people, key=lambda c: (c.status not in ("won", "leading"), -(c.votes or 0)))
    top_final = ordered[0].status == "won"
    rows = []
    for n, c in enumerate(ordered, 1):
        status = c.status or ("lost" if top_final else "trailing")
        if n > 1 and status in ("won", "leading"):
            status = "lost" if top_final else "trailing"     # one winner or leader a seat
        rows.append(LiveRow(importer._title(c.name), abbr.get(c.party, c.party), c.votes, n, status,
                            c.margin if n == 1 and c.margin and c.margin > 0 else None))
    top = ordered[0]
    rnd = f"; Status of EVM Round: {page.round}/{page.rounds_total}" if page.round else ""
    quote = (f"{page.number} - {page.constituency} ({page.state}): {top.name} ({top.party}) {top.status} "
             f"{top.votes if top.votes is not None else ''}"
             + (f" (+ {top.margin})" if top.margin and top.margin > 0 else "") + rnd
             + (f"; Last Updated {page.as_of}" if page.as_of else ""))
    return Snapshot(source=f"{page.url}#{page.number}", kind="candidates",
                    election_key=election_key(page.election, page.state, gaz), state=gaz.state(page.state) or page.state,
                    house=page.election.house, constituency=page.constituency, rows=tuple(rows), round=page.round,
                    rounds_total=page.rounds_total, as_of=page.as_of, quote=" ".join(quote.split()))


def from_statewise(page: StatewisePage, gaz: GazetteerIndex,
                   party_abbr: dict[str, str] | None = None) -> list[Snapshot]:
    abbr = party_abbr or {}
    out = []
    for row in page.rows:
        out.append(_seat_row(page, row, gaz, abbr))
    return out


def _seat_row(page: StatewisePage, row: SeatRow, gaz: GazetteerIndex, abbr: dict[str, str]) -> Snapshot:
    won, lost = ("won", "lost") if row.declared else ("leading", "trailing")
    rows = [LiveRow(importer._title(row.leader), abbr.get(row.leader_party, row.leader_party), None, 1, won, row.margin)]
    if row.trailer:
        rows.append(LiveRow(importer._title(row.trailer), abbr.get(row.trailer_party, row.trailer_party), None, 2, lost, None))
    rnd = f"; Round {row.round}/{row.rounds_total}" if row.round else ""
    quote = (f"{row.constituency} ({row.number}): leading {row.leader} ({row.leader_party}), trailing {row.trailer} "
             f"({row.trailer_party}), margin {row.margin}{rnd}; "
             f"{'Result Declared' if row.declared else 'Result in Progress'}"
             + (f"; Last Updated {page.as_of}" if page.as_of else ""))
    return Snapshot(source=f"{page.url}#{row.number}", kind="statewise",
                    election_key=election_key(page.election, page.state, gaz), state=gaz.state(page.state) or page.state,
                    house=page.election.house, constituency=row.constituency, rows=tuple(rows), round=row.round,
                    rounds_total=row.rounds_total, as_of=page.as_of, quote=quote)


def write_contest(db: sqlite_utils.Database, gaz: GazetteerIndex, snap: Snapshot) -> int:
    """Write one seat's snapshot through the results writer (replacing this page's earlier snapshot
    of the seat), then the live fields the writer does not take yet. Returns rows written."""
    kept = []
    for n, r in enumerate(snap.rows, 1):
        row = importer._Row(line=n, election=snap.election_key, state=snap.state, constituency=snap.constituency,
                            house=snap.house, candidate=r.candidate, party=r.party, votes=r.votes,
                            position=r.position, margin=r.margin, reserved=None)
        kept.append((row, r.position, r.status, r.margin))
    report = importer.ImportReport(file=snap.source, layout=LIVE_METHOD)
    importer._write(db, gaz, snap.source, f"{LIVE_METHOD}:{snap.kind}", kept, report)
    with db.conn:
        db.execute("UPDATE results SET as_of = ?, rounds_counted = ?, rounds_total = ?, confidence = ? "
                   "WHERE origin = 'imported' AND import_file = ?",
                   [snap.as_of, snap.round, snap.rounds_total, CONFIDENCE.get(snap.kind, 1.0), snap.source])
        db.execute("UPDATE provenance SET quote = ? WHERE row_table = 'results' AND row_id IN "
                   "(SELECT id FROM results WHERE origin = 'imported' AND import_file = ?)", [snap.quote, snap.source])
        if snap.as_of:    # the counting day dates the election (for "the newest election")
            db.execute("UPDATE elections SET date = ? WHERE key = ? AND date IS NULL",
                       [snap.as_of[:10], snap.election_key])
    return report.imported


def _election_id(db: sqlite_utils.Database, key: str, house: str, state: str | None, as_of: str | None) -> int:
    found = db.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()
    if found:
        return int(found[0])
    state_hi = {r["name_en"]: r["name_hi"] for r in db.query("SELECT name_en, name_hi FROM states")}
    row = importer._Row(0, key, state, "", house, "", "", None, None, None, None)
    values = importer._new_election(key, row, state_hi)
    db.execute("INSERT INTO elections (key, name_en, name_hi, date, year, kind, house, state) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [*values[:3], as_of[:10] if as_of else None, *values[3:]])
    return int(db.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()[0])


def write_tallies(db: sqlite_utils.Database, gaz: GazetteerIndex, page: PartywisePage) -> int:
    """A party-wise page as tally rows (won and leading per party), replacing the election's earlier
    live tallies in one transaction. Returns the number of parties written."""
    state = gaz.state(page.state) or page.state
    key = tally_election_key(page.election, page.state, gaz)
    with db.conn:
        db.conn.execute("BEGIN IMMEDIATE")
        eid = _election_id(db, key, page.election.house, state, page.as_of)
        if page.as_of:
            db.execute("UPDATE elections SET date = ? WHERE id = ? AND date IS NULL", [page.as_of[:10], eid])
        old = [r[0] for r in db.execute("SELECT id FROM tallies WHERE election_id = ? AND origin = ?", [eid, LIVE_ORIGIN])]
        db.conn.executemany("DELETE FROM provenance WHERE row_table = 'tallies' AND row_id = ?", [(i,) for i in old])
        db.conn.executemany("DELETE FROM tallies WHERE id = ?", [(i,) for i in old])
        for p in page.parties:
            quote = (f"{page.state}: {p.name} - {p.abbr}: Won {p.won}, Leading {p.leading}, Total {p.total}"
                     + (f"; Last Updated {page.as_of}" if page.as_of else ""))
            for status, seats in (("won", p.won), ("leading", p.leading)):
                cur = db.execute("INSERT INTO tallies (election_id, party, seats, seats_of, seats_qualifier, as_of, "
                                 "origin, status) VALUES (?, ?, ?, ?, '', ?, ?, ?)",
                                 [eid, p.abbr, seats, page.seats, page.as_of, LIVE_ORIGIN, status])
                db.execute("INSERT INTO provenance (row_table, row_id, field, source, quote) "
                           "VALUES ('tallies', ?, 'seats', ?, ?)", [cur.lastrowid, page.url, quote])
    return len(page.parties)
