"""Importing candidate-level results files (TCPD / Lok Dhaba, ElectionLens, thecont1 ECI scrape).

The layout is recognised from the header through LAYOUTS (our field -> the file's column).
Each row becomes one `results` row (origin 'imported', method 'import:<layout>') in a contest of
an election whose key follows the project's conventions:
  Lok Sabha general `ls-YYYY`, Lok Sabha bye-elections `ls-bypolls-YYYY` (TCPD gives no month),
  assembly general `<state-slug>-YYYY`, assembly bye-elections `<state-slug>-bypolls-YYYY`.
Constituencies missing from the gazetteer are created (origin 'import'); parties missing from it
are kept as written in `party_raw` with `party_id` NULL (no party rows are invented from codes).
NOTA rows are skipped; positions are ranks among candidates (NOTA excluded); the margin is kept
on the winner's row only. Re-importing a file (same file name) replaces its earlier rows.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from store.gazetteer import GazetteerIndex

# Our field -> the file's column (header names compared case-insensitively).
# `required` columns identify the layout; the first layout whose required columns are all present wins.
LAYOUTS: dict[str, dict[str, object]] = {
    "tcpd": {
        "required": ("state_name", "year", "constituency_name", "candidate", "party", "votes", "position", "poll_no"),
        "columns": {
            "state": "state_name", "year": "year", "month": "month", "constituency": "constituency_name",
            "candidate": "candidate", "party": "party", "votes": "votes", "position": "position",
            "margin": "margin", "poll_no": "poll_no", "reserved": "constituency_type",
            "election_type": "election_type",
        },
    },
    "electionlens_pc": {
        "required": ("pc_name", "year", "position", "candidate", "party", "votes"),
        "columns": {
            "state": "state", "state_code": "state_code", "year": "year", "constituency": "pc_name",
            "candidate": "candidate", "party": "party", "votes": "votes", "position": "position",
            "margin": "margin", "reserved": "pc_type",
        },
        "house": "lok_sabha",
    },
    "electionlens_ac": {
        "required": ("ac_name", "year", "position", "candidate", "party", "votes"),
        "columns": {
            "state": "state", "state_code": "state_code", "year": "year", "constituency": "ac_name",
            "candidate": "candidate", "party": "party", "votes": "votes", "position": "position",
            "margin": "margin", "reserved": "ac_type",
        },
        "house": "assembly",
    },
    # thecont1/india-votes-data ECI scrape: no year, position or margin (derived from votes).
    "thecont1": {
        "required": ("state", "constituency", "party", "candidate", "votes"),
        "columns": {"state": "state", "constituency": "constituency", "candidate": "candidate",
                    "party": "party", "votes": "votes"},
    },
}
METHOD = {"tcpd": "import:tcpd", "electionlens_pc": "import:electionlens", "electionlens_ac": "import:electionlens",
          "thecont1": "import:thecont1"}
NOTA = {"nota", "none of the above"}
_RESERVED_SUFFIX = re.compile(r"\s*\(\s*(SC|ST|GEN)\s*\)\s*$", re.IGNORECASE)
_KEY = re.compile(r"^(?:(ls)|(?P<state>[a-z0-9-]+?))-(?:(?P<bye>bypolls)-)?(?P<year>\d{4})$")


@dataclass
class ImportReport:
    """What one import did; `problems` lists "file:line: reason" for rows reported (and skipped
    unless the note says kept)."""

    file: str
    layout: str = ""
    rows_read: int = 0
    imported: int = 0
    replaced: int = 0            # rows of an earlier import of the same file, removed
    nota_skipped: int = 0
    elections: list[str] = field(default_factory=list)
    constituencies_created: int = 0
    unlinked_parties: int = 0    # distinct party names kept only as written (not in the gazetteer)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        shown = ", ".join(self.elections[:6]) + (" ..." if len(self.elections) > 6 else "")
        return (f"{self.file} ({self.layout}): {self.imported} results imported from {self.rows_read} rows "
                f"into {len(self.elections)} election(s) [{shown}]; replaced {self.replaced} earlier rows; "
                f"{self.constituencies_created} new constituencies; {self.unlinked_parties} party names not in "
                f"the gazetteer; {self.nota_skipped} NOTA rows skipped; {len(self.problems)} problems")


@dataclass
class _Row:
    line: int
    election: str
    state: str | None
    constituency: str
    house: str
    candidate: str
    party: str
    votes: int | None
    position: int | None
    margin: int | None
    reserved: str | None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_election_key(house: str, year: int, bye: bool, state: str | None) -> str:
    if house == "lok_sabha":
        return f"ls-bypolls-{year}" if bye else f"ls-{year}"
    if not state:
        raise ValueError("an assembly election needs a state")
    return f"{slug(state)}-bypolls-{year}" if bye else f"{slug(state)}-{year}"


def _title(name: str) -> str:
    """UPPER CASE names as Title Case; mixed-case names as written. Spaces and " - " tidied."""
    name = re.sub(r"\s+", " ", name.replace("_", " ")).strip()
    name = re.sub(r"\s*-\s*", "-", name)
    if name.isupper():
        name = " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))
    return name


def _number(text: str | None) -> int | None:
    """'390276.0', '4,81,182', ' 123 ' -> int; '' -> None; anything else raises ValueError."""
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    value = float(text)
    if value != int(value) or value < 0:
        raise ValueError(text)
    return int(value)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name}: not UTF-8 (bad byte at offset {exc.start}); convert the file to UTF-8") from None


def _detect(header: list[str], path: Path) -> tuple[str, dict[str, int]]:
    names = [h.strip().lower() for h in header]
    for layout, spec in LAYOUTS.items():
        if all(c in names for c in spec["required"]):  # type: ignore[union-attr]
            cols = {ours: names.index(theirs) for ours, theirs in spec["columns"].items()  # type: ignore[union-attr]
                    if theirs in names}
            return layout, cols
    known = "; ".join(f"{k}: {', '.join(v['required'])}" for k, v in LAYOUTS.items())  # type: ignore[arg-type]
    raise ValueError(f"{path.name}:1: header {', '.join(header[:12])} matches no known results layout ({known}); "
                     "rename the columns or add the layout to store/importer.py LAYOUTS")


def _year_from_name(path: Path) -> int | None:
    years = set(re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", path.name))
    return int(years.pop()) if len(years) == 1 else None


def import_results_file(db: sqlite_utils.Database, path: Path, election_key: str | None = None) -> ImportReport:
    """Import one results file into the store; see the module doc. Raises ValueError when the
    file as a whole cannot be read (encoding, unknown header, no election); bad rows are
    reported in the returned report's `problems` and skipped."""
    path = Path(path)
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError(f"{path.name}: empty file") from None
    layout, cols = _detect(header, path)
    report = ImportReport(file=path.name, layout=layout)
    gaz = GazetteerIndex.build(db)
    spec = LAYOUTS[layout]
    fixed_house = spec.get("house")
    if layout == "thecont1":
        fixed_house = "assembly" if "assembly" in path.name.lower() else "lok_sabha"
    name_year = _year_from_name(path)

    def cell(values: list[str], ours: str) -> str:
        i = cols.get(ours)
        return values[i].strip() if i is not None and i < len(values) else ""

    rows: list[_Row] = []
    states: dict[str, str | None] = {}   # as written -> gazetteer name (few distinct values)
    unparsed_votes: dict[int, str] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        report.rows_read += 1
        where = f"{path.name}:{line}"
        candidate = " ".join(cell(values, "candidate").split())
        party = " ".join(cell(values, "party").split())
        if candidate.lower() in NOTA or party.lower() in NOTA:
            report.nota_skipped += 1
            continue
        if len(values) < len(header):
            report.problems.append(f"{where}: {len(values)} fields where the header has {len(header)}; row skipped")
            continue
        constituency = _RESERVED_SUFFIX.sub("", cell(values, "constituency"))
        if not constituency:
            report.problems.append(f"{where}: field 'constituency' is empty; row skipped")
            continue
        if not candidate:
            report.problems.append(f"{where}: field 'candidate' is empty; row skipped")
            continue
        state_raw = cell(values, "state") or cell(values, "state_code")
        if state_raw not in states:
            states[state_raw] = gaz.state(state_raw) or (_title(state_raw) if state_raw else None)
        state = states[state_raw]
        house = str(fixed_house or ("assembly" if "assembly" in cell(values, "election_type").lower() else "lok_sabha"))
        try:
            position = _number(cell(values, "position"))
            margin = _number(cell(values, "margin"))
            poll_no = _number(cell(values, "poll_no")) or 0
        except ValueError as exc:
            report.problems.append(f"{where}: position/margin/poll number {exc} is not a whole number; row skipped")
            continue
        try:
            votes = _number(cell(values, "votes"))
        except ValueError:
            votes = None
            unparsed_votes[line] = cell(values, "votes")
        year_text = cell(values, "year")
        if year_text:
            try:
                year = _number(year_text)
            except ValueError:
                report.problems.append(f"{where}: field 'year' is {year_text!r}, not a year; row skipped")
                continue
            if house == "assembly" and not state:
                report.problems.append(f"{where}: field 'state' is empty, needed for an assembly election; row skipped")
                continue
            key = make_election_key(house, int(year or 0), poll_no > 0, state)
        elif "year" in cols and not election_key:
            report.problems.append(f"{where}: field 'year' is empty; row skipped (or name the election with --election)")
            continue
        elif election_key:
            key = election_key
        elif name_year:
            key = make_election_key(house, name_year, False, state)
        else:
            raise ValueError(f"{path.name}: the file gives no year; name the election with --election "
                             "(e.g. ls-2024 or uttar-pradesh-2017)")
        reserved = cell(values, "reserved").upper() or None
        rows.append(_Row(line, key, state, constituency, house, candidate, party, votes, position, margin,
                         reserved if reserved in ("GEN", "SC", "ST") else None))

    # Rank candidates within each contest: by the file's position, else by votes.
    by_contest: dict[tuple[str, str | None, str, str], list[_Row]] = defaultdict(list)
    for row in rows:
        by_contest[(row.election, row.state, row.house, GazetteerIndex.key(row.constituency))].append(row)
    kept: list[tuple[_Row, int | None, str, int | None]] = []   # row, position, status, margin
    for contest_rows in by_contest.values():
        kept.extend(_rank(contest_rows, unparsed_votes, path.name, report.problems))

    _write(db, gaz, path.name, METHOD[layout], kept, report)
    return report


