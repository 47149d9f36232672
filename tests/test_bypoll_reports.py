"""Which election and which house a report's rows join when the report itself does not say
(store/extract/resolve.py): the seat's election counted that day. Real passages of
tests/fixtures/bypoll_reports, ingested in order into a store with the national gazetteer."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.extract import extract_article, load_lexicon
from store.gazetteer import load_gazetteer
from store.ingest import ingest_paths
from store.schema import open_store
from store.settings import IngestSettings
from tests.conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures" / "bypoll_reports"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = open_store(tmp_path_factory.mktemp("bypolls") / "store.db")
    load_gazetteer(db, REPO / "data" / "gazetteer")
    lexicon = load_lexicon(REPO / "data" / "patterns")
    report = ingest_paths(db, [FIXTURES / "articles.jsonl"], IngestSettings(),
                          on_article=lambda hook_db, aid: extract_article(hook_db, aid, lexicon=lexicon))
    assert report.failed == []
    return db


def rows_of(db, seat: str):
    return db.execute(
        "SELECT c.house, e.kind, e.key, r.candidate, r.status, r.margin, pv.source FROM results r "
        "JOIN contests k ON k.id = r.contest_id JOIN constituencies c ON c.id = k.constituency_id "
        "JOIN elections e ON e.id = k.election_id "
        "JOIN provenance pv ON pv.row_table = 'results' AND pv.row_id = r.id WHERE c.name_en = ?", [seat]).fetchall()


def test_a_report_of_the_seats_bypoll_count_joins_the_bypoll(db):
    # np0108 calls it a bypoll; np0112 (which names "the Lok Sabha election" in passing) and np0160
    # ("by-poll") are of that same count: no "2024 Madhya Pradesh assembly election" is made for them
    rows = rows_of(db, "Amarwara")
    assert {r[6] for r in rows} >= {"np0108", "np0112", "np0160", "np0164"}
    assert {(r[1], r[2]) for r in rows} == {("bye", "2024-07-bypolls")}
    assert ("Dhiren Shah Inwati", "leading", 5634) in {(r[3], r[4], r[5]) for r in rows}
    assert db.execute("SELECT count(*) FROM elections WHERE kind = 'general'").fetchone()[0] == 0


def test_a_name_of_two_houses_is_the_seat_counted_that_day(db):
    # np0128 names Araria beside the Jehanabad and Bhabua assembly seats, without "Lok Sabha": the
    # Araria counted that day is the Lok Sabha seat (np0021), not the assembly seat of that name
    rows = rows_of(db, "Araria")
    assert ("lok_sabha", "Sarfaraz Alam", "won", 61788, "np0128") in {(r[0], r[3], r[4], r[5], r[6]) for r in rows}
    assert {r[0] for r in rows} == {"lok_sabha"}
