"""Sentences and passages: exact offsets, whole sentences, no name or number cut in two."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.chunk import chunk_spans, split_long
from store.sentences import split_sentences

ENGLISH = (
    "The BJP lost the Gorakhpur seat to the SP by a margin of 21,961 votes. SP candidate Pravin Kumar Nishad got "
    "456,437 votes. Dr. Ajay Kumar said the Rs. 5.6 crore spend was wasted! Was it the J.P. Nadda plan? The Congress "
    "won R R Nagar in Karnataka. Tabassum Hasan defeated Mriganka Singh by a margin of 44,618 votes.\n\n"
    "The counting ended at 5 p.m. on Thursday, officials said. Turnout was approx. sixty per cent."
)
HINDI = ("नूरपुर सीट पर सपा ने जीत दर्ज की। भाजपा की अवनि सिंह हार गईं॥ कैराना में गठबंधन काफी आगे है. "
         "लोकेंद्र सिंह को यहां 79 हजार वोट मिले थे।")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, min_chars=1)]


def test_english_sentences_keep_abbreviations_and_numbers() -> None:
    assert sentences(ENGLISH) == [
        "The BJP lost the Gorakhpur seat to the SP by a margin of 21,961 votes.",
        "SP candidate Pravin Kumar Nishad got 456,437 votes.",
        "Dr. Ajay Kumar said the Rs. 5.6 crore spend was wasted!",
        "Was it the J.P. Nadda plan?",
        "The Congress won R R Nagar in Karnataka.",
        "Tabassum Hasan defeated Mriganka Singh by a margin of 44,618 votes.",
        "The counting ended at 5 p.m. on Thursday, officials said.",
        "Turnout was approx. sixty per cent.",
    ]


def test_hindi_danda_and_full_stop_end_sentences() -> None:
    assert sentences(HINDI) == [
        "नूरपुर सीट पर सपा ने जीत दर्ज की।",
        "भाजपा की अवनि सिंह हार गईं॥",
        "कैराना में गठबंधन काफी आगे है.",
        "लोकेंद्र सिंह को यहां 79 हजार वोट मिले थे।",
    ]


@pytest.mark.parametrize("text, expected", [
    # a blank line, a heading, and a line ending in a full stop all end a sentence
    ("उपचुनाव में बीजेपी की लगातार हार\n\nपिछले कुछ समय में", ["उपचुनाव में बीजेपी की लगातार हार", "पिछले कुछ समय में"]),
    ("Express News Service\nLUCKNOW: SP won.", ["Express News Service", "LUCKNOW: SP won."]),
    # a wrapped line inside a sentence does not
    ("with a lead of over 45,000\nvotes after 19 rounds of counting.", ["with a lead of over 45,000\nvotes after 19 rounds of counting."]),
])
def test_line_breaks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_passages_are_exact_slices_of_whole_sentences_with_overlap() -> None:
    text = " ".join([ENGLISH, HINDI] * 6)
    spans = chunk_spans(text, target=300, overlap=100)
    starts = {s for s, _ in split_sentences(text, min_chars=1)}
    ends = {e for _, e in split_sentences(text, min_chars=1)}
    assert len(spans) > 5
    for (s, e), (s2, _) in zip(spans, spans[1:], strict=False):
        assert s2 > s and s2 < e  # each passage moves on and repeats the end of the previous one
        assert e - s2 <= 100 or s2 in starts
    for s, e in spans:
        assert s in starts and e in ends and e - s <= 300
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())


def test_no_overlap_when_it_would_not_fit() -> None:
    text = "A short one. " + "B" * 5 + " long sentence " * 18 + "end."
    spans = chunk_spans(text, target=280, overlap=50)
    assert spans[0] == (0, 12) and spans[1][0] == 13


NAMES_AND_NUMBERS = ["Rs 5.6 crore", "44,618", "J.P. Nadda", "R R Nagar", "Hoshyar Singh", "₹ 12,000", "Dr. X"]


def test_long_sentence_split_at_whitespace_never_inside_a_name_or_amount() -> None:
    filler = "and the party workers celebrated in the streets of the district"
    text = " ".join(f"{filler} {n}," for n in NAMES_AND_NUMBERS * 4) + " end"
    pieces = split_long(text, 0, len(text), target=120)
    assert len(pieces) > 5
    for s, e in pieces:
        assert e - s <= 120
        assert not text[s].isspace() and not text[e - 1].isspace()
    joined = [text[s:e] for s, e in pieces]
    for name in NAMES_AND_NUMBERS:
        assert sum(p.count(name) for p in joined) == 4, name


def test_a_token_longer_than_a_passage_stays_whole() -> None:
    url = "https://example.org/" + "x" * 200
    text = f"See {url} for the full list of winners in every seat."
    pieces = [text[s:e] for s, e in split_long(text, 0, len(text), target=50)]
    assert any(url in p for p in pieces)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "BJP won 44,618 votes.", "Dr. X lost.", "नूरपुर में सपा जीती।", "Rs. 5.6 crore spent!", "\n\n", "\n",
    "J.P. Nadda spoke", "Why?", " ", "x" * 90, "कैराना. ",
]), min_size=1, max_size=60), st.integers(60, 400), st.integers(0, 120))
def test_spans_are_ordered_slices_covering_every_word(parts: list[str], target: int, overlap: int) -> None:
    text = "".join(parts)
    spans = chunk_spans(text, target, overlap)
    covered = set()
    for s, e in spans:
        assert 0 <= s < e <= len(text) and text[s:e] == text[s:e].strip()
        covered.update(range(s, e))
    assert [s for s, _ in spans] == sorted({s for s, _ in spans})
    for m in re.finditer(r"\S+", text):  # every word of the text is in some passage
        assert m.start() in covered
