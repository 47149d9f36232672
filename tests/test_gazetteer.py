"""The bundled gazetteer loads, and exact-normalised look-ups find names in both scripts."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from store.gazetteer import (
    GazetteerError,
    alliance_members,
    alliance_names,
    alliances_of,
    find_alliance,
    find_constituencies,
    find_constituency,
    find_party,
    find_state,
    load_gazetteer,
    norm,
    split_list,
)
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent
GAZETTEER = REPO / "data" / "gazetteer"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    store = open_store(tmp_path_factory.mktemp("gaz") / "store.db")
    load_gazetteer(store, GAZETTEER)
    return store


def test_load_counts_and_idempotent(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.db")
    first = load_gazetteer(store, GAZETTEER)
    again = load_gazetteer(store, GAZETTEER)
    assert first == again
    assert first["constituencies"] == 4666 and first["parties"] >= 60 and first["states"] >= 36
    assert first["registered_parties"] > 2000 and first["alliance_members"] > 100
    assert store.execute("SELECT COUNT(*) FROM constituencies").fetchone()[0] == first["constituencies"]
    assert store.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == first["parties"] + first["registered_parties"]


@pytest.mark.parametrize(("typed", "state", "house", "expected"), [
    ("कैराना", None, "lok_sabha", "Kairana"),
    ("Kairaana", None, None, "Kairana"),                 # an alias only the Lok Sabha seat has
    ("KAIRANA", "Uttar_Pradesh", "lok_sabha", "Kairana"),
    ("Bhandara Gondia", None, None, "Bhandara-Gondiya"),
    ("BHANDARA - GONDIYA", "Maharashtra", "lok_sabha", "Bhandara-Gondiya"),
    ("भंडारा-गोंदिया", None, None, "Bhandara-Gondiya"),
    ("भन्डारा गोंदिया", None, None, "Bhandara-Gondiya"),   # datameet's spelling, half nasal folded
    ("RR Nagar", None, None, "R R Nagar"),
    ("R.R. Nagar", None, None, "R R Nagar"),
    ("Rajarajeshwarinagar", "Karnataka", "assembly", "R R Nagar"),
    ("राजराजेश्वरी नगर", None, None, "R R Nagar"),
    ("Nurpur", "UP", None, "Noorpur"),
    ("नूरपुर", "Uttar Pradesh", None, "Noorpur"),
    ("Jalandhar Paschim", None, None, "Jalandhar West"),
    ("जालंधर वेस्ट", None, None, "Jalandhar West"),
    ("Mangalaur", None, None, "Manglaur"),
    ("MANGLORE", "Uttarakhand", "assembly", "Manglaur"),
    ("अमरवाड़ा", None, None, "Amarwara"),
    ("अमरवाडा", None, None, "Amarwara"),              # nukta dropped
    ("कुन्दरकी", None, None, "Kundarki"),              # half nasal = anusvara
    ("कुंदरकी", None, None, "Kundarki"),
    ("देहरा", None, None, "Dehra"),
    ("Hamirpur", "हिमाचल प्रदेश", "assembly", "Hamirpur"),
    ("Ranaghat South", None, None, "Ranaghat Dakshin"),
    ("JAHANABAD", "Bihar", "assembly", "Jehanabad"),
    ("gomiya", None, None, "Gomia"),
    ("Kopri-Pachpakhadi", None, None, "Kopri-Pachpakhadi"),
    ("Jamshedpur East", None, None, "Jamshedpur East"),
    ("Kalyanpur", "Bihar", None, None),                 # two seats of one name in one state
    ("Kalyanpur (Samastipur)", None, None, "Kalyanpur (Samastipur)"),
])
def test_find_constituency(db: sqlite_utils.Database, typed: str, state: str | None, house: str | None,
                           expected: str | None) -> None:
    row = find_constituency(db, typed, state=state, house=house)
    assert (row and row["name_en"]) == expected


@pytest.mark.parametrize(("typed", "places"), [
    ("Hamirpur", {("Himachal Pradesh", "assembly"), ("Himachal Pradesh", "lok_sabha"),
                  ("Uttar Pradesh", "assembly"), ("Uttar Pradesh", "lok_sabha")}),
    ("Aurangabad", {("Bihar", "assembly"), ("Bihar", "lok_sabha"), ("Maharashtra", "lok_sabha")}),
    ("Badli", {("Delhi", "assembly"), ("Haryana", "assembly")}),
    ("कैराना", {("Uttar Pradesh", "assembly"), ("Uttar Pradesh", "lok_sabha")}),
    ("Kalyanpur", {("Bihar", "assembly"), ("Uttar Pradesh", "assembly")}),
])
def test_names_of_several_seats(db: sqlite_utils.Database, typed: str, places: set[tuple[str, str]]) -> None:
    assert {(r["state"], r["house"]) for r in find_constituencies(db, typed)} == places


def test_every_seat_of_india(db: sqlite_utils.Database) -> None:
    count = dict(db.execute("SELECT house, COUNT(*) FROM constituencies GROUP BY house").fetchall())
    assert count == {"lok_sabha": 543, "assembly": 4123}
    noorpur = find_constituency(db, "Noorpur", state="UP")
    assert noorpur is not None
    assert (noorpur["number"], noorpur["reserved"], noorpur["district"], noorpur["pc"]) == (24, "GEN", "Bijnor", "Nagina")


@pytest.mark.parametrize(("typed", "state", "house"), [
    ("Noorpur", "Bihar", None),          # right name, wrong state
    ("Gorakhpur Dehat", None, None),     # not a name we know
    ("", None, None),
])
def test_find_constituency_misses(db: sqlite_utils.Database, typed: str, state: str | None, house: str | None) -> None:
    assert find_constituency(db, typed, state=state, house=house) is None


@pytest.mark.parametrize(("typed", "abbr"), [
    ("सपा", "SP"),
    ("Samajwadi Party", "SP"),
    ("समाजवादी पार्टी", "SP"),
    ("BJPs", "BJP"),
    ("BJP's", "BJP"),
    ("BJP’s", "BJP"),
    ("बीजेपी", "BJP"),
    ("भाजपा", "BJP"),
    ("Bharatiya Janata Party", "BJP"),
    ("JD(U)s", "JD(U)"),
    ("JDU", "JD(U)"),
    ("Janata Dal  (United)", "JD(U)"),
    ("जदयू", "JD(U)"),
    ("Trinamools", "TMC"),
    ("AITC", "TMC"),
    ("All India Trinamool Congress", "TMC"),
    ("तृणमूल", "TMC"),
    ("Congress", "INC"),
    ("कांग्रेस", "INC"),
    ("Indian National Congress", "INC"),
    ("CPM", "CPI(M)"),
    ("Communist Party of India  (Marxist)", "CPI(M)"),
    ("Shiv Senas", "Shiv Sena"),
    ("शिवसेना", "Shiv Sena"),
    ("रालोद", "RLD"),
    ("RLDs", "RLD"),
    ("राजद", "RJD"),
    ("झामुमो", "JMM"),
    ("AAAP", "AAP"),
    ("द्रमुक", "DMK"),
    ("Shiromani Akali Dal", "SAD"),
    ("Apna Dal (Soneylal)", "Apna Dal"),
    ("NDPP", "NDPP"),
    ("Nationalist Congress Party – Sharadchandra Pawar", "NCP(SP)"),
    ("NCP", "NCP"),
    ("Independent", "IND"),
    # codes and full names as the results files write them (TCPD, ElectionLens, thecont1)
    ("SHSUBT", "Shiv Sena (UBT)"),
    ("NCPSP", "NCP(SP)"),
    ("AJSUP", "AJSU"),
    ("ADAL", "Apna Dal"),
    ("CPI(ML)(L)", "CPI(ML)L"),
    ("Communist Party of India (Marxist-Leninist) (Liberation)", "CPI(ML)L"),
    ("भाकपा माले", "CPI(ML)L"),
    ("MAHARASHTRA NAVNIRMAN SENA", "MNS"),
    ("मनसे", "MNS"),
    ("VANCHIT BAHUJAN AAGHADI", "VBA"),
    ("Vanchit Bahujan  Aaghadi", "VBA"),
    ("HAMS", "HAM(S)"),
    ("ASPKR", "ASP(KR)"),
    ("KEC(M)", "KC(M)"),
    ("Yuvajana Sramika Rythu Congress Party", "YSRCP"),
    # the ~2,500 other parties the files name are registered with their code and ECI name
    ("BMUP", "BMUP"),
    ("Bahujan Mukti Party", "BMUP"),
    ("Socialist Unity Centre Of India (COMMUNIST)", "SUCI"),
    ("Naam Tamilar Katchi", "NTK"),
])
def test_find_party(db: sqlite_utils.Database, typed: str, abbr: str) -> None:
    row = find_party(db, typed)
    assert row is not None and row["abbr"] == abbr


@pytest.mark.parametrize("typed", ["Bahujan Samaj", "Kamal Party", "XYZ Party", "", "s"])
def test_find_party_misses(db: sqlite_utils.Database, typed: str) -> None:
    assert find_party(db, typed) is None


@pytest.mark.parametrize(("typed", "state"), [
    ("UP", "Uttar Pradesh"), ("उत्तर प्रदेश", "Uttar Pradesh"), ("Uttar_Pradesh", "Uttar Pradesh"),
    ("BR", "Bihar"), ("पश्चिम बंगाल", "West Bengal"), ("Orissa", "Odisha"), ("Jammu_&_Kashmir", "Jammu and Kashmir"),
    ("NCT OF Delhi", "Delhi"), ("UK", "Uttarakhand"),
])
def test_find_state(db: sqlite_utils.Database, typed: str, state: str) -> None:
    assert find_state(db, typed) == state


def test_alliances(db: sqlite_utils.Database) -> None:
    names = alliance_names(db)
    assert {"NDA", "INDIA", "Opposition"} <= set(names)
    assert "INDIA bloc" in names["INDIA"] and "इंडिया गठबंधन" in names["INDIA"]
    assert find_alliance(db, "india bloc") == "INDIA"
    assert find_alliance(db, "विपक्ष") == "Opposition"
    assert find_alliance(db, "BJP") is None
    bjp = find_party(db, "BJP")
    assert bjp is not None and bjp["alliance"] == "NDA"


def test_alliances_of_each_election(db: sqlite_utils.Database) -> None:
    assert alliance_members(db, "Mahayuti", 2024, "assembly", "Maharashtra") == ["BJP", "Shiv Sena", "NCP"]
    assert alliance_members(db, "MVA", 2024, "assembly", "Maharashtra") == ["INC", "Shiv Sena (UBT)", "NCP(SP)"]
    assert set(alliance_members(db, "INDIA", 2024, "assembly", "Jharkhand")) == {"JMM", "INC", "RJD", "CPI(ML)L"}
    assert "TDP" in alliance_members(db, "NDA", 2024, "lok_sabha") and "TDP" not in alliance_members(db, "NDA", 2019, "lok_sabha")
    assert alliances_of(db, "JD(U)", 2019, "lok_sabha") == ["NDA"]
    assert alliances_of(db, "Shiv Sena", 2019, "lok_sabha") == ["NDA"]
    assert alliances_of(db, "Shiv Sena (UBT)", 2024, "lok_sabha") == ["INDIA"]
    assert alliance_members(db, "Mahayuti", 2009, "assembly", "Maharashtra") == []      # the file does not say
    for spelling, name in [("Maha Vikas Aghadi", "MVA"), ("महाविकास अघाड़ी", "MVA"), ("महायुति", "Mahayuti"),
                           ("United Progressive Alliance", "UPA"), ("महागठबंधन", "Mahagathbandhan")]:
        assert find_alliance(db, spelling) == name


def test_alliance_members_name_known_parties(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(GAZETTEER, folder)
    with (folder / "alliance_members.csv").open("a", encoding="utf-8") as fh:
        fh.write("NDA,2024,lok_sabha,,Pirate Party,\n")
    with pytest.raises(GazetteerError, match=r"alliance_members.csv:\d+: field 'party' is 'Pirate Party'"):
        load_gazetteer(open_store(tmp_path / "store.db"), folder)


def test_same_name_in_two_states(db: sqlite_utils.Database) -> None:
    assert find_constituency(db, "Hamirpur") is None            # ambiguous without a state
    assert len(find_constituencies(db, "हमीरपुर", house="lok_sabha")) == 2
    up = find_constituency(db, "Hamirpur", state="UP", house="lok_sabha")
    assert up is not None and up["state"] == "Uttar Pradesh"


@pytest.mark.parametrize(("file", "line", "bad", "field"), [
    ("constituencies.csv", "Kairana,कैराना,Uttar Pradesh,parliament,2,GEN,,,", "house", "house"),
    ("constituencies.csv", "Kairana,कैराना,Atlantis,lok_sabha,2,GEN,,,", "state", "state"),
    ("constituencies.csv", "Kairana,कैराना,Uttar Pradesh,lok_sabha,2,OBC,,,", "reserved", "reserved"),
    ("constituencies.csv", "Kairana,कैराना,Uttar Pradesh,lok_sabha,two,GEN,,,", "number", "number"),
    ("parties.csv", ",Nobody Party,,,,", "abbr", "abbr"),
    ("parties.csv", "XP,Example Party,,,NOPE,", "alliance", "alliance"),
])
def test_bad_rows_name_file_line_field(tmp_path: Path, file: str, line: str, bad: str, field: str) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(GAZETTEER, folder)
    path = folder / file
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    store = open_store(tmp_path / "store.db")
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(store, folder)
    assert f"{file}:{n_lines + 1}" in str(err.value) and f"'{field}'" in str(err.value)
    assert store.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == 0   # nothing written


def test_missing_column_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(GAZETTEER, folder)
    (folder / "parties.csv").write_text("abbr,name_en\nBJP,Bharatiya Janata Party\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"parties.csv:1: header lacks column\(s\) name_hi"):
        load_gazetteer(open_store(tmp_path / "store.db"), folder)


def _rows(name: str) -> list[dict[str, str]]:
    with (GAZETTEER / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_no_spelling_means_two_parties() -> None:
    """Except a code written in another case than another party's code ("JnP", ElectionLens's
    Janasena Party, beside TCPD's "JNP", the Janata Party): those are told apart by their case."""
    seen: dict[str, str] = {}
    codes = {row["abbr"] for row in _rows("parties.csv")}
    for row in _rows("parties.csv"):
        spellings = [row["abbr"], row["name_en"], row["name_hi"], row["abbr_hi"], *split_list(row["aliases"])]
        spellings = [s for s in spellings if s == row["abbr"] or s in codes
                     or not any(norm(s) == norm(c) for c in codes)]
        for key in {norm(s) for s in spellings if s}:
            assert seen.setdefault(key, row["abbr"]) == row["abbr"], f"{key!r}: {seen[key]} and {row['abbr']}"


