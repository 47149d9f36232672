"""Curated results load on top of the ingested seed articles; every quote is in the cleaned text."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from store.curated import CuratedError, load_curated
from store.gazetteer import load_gazetteer
from store.ingest import ingest_paths
from store.schema import open_store
from store.settings import IngestSettings

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "data" / "results"


def _fresh_store(path: Path) -> sqlite_utils.Database:
    db = open_store(path)
    load_gazetteer(db, REPO / "data" / "gazetteer")
    report = ingest_paths(db, [REPO / "data" / "articles"], IngestSettings(), on_article=None)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    store = _fresh_store(tmp_path_factory.mktemp("curated") / "store.db")
    load_curated(store, RESULTS)
    return store


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (RESULTS / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _count(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_every_row_loaded_with_its_quotes(db: sqlite_utils.Database) -> None:
    assert _count(db, "results") == len(_csv_rows("results.csv"))
    assert _count(db, "tallies") == len(_csv_rows("tallies.csv"))
    n_quotes = sum(len(r["quote"].split("|")) for name in ("results.csv", "tallies.csv", "contests.csv")
                   for r in _csv_rows(name))
    assert _count(db, "provenance") == n_quotes
    orphans = db.execute(
        "SELECT COUNT(*) FROM results r WHERE NOT EXISTS "
        "(SELECT 1 FROM provenance p WHERE p.row_table = 'results' AND p.row_id = r.id)").fetchone()[0]
    assert orphans == 0


def test_quotes_are_exact_and_in_their_passage(db: sqlite_utils.Database) -> None:
    rows = db.execute(
        "SELECT p.quote, a.text, a.source, p.source, s.start, s.\"end\", s.text FROM provenance p "
        "JOIN articles a ON a.id = p.article_id LEFT JOIN passages s ON s.id = p.passage_id").fetchall()
    assert rows
    for quote, text, a_source, p_source, start, end, passage in rows:
        assert a_source == p_source
        offset = text.find(quote)
        assert offset >= 0, quote
        assert passage is not None and start <= offset < end
        assert passage == text[start:end]


RESULT = (
    "SELECT r.*, e.key AS election, c2.name_en AS seat, p.abbr FROM results r "
    "JOIN contests c ON c.id = r.contest_id JOIN elections e ON e.id = c.election_id "
    "JOIN constituencies c2 ON c2.id = c.constituency_id LEFT JOIN parties p ON p.id = r.party_id "
    "WHERE e.key = ? AND c2.name_en = ? AND r.status = ? AND (r.party_raw = ? OR p.abbr = ?)"
)


@pytest.mark.parametrize(("election", "seat", "party", "status", "candidate", "votes", "margin", "qual", "rounds"), [
    ("2018-05-bypolls", "Kairana", "RLD", "won", "Tabassum Hasan", None, 44618, "", None),
    ("2018-05-bypolls", "Kairana", "RLD", "leading", "Tabassum Hasan", None, 45000, "over", 19),
    ("2018-05-bypolls", "Kairana", "BJP", "lost", "Mriganka Singh", None, None, "", None),
    ("2018-05-bypolls", "Kairana", "BJP", "trailing", "Mriganka Singh", None, None, "", 19),
    ("2018-05-bypolls", "Noorpur", "SP", "won", "Naeemul Hasan", None, 5678, "over", None),
    ("2018-05-bypolls", "Jokihat", "RJD", "won", "Shahnawaz Alam", None, 41000, "", None),
    ("2018-05-bypolls", "Chengannur", "CPI(M)", "won", "Saji Cheriyan", None, None, "", None),
    ("2018-05-bypolls", "Nagaland", "NDPP", "won", "", None, None, "", None),
    ("uttar-pradesh-2017", "Noorpur", "BJP", "won", "Lokendra Singh", 79172, 12000, "over", None),
    ("uttar-pradesh-2017", "Noorpur", "SP", "lost", "Naeemul Hasan", 66436, None, "", None),
    ("2018-03-bypolls", "Gorakhpur", "SP", "won", "Pravin Kumar Nishad", 456437, 21961, "", None),
    ("2018-03-bypolls", "Phulpur", "SP", "won", "", 342796, 59613, "", None),
    ("2018-03-bypolls", "Phulpur", "BJP", "lost", "Kaushalendra Singh", 283183, None, "", None),
    ("2024-07-bypolls", "Dehra", "INC", "won", "Kamlesh Thakur", None, 9000, "over", None),
    ("2024-07-bypolls", "Jalandhar West", "AAP", "won", "Mohinder Bhagat", None, 30000, "more_than", None),
    ("2024-07-bypolls", "Amarwara", "INC", "leading", "Dheeran Shah Invati", None, None, "", None),
    ("2024-07-bypolls", "Manglaur", "BJP", "trailing", "", None, None, "", None),
])
def test_curated_facts(db: sqlite_utils.Database, election: str, seat: str, party: str, status: str,
                       candidate: str, votes: int | None, margin: int | None, qual: str, rounds: int | None) -> None:
    rows = list(db.query(RESULT, [election, seat, status, party, party]))
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["candidate"], row["votes"], row["margin"], row["margin_qualifier"], row["rounds_counted"]) == (
        candidate, votes, margin, qual, rounds)
    assert row["origin"] == "curated" and row["review"] == "accepted" and row["method"] == "curated"


def test_leading_is_never_stored_as_won(db: sqlite_utils.Database) -> None:
    for seat in ("Nalagarh", "Hamirpur", "Vikravandi", "Amarwara"):
        statuses = {r[0] for r in db.execute(
            "SELECT r.status FROM results r JOIN contests c ON c.id = r.contest_id "
            "JOIN constituencies k ON k.id = c.constituency_id WHERE k.name_en = ?", [seat])}
        assert statuses == {"leading"}, seat


def test_parties_linked_and_alliance_kept_as_written(db: sqlite_utils.Database) -> None:
    unlinked = db.execute("SELECT DISTINCT party_raw FROM results WHERE party_id IS NULL").fetchall()
    assert unlinked == [("Left Front",)]


@pytest.mark.parametrize(("election", "party", "seats", "seats_of"), [
    ("ls-2024", "BJP", 240, None), ("ls-2024", "NDA", 293, None), ("ls-2024", "INDIA", 232, None),
    ("2018-05-bypolls", "Opposition", 11, 14), ("2018-05-bypolls", "INC", 3, None),
    ("2018-03-bypolls", "BJP", 1, 5), ("ls-2014-uttar-pradesh", "BJP+Apna Dal", 73, 80),
])
def test_tallies(db: sqlite_utils.Database, election: str, party: str, seats: int, seats_of: int | None) -> None:
    row = db.execute("SELECT t.seats, t.seats_of FROM tallies t JOIN elections e ON e.id = t.election_id "
                     "WHERE e.key = ? AND t.party = ?", [election, party]).fetchone()
    assert row == (seats, seats_of)


@pytest.mark.parametrize(("election", "seat", "reason", "words"), [
    ("2018-05-bypolls", "Kairana", "death", "Hukum Singh"),
    ("2018-05-bypolls", "Noorpur", "death", "Lokendra Singh"),
    ("2018-05-bypolls", "Jokihat", "defection", "Sarfaraz Alam"),
    ("2024-07-bypolls", "Manglaur", "death", "Sarwat Karim Ansari"),
    ("2024-07-bypolls", "Amarwara", "defection", "Kamlesh Shah"),
])
def test_bypoll_reasons(db: sqlite_utils.Database, election: str, seat: str, reason: str, words: str) -> None:
    row = db.execute(
        "SELECT c.reason, c.reason_detail, c.id FROM contests c JOIN elections e ON e.id = c.election_id "
        "JOIN constituencies k ON k.id = c.constituency_id WHERE e.key = ? AND k.name_en = ?", [election, seat]).fetchone()
    assert row[0] == reason and words in row[1]
    assert db.execute("SELECT COUNT(*) FROM provenance WHERE row_table = 'contests' AND row_id = ? AND field = 'reason'",
                      [row[2]]).fetchone()[0] >= 1


def test_reload_is_idempotent_and_keeps_other_rows(tmp_path: Path) -> None:
    db = _fresh_store(tmp_path / "store.db")
    load_curated(db, RESULTS)
    contest = db.execute("SELECT id FROM contests LIMIT 1").fetchone()[0]
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, status, origin, review) "
                   "VALUES (?, 'Someone Else', 'lost', 'extracted', 'pending')", [contest])
    before = {t: _count(db, t) for t in ("elections", "contests", "results", "tallies", "provenance")}
    load_curated(db, RESULTS)
    after = {t: _count(db, t) for t in ("elections", "contests", "results", "tallies", "provenance")}
    assert before == after
    assert db.execute("SELECT COUNT(*) FROM results WHERE origin = 'extracted'").fetchone()[0] == 1


def _broken_copy(tmp_path: Path, file: str, column: str, value: str, row_index: int = 0) -> tuple[Path, int]:
    folder = tmp_path / "results"
    shutil.copytree(RESULTS, folder)
    with (folder / file).open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows[row_index][column] = value
    with (folder / file).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder, row_index + 2


@pytest.mark.parametrize(("file", "column", "value", "expected"), [
    ("results.csv", "quote", "Tabassum Hasan won Kairana by a huge margin of votes", r"field 'quote' is not an exact"),
    ("results.csv", "quote", "too short", r"shorter than 20"),
    ("results.csv", "constituency", "Atlantis", r"field 'constituency' 'Atlantis'"),
    ("results.csv", "party", "Pirate Party", r"field 'party' 'Pirate Party'"),
    ("results.csv", "status", "won?", r"field 'status'"),
    ("results.csv", "margin", "about 5000", r"field 'margin'"),
    ("results.csv", "source", "999_missing.txt", r"field 'source' is '999_missing.txt'"),
    ("results.csv", "election", "2030-bypolls", r"field 'election'"),
    ("tallies.csv", "quote", "Opposition parties won every seat in sight", r"field 'quote'"),
    ("contests.csv", "reason", "illness", r"field 'reason'"),
])
def test_bad_rows_name_file_line_field(tmp_path: Path, file: str, column: str, value: str, expected: str) -> None:
    db = _fresh_store(tmp_path / "store.db")
    folder, line = _broken_copy(tmp_path, file, column, value)
    with pytest.raises(CuratedError, match=expected) as err:
        load_curated(db, folder)
    assert str(err.value).startswith(f"{file}:{line}:")
    assert _count(db, "results") == 0 and _count(db, "elections") == 0   # nothing half-written
