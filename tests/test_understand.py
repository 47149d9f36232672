"""Reading a question (bot/understand.py): intent, seats, parties, year, round, and the cue flags
answering reads instead of the raw text (Question.cues, Question.table_cues)."""
from __future__ import annotations

import pytest

from bot.understand import Lexicon

CASES = [
    # question, intent, cues it must have, cues it must not have
    ("By what margin did Tabassum Hasan win Kairana?", "margin", {"asks_margin"}, {"below_seat"}),
    ("How many votes did the runner-up get in Phulpur?", "votes", {"role_loser", "asks_number"}, {"role_winner"}),
    ("How many votes did the winner get in Phulpur?", "votes", {"role_winner"}, {"role_loser"}),
    ("Why did the BJP lose Gorakhpur?", "why", {"why_outcome"}, {"why_held"}),
    ("Why was a bypoll held in Jokihat?", "why", {"why_held"}, set()),
    ("When was the Kairana bypoll held?", "", {"asks_when"}, set()),
    ("Who won booth number 14 in Kairana?", "winner", {"below_seat"}, set()),
    ("गोरखपुर में जीत का अंतर कितना था?", "margin", {"asks_margin", "asks_number"}, set()),
    ("What was the SP's tally in the Uttar Pradesh bypolls?", "tally", set(), set()),
]


@pytest.mark.parametrize(("text", "intent", "has", "has_not"), CASES)
def test_cue_flags_are_read_once(seed_engine, text, intent, has, has_not):
    q = seed_engine.question(text)
    assert q.intent == intent or not intent, q.intent
    assert has <= q.cues, q.cues
    assert not (has_not & q.cues), q.cues
    assert all(q.cue(c) for c in has)


@pytest.mark.parametrize(("text", "has"), [
    ("Which seat in Jharkhand had the smallest victory margin?", {"smallest", "margin"}),
    ("How many women won in the Jharkhand assembly election?", {"women", "how_many"}),
    ("How many times has the BJP won Kairana?", {"times"}),
])
def test_whole_table_cues(seed_engine, text, has):
    assert has <= seed_engine.question(text).table_cues


def test_words_and_tokens_keep_what_answering_needs(seed_engine):
    q = seed_engine.question("Which seats did CPI(ML) Liberation win in Jharkhand in 2024?")
    assert "CPI(ML)" in q.tokens              # as written: the whole-table reader matches abbreviations
    assert "liberation" in q.words            # normalised: evidence scoring compares sentence words
    assert q.year == 2024


@pytest.mark.parametrize(("text", "round_"), [
    ("Who was ahead in Kairana after the fifth round?", 5),
    ("kairana mein round 12 ke baad kaun aage tha", 12),
    ("Who won Kairana in 2018?", None),
])
def test_counting_round(seed_engine, text, round_):
    assert seed_engine.question(text).round == round_


def test_seat_year_and_month(seed_engine):
    q = seed_engine.question("Who won the Noorpur bypoll in May 2018?")
    assert q.intent == "winner" and len(q.constituencies) == 1
    assert (q.year, q.month, q.election_kind) == (2018, 5, "bye")


def test_a_bad_table_cue_pattern_names_its_file(tmp_path):
    import shutil
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "lexicon", data / "lexicon")
    path = data / "lexicon" / "tables.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[cues]\n", "[cues]\nbroken = ['(unclosed']\n", 1),
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"tables\.toml: cues\.broken: bad pattern"):
        Lexicon.from_data(data)


@pytest.mark.parametrize(("text", "parties", "seat", "house"), [
    # a party's own name beside a seat's is the party, never a misspelt seat name ("bjp gorakhpur")
    ("bjp gorakhpur lok sabha seat par kab se kabiz hai?", ("BJP",), "Gorakhpur", "lok_sabha"),
    ("gorakhpur lok sabha seat par bjp kab se kabiz hai?", ("BJP",), "Gorakhpur", "lok_sabha"),
    ("sp phulpur mein kab jeeti?", ("SP",), "Phulpur", None),
    # the Janata Party (TCPD's JNP) in each script; the Janasena Party is another party
    ("How many seats did the JNP win in 1980?", ("JNP",), None, None),
    ("janata party ne 1980 mein kitni seatein jeeti?", ("JNP",), None, None),
    ("जनता पार्टी ने 1980 में कितनी सीटें जीतीं?", ("JNP",), None, None),
    ("How many seats did Jana Sena win in 2024?", ("JSP",), None, None),
    ("How many seats did the Bharatiya Janata Party win in 2024?", ("BJP",), None, None),
])
def test_parties_beside_seats(seed_engine, text, parties, seat, house):
    q = seed_engine.question(text)
    assert q.parties == parties
    names = {seed_engine.linker.display("constituency", str(c)).get("name_en") for c in q.constituencies}
    assert names == ({seat} if seat else set()), names
    assert q.house == house
