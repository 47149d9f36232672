"""The bundled gazetteer: states, constituencies, parties and alliances, and exact look-ups.

Files (data/gazetteer/, UTF-8 CSV with a header; a cell holding a list separates items with "|"):
states.csv, constituencies.csv, parties.csv, alliances.csv — see data/gazetteer/README.md.
Look-ups here are exact after normalising (case, spaces, hyphens, dots, nukta...); fuzzy
matching of user text is the answering side's job.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from rapidfuzz.distance import Levenshtein

from store.text import key as norm  # the one normaliser; `norm` is this module's name for it
from store.text import latin_sound_key, spelling_key

HOUSES = ("assembly", "lok_sabha")
RESERVED = ("GEN", "SC", "ST")
# meta keys holding the gazetteer data that has no table of its own
META_ALLIANCES = "gazetteer.alliances"
META_STATE_CODES = "gazetteer.state_codes"
META_ALLIANCE_MEMBERS = "gazetteer.alliance_members"

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]?)$", re.IGNORECASE)


class GazetteerError(ValueError):
    """A gazetteer file is wrong: the message names file:line, the field and what to do."""


def split_list(cell: str | None) -> list[str]:
    """A "|"-separated cell -> its non-empty items, stripped."""
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def read_csv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header must have the required columns."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerError(
                f"{path}:1: header lacks column(s) {', '.join(missing)}; expected {','.join(required)}"
            )
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}


def _need(path: Path, line: int, row: dict[str, str], name: str, allowed: tuple[str, ...] | None = None) -> str:
    value = row.get(name, "")
    if not value:
        raise GazetteerError(f"{path.name}:{line}: field '{name}' is empty; fill it in")
    if allowed is not None and value not in allowed:
        raise GazetteerError(f"{path.name}:{line}: field '{name}' is {value!r}; use one of {', '.join(allowed)}")
    return value


def load_gazetteer(db: sqlite_utils.Database, folder: Path) -> dict[str, int]:
    """Upsert the gazetteer files in `folder` into the store; return rows read per file.

    Missing optional files (alliances.csv) are skipped; a bad row raises GazetteerError
    naming file:line and the field, and nothing is written."""
    folder = Path(folder)
    states = list(read_csv(folder / "states.csv", ("name_en", "name_hi", "aliases")))
    consts = list(read_csv(folder / "constituencies.csv", ("name_en", "name_hi", "state", "house", "reserved", "aliases")))
    parties = list(read_csv(folder / "parties.csv", ("abbr", "name_en", "name_hi", "abbr_hi", "alliance", "aliases")))
    alliance_file = folder / "alliances.csv"
    alliances = list(read_csv(alliance_file, ("name", "name_hi", "aliases"))) if alliance_file.exists() else []
    registered_file = folder / "parties_registered.csv"
    registered = list(read_csv(registered_file, ("abbr", "name_en", "aliases"))) if registered_file.exists() else []
    members_file = folder / "alliance_members.csv"
    members = (list(read_csv(members_file, ("alliance", "year", "house", "state", "party")))
               if members_file.exists() else [])

    state_names: dict[str, str] = {}
    codes: dict[str, str] = {}
    state_rows = []
    for line, row in states:
        name = _need(folder / "states.csv", line, row, "name_en")
        for key in [name, row["name_hi"], *split_list(row["aliases"])]:
            state_names.setdefault(norm(key), name)
        for code in split_list(row.get("codes")):
            codes[code.upper()] = name
        state_rows.append((name, row["name_hi"] or None, json.dumps(split_list(row["aliases"]), ensure_ascii=False)))

    const_rows = []
    for line, row in consts:
        path = folder / "constituencies.csv"
        name = _need(path, line, row, "name_en")
        house = _need(path, line, row, "house", HOUSES)
        state = state_names.get(norm(_need(path, line, row, "state")))
        if state is None:
            raise GazetteerError(f"{path.name}:{line}: field 'state' is {row['state']!r}, not in states.csv; add it there")
        reserved = row["reserved"].upper() or None
        if reserved is not None and reserved not in RESERVED:
            raise GazetteerError(f"{path.name}:{line}: field 'reserved' is {row['reserved']!r}; use GEN, SC, ST or leave empty")
        number = row.get("number", "")
        if number and not number.isdigit():
            raise GazetteerError(f"{path.name}:{line}: field 'number' is {number!r}; write the seat's number or leave it empty")
        const_rows.append((name, row["name_hi"] or None, json.dumps(split_list(row["aliases"]), ensure_ascii=False),
                           state, house, reserved, int(number) if number else None, row.get("district") or None,
                           row.get("pc") or None))

    alliance_rows = []
    for line, row in alliances:
        name = _need(alliance_file, line, row, "name")
        alliance_rows.append({"name": name, "name_hi": row["name_hi"] or None, "aliases": split_list(row["aliases"])})
    known_alliances = {a["name"] for a in alliance_rows}

    party_rows = []
    for line, row in parties:
        path = folder / "parties.csv"
        abbr = _need(path, line, row, "abbr")
        _need(path, line, row, "name_en")
        alliance = row["alliance"] or None
        if alliance and alliance_rows and alliance not in known_alliances:
            raise GazetteerError(f"{path.name}:{line}: field 'alliance' is {alliance!r}, not in alliances.csv; add it there")
        party_rows.append((abbr, row["name_en"], row["name_hi"] or None, row["abbr_hi"] or None,
                           json.dumps(split_list(row["aliases"]), ensure_ascii=False), alliance))

    party_keys = {norm(s): row[0] for row in party_rows for s in (row[0], row[1], row[2], row[3],
                                                                     *json.loads(row[4])) if s}
    registered_rows = []
    for line, row in registered:
        abbr = _need(registered_file, line, row, "abbr")
        names = [abbr, row["name_en"], *split_list(row["aliases"])]
        if any(norm(n) in party_keys for n in names):
            continue        # parties.csv has it (and wins): the generated file may lag behind it
        registered_rows.append((abbr, row["name_en"] or abbr, json.dumps(split_list(row["aliases"]), ensure_ascii=False)))
        party_keys.update((norm(n), abbr) for n in names)

    member_rows = []
    for line, row in members:
        alliance = _need(members_file, line, row, "alliance")
        if alliance not in known_alliances:
            raise GazetteerError(f"{members_file.name}:{line}: field 'alliance' is {alliance!r}, not in alliances.csv; add it there")
        year = _need(members_file, line, row, "year")
        if not year.isdigit():
            raise GazetteerError(f"{members_file.name}:{line}: field 'year' is {year!r}; write the election's year (2024)")
        house = _need(members_file, line, row, "house", HOUSES)
        state = None
        if row["state"]:
            state = state_names.get(norm(row["state"]))
            if state is None:
                raise GazetteerError(f"{members_file.name}:{line}: field 'state' is {row['state']!r}, not in states.csv")
        party = party_keys.get(norm(_need(members_file, line, row, "party")))
        if party is None:
            raise GazetteerError(f"{members_file.name}:{line}: field 'party' is {row['party']!r}, not in parties.csv; "
                                 "add the party there or write its abbreviation")
        member_rows.append({"alliance": alliance, "year": int(year), "house": house, "state": state, "party": party})

    with db.conn:
        db.conn.executemany(
            "INSERT INTO states (name_en, name_hi, aliases) VALUES (?, ?, ?) "
            "ON CONFLICT (name_en) DO UPDATE SET name_hi = excluded.name_hi, aliases = excluded.aliases",
            state_rows,
        )
        db.conn.executemany(
            "INSERT INTO constituencies (name_en, name_hi, aliases, state, house, reserved, number, district, pc, "
            "origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'gazetteer') "
            "ON CONFLICT (name_en, state, house) DO UPDATE SET name_hi = excluded.name_hi, "
            "aliases = excluded.aliases, reserved = excluded.reserved, number = excluded.number, "
            "district = excluded.district, pc = excluded.pc, origin = 'gazetteer', needs_review = 0",
            const_rows,
        )
        db.conn.executemany(
            "INSERT INTO parties (abbr, name_en, name_hi, abbr_hi, aliases, alliance) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (abbr) DO UPDATE SET name_en = excluded.name_en, name_hi = excluded.name_hi, "
            "abbr_hi = excluded.abbr_hi, aliases = excluded.aliases, alliance = excluded.alliance",
            party_rows,
        )
        db.conn.executemany(
            "INSERT INTO parties (abbr, name_en, aliases, origin) VALUES (?, ?, ?, 'registered') "
            "ON CONFLICT (abbr) DO UPDATE SET name_en = excluded.name_en, aliases = excluded.aliases "
            "WHERE parties.origin = 'registered'",
            registered_rows,
        )
        db.conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [(META_ALLIANCES, json.dumps(alliance_rows, ensure_ascii=False)),
             (META_STATE_CODES, json.dumps(codes, ensure_ascii=False)),
             (META_ALLIANCE_MEMBERS, json.dumps(member_rows, ensure_ascii=False))],
        )
    return {"states": len(state_rows), "constituencies": len(const_rows), "parties": len(party_rows),
            "registered_parties": len(registered_rows), "alliances": len(alliance_rows),
            "alliance_members": len(member_rows)}


def _meta_json(db: sqlite_utils.Database, key: str, default: object) -> object:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def alliances(db: sqlite_utils.Database) -> list[dict]:
    """The alliances and groups of alliances.csv: [{name, name_hi, aliases}]."""
    return list(_meta_json(db, META_ALLIANCES, []))  # type: ignore[arg-type]


def alliance_names(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Alliance or group name (NDA, INDIA, Opposition...) -> every spelling of it (name, Hindi, aliases)."""
    return {a["name"]: [a["name"], *([a["name_hi"]] if a.get("name_hi") else []), *a.get("aliases", [])]
            for a in alliances(db)}