def test_no_spelling_means_two_seats_in_one_state_and_house() -> None:
    """Except the bare name of two seats the build named apart by district ("Kalyanpur")."""
    seen: dict[tuple[str, str, str], str] = {}
    for row in _rows("constituencies.csv"):
        for s in filter(None, [row["name_en"], row["name_hi"], *split_list(row["aliases"])]):
            key = (norm(s), row["state"], row["house"])
            other = seen.setdefault(key, row["name_en"])
            both_qualified = "(" in other and "(" in row["name_en"]
            assert other == row["name_en"] or both_qualified, f"{key}: {other} and {row['name_en']}"


def test_every_curated_seat_is_in_the_gazetteer(db: sqlite_utils.Database) -> None:
    with (REPO / "data" / "results" / "results.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert find_constituency(db, row["constituency"], row["state"], row["house"]) is not None, row


@pytest.mark.parametrize("written, party", [
    ("JNP", "JNP"),        # TCPD's Janata Party (1977-1991)
    ("JnP", "JSP"),        # ElectionLens's Janasena Party (Andhra Pradesh, 2024)
    ("Janata Party", "JNP"),
    ("jnp", "JNP"),        # a code in another case than any party writes it: the code's own party
    ("BJP", "BJP"),
])
def test_party_codes_that_differ_only_in_case(tmp_path: Path, written: str, party: str) -> None:
    db = open_store(tmp_path / "store.db")
    load_gazetteer(db, GAZETTEER)
    assert find_party(db, written)["abbr"] == party
