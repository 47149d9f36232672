"""The one results writer: upserts by batch keep ids, report what changed, keep provenance."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from store.gazetteer import load_gazetteer
from store.results_writer import Batch, Election, Provenance, ResultRow, ResultsWriter, Tally
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    store = open_store(tmp_path / "store.db")
    load_gazetteer(store, REPO / "data" / "gazetteer")
    return store


def _rows(cid: int, votes: tuple[int, int], status: str = "won", file: str = "live.csv") -> list[ResultRow]:
    lead, other = ("won", "lost") if status == "won" else ("leading", "trailing")
    return [
        ResultRow(contest_id=cid, candidate="Yogi Adityanath", party_raw="BJP", votes=votes[0], position=1,
                  status=lead, margin=votes[0] - votes[1], import_file=file, rounds_counted=None if status == "won" else 12,
                  sources=(Provenance(source=file, line=2),)),
        ResultRow(contest_id=cid, candidate="Rajmati Nishad", party_raw="SP", votes=votes[1], position=2, status=other,
                  import_file=file, sources=(Provenance(source=file, line=3),)),
    ]


def test_replace_upserts_keeps_ids_and_reports_changes(db: sqlite_utils.Database) -> None:
    w = ResultsWriter(db)
    with w.transaction():
        eid = w.election(Election("ls-2014", "2014 Lok Sabha election", 2014, "general", "lok_sabha"))
        seat = w.constituency("Gorakhpur", "Uttar Pradesh", "lok_sabha")
        cid = w.contest(eid, seat["id"])
        first = w.replace(Batch("imported", import_file="live.csv"), _rows(cid, (400000, 250000), status="leading"))
    assert (first.inserted, first.updated, first.removed) == (2, 0, 0)
    with w.transaction():
        same = w.replace(Batch("imported", import_file="live.csv"), _rows(cid, (400000, 250000), status="leading"))
        final = w.replace(Batch("imported", import_file="live.csv"), _rows(cid, (539127, 226344)))
    assert (same.unchanged, same.changed) == (2, False)
    assert final.updated == 2 and final.ids == first.ids            # a declared result updates the same rows
    won = db.execute("SELECT status, votes, margin FROM results WHERE id = ?", [first.ids[0]]).fetchone()
    assert won == ("won", 539127, 312783)
    assert db.execute("SELECT source, line FROM provenance WHERE row_id = ?", [first.ids[1]]).fetchall() == [
        ("live.csv", 3)]
    with w.transaction():
        gone = w.replace(Batch("imported", import_file="live.csv"), _rows(cid, (539127, 226344))[:1])
    assert gone.removed == 1
    assert db.execute("SELECT COUNT(*) FROM provenance WHERE row_table = 'results'").fetchone()[0] == 1


def test_batches_do_not_touch_each_other(db: sqlite_utils.Database) -> None:
    w = ResultsWriter(db)
    with w.transaction():
        eid = w.election(Election("ls-2014", "2014 Lok Sabha election", 2014, "general", "lok_sabha"))
        cid = w.contest(eid, w.constituency("Gorakhpur", "Uttar Pradesh", "lok_sabha")["id"])
        w.replace(Batch("imported", import_file="a.csv"), _rows(cid, (1, 0), file="a.csv"))
        w.replace(Batch("imported", import_file="b.csv"), _rows(cid, (2, 0), file="b.csv"))
        w.replace(Batch("imported", import_file="a.csv"), [])
    assert db.execute("SELECT DISTINCT import_file FROM results").fetchall() == [("b.csv",)]


def test_tallies_and_bad_rows(db: sqlite_utils.Database) -> None:
    w = ResultsWriter(db)
    with w.transaction():
        eid = w.election(Election("ls-2024", "2024 Lok Sabha election", 2024, "general", "lok_sabha"))
        assert w.replace_tallies("curated", [eid], [Tally(eid, "BJP", 240, 543, sources=(Provenance("a.txt"),))]) == 1
        assert w.replace_tallies("curated", [eid], [Tally(eid, "BJP", 240, 543)]) == 1
    assert db.execute("SELECT COUNT(*) FROM tallies").fetchone()[0] == 1
    with pytest.raises(ValueError, match="result status 'ahead'"):
        ResultRow(contest_id=1, candidate="X", status="ahead")
