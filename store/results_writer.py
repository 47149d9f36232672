"""The one writer of structured results: elections, constituencies, contests, results, their
provenance, and reported seat tallies. Every producer (the results-file importer, the curated
loader, the article extractor, the live results feed) hands it typed rows; it upserts them.

    from store.results_writer import Election, Provenance, ResultRow, ResultsWriter, Batch

    writer = ResultsWriter(db)
    with writer.transaction():                       # BEGIN IMMEDIATE ... COMMIT (or use yours)
        eid = writer.election(Election("ls-2024", "2024 Lok Sabha election", year=2024, kind="general",
                                       house="lok_sabha"))
        cid = writer.contest(eid, constituency_id)
        report = writer.replace(Batch(origin="imported", import_file="ls2024.csv"), [
            ResultRow(contest_id=cid, candidate="Rahul Gandhi", party_raw="INC", party_id=3, votes=687649,
                      position=1, status="won", margin=364422, origin="imported", method="import:electionlens",
                      import_file="ls2024.csv", sources=(Provenance(source="ls2024.csv", line=812),)),
        ])

A **batch** names the rows one producer owns at one time (a results file's rows; the curated
rows of some elections; a live page's rows): `replace(batch, rows)` makes the store hold exactly
`rows` for that batch. A row whose contest, candidate and party match a row already in the batch
updates that row in place (its id stays: follows and caches keyed by id keep working) and is left
untouched when nothing changed; rows no longer given are removed with their provenance. `add(rows)`
only inserts (the extractor, which clears an article's rows itself).

Interim and final rows: `status` is 'leading'/'trailing' while counting goes on (give
`rounds_counted` and `as_of`), 'won'/'lost' once declared. Readers prefer final rows to interim
ones (bot/lookup.py), so a producer may keep both in separate batches, or update one batch.

Methods run inside the caller's transaction and never commit, except `transaction()`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlite_utils

STATUSES = ("won", "lost", "leading", "trailing")
ORIGINS = ("curated", "imported", "extracted")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Election:
    key: str                      # ls-2024, ls-bypolls-2019, maharashtra-2024, 2018-05-bypolls
    name_en: str
    year: int
    kind: str                     # general, bye
    house: str | None             # assembly, lok_sabha, mixed
    name_hi: str | None = None
    date: str | None = None       # YYYY-MM-DD or YYYY-MM
    state: str | None = None      # states.name_en; None for national / multi-state rounds


@dataclass(frozen=True)
class Provenance:
    """What states a row: an article sentence (article_id, passage_id, quote) or a results file
    or page (source = its name or URL, line = the row in it)."""

    source: str
    line: int | None = None
    quote: str | None = None
    article_id: int | None = None
    passage_id: int | None = None
    field: str | None = None      # the part of the row the quote states, if one


@dataclass(frozen=True)
class ResultRow:
    contest_id: int
    candidate: str
    status: str                   # won, lost (final); leading, trailing (interim)
    party_id: int | None = None
    party_raw: str | None = None  # the party as the source wrote it
    candidate_hi: str | None = None
    votes: int | None = None
    votes_qualifier: str = ""
    position: int | None = None
    margin: int | None = None
    margin_qualifier: str = ""
    rounds_counted: int | None = None
    as_of: str | None = None
    origin: str = "imported"
    confidence: float = 1.0
    method: str | None = None
    review: str = "accepted"
    import_file: str | None = None
    sex: str | None = None        # F, M; None when the source does not say
    deposit_lost: int | None = None
    rounds_total: int | None = None   # live pages: "round 12 of 20" is rounds_counted 12 of 20
    sources: tuple[Provenance, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"result status {self.status!r}: use one of {', '.join(STATUSES)}")
        if self.origin not in ORIGINS:
            raise ValueError(f"result origin {self.origin!r}: use one of {', '.join(ORIGINS)}")


@dataclass(frozen=True)
class Tally:
    election_id: int
    party: str                    # a party abbr, an alliance or a group label
    seats: int
    seats_of: int | None = None
    seats_qualifier: str = ""
    as_of: str | None = None
    origin: str = "curated"
    sources: tuple[Provenance, ...] = ()
    status: str | None = None     # won or leading (live party-wise pages); None: seats won, as a report states them


@dataclass(frozen=True)
class Batch:
    """The rows one producer owns: by origin, and by file (import_file) and/or elections."""

    origin: str
    import_file: str | None = None
    election_ids: tuple[int, ...] | None = None


@dataclass
class WriteReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    ids: list[int] = field(default_factory=list)   # ids of the rows given, in order

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.removed)


_VALUE_COLUMNS = ("contest_id", "candidate", "candidate_hi", "party_id", "party_raw", "votes", "votes_qualifier",
                  "position", "status", "margin", "margin_qualifier", "rounds_counted", "as_of", "origin",
                  "confidence", "method", "review", "import_file", "sex", "deposit_lost", "rounds_total")


def _values(row: ResultRow) -> tuple:
    return tuple(getattr(row, c) for c in _VALUE_COLUMNS)


def _identity(contest_id: int, candidate: str | None, party_raw: str | None) -> tuple[int, str, str]:
    return contest_id, " ".join((candidate or "").casefold().split()), " ".join((party_raw or "").casefold().split())


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


class ResultsWriter:
    """Writes through one connection, caching ids it looked up; one per job."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.conn = db.conn
        self._elections: dict[str, int] = {}
        self._contests: dict[tuple[int, int], int] = {}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; ids are allocated inside, so no other writer may interleave."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            yield

    # -- elections, constituencies, contests ------------------------------------------------
    def election(self, e: Election, update: bool = False) -> int:
        """The election's id, inserting it when new; `update` rewrites its names, date and kind."""
        if e.key in self._elections and not update:
            return self._elections[e.key]
        values = [e.key, e.name_en, e.name_hi, e.date, e.year, e.kind, e.house, e.state]
        if update:
            self.conn.execute(
                "INSERT INTO elections (key, name_en, name_hi, date, year, kind, house, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name_en = excluded.name_en, "
                "name_hi = excluded.name_hi, date = excluded.date, year = excluded.year, kind = excluded.kind, "
                "house = excluded.house, state = excluded.state", values)
        else:
            self.conn.execute("INSERT OR IGNORE INTO elections (key, name_en, name_hi, date, year, kind, house, state) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
        self._elections[e.key] = self.conn.execute("SELECT id FROM elections WHERE key = ?", [e.key]).fetchone()[0]
        return self._elections[e.key]

    def constituency(self, name_en: str, state: str | None, house: str, reserved: str | None = None,
                     origin: str = "import", name_hi: str | None = None) -> dict:
        """The constituency row with exactly this name, state and house, created when missing."""
        self.conn.execute("INSERT OR IGNORE INTO constituencies (name_en, name_hi, state, house, reserved, origin) "
                          "VALUES (?, ?, ?, ?, ?, ?)", [name_en, name_hi, state, house, reserved, origin])
        cur = self.conn.execute("SELECT * FROM constituencies WHERE name_en = ? AND state IS ? AND house = ?",
                                [name_en, state, house])
        cols = [d[0] for d in cur.description]
        return dict(zip(cols, cur.fetchone(), strict=True))

    def contest(self, election_id: int, constituency_id: int) -> int:
        key = (election_id, constituency_id)
        if key not in self._contests:
            self.conn.execute("INSERT OR IGNORE INTO contests (election_id, constituency_id) VALUES (?, ?)", key)
            self._contests[key] = self.conn.execute(
                "SELECT id FROM contests WHERE election_id = ? AND constituency_id = ?", key).fetchone()[0]
        return self._contests[key]

    def seat_details(self, details: dict[int, tuple[str | None, int | None, str | None]]) -> None:
        """A contest's delimitation, seat number and reservation as its results file gives them
        (contest id -> (delimitation, number, reserved)); a value the file leaves out is kept."""
        self.conn.executemany(
            "UPDATE contests SET delimitation = COALESCE(?, delimitation), seat_number = COALESCE(?, seat_number), "
            "reserved = COALESCE(?, reserved) WHERE id = ?",
            [(*values, cid) for cid, values in details.items() if any(v is not None for v in values)])

    def reason(self, contest_id: int, reason: str | None, detail: str | None, detail_hi: str | None,
               sources: Iterable[Provenance] = ()) -> None:
        """Why a bypoll was held, with the sentences stating it."""
        self.conn.execute("UPDATE contests SET reason = ?, reason_detail = ?, reason_detail_hi = ? WHERE id = ?",
                          [reason, detail, detail_hi, contest_id])
        self._provenance("contests", [(contest_id, tuple(sources))], dedupe=True)

    # -- results ----------------------------------------------------------------------------
    def batch_ids(self, batch: Batch) -> list[int]:
        sql, args = "SELECT id FROM results WHERE origin = ?", [batch.origin]
        if batch.import_file is not None:
            sql += " AND import_file = ?"
            args.append(batch.import_file)
        if batch.election_ids is not None:
            if not batch.election_ids:
                return []
            sql += (f" AND contest_id IN (SELECT id FROM contests WHERE election_id IN "
                    f"({','.join('?' * len(batch.election_ids))}))")
            args += list(batch.election_ids)
        return [r[0] for r in self.conn.execute(sql, args)]

    def replace(self, batch: Batch, rows: Iterable[ResultRow]) -> WriteReport:
        """Make the batch hold exactly `rows` (see the module doc): upsert, keep ids, remove the rest."""
        rows = list(rows)
        report = WriteReport()
        old_ids = self.batch_ids(batch)
        existing: dict[tuple[int, str, str], list[tuple[int, tuple]]] = {}
        for i in range(0, len(old_ids), 900):
            chunk = old_ids[i: i + 900]
            for rid, *values in self.conn.execute(
                    f"SELECT id, {', '.join(_VALUE_COLUMNS)} FROM results WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk):
                ident = _identity(values[0], values[1], values[4])
                existing.setdefault(ident, []).append((rid, tuple(values)))
        old_sources = self._sources_of(old_ids)
        to_insert: list[tuple[int, ResultRow]] = []
        updates: list[tuple] = []
        provenance_redo: list[tuple[int, tuple[Provenance, ...]]] = []
        keep: set[int] = set()
        for n, row in enumerate(rows):
            match = existing.get(_identity(row.contest_id, row.candidate, row.party_raw))
            if match:
                rid, values = match.pop(0)
                keep.add(rid)
                report.ids.append(rid)
                if values == _values(row) and old_sources.get(rid, ()) == _source_key(row.sources):
                    report.unchanged += 1
                    continue
                updates.append((*_values(row), rid))
                provenance_redo.append((rid, row.sources))
                report.updated += 1
            else:
                report.ids.append(-1)
                to_insert.append((n, row))
        gone = [rid for rid in old_ids if rid not in keep]
        self._delete(gone)
        report.removed = len(gone)
        if updates:
            sets = ", ".join(f"{c} = ?" for c in _VALUE_COLUMNS)
            self.conn.executemany(f"UPDATE results SET {sets} WHERE id = ?", updates)
            changed = [rid for rid, _ in provenance_redo]
            self.conn.executemany("DELETE FROM provenance WHERE row_table = 'results' AND row_id = ?",
                                  [(r,) for r in changed])
            self._provenance("results", provenance_redo)
        new_ids = self._insert([row for _, row in to_insert])
        for (n, _), rid in zip(to_insert, new_ids, strict=True):
            report.ids[n] = rid
        report.inserted = len(new_ids)
        return report

    def add(self, rows: Iterable[ResultRow]) -> list[int]:
        """Insert rows (no upsert); return their ids."""
        return self._insert(list(rows))

    def delete(self, result_ids: Iterable[int]) -> int:
        ids = list(result_ids)
        self._delete(ids)
        return len(ids)

    def _insert(self, rows: list[ResultRow]) -> list[int]:
        if not rows:
            return []
        next_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM results").fetchone()[0] + 1
        ids = list(range(next_id, next_id + len(rows)))
        marks = ", ".join("?" * (len(_VALUE_COLUMNS) + 1))
        self.conn.executemany(f"INSERT INTO results (id, {', '.join(_VALUE_COLUMNS)}) VALUES ({marks})",
                              [(rid, *_values(row)) for rid, row in zip(ids, rows, strict=True)])
        self._provenance("results", [(rid, row.sources) for rid, row in zip(ids, rows, strict=True)])
        return ids

    def _delete(self, ids: list[int]) -> None:
        if not ids:
            return
        self.conn.executemany("DELETE FROM provenance WHERE row_table = 'results' AND row_id = ?", [(i,) for i in ids])
        self.conn.executemany("DELETE FROM results WHERE id = ?", [(i,) for i in ids])

    def _sources_of(self, ids: list[int]) -> dict[int, tuple]:
        found: dict[int, list] = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i: i + 900]
            for rid, *values in self.conn.execute(
                    "SELECT row_id, source, line, quote, article_id, passage_id, field FROM provenance "
                    f"WHERE row_table = 'results' AND row_id IN ({','.join('?' * len(chunk))}) ORDER BY id", chunk):
                found.setdefault(rid, []).append(tuple(values))
        return {rid: tuple(v) for rid, v in found.items()}

    def _provenance(self, table: str, items: list[tuple[int, tuple[Provenance, ...]]], dedupe: bool = False) -> None:
        rows = [(table, rid, p.field, p.article_id, p.passage_id, p.source, p.quote, p.line)
                for rid, sources in items for p in sources]
        if dedupe:
            rows = [r for r in rows if self.conn.execute(
                "SELECT 1 FROM provenance WHERE row_table = ? AND row_id = ? AND field IS ? AND source = ? "
                "AND quote IS ?", [r[0], r[1], r[2], r[5], r[6]]).fetchone() is None]
        self.conn.executemany(
            "INSERT INTO provenance (row_table, row_id, field, article_id, passage_id, source, quote, line) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    # -- tallies ----------------------------------------------------------------------------
    def replace_tallies(self, origin: str, election_ids: Iterable[int], tallies: Iterable[Tally]) -> int:
        """Make the elections' tallies of `origin` exactly `tallies`; returns how many were written."""
        ids = list(election_ids)
        if ids:
            old = [r[0] for r in self.conn.execute(
                f"SELECT id FROM tallies WHERE origin = ? AND election_id IN ({','.join('?' * len(ids))})",
                [origin, *ids])]
            self.conn.executemany("DELETE FROM provenance WHERE row_table = 'tallies' AND row_id = ?",
                                  [(i,) for i in old])
            self.conn.executemany("DELETE FROM tallies WHERE id = ?", [(i,) for i in old])
        n = 0
        for t in tallies:
            cur = self.conn.execute(
                "INSERT INTO tallies (election_id, party, seats, seats_of, seats_qualifier, as_of, origin, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [t.election_id, t.party, t.seats, t.seats_of, t.seats_qualifier,
                                                    t.as_of, t.origin, t.status or "won"])
            self._provenance("tallies", [(cur.lastrowid, t.sources)])
            n += 1
        return n


def _source_key(sources: tuple[Provenance, ...]) -> tuple:
    return tuple((p.source, p.line, p.quote, p.article_id, p.passage_id, p.field) for p in sources)
