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


def add_row(db, candidate: str, status: str, party: str | None = None) -> None:
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, status, origin, review, confidence) "
                   "VALUES (1, ?, ?, ?, 'extracted', 'pending', 0.8)", [candidate, party, status])


@pytest.fixture(scope="module")
def translit_key():
    from pathlib import Path

    from bot.translit import Transliterator

    return Transliterator.load(Path(__file__).parents[1] / "data" / "lexicon" / "translit.toml").sound_key


@pytest.mark.parametrize("rows, groups", [
    # a Hindi article's name and an English one's: one candidate
    ([("कल्पना सोरेन", "won"), ("Kalpana Soren", "won")], [{"कल्पना सोरेन", "Kalpana Soren"}]),
    # "Kalpana was trailing ... after the fifth round": the only candidate with that name, not a rival
    ([("कल्पना सोरेन", "won"), ("Muniya Devi", "leading"), ("Kalpana", "trailing")],
     [{"कल्पना सोरेन", "Kalpana"}, {"Muniya Devi"}]),
    # a surname two candidates share stays apart: which of them it means is not known
    ([("Ajit Pawar", "won"), ("Yugendra Pawar", "lost"), ("Pawar", "trailing")],
     [{"Ajit Pawar"}, {"Yugendra Pawar"}, {"Pawar"}]),
])
def test_one_candidate_however_the_articles_write_the_name(db, translit_key, rows, groups):
    for candidate, status in rows:
        add_row(db, candidate, status)
    found = [{r.candidate for r in s.rows} for s in standings(results_of(db, 1, True), translit_key)]
    assert sorted(found, key=sorted) == sorted(groups, key=sorted)


def test_a_one_word_name_of_another_party_is_not_joined(db, translit_key):
    add_row(db, "Kalpana Soren", "won", "JMM")
    add_row(db, "Kalpana", "lost", "BJP")
    assert len(standings(results_of(db, 1, True), translit_key)) == 2


def test_a_loser_of_unknown_place_is_the_runner_up_before_a_stated_third(db):
    # "Mahato defeated JMM candidate ... Bebi Devi by 10,945 votes, pushing AJSU Party's Yashoda Devi
    # to a distant third"
    add_row(db, "Jairam Mahato", "won")
    add_row(db, "Bebi Devi", "lost", "JMM")
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, status, position, origin, review, confidence) "
                   "VALUES (1, 'Yashoda Devi', 'AJSU', 'lost', 3, 'extracted', 'pending', 0.8)")
    assert [s.name for s in standings(results_of(db, 1, True))] == ["Jairam Mahato", "Bebi Devi", "Yashoda Devi"]