def find_alliance(db: sqlite_utils.Database, name: str) -> str | None:
    """The alliance's canonical name for any of its spellings, else None."""
    return GazetteerIndex.build(db).alliance(name)


def alliance_members(db: sqlite_utils.Database, alliance: str, year: int, house: str,
                     state: str | None = None) -> list[str]:
    """The abbreviations of the parties in `alliance` at the election of `year` to `house` (in
    `state` for an assembly): alliance_members.csv's rows for that state, else its national rows.
    Empty when the file does not say."""
    rows = [m for m in _meta_json(db, META_ALLIANCE_MEMBERS, []) if m["alliance"] == alliance  # type: ignore[attr-defined]
            and m["year"] == year and m["house"] == house]
    local = [m["party"] for m in rows if state and m["state"] == state]
    return local or [m["party"] for m in rows if not m["state"]]


def alliances_of(db: sqlite_utils.Database, party: str, year: int, house: str, state: str | None = None) -> list[str]:
    """The alliances `party` (an abbreviation) belonged to at that election (see alliance_members)."""
    return [a["name"] for a in alliances(db) if party in alliance_members(db, a["name"], year, house, state)]


def state_codes(db: sqlite_utils.Database) -> dict[str, str]:
    """Two-letter state codes used by results files (UP, BR, UK...) -> state name."""
    return dict(_meta_json(db, META_STATE_CODES, {}))  # type: ignore[arg-type]