def _rank(rows: list[_Row], unparsed: dict[int, str], file: str,
          problems: list[str]) -> list[tuple[_Row, int | None, str, int | None]]:
    """(row, position, status, margin) for one contest's candidates; rows that cannot be placed
    are reported and dropped."""
    if len(rows) == 1 and rows[0].line in unparsed:
        row = rows[0]
        problems.append(f"{file}:{row.line}: field 'votes' is {unparsed[row.line]!r}, not a number; kept as the "
                        "only candidate (won, elected unopposed?) with no vote count")
        return [(row, 1, "won", None)]
    good = []
    for row in rows:
        if row.line in unparsed:
            problems.append(f"{file}:{row.line}: field 'votes' is {unparsed[row.line]!r}, not a number; row skipped")
        else:
            good.append(row)
    if not good:
        return []
    if all(r.position is not None for r in good):
        ordered = sorted(good, key=lambda r: (r.position, -(r.votes or 0)))
        ranks = list(range(1, len(ordered) + 1))
        margin = ordered[0].margin
    else:
        ordered = sorted(good, key=lambda r: -(r.votes or 0))
        if len(ordered) > 1 and ordered[0].votes == ordered[1].votes:
            problems.append(f"{file}:{ordered[0].line}: tie for first place in {ordered[0].constituency} "
                            f"({ordered[0].votes} votes); winner not decidable from votes, contest skipped")
            return []
        ranks = [1]
        for prev, cur in zip(ordered, ordered[1:], strict=False):
            ranks.append(ranks[-1] if cur.votes == prev.votes else len(ranks) + 1)
        margin = (ordered[0].votes or 0) - (ordered[1].votes or 0) if len(ordered) > 1 else None
    out = []
    for row, rank in zip(ordered, ranks, strict=True):
        out.append((row, rank, "won" if rank == 1 else "lost", margin if rank == 1 else None))
    return out


