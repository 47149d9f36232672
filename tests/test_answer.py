"""Answers from the bundled seed home: every intent in three languages, follow-ups, ambiguity,
no data, out of scope, and "leading" never reported as won. Questions here are worded
differently from the evaluation set on purpose."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.types import STATUSES

DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def digits(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d)", "", text)


# (question, lang, status, words the answer must contain (any of each group), numbers)
CASES = [
    ("who was elected from Kairana in 2018?", "en", "answered", [["Tabassum"], ["RLD"]], []),
    ("Noorpur bypoll winner", "en", "answered", [["Naeemul"]], []),
    ("कैराना उपचुनाव किसने जीता?", "hi", "answered", [["तबस्सुम", "Tabassum"]], []),
    ("palghar se kaun jeeta", "hi-Latn", "answered", [["Rajendra Gavit"]], []),
    ("Gorakhpur margin?", "en", "answered", [], [21961]),
    ("फूलपुर में जीत का अंतर?", "hi", "answered", [], [59613]),
    ("dehra mein margin kitna tha", "hi-Latn", "answered", [["se zyada"]], [9000]),
    ("How many votes did Upendra Dutt Shukla get?", "en", "answered", [["Upendra"]], [434476]),
    ("How many votes did Naeemul Hasan get in Noorpur in 2017?", "en", "answered", [], [66436]),
    ("Who lost to Shahnawaz Alam in Jokihat? who was the runner-up", "en", "answered", [["Murshid Alam"]], []),
    ("Who was the Shiv Sena candidate in Palghar?", "en", "answered", [["Wanaga"]], []),
    ("Which party won Raiganj?", "en", "answered", [["TMC", "Trinamool"]], []),
    ("मालूम करो अमरवाड़ा में कौन आगे है", "hi", "answered", [["Invati", "धीरन"], ["आगे"]], []),
    ("Who won Nalagarh?", "en", "answered", [["leading"], ["INC", "Congress"]], []),
    ("Who won Hamirpur in 2024?", "en", "answered", [["leading"]], []),
    ("Why was there a bypoll in Kairana?", "en", "answered", [["Hukum", "Humkum"], ["death", "died"]], []),
    ("अमरवाड़ा उपचुनाव क्यों हुआ?", "hi", "answered", [["दल-बदल", "Kamlesh Shah"]], []),
    # why a party lost is a question for the articles, not the reason the bypoll was held
    ("Why did the JD(U) lose in Jokihat?", "en", "answered", [["fuel"]], []),
    ("jokihat mein JDU kyon haari?", "hi-Latn", "answered", [["fuel"]], []),
    # a "why" answer quotes a sentence that gives a reason, not one that merely names the people
    ("What was Adityanath's explanation for the BJP's defeat in Gorakhpur?", "en", "answered",
     [["over-confidence"]], []),
    # the Hindi reason detail in a Hindi answer, the English one in an English answer
    ("नूरपुर में दोबारा चुनाव क्यों कराना पड़ा?", "hi", "answered", [["रोड एक्सिडेंट"]], []),
    ("noorpur bypoll kyon hua tha", "hi-Latn", "answered", [["Lokendra"]], []),
    ("How many seats did the NDA get in the 2024 Lok Sabha election?", "en", "answered", [], [293]),
    # a national tally never answers for one state
    ("How many seats did the BJP win in Uttar Pradesh in the 2024 Lok Sabha election?", "en", "no_data", [], []),
    ("How many seats did the Congress win in Himachal Pradesh in the 2024 bypolls?", "en", "answered",
     [["Dehra"]], []),
    # an election with no seat named: its reported seat tallies, largest first
    ("who won the 2024 general election to the Lok Sabha", "en", "answered", [["NDA"], ["BJP"]], [293, 240]),
    ("2024 लोकसभा चुनाव किसने जीता?", "hi", "answered", [["एनडीए", "NDA"]], [293]),
    # the runner-up, however it is asked
    ("Who finished second in Noorpur in 2018?", "en", "answered", [["Avni"]], []),
    ("नूरपुर उपचुनाव में दूसरे नंबर पर कौन था?", "hi", "answered", [["अवनि", "Avni"]], []),
    # a party's candidate the sources do not name: say so, with what they do say
    ("Phulpur mein SP ka ummeedwar kaun tha?", "hi-Latn", "answered", [["naam nahi"], ["jeete"]], []),
    # who held a seat before: an earlier result in the tables, else the article that says it
    ("Who held Noorpur before the bypoll?", "en", "answered", [["Lokendra"], ["2017"]], []),
    # (the article says who held it: Adityanath, or "the BJP lost the Gorakhpur seat")
    ("Who held the Gorakhpur seat before the bypoll?", "en", "answered", [["Adityanath", "BJP lost"]], []),
    # a party that did not contest, as the sources tell it
    ("Who was the BJP candidate in Jokihat?", "en", "no_data", [["no BJP candidate"]], []),
    # a Hindi question about a fact only an English article reports: its words meet the English sentence's
    ("योगी आदित्यनाथ ने हार के लिए किसे जिम्मेदार ठहराया?", "hi", "answered", [["over-confidence"]], []),
    # known abstentions of the lexical sentence reader (no embedding at answer time): the sentence pairs the
    # figure with another seat's name, or names the person by first name only; no_data, never a wrong answer
    pytest.param("कैराना में कितने बूथों पर दोबारा मतदान हुआ?", "hi", "answered", [["73 booths"]], [],
                 marks=pytest.mark.xfail(reason="abstains: the repoll sentence's pair names Noorpur too", strict=False)),
    # a candidate the store knows only in Latin letters, asked about in Devanagari
    ("कौशलेंद्र सिंह को कितने वोट मिले?", "hi", "answered", [["Kaushalendra"]], [283183]),
    ("शाहनवाज आलम ने किसे हराया?", "hi", "answered", [["Murshid"]], []),
    # no year asked: the newest election in which the party won seats
    ("Which seats did the JMM win?", "en", "answered", [["Silli"], ["Gomia"]], []),
    ("phoolpur ka nateeja", "hi-Latn", "answered", [["Kaushalendra"]], [59613]),
    # a sentence about another seat, or another candidate, never answers for this one
    ("How many booths had a repoll in Noorpur?", "en", "no_data", [], []),
    ("Which parties supported Naeemul Hasan?", "en", "answered", [["BSo", "Congress"]], []),
    pytest.param("Which parties supported Tabassum Hasan?", "en", "answered", [["Tabassum"]], [],   # not Naeemul's
                 marks=pytest.mark.xfail(reason="abstains: the supporting sentence names her by first name", strict=False)),
    # filler words leave the seat to answer for
    ("Tell me what happened in Noorpur in 2017", "en", "answered", [["Lokendra"]], []),
    ("kairana ke baare mein batao", "hi-Latn", "answered", [["Tabassum"]], []),
    ("Which seats did the JMM win in 2018?", "en", "answered", [["Silli"], ["Gomia"]], []),
    ("Who won Varanasi in 2029?", "en", "no_data", [], []),
    ("Who won Noorpur in 2022?", "en", "no_data", [], []),
    # pasted markup is not part of the question
    ("<p>Who won <b>Noorpur</b>?</p> &nbsp;", "en", "answered", [["Naeemul"]], []),
    # everyday words that are also party or alliance names: "India" the country, "aap" (you)
    ("What is the capital of India?", "en", "out_of_scope", [], []),
    ("kya aap bata sakte ho noorpur seat par kaun jeeta?", "hi-Latn", "answered", [["Naeemul"]], []),
    ("क्या आप बता सकते हैं कि कैराना में भाजपा का उम्मीदवार कौन था?", "hi", "answered", [["Mriganka"]], []),
    ("आम आदमी पार्टी ने 2024 में कौन सी सीट जीती?", "hi", "answered", [["जालंधर पश्चिम"]], []),
    ("How many seats did INDIA win in 2024?", "en", "answered", [], [232]),
    ("Which seat did AAP win in 2024?", "en", "answered", [["Jalandhar West"], ["1 seat "]], []),
    # comparing two named years of a seat
    ("Compare Noorpur 2017 and 2018", "en", "answered", [["Lokendra"], ["Naeemul"]], []),
    # a "why" with no sentence that gives a reason: say so, never quote a sentence that does not
    ("फूलपुर उपचुनाव क्यों हुआ?", "hi", "no_data", [], []),
    ("Tell me a joke", "en", "out_of_scope", [], []),
    ("आज मौसम कैसा है?", "hi", "out_of_scope", [], []),
    ("hello", "en", "help", [], []),
]


@pytest.mark.parametrize("question, lang, status, groups, numbers", CASES)
def test_answers(seed_engine, question, lang, status, groups, numbers):
    answer = seed_engine.answer(question, chat_id=f"t-{question}")
    assert answer.status == status, answer.text
    assert answer.lang == lang
    for group in groups:
        assert any(word.casefold() in answer.text.casefold() for word in group), (group, answer.text)
    for number in numbers:
        assert str(number) in digits(answer.text), (number, answer.text)
    # a Hindi answer is in Devanagari, a Hinglish one in Latin letters (an English one may quote either)
    script = {"hi": True, "hi-Latn": False}.get(lang)
    assert script is None or bool(DEVANAGARI.search(answer.text)) == script, answer.text


@pytest.mark.parametrize("question", ["Who won the Noorpur seat?", "Gorakhpur margin?", "Why was a bypoll held in Noorpur?",
                                      "How many Lok Sabha seats did the BJP win in 2024?"])
def test_citations_quote_the_article(seed_engine, question):
    answer = seed_engine.answer(question, chat_id=f"c-{question}")
    assert answer.citations
    for citation in answer.citations:
        text = seed_engine.db.execute("SELECT text FROM articles WHERE source = ?", [citation.source]).fetchone()[0]
        assert citation.quote in text
        assert len(citation.quote) >= 20


def test_hindi_question_prefers_hindi_source(seed_engine):
    answer = seed_engine.answer("नूरपुर सीट पर कौन जीता?", chat_id="hi-source")
    assert answer.citations[0].language == "hi"


@pytest.mark.parametrize("question", ["Who won the Vikravandi seat?", "Which party won Amarwara?", "Vikravandi result",
                                      "Who won Rupauli?", "विक्रवंडी में कौन जीता?"])
def test_leading_is_never_reported_as_won(seed_engine, question):
    answer = seed_engine.answer(question, chat_id=f"l-{question}")
    low = answer.text.casefold()
    assert answer.status in ("answered", "no_data")
    assert answer.status == "no_data" or "lead" in low or "आगे" in low   # an answer says it is a lead
    assert " won " not in low and "जीत" not in low


def test_final_beats_interim(seed_engine):
    # Kairana: an interim report says a lead of over 45,000 after 19 rounds; the final margin is 44,618.
    answer = seed_engine.answer("What was Tabassum Hasan's winning margin in Kairana?", chat_id="final")
    assert "44618" in digits(answer.text) and "45000" not in digits(answer.text)


@pytest.mark.parametrize(
    "turns, expected",
    [
        (["Who won Gorakhpur?", "and the margin?"], "21961"),
        (["गोरखपुर में कौन जीता?", "जीत का अंतर कितना था?"], "21961"),
        (["phulpur mein kaun jeeta", "margin kitna tha?"], "59613"),
        (["Who won the Noorpur seat?", "Who did he defeat?"], "Avni"),
        (["Who won Jokihat?", "Why was the bypoll held?"], "Sarfaraz"),
        # "the winner" / "the loser" pick the candidate, not the one named last
        (["who won phulpur", "how many votes did the winner get?"], "342796"),
        (["गोरखपुर में कौन जीता?", "और हारने वाले को कितने वोट मिले?"], "434476"),
        (["Who won Gorakhpur?", "how many votes did the runner-up get?"], "434476"),
        (["Who won Jokihat?", "which party did he defeat?"], "JD(U)"),
        (["Who won Dehra?", "by how much?"], "9000"),
        # "runner-up" is not "UP" (Uttar Pradesh)
        (["Who won the Palghar Lok Sabha seat?", "Which party did the runner-up belong to?"], "Shiv Sena"),
    ],
)
def test_followups(seed_engine, turns, expected):
    chat = f"f-{turns[0]}"
    for turn in turns:
        answer = seed_engine.answer(turn, chat_id=chat)
    assert answer.status == "answered"
    assert expected in digits(answer.text)


def test_context_is_per_chat_and_per_user(seed_engine):
    seed_engine.answer("Who won Gorakhpur?", chat_id="group", user_id=1)
    seed_engine.answer("Who won Phulpur?", chat_id="group", user_id=2)
    assert "21961" in digits(seed_engine.answer("and the margin?", chat_id="group", user_id=1).text)
    assert "59613" in digits(seed_engine.answer("and the margin?", chat_id="group", user_id=2).text)
    assert seed_engine.answer("and the margin?", chat_id="other-chat").status != "answered"


def test_context_expires(seed_engine):
    seed_engine.answer("Who won Gorakhpur?", chat_id="old", now=1000.0)
    late = 1000.0 + seed_engine.config.answer.context_expiry_s + 1
    assert seed_engine.answer("and the margin?", chat_id="old", now=late).status != "answered"


def test_ambiguous_seat_asks_which(seed_engine):
    # Badli is an assembly seat of Delhi and of Haryana, and the store has results for neither
    answer = seed_engine.answer("Who won Badli?", chat_id="amb")
    assert answer.status == "clarify"
    assert len(answer.options) == 2 and "Delhi" in answer.text and "Haryana" in answer.text
    narrowed = seed_engine.answer("Who won Badli in Haryana?", chat_id="amb2")
    assert narrowed.status == "no_data"
    # Hamirpur is a seat of Himachal Pradesh and of Uttar Pradesh (both houses), but the store has
    # results only for the Himachal assembly seat: the store decides
    hamirpur = seed_engine.answer("Who won Hamirpur?", chat_id="amb3")
    assert hamirpur.status == "answered" and "Himachal Pradesh" in hamirpur.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(seed_engine, text):
    answer = seed_engine.answer(text, chat_id="fuzz")
    assert answer.status in STATUSES
    assert answer.lang in ("en", "hi", "hi-Latn")
    assert isinstance(answer.text, str) and answer.text
