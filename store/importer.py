"""Importing candidate-level results files of any layout (TCPD / Lok Dhaba, ElectionLens,
thecont1 / ECI scrapes, and others) into the store through the one results writer.

Columns are matched by name: data/importer/columns.toml lists, for each field, the names files use
(constituency / ac_name / pc_name; votes, or evm_votes + postal_votes; state names or codes such as
BR, HR, S04); `columns={"votes": "Total Votes"}` (CLI `--columns votes=Total Votes`) overrides any
field. Positions and the winner's margin are derived from votes where a file has none (a ballot
serial number is never a rank); NOTA rows become the contest's `nota_votes`, never a candidate.
Each row becomes one `results` row (origin 'imported', method 'import:<label>', provenance: the file
name and its line) in a contest of an election keyed by the project's conventions:
  Lok Sabha general `ls-YYYY`, Lok Sabha bye-elections `ls-bypolls-YYYY` (TCPD gives no month),
  assembly general `<state-slug>-YYYY`, assembly bye-elections `<state-slug>-bypolls-YYYY`.
Constituencies missing from the gazetteer are created (origin 'import'); parties missing from it
are kept as written in `party_raw` with `party_id` NULL. Re-importing a file (same file name)
upserts: rows of the same candidate keep their ids, changed figures are updated, rows gone removed.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from store.datafiles import read_toml
from store.gazetteer import GazetteerIndex
from store.results_writer import Batch, Election, Provenance, ResultRow, ResultsWriter, slug

DATA = Path(__file__).resolve().parent.parent / "data" / "importer"
REQUIRED = ("constituency", "candidate", "party", "votes")
_RESERVED_SUFFIX = re.compile(r"\s*\(\s*(SC|ST|GEN)\s*\)\s*$", re.IGNORECASE)
_KEY = re.compile(r"^(?:(ls)|(?P<state>[a-z0-9-]+?))-(?:(?P<bye>bypolls)-)?(?P<year>\d{4})$")
_HEADER_FOLD = re.compile(r"[\s._\-/]+")

__all__ = ["ImportReport", "Layout", "import_results_file", "make_election_key", "read_layout", "slug"]


def fold(name: str) -> str:
    """A header name as compared: lower case, spaces/dots/hyphens/underscores as one '_'."""
    return _HEADER_FOLD.sub("_", name.strip().lower()).strip("_")


@dataclass(frozen=True)
class Layout:
    """The importer's data (data/importer): field synonyms and the hints for house and NOTA."""

    fields: dict[str, tuple[str, ...]]
    house_columns: dict[str, tuple[str, ...]]
    house_words: dict[str, tuple[str, ...]]
    bye_words: tuple[str, ...]
    nota: frozenset[str]
    female: frozenset[str]
    male: frozenset[str]
    yes: frozenset[str]
    no: frozenset[str]
    labels: dict[str, tuple[str, ...]]
    eci_codes: dict[str, str]


def read_layout(folder: Path = DATA) -> Layout:
    raw = read_toml(folder / "columns.toml")
    codes: dict[str, str] = {}
    codes_file = folder / "eci_state_codes.csv"
    if codes_file.exists():
        with codes_file.open(encoding="utf-8", newline="") as handle:
            codes = {r["code"].strip().upper(): r["state"].strip() for r in csv.DictReader(handle)}
    values = raw.get("values", {})
    return Layout(
        fields={k: tuple(fold(n) for n in v) for k, v in raw["fields"].items()},
        house_columns={h: tuple(fold(c) for c in v.get("columns", ())) for h, v in raw["house"].items()},
        house_words={h: tuple(w.lower() for w in v.get("words", ())) for h, v in raw["house"].items()},
        bye_words=tuple(w.lower() for w in raw.get("bye", {}).get("words", ())),
        nota=frozenset(n.casefold() for n in raw.get("nota", {}).get("names", ())),
        female=frozenset(values.get("female", ())), male=frozenset(values.get("male", ())),
        yes=frozenset(values.get("yes", ())), no=frozenset(values.get("no", ())),
        labels={k: tuple(fold(c) for c in v) for k, v in raw.get("labels", {}).items()},
        eci_codes=codes,
    )


