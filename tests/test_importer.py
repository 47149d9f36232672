"""Importing candidate-level results files in the TCPD, ElectionLens and thecont1 layouts."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from store.gazetteer import load_gazetteer
from store.importer import import_results_file, make_election_key
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent

TCPD_HEADER = (
    "State_Name,Assembly_No,Constituency_No,Year,month,Poll_No,DelimID,Position,Candidate,Sex,Party,Votes,"
    "Candidate_Type,Valid_Votes,Electors,Constituency_Name,Constituency_Type,Sub_Region,N_Cand,Turnout_Percentage,"
    "Vote_Share_Percentage,Deposit_Lost,Margin,Margin_Percentage,ENOP,pid,Party_Type_TCPD,Party_ID,last_poll,"
    "Contested,Last_Party,Last_Party_ID,Last_Constituency_Name,Same_Constituency,Same_Party,No_Terms,Turncoat,"
    "Incumbent,Recontest,MyNeta_education,TCPD_Prof_Main,TCPD_Prof_Main_Desc,TCPD_Prof_Second,"
    "TCPD_Prof_Second_Desc,Election_Type"
)
TCPD_ROWS = [
    # 2018 bye-election (Poll_No 1, no month), with a NOTA row and the source's "€" kept as written
    "Uttar_Pradesh,16,2,2018,,1,4,1,Tabassum Begum €,,RLD,467881.0,,910682,1612989.0,KAIRANA,GEN,WEST,12,56.46,"
    "51.38,no,41233.0,4.53,2.08,GEUP2029225,,,True,1.0,,,,,,1.0,False,False,False,,,,,,Lok Sabha Election (GE)",
    "Uttar_Pradesh,16,2,2018,,1,4,2,Mriganka Singh,,BJP,426648.0,,910682,1612989.0,KAIRANA,GEN,WEST,12,56.46,"
    "46.85,no,423198.0,46.47,2.08,GEUP2029226,National Party,1605.0,True,1.0,,,,,,0.0,False,False,False,,,,,,"
    "Lok Sabha Election (GE)",
    "Uttar_Pradesh,16,2,2018,,1,4,3,NOTA,,,4000.0,,910682,1612989.0,KAIRANA,GEN,WEST,12,56.46,"
    "0.4,,550.0,0.06,2.08,,,,True,,,,,,,,,,,,,,,,Lok Sabha Election (GE)",
    "Uttar_Pradesh,16,2,2018,,1,4,4,Ravinder Kumar,,IND,3450.0,,910682,1612989.0,KAIRANA,GEN,WEST,12,56.46,0.38,"
    "yes,748.0,0.08,2.08,GEUP2029227,,,True,1.0,,,,,,0.0,False,False,False,,,,,,Lok Sabha Election (GE)",
    # 2019 general election
    "Uttar_Pradesh,17,64,2019,4,0,4,1,Ravindra Shyamnarayan Shukla alias Ravi Kishan,M,BJP,717122,,1184635,1981197,"
    "GORAKHPUR,GEN,NORTH-EAST,10,59.79,60.54,no,301664,25.46,2.04,GEUP2024540,National Party,1605,TRUE,1,,,,,,1,"
    "FALSE,FALSE,FALSE,12th Pass,Liberal Profession or Professional,Actor,,,Lok Sabha Election (GE)",
    "Uttar_Pradesh,17,64,2019,4,0,4,2,Rambhual Nishad,M,SP,415458,GEN,1184635,1981197,GORAKHPUR,GEN,NORTH-EAST,10,"
    "59.79,35.07,no,392486,33.13,2.04,AEUP105885,State-based Party,7425,TRUE,2,BSP,16651,GORAKHPUR,TRUE,FALSE,0,"
    "TRUE,FALSE,FALSE,Graduate,Politics,Ex MLA,Agriculture,,Lok Sabha Election (GE)",
    # a seat the gazetteer lacks, written the TCPD way
    "Maharashtra,16,11,2018,,1,4,1,Kukade Madhukrao Yashwantrao,M,NCP,442213.0,,948650,1759877.0,BHANDARA - GONDIYA,"
    "GEN,,18,53.9,46.61,no,48097.0,5.07,2.56,GEMH84059,State-based Party,5792.0,True,1.0,,,,,,1.0,False,False,False,"
    ",,,,,Lok Sabha Election (GE)",
    "Rajasthan,16,8,2018,,1,4,1,Dr. Karan Singh Yadav,M,INC,642416.0,,1160000,1900000.0,ALWAR,GEN,,11,61.0,"
    "61.0,no,196496.0,17.0,2.0,GERJ1,National Party,1,True,1.0,,,,,,1.0,False,False,False,,,,,,Lok Sabha Election (GE)",
    # malformed: votes not a number, and a short row
    "Rajasthan,16,8,2018,,1,4,2,Dr. Jaswant Singh Yadav,M,BJP,lots,,1160000,1900000.0,ALWAR,GEN,,11,61.0,"
    "33.0,no,100.0,1.0,2.0,GERJ2,National Party,1,True,1.0,,,,,,1.0,False,False,False,,,,,,Lok Sabha Election (GE)",
    "Rajasthan,16,8,2018,,1,4,3,Short Row",
]

ELECTIONLENS_PC = """state_code,state,pc_id,pc_no,pc_name,pc_type,year,electors,valid_votes,turnout_pct,n_candidates,position,candidate,party,votes,vote_share_pct,margin
UP,Uttar Pradesh,UP-64,64,GORAKHPUR,GEN,2024,2101746,1143732,54.42,13,1,RAVINDRA SHUKLA ALIAS RAVI KISHAN,BJP,584512,51.11,103724
UP,Uttar Pradesh,UP-64,64,GORAKHPUR,GEN,2024,2101746,1143732,54.42,13,2,KAJAL NISHAD,SP,480788,42.04,
UP,Uttar Pradesh,UP-64,64,GORAKHPUR,GEN,2024,2101746,1143732,54.42,13,3,JAVED ASHRAF ALIAS JAVED SIMNANI,BSP,55660,4.87,
DL,,DL-04,4,NEW DELHI,GEN,2024,1525071,852640,55.91,8,1,BANSURI SWARAJ,BJP,453185,53.15,78370
DL,,DL-04,4,NEW DELHI,GEN,2024,1525071,852640,55.91,8,2,SOMNATH BHARTI,AAAP,374815,43.96,
"""

ELECTIONLENS_AC = """state_code,ac_id,ac_no,ac_name,ac_type,district,year,electors,valid_votes,turnout_pct,n_candidates,position,candidate,party,votes,vote_share_pct,margin,sex,age
MP,MP-123,,AMARWARA (ST),,,2023,254829,227034,89.09,,1,Kamlesh Pratap Shah,INC,109765,48.35,25086,,
MP,MP-123,,AMARWARA (ST),,,2023,254829,227034,89.09,,2,Monika Manmohan Shah Batti,BJP,84679,37.3,,,
UP,UP-018,18,NOORPUR,GEN,BIJNOR,2017,300000,200000,66.0,8,1,LOKENDRA SINGH,BJP,79172,39.0,12736,M,45
UP,UP-018,18,NOORPUR,GEN,BIJNOR,2017,300000,200000,66.0,8,2,NAIM UL HASAN,SP,66436,33.0,,M,40
TN,TN-140,,TIRUCHIRAPPALLI WEST,,TIRUCHIRAPPALLI,,,,,,,Nehru K.N.,DMK,116018,65.08,,,
"""

THECONT1 = '''"State";"Constituency";"Party";"Candidate";"Votes";"State ID";"Constituency ID"
"Andhra Pradesh";"Araku ";"Yuvajana Sramika Rythu Congress Party";"GUMMA THANUJA RANI";"477005";"S01";"1"
"Andhra Pradesh";"Araku ";"Bharatiya Janata Party";"KOTHAPALLI GEETHA";"426425";"S01";"1"
"Andhra Pradesh";"Araku ";"Communist Party of India  (Marxist)";"APPALANARASA PACHIPENTA";"123129";"S01";"1"
"Andhra Pradesh";"Araku ";"None of the Above";"NOTA";"50470";"S01";"1"
"Bihar";"Nalanda";"Janata Dal  (United)";"KAUSHALENDRA KUMAR";"559422";"S04";"28"
"Bihar";"Nalanda";"Communist Party of India  (Marxist-Leninist)  (Liberation)";"SANDEEP SAURAV";"390308";"S04";"28"
"Gujarat";"Surat";"Bharatiya Janata Party";"MUKESHKUMAR CHANDRAKAANT DALAL";"Unconteste";"S06";"2"
"NCT OF Delhi";"New Delhi";"Bharatiya Janata Party";"BANSURI SWARAJ";"453185";"U05";"4"
"NCT OF Delhi";"New Delhi";"Aam Aadmi Party";"SOMNATH BHARTI";"374815";"U05";"4"
'''


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    store = open_store(tmp_path / "store.db")
    load_gazetteer(store, REPO / "data" / "gazetteer")
    return store


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _results(db: sqlite_utils.Database, file: str) -> dict[tuple[str, str, str], dict]:
    rows = db.query(
        "SELECT r.*, e.key AS election, k.name_en AS seat, k.state, k.origin AS seat_origin, p.abbr FROM results r "
        "JOIN contests c ON c.id = r.contest_id JOIN elections e ON e.id = c.election_id "
        "JOIN constituencies k ON k.id = c.constituency_id LEFT JOIN parties p ON p.id = r.party_id "
        "WHERE r.import_file = ?", [file])
    return {(r["election"], r["seat"], r["candidate"]): r for r in rows}


def test_tcpd(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "tcpd_sample.csv", TCPD_HEADER + "\n" + "\n".join(TCPD_ROWS) + "\n")
    report = import_results_file(db, path)
    assert report.layout == "tcpd" and report.nota_skipped == 1
    assert report.imported == 7
    assert sorted(report.elections) == ["ls-2019", "ls-bypolls-2018"]
    assert any(p.startswith("tcpd_sample.csv:10: field 'votes' is 'lots'") for p in report.problems)
    assert any(p.startswith("tcpd_sample.csv:11:") for p in report.problems)
    rows = _results(db, "tcpd_sample.csv")
    winner = rows[("ls-bypolls-2018", "Kairana", "Tabassum Begum €")]
    assert (winner["status"], winner["position"], winner["votes"], winner["margin"], winner["abbr"]) == (
        "won", 1, 467881, 41233, "RLD")
    assert winner["seat_origin"] == "gazetteer" and winner["method"] == "import:tcpd"
    third = rows[("ls-bypolls-2018", "Kairana", "Ravinder Kumar")]
    assert (third["position"], third["status"], third["margin"]) == (3, "lost", None)   # NOTA not counted
    assert rows[("ls-bypolls-2018", "Bhandara-Gondiya", "Kukade Madhukrao Yashwantrao")]["seat_origin"] == "gazetteer"
    alwar = rows[("ls-bypolls-2018", "Alwar", "Dr. Karan Singh Yadav")]
    assert (alwar["seat_origin"], alwar["state"]) == ("gazetteer", "Rajasthan")   # every seat of India is known
    assert rows[("ls-2019", "Gorakhpur", "Rambhual Nishad")]["status"] == "lost"
    kinds = dict(db.execute("SELECT key, kind FROM elections").fetchall())
    assert kinds == {"ls-2019": "general", "ls-bypolls-2018": "bye"}


def test_electionlens_pc_and_ac(db: sqlite_utils.Database, tmp_path: Path) -> None:
    pc = import_results_file(db, _write(tmp_path, "ls2024_el.csv", ELECTIONLENS_PC))
    assert (pc.layout, pc.imported, pc.problems) == ("electionlens_pc", 5, [])
    rows = _results(db, "ls2024_el.csv")
    assert rows[("ls-2024", "New Delhi", "BANSURI SWARAJ")]["state"] == "Delhi"     # from the state code
    assert rows[("ls-2024", "New Delhi", "SOMNATH BHARTI")]["abbr"] == "AAP"       # AAAP is an alias
    assert rows[("ls-2024", "Gorakhpur", "RAVINDRA SHUKLA ALIAS RAVI KISHAN")]["margin"] == 103724

    ac = import_results_file(db, _write(tmp_path, "ac_el.csv", ELECTIONLENS_AC))
    assert ac.layout == "electionlens_ac" and ac.imported == 4
    assert ac.problems == ["ac_el.csv:6: field 'year' is empty; row skipped (or name the election with --election)"]
    rows = _results(db, "ac_el.csv")
    amarwara = rows[("madhya-pradesh-2023", "Amarwara", "Kamlesh Pratap Shah")]
    assert (amarwara["seat_origin"], amarwara["status"], amarwara["margin"]) == ("gazetteer", "won", 25086)
    noorpur = rows[("uttar-pradesh-2017", "Noorpur", "LOKENDRA SINGH")]
    assert (noorpur["votes"], noorpur["abbr"]) == (79172, "BJP")
    name_hi = db.execute("SELECT name_hi FROM elections WHERE key = 'uttar-pradesh-2017'").fetchone()[0]
    assert name_hi == "2017 उत्तर प्रदेश विधानसभा चुनाव"


def test_thecont1_derives_positions_and_margins(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "2024_parliamentary_elections_india.csv", THECONT1)
    report = import_results_file(db, path)
    assert report.layout == "thecont1" and report.elections == ["ls-2024"] and report.nota_skipped == 1
    assert report.problems == ["2024_parliamentary_elections_india.csv:8: field 'votes' is 'Unconteste', not a "
                               "number; kept as the only candidate (won, elected unopposed?) with no vote count"]
    rows = _results(db, path.name)
    araku = rows[("ls-2024", "Araku", "GUMMA THANUJA RANI")]
    assert (araku["position"], araku["status"], araku["margin"], araku["abbr"]) == (1, "won", 50580, "YSRCP")
    assert rows[("ls-2024", "Araku", "APPALANARASA PACHIPENTA")]["abbr"] == "CPI(M)"
    nalanda = rows[("ls-2024", "Nalanda", "SANDEEP SAURAV")]
    assert (nalanda["position"], nalanda["abbr"]) == (2, "CPI(ML)L")   # the ECI full name is an alias
    assert nalanda["party_raw"] == "Communist Party of India (Marxist-Leninist) (Liberation)"
    assert rows[("ls-2024", "Nalanda", "KAUSHALENDRA KUMAR")]["abbr"] == "JD(U)"
    surat = rows[("ls-2024", "Surat", "MUKESHKUMAR CHANDRAKAANT DALAL")]
    assert (surat["status"], surat["votes"], surat["position"]) == ("won", None, 1)
    winners = db.execute("SELECT COUNT(*) FROM results r JOIN parties p ON p.id = r.party_id "
                         "WHERE r.status = 'won' AND p.abbr = 'BJP'").fetchone()[0]
    assert winners == 2
    prov = db.execute("SELECT COUNT(*), MIN(source), MAX(quote) FROM provenance WHERE row_table = 'results'").fetchone()
    assert prov == (report.imported, path.name, None)
    lines = {r[0] for r in db.execute("SELECT line FROM provenance WHERE row_table = 'results'")}
    assert 2 in lines and 1 not in lines                                  # the file's row, header is line 1
    assert db.execute("SELECT nota_votes FROM contests c JOIN constituencies k ON k.id = c.constituency_id "
                      "WHERE k.name_en = 'Araku'").fetchone()[0] == 50470  # NOTA kept apart


def test_no_year_needs_an_election_key(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "votes.csv", THECONT1)
    with pytest.raises(ValueError, match="gives no year"):
        import_results_file(db, path)
    report = import_results_file(db, path, election_key="ls-2024")
    assert report.elections == ["ls-2024"] and report.imported == 8


def test_reimport_replaces_rows(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "tcpd_sample.csv", TCPD_HEADER + "\n" + "\n".join(TCPD_ROWS) + "\n")
    first = import_results_file(db, path)
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("results", "provenance", "contests", "constituencies", "elections")]
    again = import_results_file(db, path)
    assert again.replaced == first.imported == again.imported == again.unchanged
    assert counts == [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("results", "provenance", "contests", "constituencies", "elections")]


def test_curated_rows_untouched(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "tcpd_sample.csv", TCPD_HEADER + "\n" + "\n".join(TCPD_ROWS) + "\n")
    import_results_file(db, path)
    contest = db.execute("SELECT id FROM contests LIMIT 1").fetchone()[0]
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, status, origin) VALUES (?, 'X', 'won', 'curated')",
                   [contest])
    import_results_file(db, path)
    assert db.execute("SELECT COUNT(*) FROM results WHERE origin = 'curated'").fetchone()[0] == 1


@pytest.mark.parametrize(("text", "message"), [
    ("name,age\nA,3\n", "no column for constituency, party, votes"),
    ("", "empty file"),
])
def test_unreadable_files(db: sqlite_utils.Database, tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        import_results_file(db, _write(tmp_path, "bad.csv", text))


def test_not_utf8(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(ELECTIONLENS_PC.replace("KAJAL", "K\xc4JAL").encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        import_results_file(db, path)


@pytest.mark.parametrize(("house", "year", "bye", "state", "key"), [
    ("lok_sabha", 2024, False, None, "ls-2024"),
    ("lok_sabha", 2018, True, "Uttar Pradesh", "ls-bypolls-2018"),
    ("assembly", 2017, False, "Uttar Pradesh", "uttar-pradesh-2017"),
    ("assembly", 2024, True, "Himachal Pradesh", "himachal-pradesh-bypolls-2024"),
])
def test_election_keys(house: str, year: int, bye: bool, state: str | None, key: str) -> None:
    assert make_election_key(house, year, bye, state) == key


FIXTURES = REPO / "tests" / "fixtures"


def test_evm_plus_postal_votes_state_code_and_nota(db: sqlite_utils.Database) -> None:
    report = import_results_file(db, FIXTURES / "ac_bihar_2025_sample.csv")
    assert report.elections == ["bihar-2025"] and report.problems == [] and report.nota_skipped == 3
    assert report.columns["votes"] == "evm_votes" and report.columns["state"] == "election_state"
    rows = _results(db, "ac_bihar_2025_sample.csv")
    winner = rows[("bihar-2025", "Valmiki Nagar", "SURENDRA PRASAD")]    # serial_no 3, yet first by votes
    assert (winner["votes"], winner["position"], winner["status"], winner["state"]) == (107374 + 356, 1, "won", "Bihar")
    second = rows[("bihar-2025", "Valmiki Nagar", "DHIRENDRA PRATAP SINGH ALIAS RINKU SINGH")]
    assert winner["margin"] == winner["votes"] - second["votes"] == 1675 and second["position"] == 2
    nota = db.execute("SELECT c.nota_votes FROM contests c JOIN constituencies k ON k.id = c.constituency_id "
                      "WHERE k.name_en = 'Valmiki Nagar'").fetchone()[0]
    assert nota == 6391 + 9 and not any(r["candidate"] == "NOTA" for r in rows.values())


def test_tcpd_bypolls_sex_and_deposits(db: sqlite_utils.Database) -> None:
    report = import_results_file(db, FIXTURES / "tcpd_bypolls_sample.csv")
    assert report.imported > 0 and all(e.startswith("ls-bypolls-") for e in report.elections)
    kept = db.execute("SELECT COUNT(*), SUM(sex = 'M'), SUM(sex IS NULL), SUM(deposit_lost), SUM(deposit_lost = 0) "
                      "FROM results").fetchone()
    assert kept == (19, 2, 17, 17, 2)      # the file's Sex is mostly empty; Deposit_Lost says yes/no


def test_columns_by_synonym_and_by_option(db: sqlite_utils.Database, tmp_path: Path) -> None:
    text = ("Election Year,State Code,AC Name,Candidate Name,Party Name,Total Votes,Serial No\n"
            "2022,UP,NOORPUR,RAM AVTAR SINGH,SP,96000,1\nNote: nothing\n2022,UP,NOORPUR,C.P. SINGH,BJP,90000,2\n")
    report = import_results_file(db, _write(tmp_path, "up_2022.csv", text))
    assert report.elections == ["uttar-pradesh-2022"] and report.imported == 2
    assert report.problems and "fields where the header has" in report.problems[0]
    odd = "Yr,Region,Seat Name,Contestant,Affiliation,Tally\n2022,UP,NOORPUR,RAM AVTAR SINGH,SP,96000\n"
    path = _write(tmp_path, "odd_assembly.csv", odd)
    with pytest.raises(ValueError, match=r"no column for candidate, party, votes .* --columns candidate=<header>"):
        import_results_file(db, path)          # "Seat Name" is a synonym of constituency; the rest are not
    report = import_results_file(db, path, columns={"candidate": "Contestant",
                                                    "party": "Affiliation", "votes": "Tally", "year": "Yr",
                                                    "state": "Region"})
    assert report.elections == ["uttar-pradesh-2022"] and report.imported == 1
    with pytest.raises(ValueError, match="has no column 'Seat'"):
        import_results_file(db, path, columns={"constituency": "Seat"})


def test_reimport_with_changed_counts_updates_in_place(db: sqlite_utils.Database, tmp_path: Path) -> None:
    source = (FIXTURES / "ls2024_electionlens_sample.csv").read_text(encoding="utf-8")
    path = _write(tmp_path, "ls2024.csv", source)
    import_results_file(db, path)
    before = dict(db.execute("SELECT candidate, id FROM results").fetchall())
    path.write_text(source.replace(",584512,", ",584600,"), encoding="utf-8")
    again = import_results_file(db, path)
    assert (again.updated, again.removed, again.unchanged) == (1, 0, again.imported - 1)
    assert dict(db.execute("SELECT candidate, id FROM results").fetchall()) == before
    assert db.execute("SELECT votes FROM results WHERE id = ?", [before["RAVINDRA SHUKLA ALIAS RAVI KISHAN"]]
                      ).fetchone()[0] == 584600


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.csv")), ids=lambda p: p.name)
def test_every_fixture_imports(db: sqlite_utils.Database, path: Path) -> None:
    report = import_results_file(db, path)
    assert report.imported > 0 and report.elections