def _write(db: sqlite_utils.Database, gaz: GazetteerIndex, file: str, method: str,
           kept: list[tuple[_Row, int | None, str, int | None]], report: ImportReport) -> None:
    conn = db.conn
    election_ids: dict[str, int] = {}
    const_ids: dict[tuple[str, str | None, str], int] = {}
    contest_ids: dict[tuple[int, int], int] = {}
    party_ids: dict[str, int | None] = {}
    unlinked: set[str] = set()
    state_hi = {r["name_en"]: r["name_hi"] for r in db.query("SELECT name_en, name_hi FROM states")}

    with conn:
        conn.execute("BEGIN IMMEDIATE")  # ids are allocated below; no other writer may interleave
        old = [r[0] for r in conn.execute(
            "SELECT id FROM results WHERE origin = 'imported' AND import_file = ?", [file])]
        if old:
            conn.executemany("DELETE FROM provenance WHERE row_table = 'results' AND row_id = ?", [(i,) for i in old])
            conn.executemany("DELETE FROM results WHERE id = ?", [(i,) for i in old])
        report.replaced = len(old)

        def election_id(key: str, row: _Row) -> int:
            if key not in election_ids:
                found = conn.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()
                if found is None:
                    conn.execute(
                        "INSERT INTO elections (key, name_en, name_hi, date, year, kind, house, state) "
                        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?)", _new_election(key, row, state_hi))
                    found = conn.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()
                election_ids[key] = found[0]
                report.elections.append(key)
            return election_ids[key]

        def constituency_id(row: _Row) -> int:
            ck = (GazetteerIndex.key(row.constituency), row.state, row.house)
            if ck not in const_ids:
                match = gaz.constituency(row.constituency, row.state, row.house)
                if match is None:
                    name = _title(row.constituency)
                    conn.execute(
                        "INSERT OR IGNORE INTO constituencies (name_en, state, house, reserved, origin) "
                        "VALUES (?, ?, ?, ?, 'import')", [name, row.state, row.house, row.reserved])
                    found = conn.execute(
                        "SELECT * FROM constituencies WHERE name_en = ? AND state IS ? AND house = ?",
                        [name, row.state, row.house]).fetchone()
                    cols = [d[0] for d in conn.execute("SELECT * FROM constituencies LIMIT 0").description]
                    match = dict(zip(cols, found, strict=True))
                    gaz.add_constituency(match)
                    report.constituencies_created += 1
                const_ids[ck] = match["id"]
            return const_ids[ck]

        def contest_id(eid: int, cid: int) -> int:
            if (eid, cid) not in contest_ids:
                conn.execute("INSERT OR IGNORE INTO contests (election_id, constituency_id) VALUES (?, ?)", [eid, cid])
                contest_ids[(eid, cid)] = conn.execute(
                    "SELECT id FROM contests WHERE election_id = ? AND constituency_id = ?", [eid, cid]).fetchone()[0]
            return contest_ids[(eid, cid)]

        def party_id(raw: str) -> int | None:
            if raw not in party_ids:
                found = gaz.party(raw)
                party_ids[raw] = found["id"] if found else None
                if found is None and raw:
                    unlinked.add(raw)
            return party_ids[raw]

        next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM results").fetchone()[0]) + 1
        result_rows = []
        for row, position, status, margin in kept:
            cid = contest_id(election_id(row.election, row), constituency_id(row))
            result_rows.append((next_id, cid, row.candidate, party_id(row.party), row.party or None, row.votes,
                                position, status, margin, method, file))
            next_id += 1
        conn.executemany(
            "INSERT INTO results (id, contest_id, candidate, party_id, party_raw, votes, position, status, margin, "
            "origin, confidence, method, review, import_file) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'imported', 1.0, ?, 'accepted', ?)", result_rows)
        conn.executemany(
            "INSERT INTO provenance (row_table, row_id, field, source) VALUES ('results', ?, NULL, ?)",
            [(r[0], file) for r in result_rows])
    report.imported = len(result_rows)
    report.unlinked_parties = len(unlinked)


def _new_election(key: str, row: _Row, state_hi: dict[str, str | None]) -> list[object]:
    """(key, name_en, name_hi, year, kind, house, state) for an election first seen in a file."""
    m = _KEY.match(key)
    if not m:
        year = re.search(r"(19|20)\d\d", key)
        if year is None:
            raise ValueError(f"election key {key!r} holds no year; use e.g. ls-2024 or uttar-pradesh-2017")
        bye = "bypoll" in key or "bye" in key
        return [key, key, None, int(year.group()), "bye" if bye else "general", row.house, row.state]
    year, bye = int(m["year"]), bool(m["bye"])
    kind_en, kind_hi = ("bye-elections", "उपचुनाव") if bye else ("election", "चुनाव")
    if row.house == "lok_sabha":
        return [key, f"{year} Lok Sabha {kind_en}", f"{year} लोकसभा {kind_hi}", year,
                "bye" if bye else "general", "lok_sabha", None]
    hi = state_hi.get(row.state or "")
    return [key, f"{year} {row.state} assembly {kind_en}", f"{year} {hi} विधानसभा {kind_hi}" if hi else None, year,
            "bye" if bye else "general", "assembly", row.state]