@dataclass
class ImportReport:
    """What one import did; `problems` lists "file:line: reason" for rows reported (and skipped
    unless the note says kept)."""

    file: str
    layout: str = ""
    columns: dict[str, str] = field(default_factory=dict)   # our field -> the file's column
    rows_read: int = 0
    imported: int = 0
    replaced: int = 0            # rows of an earlier import of the same file, updated or removed
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    nota_skipped: int = 0
    elections: list[str] = field(default_factory=list)
    constituencies_created: int = 0
    unlinked_parties: int = 0    # distinct party names kept only as written (not in the gazetteer)
    problems: list[str] = field(default_factory=list)
    # seat names read as another spelling of a known seat, or kept apart because several fit
    seat_spellings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        shown = ", ".join(self.elections[:6]) + (" ..." if len(self.elections) > 6 else "")
        return (f"{self.file} ({self.layout}): {self.imported} results imported from {self.rows_read} rows "
                f"into {len(self.elections)} election(s) [{shown}]; earlier import: {self.unchanged} unchanged, "
                f"{self.updated} updated, {self.removed} removed; "
                f"{self.constituencies_created} new constituencies; {self.unlinked_parties} party names not in "
                f"the gazetteer; {self.nota_skipped} NOTA rows kept apart; {len(self.problems)} problems"
                + (f"; {len(self.seat_spellings)} seat spellings (listed)" if self.seat_spellings else ""))


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
    sex: str | None = None
    deposit_lost: int | None = None
    delimitation: str | None = None
    number: int | None = None


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


