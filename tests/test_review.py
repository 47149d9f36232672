"""store.review: listing extracted results and accepting or rejecting them."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.extract import extract_article
from store.review import list_extracted, set_review
from store.schema import open_store


@pytest.fixture
def db(tmp_path: Path):
    db = open_store(tmp_path / "store.db")
    text = ("Counting ended late.\n\nSPs Ramesh Yadav beat BSPs Kiran Pal by over 4,500 votes in the "
            "Fatehganj bypoll.")
    with db.conn:
        db.execute("INSERT INTO constituencies (name_en, state, house) VALUES ('Fatehganj', 'Uttar Pradesh', "
                   "'assembly')")
        db.execute("INSERT INTO parties (abbr, name_en) VALUES ('SP', 'Samajwadi Party'), "
                   "('BSP', 'Bahujan Samaj Party')")
        aid = db.execute("INSERT INTO articles (source, text, published, content_hash, ingested_at) "
                         "VALUES ('fatehganj.txt', ?, '2023-11-20', 'h', '2023-11-20T10:00:00')", [text]).lastrowid
        db.execute('INSERT INTO passages (article_id, ord, text, start, "end") VALUES (?, 0, ?, 0, ?)',
                   [aid, text, len(text)])
        extract_article(db, aid)
    return db


def _ids(db, status: str) -> int:
    return db.execute("SELECT id FROM results WHERE status = ?", [status]).fetchone()[0]


def test_lists_each_extracted_row_with_its_quote(db):
    lines = list_extracted(db, since=None, review=None)
    won = next(line for line in lines if "Ramesh Yadav" in line)
    assert f"#{_ids(db, 'won')} " in won
    for part in ("2023-11-bypolls", "Fatehganj (Uttar Pradesh)", "SP won", "margin over 4,500",
                 "confidence 0.9", "pattern:defeated", "accepted"):
        assert part in won, part
    quote = lines[lines.index(won) + 1]
    assert quote.startswith("    fatehganj.txt: ") and "SPs Ramesh Yadav beat BSPs Kiran Pal" in quote


@pytest.mark.parametrize("since,review,count", [
    (None, None, 2), ("2023-11-20", None, 2), ("2023-11-21", None, 0), (None, "accepted", 2), (None, "pending", 0),
])
def test_filters_by_ingestion_date_and_state(db, since, review, count):
    lines = list_extracted(db, since=since, review=review)
    assert len([line for line in lines if line.startswith("#")]) == count


def test_accept_and_reject(db):
    rid = _ids(db, "lost")
    set_review(db, rid, "rejected")
    assert db.execute("SELECT review FROM results WHERE id = ?", [rid]).fetchone()[0] == "rejected"
    assert [line for line in list_extracted(db, None, "rejected") if line.startswith("#")] == [
        line for line in list_extracted(db, None, None) if line.startswith(f"#{rid} ")]
    set_review(db, rid, "accepted")
    assert db.execute("SELECT review FROM results WHERE id = ?", [rid]).fetchone()[0] == "accepted"


def test_unknown_id_and_curated_rows_are_refused(db):
    with pytest.raises(ValueError, match="no result with id 999"):
        set_review(db, 999, "accepted")
    cid = db.execute("SELECT contest_id FROM results LIMIT 1").fetchone()[0]
    with db.conn:
        rid = db.execute("INSERT INTO results (contest_id, candidate, status) VALUES (?, 'X Y', 'won')",
                         [cid]).lastrowid
    with pytest.raises(ValueError, match="curated row, not an extracted one"):
        set_review(db, rid, "rejected")
    with pytest.raises(ValueError, match="not one of"):
        set_review(db, _ids(db, "won"), "maybe")


def test_bad_since_is_explained(db):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        list_extracted(db, since="last week", review=None)
