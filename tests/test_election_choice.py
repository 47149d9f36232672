"""Which election a question about a seat means when it names none: the newest with a result; the
question's words (Lok Sabha, bypoll, a year) narrow it; several fitting equally are named."""
from __future__ import annotations

import pytest
from conftest import make_config

from bot.engine import Engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The bundled data in a store; no index: these questions are answered from the results tables."""
    return Engine(make_config(tmp_path_factory.mktemp("choice") / "home"), open_index=False)


@pytest.mark.parametrize("question, expect", [
    # Kairana has the 2018 bypoll (a result) and the 2014 general election (only unnamed losing rows)
    ("who won kairana lok sabha election", "Tabassum Hasan (RLD, Rashtriya Lok Dal) won Kairana"),
    ("who won kairana", "Tabassum Hasan (RLD, Rashtriya Lok Dal) won Kairana"),
    ("kairana bypoll result", "Tabassum Hasan (RLD, Rashtriya Lok Dal) won Kairana"),
    ("कैराना लोकसभा चुनाव में कौन जीता?", "कैराना (उत्तर प्रदेश) में मई 2018 उपचुनाव में"),
    # a year with no election there: say so, and which elections there are
    ("who won kairana in 2009", "I have no results for Kairana (Uttar Pradesh) in 2009. I have results for it "
                                "from: May 2018 bye-elections and 2014 Lok Sabha election."),
])
def test_a_seat_question_picks_the_newest_election_with_a_result(engine, question, expect):
    answer = engine.answer(question, chat_id=question)
    assert answer.text.startswith(expect), answer.text
    assert "I have no results for Kairana (Uttar Pradesh)." not in answer.text


def test_a_year_the_seat_has_no_winner_for_is_not_answered_from_another_year(engine):
    answer = engine.answer("who won kairana in 2014", chat_id="y2014")
    assert answer.status == "no_data" and "Tabassum" not in answer.text


def test_several_elections_fitting_equally_are_named(engine, tmp_path):
    db = engine.db
    kairana = db.execute("SELECT id FROM constituencies WHERE name_en = 'Kairana' AND house = 'lok_sabha'").fetchone()[0]
    bypoll = db.execute("SELECT date, year FROM elections WHERE key = '2018-05-bypolls'").fetchone()
    with db.conn:
        db.execute("INSERT INTO elections (key, name_en, date, year, kind, house) VALUES "
                   "('test-same-day', 'A same-day test election', ?, ?, 'bye', 'lok_sabha')", list(bypoll))
        election = db.execute("SELECT id FROM elections WHERE key = 'test-same-day'").fetchone()[0]
        db.execute("INSERT INTO contests (election_id, constituency_id) VALUES (?, ?)", [election, kairana])
        contest = db.execute("SELECT id FROM contests WHERE election_id = ?", [election]).fetchone()[0]
        db.execute("INSERT INTO results (contest_id, candidate, status, as_of) VALUES (?, 'A Test', 'won', ?)",
                   [contest, bypoll[0]])
    try:
        answer = engine.answer("who won kairana", chat_id="same-day")
        assert answer.status == "clarify"
        assert "May 2018 bye-elections" in answer.text and "A same-day test election" in answer.text
    finally:
        with db.conn:
            db.execute("DELETE FROM elections WHERE key = 'test-same-day'")
