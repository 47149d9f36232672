"""Build the bundled data/gazetteer/constituencies.csv from the public gazetteer sources.

    python -m store.build_gazetteer SHARED_DATA [--out data/gazetteer]

SHARED_DATA holds `gazetteer/pc.csv`, `gazetteer/ac.csv`, `gazetteer/aliases.csv` (every Lok
Sabha and assembly constituency: state, number, reservation, district, parent PC, Hindi names,
alias spellings) and `datameet_maps/india_pc_2019_gazetteer_hi.csv` (PC Hindi names); see
data/gazetteer/SOURCES.md. The hand-kept press spellings in `data/gazetteer/press_names.csv`
(Hindi names and romanized aliases as the news writes them) are merged in: a press name becomes
the seat's display name, the source's spelling stays an alias. Run it again when a source
changes; the output is sorted and stable, so a diff shows what changed.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from store.gazetteer import GazetteerError, read_csv, split_list
from store.text import key

COLUMNS = ("name_en", "name_hi", "state", "house", "number", "reserved", "district", "pc", "aliases")
RESERVED = {"GEN": "GEN", "SC": "SC", "ST": "ST"}   # Sikkim's Bhutia-Lepcha seats (BL) are left unmarked


def display_name(name: str) -> str:
    """ECI's upper-case names in title case ("KOPRI-PACHPAKHADI" -> "Kopri-Pachpakhadi"); mixed
    case names are kept as the source writes them."""
    name = re.sub(r"\s*-\s*", "-", " ".join(name.split()))      # "KOPRI - PACHPAKHADI"
    return name.title() if name.isupper() else name


def state_map(states_csv: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for _line, row in read_csv(states_csv, ("name_en", "name_hi", "aliases")):
        for spelling in [row["name_en"], row["name_hi"], *split_list(row["aliases"])]:
            found.setdefault(key(spelling), row["name_en"])
    return found


def _state(states: dict[str, str], where: str, name: str) -> str:
    state = states.get(key(name))
    if state is None:
        raise GazetteerError(f"{where}: state {name!r} is not in data/gazetteer/states.csv; add it as an alias there")
    return state


def build(shared: Path, out: Path) -> dict[str, int]:
    """Write out/constituencies.csv; return counts (lok_sabha, assembly, hindi names, aliases)."""
    gaz = shared / "gazetteer"
    states = state_map(out / "states.csv")
    seats: dict[tuple[str, str, str], dict] = {}    # (state, house, number) -> row
    for line, row in read_csv(gaz / "pc.csv", ("state", "pc_no", "pc_name", "pc_type", "pc_name_hi")):
        state = _state(states, f"pc.csv:{line}", row["state"])
        seats[(state, "lok_sabha", row["pc_no"])] = {
            "name_en": display_name(row["pc_name"]), "name_hi": row["pc_name_hi"], "state": state,
            "house": "lok_sabha", "number": row["pc_no"], "reserved": RESERVED.get(row["pc_type"].upper(), ""),
            "district": "", "pc": "", "aliases": [row["pc_name"]]}
    pc_rows = {(r["state"], r["aliases"][0]): r for r in seats.values()}   # the AC rows name them at the end
    for line, row in read_csv(gaz / "ac.csv", ("state", "ac_no", "ac_name", "ac_type", "district", "pc_name",
                                               "ac_name_hi")):
        state = _state(states, f"ac.csv:{line}", row["state"])
        seats[(state, "assembly", row["ac_no"])] = {
            "name_en": display_name(row["ac_name"]), "name_hi": row["ac_name_hi"], "state": state,
            "house": "assembly", "number": row["ac_no"], "reserved": RESERVED.get(row["ac_type"].upper(), ""),
            "district": display_name(row["district"]), "pc": pc_rows.get((state, row["pc_name"])),
            "aliases": [row["ac_name"]]}
    by_key: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for (state, house, _no), row in seats.items():
        by_key[(state, house, key(row["aliases"][0]))].append(row)

    # datameet's PC Hindi names (pc.csv took most of them from it): fill gaps, keep other spellings
    datameet = shared / "datameet_maps" / "india_pc_2019_gazetteer_hi.csv"
    if datameet.exists():
        for _line, row in read_csv(datameet, ("st_name", "pc_name", "pc_name_hi")):
            state = states.get(key(row["st_name"]))
            rows = by_key.get((state or "", "lok_sabha", key(row["pc_name"])), []) if state else []
            for seat in rows:
                if not seat["name_hi"]:
                    seat["name_hi"] = row["pc_name_hi"]
                elif row["pc_name_hi"] and key(row["pc_name_hi"]) != key(seat["name_hi"]):
                    seat["aliases"].append(row["pc_name_hi"])
                if key(row["pc_name"]) != key(seat["name_en"]):
                    seat["aliases"].append(row["pc_name"])

    for line, row in read_csv(gaz / "aliases.csv", ("state", "kind", "name", "alias")):
        state = _state(states, f"aliases.csv:{line}", row["state"])
        house = {"pc": "lok_sabha", "ac": "assembly"}.get(row["kind"])
        for seat in by_key.get((state, house or "", key(row["name"])), []):
            seat["aliases"].append(row["alias"])

    _merge_press_names(out / "press_names.csv", seats, states)
    _qualify_duplicates(seats)

    rows = sorted(seats.values(), key=lambda r: (r["state"], r["house"], int(r["number"] or 0), r["name_en"]))
    n_alias = 0
    with (out / "constituencies.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            own = {key(row["name_en"]), key(row["name_hi"])}
            aliases = []
            for alias in row["aliases"]:
                if key(alias) and key(alias) not in own:
                    own.add(key(alias))
                    aliases.append(" ".join(alias.split()))
            n_alias += len(aliases)
            writer.writerow([row["name_en"], row["name_hi"], row["state"], row["house"], row["number"],
                             row["reserved"], row["district"], row["pc"]["name_en"] if row["pc"] else "",
                             "|".join(aliases)])
    houses = Counter(r["house"] for r in rows)
    return {"lok_sabha": houses["lok_sabha"], "assembly": houses["assembly"],
            "hindi": sum(1 for r in rows if r["name_hi"]), "aliases": n_alias}


def _merge_press_names(path: Path, seats: dict, states: dict[str, str]) -> None:
    """The press spellings kept by hand: matched to a seat by state, house and any spelling."""
    if not path.exists():
        return
    index: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for (state, house, _no), row in seats.items():
        for spelling in [row["name_en"], row["name_hi"], *row["aliases"]]:
            if key(spelling):
                index[(state, house, key(spelling))].append(row)
    for line, row in read_csv(path, ("name_en", "name_hi", "state", "house", "reserved", "aliases")):
        state = _state(states, f"{path.name}:{line}", row["state"])
        found: list[dict] = []
        for spelling in [row["name_en"], row["name_hi"], *split_list(row["aliases"])]:
            found = list({id(r): r for r in index.get((state, row["house"], key(spelling)), [])}.values())
            if found:
                break
        if len(found) != 1:
            raise GazetteerError(f"{path.name}:{line}: {row['name_en']!r} ({state}, {row['house']}) matches "
                                 f"{len(found)} seats of the sources; write it as the sources do or add an alias")
        seat = found[0]
        if row["name_en"] != seat["name_en"]:
            seat["aliases"].append(seat["name_en"])
            seat["name_en"] = row["name_en"]
        if row["name_hi"]:
            if seat["name_hi"] and key(seat["name_hi"]) != key(row["name_hi"]):
                seat["aliases"].append(seat["name_hi"])
            seat["name_hi"] = row["name_hi"]
        seat["aliases"].extend(split_list(row["aliases"]))
        if row["reserved"] and not seat["reserved"]:
            seat["reserved"] = row["reserved"]


def _qualify_duplicates(seats: dict) -> None:
    """Two seats of one house and state with one name (Bihar's two Kalyanpurs): each is named
    with its district ("Kalyanpur (Samastipur)"), the bare name stays an alias of both."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in seats.values():
        groups[(row["state"], row["house"], key(row["name_en"]))].append(row)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        for row in rows:
            where = row["district"] or f"no. {row['number']}"
            row["aliases"].append(row["name_en"])
            row["name_en"] = f"{row['name_en']} ({where})"


NOTA = {"nota", "noneoftheabove"}
PARTY_FILES = (   # (file, party column, delimiter): every results file of shared/data
    ("tcpd_lokdhaba/tcpd_ge_all_states_1962_2021.csv", "Party", ","),
    ("electionlens/ls2024_candidates_electionlens.csv", "party", ","),
    ("electionlens/ac_selected_states_candidates_electionlens.csv", "party", ","),
    ("electionlens/ac_maharashtra_2024_candidates_electionlens.csv", "party", ","),
    ("electionlens/ac_jharkhand_2024_candidates_electionlens.csv", "party", ","),
    ("electionlens/ac_haryana_2024_candidates_electionlens.csv", "party", ","),
    ("electionlens/ac_delhi_2025_candidates_electionlens.csv", "party", ","),
    ("thecont1_india_votes/2024_parliamentary_elections_india.csv", "Party", ";"),
)


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        return [{k: " ".join((v or "").split()) for k, v in row.items() if k} for row in csv.DictReader(fh, delimiter=delimiter)]


def build_parties(shared: Path, out: Path) -> dict[str, int]:
    """Write out/parties_registered.csv: every party the results files name that parties.csv
    (kept by hand: major parties, Hindi names, alliances) does not. ECI codes (TCPD, ElectionLens)
    are joined to the full names thecont1 gives for the same LS-2024 candidate."""
    known = {}
    for _line, row in read_csv(out / "parties.csv", ("abbr", "name_en", "name_hi", "abbr_hi", "alliance", "aliases")):
        for spelling in [row["abbr"], row["name_en"], row["name_hi"], row["abbr_hi"], *split_list(row["aliases"])]:
            if spelling:
                known[key(spelling)] = row["abbr"]
    counts: Counter[str] = Counter()
    files: dict[str, set[str]] = defaultdict(set)
    tables = {}
    for name, column, delimiter in PARTY_FILES:
        path = shared / name
        if not path.exists():
            continue
        tables[name] = _rows(path, delimiter)
        for row in tables[name]:
            party = row.get(column, "")
            if party and key(party) not in NOTA:
                counts[party] += 1
                files[party].add(name.split("/")[0])
    # code -> full name, from the LS-2024 candidates both files list
    full_of: dict[str, Counter[str]] = defaultdict(Counter)
    el = tables.get("electionlens/ls2024_candidates_electionlens.csv", [])
    tc = tables.get("thecont1_india_votes/2024_parliamentary_elections_india.csv", [])
    by_candidate = {(key(r["Constituency"]), key(r["Candidate"])): r["Party"] for r in tc}
    for r in el:
        full = by_candidate.get((key(r["pc_name"]), key(r["candidate"])))
        if full and key(full) not in NOTA:
            full_of[r["party"]][full] += 1
    code_of = {}
    for code, names in full_of.items():
        full, _n = names.most_common(1)[0]
        if code_of.setdefault(key(full), code) != code:
            continue     # one full name, two codes: keep the first
    parties: dict[str, dict] = {}
    for party in sorted(counts, key=lambda p: (-counts[p], p)):
        if key(party) in known:
            continue
        code = code_of.get(key(party), party)      # a full name whose code the files use
        if key(code) in known:
            known[key(party)] = known[key(code)]     # a full name of a party kept by hand: an alias there
            continue
        entry = parties.setdefault(key(code), {"abbr": code, "names": Counter(), "aliases": set(), "sources": set(),
                                               "rows": 0})
        entry["rows"] += counts[party]
        entry["sources"] |= files[party]
        if party != code:
            entry["aliases"].add(party)
        for full, n in full_of.get(code, {}).items():
            entry["names"][full] += n
    # a full name two codes share ("SUCI" and ElectionLens's truncated "Socialist Unity") names
    # only the code with most rows; the other keeps its code as its name
    owner: dict[str, dict] = {}
    for entry in sorted(parties.values(), key=lambda e: -e["rows"]):
        for full in list(entry["names"]):
            if owner.setdefault(key(full), entry) is not entry:
                del entry["names"][full]
    with (out / "parties_registered.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("abbr", "name_en", "aliases", "sources", "rows"))
        for entry in sorted(parties.values(), key=lambda e: e["abbr"].casefold()):
            # the full name thecont1 gives most candidates of that code; a code without one is its own name
            name = entry["names"].most_common(1)[0][0] if entry["names"] else entry["abbr"]
            aliases = sorted({a for a in entry["aliases"] if key(a) not in (key(name), key(entry["abbr"]))})
            writer.writerow((entry["abbr"], name, "|".join(aliases), "|".join(sorted(entry["sources"])), entry["rows"]))
    return {"parties": len(parties), "named": len(counts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store.build_gazetteer", description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (holds gazetteer/ and datameet_maps/)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "gazetteer")
    args = parser.parse_args(argv)
    if not (args.shared / "gazetteer" / "ac.csv").exists():
        print(f"error: {args.shared}/gazetteer/ac.csv not found; pass the folder that holds gazetteer/",
              file=sys.stderr)
        return 2
    try:
        counts = build(args.shared, args.out)
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out / 'constituencies.csv'}: {counts['lok_sabha']} Lok Sabha + {counts['assembly']} assembly "
          f"constituencies, {counts['hindi']} with a Hindi name, {counts['aliases']} aliases")
    parties = build_parties(args.shared, args.out)
    print(f"{args.out / 'parties_registered.csv'}: {parties['parties']} parties not in parties.csv "
          f"(of {parties['named']} party spellings in the results files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
