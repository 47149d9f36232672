"""Which stored rows an answer may use, and which of them it believes."""
from __future__ import annotations

import pytest

from bot.lookup import contests_for_seat, rank, results_of, standings
from store.schema import open_store


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "store.db")
    with db.conn:
        db.execute("INSERT INTO elections (id, key, name_en, year, kind) VALUES (1, '2018-05-bypolls', 'Bypolls', 2018, 'bye')")
        db.execute("INSERT INTO constituencies (id, name_en, house) VALUES (1, 'Kairana', 'lok_sabha')")
        db.execute("INSERT INTO contests (id, election_id, constituency_id) VALUES (1, 1, 1)")
    return db


def add(db, candidate: str, status: str, origin: str, review: str, confidence: float = 1.0) -> None:
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, status, origin, review, confidence) "
                   "VALUES (1, ?, ?, ?, ?, ?)", [candidate, status, origin, review, confidence])


@pytest.mark.parametrize("unreviewed, expected", [
    (True, {"Tabassum Hasan", "Mriganka Singh"}),   # a fresh article's rows answer at once
    (False, {"Tabassum Hasan"}),                     # reviewed rows only
])
def test_pending_rows_answer_only_when_configured_and_rejected_never(db, unreviewed, expected):
    add(db, "Tabassum Hasan", "won", "extracted", "accepted", 0.9)
    add(db, "Mriganka Singh", "lost", "extracted", "pending", 0.6)
    add(db, "Kanwar Hasan", "won", "extracted", "rejected", 0.5)
    assert {r.candidate for r in results_of(db, 1, unreviewed)} == expected
    assert [c.id for c in contests_for_seat(db, 1, unreviewed)] == [1]


def test_a_seat_with_only_rejected_rows_has_no_contest_to_answer_from(db):
    add(db, "Kanwar Hasan", "won", "extracted", "rejected", 0.5)
    assert contests_for_seat(db, 1, True) == [] and contests_for_seat(db, 1, False) == []


def test_reviewed_rows_outrank_unreviewed_ones_for_the_same_candidate(db):
    add(db, "Tabassum Hasan", "leading", "extracted", "pending", 0.7)
    add(db, "Tabassum Hasan", "won", "curated", "accepted")
    (top,) = standings(results_of(db, 1, True))
    assert top.best.status == "won" and top.best.origin == "curated"
    assert rank(top.best) > rank(top.rows[-1])
