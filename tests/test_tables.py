"""Questions over whole results tables and a seat's history, in three languages, over a real
store holding excerpts of real results files (tests/fixtures/README.md)."""
from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, make_config

FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from bot.engine import Engine
    from store.home import ensure_home
    from store.importer import import_results_file

    config = make_config(tmp_path_factory.mktemp("tables") / "home")
    db = ensure_home(config)
    for path in sorted(FIXTURES.glob("*.csv")):
        import_results_file(db, path)
    return Engine(config, open_index=False)


def numbers(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}


# (question, status, words the answer must hold (any of each group), numbers it must hold)
CASES = [
    ("jharkhand mein sabse kam margin se kaun jeeta?", "answered", [["Mandu"], ["Nirmal Mahto"]], [231]),
    ("What was the biggest victory margin in the Jharkhand election, and where?", "answered", [["Pakaur"]], [86029]),
    ("झारखंड में सबसे बड़ी जीत किसकी थी?", "answered", [["Pakaur", "पाकुड़"], ["वोटों से"]], [86029]),
    ("Which seats did CPI(ML) Liberation win in Jharkhand?", "answered", [["Nirsa"], ["Sindri"]], []),
    ("In how many Jharkhand seats was the winning margin below 5,000 votes?", "answered", [["Mandu"]], [231]),
    ("How many candidates were in the fray in Silli?", "answered", [["Silli"]], [15]),   # NOTA is no candidate
    ("How many women won in the Jharkhand election?", "no_data", [["sex"]], []),
    ("How many candidates lost their deposits in the 2019 Lok Sabha election?", "answered", [["deposit"]], []),
    ("How many times has the Congress won Rae Bareli Lok Sabha seat?", "answered",
     [["Rae Bareli"], ["2019"]], []),
    ("congress ne rae bareli kitni baar jeeti?", "answered", [["baar"]], []),
    ("Since when has the BJP held Gorakhpur Lok Sabha seat?", "answered", [["since 2019"]], []),
    ("Who won Amethi in 2004?", "answered", [["Rahul Gandhi"]], []),
    ("What was the JMM's vote share in Jharkhand?", "answered", [["%"]], []),
]


@pytest.mark.parametrize(("question", "status", "groups", "nums"), CASES, ids=[c[0][:40] for c in CASES])
def test_table_questions(engine, question, status, groups, nums) -> None:
    answer = engine.answer(question, chat_id=question)
    assert answer.status == status, answer.text
    for group in groups:
        assert any(w.casefold() in answer.text.casefold() for w in group), (group, answer.text)
    assert set(nums) <= numbers(answer.text), answer.text
    if status == "answered":
        # every figure cites the results file and row it comes from
        assert answer.citations and all(c.source.endswith(".csv") and re.fullmatch(r"row \d+", c.quote)
                                        for c in answer.citations), answer.citations


def test_hindi_and_hinglish_answers_are_in_their_language(engine) -> None:
    hi = engine.answer("झारखंड में सबसे कम अंतर से कौन जीता?", chat_id="hi")
    assert hi.lang == "hi" and "सबसे कम" in hi.text and "231" in hi.text
    latn = engine.answer("jharkhand mein sabse badi jeet kiski thi?", chat_id="latn")
    assert latn.lang == "hi-Latn" and "sabse badi" in latn.text and "86,029" in latn.text


def test_acronyms_meet_names_written_out() -> None:
    from bot.tables import acronym

    assert acronym("COMMUNIST PARTY OF INDIA (MARXIST-LENINIST) (LIBERATION)") == acronym("CPI(ML) Liberation")
    assert acronym("JHARKHAND LOKTANTRIK KRANTIKARI MORCHA") == acronym("JLKM") == "jlkm"


def test_counting_day_tally_says_won_and_leading(engine) -> None:
    from store.results_writer import Batch, Election, Provenance, ResultRow, ResultsWriter

    db = engine.db
    seats = [r[0] for r in db.execute("SELECT id FROM constituencies WHERE state = 'Jharkhand' AND house = 'assembly' "
                                      "AND name_en IN ('Mandu', 'Silli', 'Dumka') ORDER BY name_en")]
    page = "https://results.eci.gov.in/ResultAcGenNov2029/statewiseS271.htm"
    writer = ResultsWriter(db)
    with writer.transaction():
        eid = writer.election(Election("jharkhand-2029", "2029 Jharkhand assembly election", 2029, "general",
                                       "assembly", state="Jharkhand"))
        rows = []
        for n, (seat, (party, status)) in enumerate(zip(seats, [("JMM", "won"), ("JMM", "leading"),
                                                                ("BJP", "leading")], strict=True)):
            cid = writer.contest(eid, seat)
            other = "lost" if status == "won" else "trailing"
            rows += [ResultRow(contest_id=cid, candidate=f"A{n}", party_raw=party, votes=5000, position=1, status=status,
                               margin=100, as_of="2029-11-23", import_file=page, sources=(Provenance(page, line=n + 1),)),
                     ResultRow(contest_id=cid, candidate=f"B{n}", party_raw="AJSU", votes=4900, position=2, status=other,
                               as_of="2029-11-23", import_file=page, sources=(Provenance(page, line=n + 1),))]
        writer.replace(Batch("imported", import_file=page), rows)
    answer = engine.answer("How many seats has the JMM won so far in Jharkhand in 2029?", chat_id="live")
    assert answer.status == "answered" and "won 1 and is leading in 1 of the 3 seats" in answer.text, answer.text


def test_independents_who_won_are_not_everyone_in_the_fray(engine) -> None:
    # "निर्दलीय" is read as the party IND too: still the independents who won, never the count of candidates
    answer = engine.answer("झारखंड में कितने निर्दलीय उम्मीदवार जीते थे?", chat_id="ind")
    assert "निर्दलीय" in answer.text and "मैदान" not in answer.text, answer.text
