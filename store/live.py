"""Counting day: the Election Commission's pages (store/eci_pages.py) written into the store.

A seat read from a page becomes one snapshot: result rows (origin 'imported', method
'eci-live:<page kind>') with status leading/trailing while counting goes on and won/lost once
declared, the round and total rounds, the page's "Last Updated" time as `as_of`, and the page
URL (with the seat number as fragment) as provenance, quoting what the page says. The newest
snapshot of a page for a seat replaces that page's earlier snapshot of the seat; rows from other
pages and other sources are never touched, and a page that could not be read writes nothing.
Party-wise pages become `tallies` rows (origin 'eci-live', status won / leading).

Rows and tallies go through the one results writer (store/results_writer.py): a seat's rows from one
page are one batch (import_file = page URL + "#<seat number>"), so a candidate keeps its row id from
round to round.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils

from store import importer
from store.eci_pages import CandidatePage, PartywisePage, SeatRow, StatewisePage
from store.eci_pages import Election as PageElection
from store.gazetteer import GazetteerIndex
from store.results_writer import Batch, Election, Provenance, ResultRow, ResultsWriter, Tally

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


def election_key(election: PageElection, state: str | None, gaz: GazetteerIndex) -> str:
    """The project's key for the page's election: `<state>-YYYY` for an assembly general election,
    `ls-YYYY` for the Lok Sabha, `<state>-bypolls-YYYY` / `ls-bypolls-YYYY` for bye-elections."""
    if election.year is None:
        raise ValueError(f"the page title {election.title!r} gives no year")
    return importer.make_election_key(election.house, election.year, election.bye, gaz.state(state) or state)


def tally_election_key(election: PageElection, state: str | None, gaz: GazetteerIndex) -> str:
    """Party-wise pages count one state: a Lok Sabha state's counts go to `ls-YYYY-<state>`
    (tallies have no state column; see data/results/README.md)."""
    key = election_key(election, state, gaz)
    if election.house == "lok_sabha" and state:
        key = f"{key}-{importer.slug(gaz.state(state) or state)}"
    return key


def _updated(as_of: str | None) -> str:
    """The page's own footer wording for a quote: "; Last Updated at 04:18 PM On 05/05/2026"."""
    if not as_of or "T" not in as_of:
        return ""
    hour, minute = int(as_of[11:13]), as_of[14:16]
    return (f"; Last Updated at {hour % 12 or 12:02d}:{minute} {'PM' if hour >= 12 else 'AM'} "
            f"On {as_of[8:10]}/{as_of[5:7]}/{as_of[:4]}")


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
             + _updated(page.as_of))
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
             f"{'Result Declared' if row.declared else 'Result in Progress'}" + _updated(page.as_of))
    return Snapshot(source=f"{page.url}#{row.number}", kind="statewise",
                    election_key=election_key(page.election, page.state, gaz), state=gaz.state(page.state) or page.state,
                    house=page.election.house, constituency=row.constituency, rows=tuple(rows), round=row.round,
                    rounds_total=row.rounds_total, as_of=page.as_of, quote=quote)


def write_contest(db: sqlite_utils.Database, gaz: GazetteerIndex, snap: Snapshot) -> int:
    """Write one seat's snapshot through the results writer, in one transaction: the batch of this
    page's rows for the seat becomes exactly the snapshot (ids kept for candidates already there).
    Returns how many rows were inserted, updated or removed."""
    writer = ResultsWriter(db)
    state_hi = {r["name_en"]: r["name_hi"] for r in db.query("SELECT name_en, name_hi FROM states")}
    with writer.transaction():
        eid = writer.election(_election(snap.election_key, snap.house, snap.state, snap.as_of, state_hi))
        if snap.as_of:    # the counting day dates the election (for "the newest election")
            db.conn.execute("UPDATE elections SET date = ? WHERE id = ? AND date IS NULL", [snap.as_of[:10], eid])
        seat = gaz.constituency(snap.constituency, snap.state, snap.house)
        if seat is None:
            seat = writer.constituency(importer._title(snap.constituency), snap.state, snap.house)
            gaz.add_constituency(seat)
        cid = writer.contest(eid, seat["id"])
        rows = []
        for r in snap.rows:
            party = gaz.party(r.party)
            rows.append(ResultRow(
                contest_id=cid, candidate=r.candidate, status=r.status, party_id=party["id"] if party else None,
                party_raw=r.party or None, votes=r.votes, position=r.position, margin=r.margin,
                rounds_counted=snap.round, rounds_total=snap.rounds_total, as_of=snap.as_of, origin="imported",
                confidence=CONFIDENCE.get(snap.kind, 1.0), method=f"{LIVE_METHOD}:{snap.kind}",
                import_file=snap.source, sources=(Provenance(source=snap.source, quote=snap.quote),)))
        report = writer.replace(Batch(origin="imported", import_file=snap.source), rows)
    return report.inserted + report.updated + report.removed


def _election(key: str, house: str, state: str | None, as_of: str | None, state_hi: dict) -> Election:
    row = importer._Row(0, key, state, "", house, "", "", None, None, None, None)
    e = importer._new_election(key, row, state_hi)
    return replace(e, date=e.date or (as_of[:10] if as_of else None))


def write_tallies(db: sqlite_utils.Database, gaz: GazetteerIndex, page: PartywisePage) -> int:
    """A party-wise page as tally rows (won and leading per party), replacing the election's earlier
    live tallies in one transaction. Returns the number of parties written."""
    state = (gaz.state(page.state) or page.state) or None       # None: the national page (index.htm)
    key = tally_election_key(page.election, state, gaz)
    writer = ResultsWriter(db)
    state_hi = {r["name_en"]: r["name_hi"] for r in db.query("SELECT name_en, name_hi FROM states")}
    with writer.transaction():
        election = _election(key, page.election.house, state, page.as_of, state_hi)
        if page.election.house == "lok_sabha" and state:
            # one state's count of a Lok Sabha election: named and placed as data/results names them
            # ("2014 Lok Sabha election in Uttar Pradesh"), so a question naming the state finds it
            base = _election(election_key(page.election, None, gaz), "lok_sabha", None, page.as_of, state_hi)
            hi = state_hi.get(state)
            election = replace(election, name_en=f"{base.name_en} in {state}", state=state,
                               name_hi=f"{base.name_hi} ({hi})" if base.name_hi and hi else None)
        eid = writer.election(election)
        if page.as_of:
            db.conn.execute("UPDATE elections SET date = ? WHERE id = ? AND date IS NULL", [page.as_of[:10], eid])
        tallies = []
        for p in page.parties:
            quote = ((f"{page.state}: " if page.state else "")
                     + f"{p.name} - {p.abbr}: Won {p.won}, Leading {p.leading}, Total {p.total}" + _updated(page.as_of))
            source = (Provenance(source=page.url, quote=quote, field="seats"),)
            # the gazetteer's abbreviation where it knows the party (ECI's AITC is the gazetteer's TMC),
            # so that a question naming the party meets its count
            known = gaz.party(p.name) or gaz.party(p.abbr)
            label = known["abbr"] if known and known.get("abbr") else p.abbr
            tallies += [Tally(eid, label, seats, page.seats, as_of=page.as_of, origin=LIVE_ORIGIN, sources=source,
                              status=status) for status, seats in (("won", p.won), ("leading", p.leading))]
        writer.replace_tallies(LIVE_ORIGIN, [eid], tallies)
    return len(page.parties)