def _keys(row: dict, *columns: str) -> set[str]:
    keys = {norm(row.get(c)) for c in columns}
    keys |= {norm(a) for a in json.loads(row.get("aliases") or "[]")}
    keys.discard("")
    return keys


@dataclass
class GazetteerIndex:
    """Normalised-name indexes over the store's gazetteer tables, for many look-ups at once
    (importers). Build one per job with `GazetteerIndex.build(db)`; it does not see later writes
    except those recorded with `add_constituency`."""

    states: dict[str, str] = field(default_factory=dict)                 # key -> name_en
    codes: dict[str, str] = field(default_factory=dict)                  # code -> name_en
    constituencies: dict[str, list[dict]] = field(default_factory=dict)  # key -> rows
    parties: dict[str, dict] = field(default_factory=dict)               # key -> row
    # a code as written -> row: two parties whose codes differ only in case (TCPD's "JNP", the
    # Janata Party; ElectionLens's "JnP", the Janasena Party) are told apart by the case they are written in
    parties_as_written: dict[str, dict] = field(default_factory=dict)
    alliances: dict[str, str] = field(default_factory=dict)              # key -> alliance name
    # (state, house) -> spelling_key -> rows; built at the first tolerant look-up
    spellings: dict[tuple[str | None, str], dict[str, list[dict]]] | None = None

    key = staticmethod(norm)

    @classmethod
    def build(cls, db: sqlite_utils.Database) -> GazetteerIndex:
        index = cls(codes=state_codes(db))
        for name, spellings in alliance_names(db).items():
            for spelling in spellings:
                index.alliances.setdefault(norm(spelling), name)
        for row in db.query("SELECT * FROM states"):
            for key in _keys(row, "name_en", "name_hi"):
                index.states.setdefault(key, row["name_en"])
        for row in db.query("SELECT * FROM constituencies ORDER BY id"):
            index.add_constituency(row)
        # Abbreviations win over names and aliases when two parties share a spelling.
        for row in db.query("SELECT * FROM parties ORDER BY id"):
            for key in _keys(row, "name_en", "name_hi", "abbr_hi"):
                index.parties.setdefault(key, row)
        for row in db.query("SELECT * FROM parties ORDER BY id"):
            index.parties[norm(row["abbr"])] = row
        for row in db.query("SELECT * FROM parties ORDER BY id"):
            for code in [row["abbr"], *json.loads(row.get("aliases") or "[]")]:
                index.parties_as_written.setdefault(code.strip(), row)
        for row in db.query("SELECT * FROM parties ORDER BY id"):
            index.parties_as_written[row["abbr"].strip()] = row
        return index

    def add_constituency(self, row: dict) -> None:
        for key in _keys(row, "name_en", "name_hi"):
            self.constituencies.setdefault(key, []).append(row)
        if self.spellings is not None:
            self._add_spellings(row)

    def _add_spellings(self, row: dict) -> None:
        assert self.spellings is not None
        table = self.spellings.setdefault((row["state"], row["house"]), {})
        names = [row["name_en"], *((row.get("aliases") or "").split("|"))]
        for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
            k = spelling_key(name)
            if k and row not in table.setdefault(k, []):
                table[k].append(row)

    def similar_constituencies(self, name: str, state: str | None, house: str) -> list[dict]:
        """Seats of `state` and `house` with another spelling of `name` (one a results file of
        another year writes: "RAEBAREILLY" for Rae Bareli): the same `spelling_key` and sound
        keys at most two edits apart. Several rows mean the spelling is ambiguous there."""
        if self.spellings is None:
            self.spellings = {}
            for rows in self.constituencies.values():
                for row in rows:
                    self._add_spellings(row)
        wanted = self.state(state) or (state.strip() if state else None)
        k = spelling_key(name)
        if not k:
            return []
        mine = latin_sound_key(name)
        out = []
        for row in self.spellings.get((wanted, house), {}).get(k, []):
            names = [row["name_en"], *((row.get("aliases") or "").split("|"))]
            if any(Levenshtein.distance(mine, latin_sound_key(n), score_cutoff=2) <= 2 for n in names if n.strip()) and row not in out:
                out.append(row)
        return out

    def state(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.states.get(norm(name)) or self.codes.get(name.strip().upper())

    def constituencies_named(self, name: str, state: str | None = None, house: str | None = None) -> list[dict]:
        rows = self.constituencies.get(norm(name), [])
        if state:
            wanted = self.state(state) or state.strip()
            rows = [r for r in rows if r["state"] == wanted]
        if house:
            rows = [r for r in rows if r["house"] == house]
        return rows

    def constituency(self, name: str, state: str | None = None, house: str | None = None) -> dict | None:
        rows = self.constituencies_named(name, state, house)
        return rows[0] if len(rows) == 1 else None

    def alliance(self, name: str | None) -> str | None:
        return self.alliances.get(norm(name)) if name else None

    def party(self, name: str | None) -> dict | None:
        if not name or not name.strip():
            return None
        key = norm(name)
        row = self.parties_as_written.get(name.strip()) or self.parties.get(key)
        if row is None and _POSSESSIVE.search(name.strip()):
            # "BJP's", "BJPs", "JD(U)s", "Trinamools": the press drops apostrophes
            row = self.parties.get(norm(_POSSESSIVE.sub("", name.strip())))
        return row


def find_state(db: sqlite_utils.Database, name: str) -> str | None:
    """The state's English name for any spelling or code of it (UP, उत्तर प्रदेश, Uttar_Pradesh), else None."""
    return GazetteerIndex.build(db).state(name)


def find_constituency(db: sqlite_utils.Database, name: str, state: str | None = None,
                      house: str | None = None) -> dict | None:
    """The one constituency whose name, Hindi name or alias equals `name` once normalised,
    within `state` / `house` when given; None when there is none or more than one."""
    return GazetteerIndex.build(db).constituency(name, state, house)


def find_constituencies(db: sqlite_utils.Database, name: str, state: str | None = None,
                        house: str | None = None) -> list[dict]:
    """Every constituency matching `name` (see find_constituency), e.g. Hamirpur in two states."""
    return GazetteerIndex.build(db).constituencies_named(name, state, house)


def find_party(db: sqlite_utils.Database, name: str) -> dict | None:
    """The party whose abbreviation, names or aliases equal `name` once normalised; a trailing
    possessive ("BJP's", "BJPs", "JD(U)s") is also tried without it. None when unknown."""
    return GazetteerIndex.build(db).party(name)
