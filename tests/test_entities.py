"""bot/entities.py: the Linker over a real store holding the bundled gazetteer (every seat, party
and alliance of data/gazetteer) and one contest's results, read as questions are written: English,
Hindi in Devanagari and Hindi in Latin letters, typos, a name of several seats."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.ambiguity import narrow
from bot.entities import Linker, tokenize
from store.gazetteer import load_gazetteer
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture(scope="module")
def linker(tmp_path_factory) -> Linker:
    db = open_store(tmp_path_factory.mktemp("entities") / "store.db")
    load_gazetteer(db, DATA / "gazetteer")
    (kairana,) = db.execute("SELECT id FROM constituencies WHERE name_en = 'Kairana' AND house = 'lok_sabha'").fetchone()
    with db.conn:       # the May 2018 Kairana bypoll, as the results tables hold it
        election = db.execute("INSERT INTO elections (key, name_en, date, year, kind, house) VALUES "
                              "('2018-05-bypolls', 'May 2018 bypolls', '2018-05-31', 2018, 'bye', 'mixed')").lastrowid
        contest = db.execute("INSERT INTO contests (election_id, constituency_id) VALUES (?, ?)",
                             [election, kairana]).lastrowid
        for cand, cand_hi, party, pos, status in [("Tabassum Hasan", "तबस्सुम हसन", "RLD", 1, "won"),
                                                  ("Mriganka Singh", "मृगांका सिंह", "BJP", 2, "lost")]:
            db.execute("INSERT INTO results (contest_id, candidate, candidate_hi, party_id, party_raw, position, status) "
                       "VALUES (?, ?, ?, (SELECT id FROM parties WHERE abbr = ?), ?, ?, ?)",
                       [contest, cand, cand_hi, party, party, pos, status])
    found = Linker(db, DATA)
    found.kairana_ls = kairana  # type: ignore[attr-defined]
    return found


def seats(linker: Linker, text: str) -> set[tuple[str, str, str]]:
    """(name, state, house) of every seat the text names, partial matches included."""
    return {(linker.display("constituency", m.ref)["name_en"], linker.display("constituency", m.ref)["state"],
             linker.display("constituency", m.ref)["house"]) for m in linker.find(text) if m.kind == "constituency"}


def named(linker: Linker, text: str, kind: str) -> list[str]:
    return [m.ref for m in linker.find(text) if m.kind == kind]


@pytest.mark.parametrize("text, expected", [
    # English, Devanagari and Latin-letter Hindi name the same seat (a Lok Sabha and an assembly seat)
    ("Who took Kairana in the 2018 bypoll?", {("Kairana", "Uttar Pradesh", "lok_sabha"),
                                               ("Kairana", "Uttar Pradesh", "assembly")}),
    ("कैराना उपचुनाव का नतीजा क्या रहा?", {("Kairana", "Uttar Pradesh", "lok_sabha"),
                                          ("Kairana", "Uttar Pradesh", "assembly")}),
    ("noorpur ka result kya raha", {("Noorpur", "Uttar Pradesh", "assembly")}),
    ("Jamshedpur East se kaun jeeta?", {("Jamshedpur East", "Jharkhand", "assembly")}),
    # a qualifying word in Hindi, in either script, is the English one
    ("malegaon madhya ka vijeta", {("Malegaon Central", "Maharashtra", "assembly")}),
    ("मालेगांव मध्य से कौन जीता?", {("Malegaon Central", "Maharashtra", "assembly")}),
    # a Hindi spelling of a seat known by its Hindi name
    ("बारामती लोकसभा सीट पर कौन आगे है?", {("Baramati", "Maharashtra", "lok_sabha")}),
])
def test_a_seat_named_in_any_script(linker, text, expected):
    assert seats(linker, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("what was the margin in kairna?", "Kairana"),            # a letter dropped
    ("nagpur south wset result", "Nagpur South West"),         # two letters swapped in a word of the name
])
def test_a_misspelt_seat_is_found_with_a_lower_score(linker, text, expected):
    matches = [m for m in linker.find(text) if m.kind == "constituency"]
    assert matches and {linker.display("constituency", m.ref)["name_en"] for m in matches} == {expected}
    assert all(linker.fuzzy_min_score <= m.score < 100 for m in matches)


@pytest.mark.parametrize("text", [
    "good vada hai kya",                # ordinary words that spell like a seat (Gudivada) are not one
    "aap batao kaun jeeta",             # "aap" (you) is not the Aam Aadmi Party
    "runner-up kaun tha",               # the "up" of runner-up is not Uttar Pradesh
])
def test_ordinary_words_name_nothing(linker, text):
    assert linker.find(text) == []


def test_article_sentences_take_no_typo_guess(linker):
    # article sentences are read with fuzzy=False: a typo is guessed only for questions
    assert named(linker, "kairna bypoll", "constituency")
    assert [m for m in linker.find("kairna bypoll", fuzzy=False) if m.kind == "constituency"] == []


@pytest.mark.parametrize("text, states", [
    ("Who won Rajnagar?", {"Bihar", "Madhya Pradesh", "Tripura"}),
    ("Aurangabad seat ka faisla kya hua", {"Bihar", "Maharashtra"}),
])
def test_a_name_of_seats_in_several_states_is_asked_about(linker, text, states):
    matches = [m for m in linker.find(text) if m.kind == "constituency" and not m.partial]
    assert {linker.display("constituency", m.ref)["state"] for m in matches} == states
    ids = tuple(int(m.ref) for m in matches)

    def row(i: int) -> dict:
        return linker.display("constituency", str(i))
    # the store has results (and elections) for none of them: the bot must ask which one
    kept = narrow(ids, row, with_results=linker.with_results, covered=linker.covered)
    assert {row(i)["state"] for i in kept} == states
    # the question names the state: that state's seats only
    one = sorted(states)[0]
    assert {row(i)["state"] for i in narrow(ids, row, states=(one,))} == {one}


def test_the_seat_with_results_decides_between_a_lok_sabha_and_an_assembly_seat(linker):
    matches = [m for m in linker.find("Kairana result 2018") if m.kind == "constituency"]
    assert len(matches) == 2
    kept = narrow(tuple(int(m.ref) for m in matches), lambda i: linker.display("constituency", str(i)),
                  with_results=linker.with_results, covered=linker.covered)
    assert kept == [linker.kairana_ls]


@pytest.mark.parametrize("text, party", [
    ("How many seats did the Samajwadi Party win?", "SP"),
    ("सपा की कितनी सीटें आईं?", "SP"),                      # the Hindi short name
    ("भाजपा को कितनी सीटें मिलीं", "BJP"),
    ("Congress ne Jharkhand mein kitni seat jeeti", "INC"),  # the common name of the party
    ("कांग्रेस का प्रदर्शन", "INC"),
    ("AAP ne Delhi mein kitni seatein li", "AAP"),          # in capitals, the party
    ("Which seat did the AJSU win?", "AJSU"),
    ("How did Shiv Sena (UBT) do in Mumbai?", "Shiv Sena (UBT)"),
])
def test_parties_by_abbreviation_name_and_alias(linker, text, party):
    assert named(linker, text, "party") == [party]


@pytest.mark.parametrize("text, alliance, state", [
    ("Maharashtra mein NDA ki kitni seat", "NDA", "Maharashtra"),
    ("INDIA bloc ne Jharkhand mein kitna jeeta", "INDIA", "Jharkhand"),
])
def test_alliances_and_states(linker, text, alliance, state):
    assert named(linker, text, "alliance") == [alliance]
    assert named(linker, text, "state") == [state]


@pytest.mark.parametrize("text", [
    "How many votes did Tabassum Hasan poll?",
    "tabasum hassan ka margin kitna tha",          # a transliteration variant
    "तबस्सुम हसन कितने वोट से जीतीं?",              # her name as the results write it in Hindi
])
def test_a_candidate_of_the_results_in_either_script(linker, text):
    assert named(linker, text, "candidate") == ["Tabassum Hasan"]


def test_spans_do_not_overlap_and_longest_wins(linker):
    found = linker.find("BJP vs Congress in Gorakhpur")
    spans = [(m.start, m.end) for m in found]
    assert all(a[1] <= b[0] or b[1] <= a[0] for a in set(spans) for b in set(spans) if a != b)
    assert named(linker, "BJP vs Congress in Gorakhpur", "party") == ["BJP", "INC"]
    # Gorakhpur is a Lok Sabha seat, and Gorakhpur Urban / Rural begin with it (partial matches)
    gorakhpur = [m for m in found if m.kind == "constituency"]
    assert any(not m.partial for m in gorakhpur) and any(m.partial for m in gorakhpur)


def test_tokens_keep_character_offsets():
    text = "कैराना, Kairana's margin?"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["कैराना", "Kairana's", "margin"]
    assert all(text[t.start:t.end] == t.text for t in tokens)


@pytest.mark.parametrize("text, expected", [
    # words of the question alone begin no seat's name: "kaun sa" is not Khonsa East or West
    ("Dumri mein kaun sa party jeeta?", {("Dumri", "Jharkhand", "assembly")}),
    ("kaun si party aage hai Silli mein", {("Silli", "Jharkhand", "assembly")}),
    # "tally" is not the seats Tali or Thalli
    ("What is the JMM tally in Jharkhand?", set()),
])
def test_question_words_name_no_seat(linker, text, expected):
    assert seats(linker, text) == expected
