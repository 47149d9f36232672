"""store/numbers.py: figures as English and Hindi reports write them, read with the bundled words
(data/patterns/lexicon.toml for extraction, data/lexicon/evidence.toml for evidence sentences)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from store.datafiles import read_toml
from store.numbers import FigureReader, NumberWords, read_number

DATA = Path(__file__).resolve().parent.parent / "data"
LEXICON = read_toml(DATA / "patterns" / "lexicon.toml")
EXTRACT = NumberWords.from_tables(LEXICON["en"], LEXICON["hi"])
EVIDENCE = read_toml(DATA / "lexicon" / "evidence.toml")
SENTENCES = FigureReader(NumberWords.from_tables({"units": EVIDENCE["units"], "percent": EVIDENCE["percent"]}))


@pytest.mark.parametrize("text, expected", [
    ("4,56,437", (456437, "")),                  # Indian grouping
    ("456,437", (456437, "")),                   # Western grouping
    ("over 5,678", (5678, "over")),
    ("1 लाख 81 हजार 132", (181132, "")),         # a Hindi compound is an exact figure
    ("1 लाख 899", (100899, "")),
    ("79 हजार", (79000, "around")),              # ends on a unit: a rounded figure
    ("1.2 lakh", (120000, "around")),
    ("one lakh", (100000, "around")),            # a number word before a unit
    ("12.5", None),                              # a decimal without a unit is no count
])
def test_read_number(text, expected):
    assert read_number(text, EXTRACT) == expected


@pytest.mark.parametrize("sentence, figures", [
    ("Tabassum Hasan won by 44,618 votes, polling 4,81,182.", [(44618, False), (481182, False)]),
    ("सपा प्रत्याशी को 1 लाख 29 हजार 401 वोट मिले", [(129401, False)]),
    ("भाजपा उम्मीदवार करीब 17 हजार वोट से आगे", [(17000, True)]),
    ("a turnout of 61.4% and 52 per cent of the vote for the alliance", []),   # shares, not counts
    ("कांग्रेस को 40 प्रतिशत वोट मिले, जीत 5,224 मतों से", [(5224, False)]),
    ("He won 2 lakhs 5 votes more", [(200005, False)]),
])
def test_figures_in_a_sentence_keep_their_place(sentence, figures):
    low = unicodedata.normalize("NFC", sentence).casefold()
    found = SENTENCES.find(low)
    assert [(f.value, f.rounded) for f in found] == figures
    for f in found:                          # the span is the figure as written, offsets unchanged
        assert low[f.start:f.end].startswith(f.digits) and f.digits[0].isdigit()


def test_a_year_is_read_as_its_digits_without_a_unit():
    (f,) = SENTENCES.find("the seat he won by 2019 in the bypoll")
    assert (f.value, f.digits, f.units, f.rounded) == (2019, "2019", 0, False)