def parse_columns(spec: str | None) -> dict[str, str]:
    """'votes=Total Votes,constituency=AC' -> {'votes': 'Total Votes', 'constituency': 'AC'}."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValueError(f"--columns: {part.strip()!r} is not field=header (e.g. votes=Total Votes)")
        ours, theirs = part.split("=", 1)
        out[ours.strip()] = theirs.strip()
    return out


def match_columns(header: list[str], layout: Layout, given: dict[str, str] | None, file: str) -> dict[str, int]:
    """Our field -> column index. Raises ValueError naming the fields it could not find."""
    names = [fold(h) for h in header]
    cols: dict[str, int] = {}
    for ours, synonyms in layout.fields.items():
        for name in synonyms:
            if name in names:
                cols[ours] = names.index(name)
                break
    for ours, theirs in (given or {}).items():
        if ours not in layout.fields:
            raise ValueError(f"--columns: unknown field {ours!r}; fields are {', '.join(layout.fields)}")
        if fold(theirs) not in names:
            raise ValueError(f"--columns: {file} has no column {theirs!r} (for {ours}); its columns are "
                             f"{', '.join(header[:20])}")
        cols[ours] = names.index(fold(theirs))
    if "votes" not in cols and "evm_votes" in cols:
        cols["votes"] = cols["evm_votes"]
    missing = [f for f in REQUIRED if f not in cols]
    if missing:
        raise ValueError(
            f"{file}:1: not a results file this importer can read: no column for {', '.join(missing)} "
            f"(header: {', '.join(header[:14])}{' ...' if len(header) > 14 else ''}); add the column's name to "
            "data/importer/columns.toml or pass --columns " + ",".join(f"{m}=<header>" for m in missing))
    return cols


def _label(names: set[str], layout: Layout) -> str:
    for label, needed in layout.labels.items():
        if all(n in names for n in needed):
            return label
    return "columns"


def _words_house(text: str, layout: Layout) -> str | None:
    low = text.lower()
    found = [h for h, words in layout.house_words.items() if any(w in low for w in words)]
    return found[0] if len(found) == 1 else None


def _year_from_name(path: Path) -> int | None:
    years = set(re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", path.name))
    return int(years.pop()) if len(years) == 1 else None


def _sniff_delimiter(first: str) -> str:
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def import_results_file(db: sqlite_utils.Database, path: Path, election_key: str | None = None,
                        columns: dict[str, str] | None = None, house: str | None = None,
                        layout: Layout | None = None,
                        on_rows: Callable[[int], None] | None = None) -> ImportReport:
    """Import one results file into the store; see the module doc. Raises ValueError when the
    file as a whole cannot be read (encoding, no column for a required field, no election);
    bad rows are reported in the returned report's `problems` and skipped. `on_rows(n)` is called
    as rows are read (progress)."""
    path = Path(path)
    layout = layout or read_layout()
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError(f"{path.name}: empty file") from None
    cols = match_columns(header, layout, columns, path.name)
    names = {fold(h) for h in header}
    report = ImportReport(file=path.name, layout=_label(names, layout),
                          columns={ours: header[i].strip() for ours, i in cols.items()})
    gaz = GazetteerIndex.build(db)
    header_house = [h for h, cs in layout.house_columns.items() if any(c in names for c in cs)]
    fixed_house = house or (header_house[0] if len(header_house) == 1 else None)
    name_house = _words_house(path.name, layout)
    name_year = _year_from_name(path)
    name_bye = any(w in path.name.lower() for w in layout.bye_words)
    if not election_key and "year" not in cols and not name_year:
        raise ValueError(f"{path.name}: the file gives no year; name the election with --election "
                         "(e.g. ls-2024 or uttar-pradesh-2017)")
    key_house = ("lok_sabha" if election_key.startswith("ls-") else "assembly") if election_key else None

    def cell(values: list[str], ours: str) -> str:
        i = cols.get(ours)
        return values[i].strip() if i is not None and i < len(values) else ""

    rows: list[_Row] = []
    nota: dict[tuple[str, str | None, str, str], int] = {}
    states: dict[str, str | None] = {}   # as written -> gazetteer name (few distinct values)
    types: dict[str, tuple[str | None, bool]] = {}
    unparsed_votes: dict[int, str] = {}
    pending = 0
    for values in reader:
        line = reader.line_num
        pending += 1
        if on_rows and pending >= 2000:
            on_rows(pending)
            pending = 0
        if not any(v.strip() for v in values):
            continue
        report.rows_read += 1
        where = f"{path.name}:{line}"
        candidate = " ".join(cell(values, "candidate").split())
        party = " ".join(cell(values, "party").split())
        is_nota = candidate.casefold() in layout.nota or party.casefold() in layout.nota
        if len(values) < len(header) and not is_nota:
            report.problems.append(f"{where}: {len(values)} fields where the header has {len(header)}; row skipped")
            continue
        constituency = _RESERVED_SUFFIX.sub("", cell(values, "constituency"))
        if not constituency:
            report.problems.append(f"{where}: field 'constituency' is empty; row skipped")
            continue
        if not candidate and not is_nota:
            report.problems.append(f"{where}: field 'candidate' is empty; row skipped")
            continue
        state_raw = cell(values, "state") or cell(values, "state_code")
        if state_raw not in states:
            states[state_raw] = (gaz.state(state_raw) or gaz.state(layout.eci_codes.get(state_raw.upper(), ""))
                                 or (_title(state_raw) if state_raw and not re.fullmatch(r"[A-Z]\d\d|[A-Z]{2}",
                                                                                         state_raw) else None))
        if not states[state_raw] and cell(values, "state_code") and cell(values, "state"):
            states[state_raw] = gaz.state(cell(values, "state_code"))
        state = states[state_raw]
        etype = cell(values, "election_type")
        if etype not in types:
            types[etype] = (_words_house(etype, layout), any(w in etype.lower() for w in layout.bye_words))
        type_house, type_bye = types[etype]
        row_house = type_house or fixed_house or name_house or key_house
        if row_house is None:
            raise ValueError(f"{path.name}: cannot tell whether this file is about the Lok Sabha or an assembly "
                             "(no election_type column, no ac_/pc_ columns, nothing in the file name); pass "
                             "--house lok_sabha or --house assembly")
        try:
            position = _number(cell(values, "position"))
            margin = _number(cell(values, "margin"))
            poll_no = _number(cell(values, "poll_no")) or 0
        except ValueError as exc:
            report.problems.append(f"{where}: position/margin/poll number {exc} is not a whole number; row skipped")
            continue
        try:
            number = _number(cell(values, "number"))
        except ValueError:
            number = None      # a seat number is only shown, never needed: an odd one is left out
        try:
            votes = _number(cell(values, "votes"))
            if "postal_votes" in cols and votes is not None:
                votes += _number(cell(values, "postal_votes")) or 0
        except ValueError:
            votes = None
            unparsed_votes[line] = cell(values, "votes")
        bye = poll_no > 0 or type_bye or (name_bye and "poll_no" not in cols)
        year_text = cell(values, "year")
        if year_text and not election_key:
            try:
                year = _number(year_text)
            except ValueError:
                report.problems.append(f"{where}: field 'year' is {year_text!r}, not a year; row skipped")
                continue
            if row_house == "assembly" and not state:
                report.problems.append(f"{where}: field 'state' is empty, needed for an assembly election; row skipped")
                continue
            key = make_election_key(row_house, int(year or 0), bye, state)
        elif "year" in cols and not election_key:
            report.problems.append(f"{where}: field 'year' is empty; row skipped (or name the election with --election)")
            continue
        elif election_key:
            key = election_key
        elif name_year:
            if row_house == "assembly" and not state:
                report.problems.append(f"{where}: field 'state' is empty, needed for an assembly election; row skipped")
                continue
            key = make_election_key(row_house, name_year, bye, state)
        else:
            raise ValueError(f"{path.name}: the file gives no year; name the election with --election "
                             "(e.g. ls-2024 or uttar-pradesh-2017)")
        if is_nota:
            report.nota_skipped += 1
            ck = (key, state, row_house, GazetteerIndex.key(constituency))
            nota[ck] = nota.get(ck, 0) + (votes or 0)
            continue
        reserved = cell(values, "reserved").upper() or None
        sex = cell(values, "sex").lower()
        dep = cell(values, "deposit_lost").lower()
        rows.append(_Row(line, key, state, constituency, row_house, candidate, party, votes, position, margin,
                         reserved if reserved in ("GEN", "SC", "ST") else None,
                         "F" if sex in layout.female else "M" if sex in layout.male else None,
                         1 if dep in layout.yes else 0 if dep in layout.no else None,
                         cell(values, "delimitation") or None, number))
    if on_rows and pending:
        on_rows(pending)

    # Rank candidates within each contest: by the file's position, else by votes.
    by_contest: dict[tuple[str, str | None, str, str], list[_Row]] = defaultdict(list)
    for row in rows:
        by_contest[(row.election, row.state, row.house, GazetteerIndex.key(row.constituency))].append(row)
    kept: list[tuple[_Row, int | None, str, int | None]] = []   # row, position, status, margin
    for contest_rows in by_contest.values():
        kept.extend(_rank(contest_rows, unparsed_votes, path.name, report.problems))

    _write(db, gaz, path.name, f"import:{report.layout}", kept, nota, by_contest, report)
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
        if margin is None and len(ordered) > 1 and ordered[0].votes is not None and ordered[1].votes is not None:
            margin = ordered[0].votes - ordered[1].votes
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


def _other_spelling(gaz: GazetteerIndex, row: _Row, named_in: dict[tuple, set[str]], file: str,
                    report: ImportReport) -> dict | None:
    """The seat of the row's state and house whose name this is another spelling of ("RAEBAREILLY"
    in a 2006 bypoll row: Rae Bareli), when exactly one fits and the same election of the file does
    not also name that seat (two names there are two seats). Both outcomes are reported."""
    same_election = named_in.get((row.election, row.state, row.house), set())
    found = [r for r in gaz.similar_constituencies(row.constituency, row.state, row.house)
             if GazetteerIndex.key(r["name_en"]) not in same_election]
    where = f"{file}:{row.line}: seat {row.constituency!r} ({row.state or 'no state'}, {row.house})"
    if len(found) == 1:
        report.seat_spellings.append(f"{where} read as {found[0]['name_en']}, another spelling of its name")
        return found[0]
    if found:
        report.seat_spellings.append(f"{where} is spelt like {', '.join(r['name_en'] for r in found)}: "
                                     "kept as a seat of its own (ambiguous)")
    return None


def _write(db: sqlite_utils.Database, gaz: GazetteerIndex, file: str, method: str,
           kept: list[tuple[_Row, int | None, str, int | None]], nota: dict, by_contest: dict,
           report: ImportReport) -> None:
    writer = ResultsWriter(db)
    election_ids: dict[str, int] = {}
    const_ids: dict[tuple[str, str | None, str], int] = {}
    party_ids: dict[str, int | None] = {}
    unlinked: set[str] = set()
    state_hi = {r["name_en"]: r["name_hi"] for r in db.query("SELECT name_en, name_hi FROM states")}

    def election_id(row: _Row) -> int:
        if row.election not in election_ids:
            election_ids[row.election] = writer.election(_new_election(row.election, row, state_hi))
            report.elections.append(row.election)
        return election_ids[row.election]

    named_in: dict[tuple, set[str]] = {}     # the seat names each election of the file has
    for row, *_ in kept:
        named_in.setdefault((row.election, row.state, row.house), set()).add(GazetteerIndex.key(row.constituency))

    def constituency_id(row: _Row) -> int:
        ck = (GazetteerIndex.key(row.constituency), row.state, row.house)
        if ck not in const_ids:
            match = gaz.constituency(row.constituency, row.state, row.house)
            if match is None and not gaz.constituencies_named(row.constituency, row.state, row.house):
                match = _other_spelling(gaz, row, named_in, file, report)
            if match is None:
                match = writer.constituency(_title(row.constituency), row.state, row.house, row.reserved)
                gaz.add_constituency(match)
                report.constituencies_created += 1
            const_ids[ck] = match["id"]
        return const_ids[ck]

    def party_id(raw: str) -> int | None:
        if raw not in party_ids:
            found = gaz.party(raw)
            party_ids[raw] = found["id"] if found else None
            if found is None and raw:
                unlinked.add(raw)
        return party_ids[raw]

    with writer.transaction():
        out = []
        contest_of: dict[tuple, int] = {}
        for row, position, status, margin in kept:
            cid = writer.contest(election_id(row), constituency_id(row))
            contest_of[(row.election, row.state, row.house, GazetteerIndex.key(row.constituency))] = cid
            out.append(ResultRow(
                contest_id=cid, candidate=row.candidate, party_id=party_id(row.party), party_raw=row.party or None,
                votes=row.votes, position=position, status=status, margin=margin, origin="imported",
                method=method, import_file=file, sex=row.sex, deposit_lost=row.deposit_lost,
                sources=(Provenance(source=file, line=row.line),)))
        result = writer.replace(Batch(origin="imported", import_file=file), out)
        votes = [(n, contest_of[k]) for k, n in nota.items() if k in contest_of]
        db.conn.executemany("UPDATE contests SET nota_votes = ? WHERE id = ?", votes)
        writer.seat_details({contest_of[k]: (rs[0].delimitation, rs[0].number, rs[0].reserved)
                             for k, rs in by_contest.items() if k in contest_of})
    report.imported = len(out)
    report.updated, report.unchanged, report.removed = result.updated, result.unchanged, result.removed
    report.replaced = result.updated + result.unchanged + result.removed
    report.unlinked_parties = len(unlinked)


def _new_election(key: str, row: _Row, state_hi: dict[str, str | None]) -> Election:
    """The election a file's row names, as first seen in a file."""
    m = _KEY.match(key)
    if not m:
        year = re.search(r"(19|20)\d\d", key)
        if year is None:
            raise ValueError(f"election key {key!r} holds no year; use e.g. ls-2024 or uttar-pradesh-2017")
        bye = "bypoll" in key or "bye" in key
        return Election(key, key, int(year.group()), "bye" if bye else "general", row.house,
                        state=row.state if row.house == "assembly" else None)
    year, bye = int(m["year"]), bool(m["bye"])
    kind_en, kind_hi = ("bye-elections", "उपचुनाव") if bye else ("election", "चुनाव")
    kind = "bye" if bye else "general"
    if row.house == "lok_sabha":
        return Election(key, f"{year} Lok Sabha {kind_en}", year, kind, "lok_sabha",
                        name_hi=f"{year} लोकसभा {kind_hi}")
    hi = state_hi.get(row.state or "")
    return Election(key, f"{year} {row.state} assembly {kind_en}", year, kind, "assembly",
                    name_hi=f"{year} {hi} विधानसभा {kind_hi}" if hi else None, state=row.state)
