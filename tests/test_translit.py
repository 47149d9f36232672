"""Hindi words in Latin letters meet their romanized spellings (through sound keys)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.names import sound_key
from bot.translit import Transliterator

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def translit() -> Transliterator:
    return Transliterator.load(DATA / "lexicon" / "translit.toml")


@pytest.mark.parametrize("hindi, latin", [
    ("आदित्यनाथ", "Adityanath"),     # a final inherent vowel is silent
    ("नूरपुर", "Noorpur"),           # ...and one between a vowel and a consonant with its own vowel
    ("गोरखपुर", "Gorakhpur"),
    ("तेजस्वी", "Tejashwi"),
    ("ज़िम्मेदार", "zimmedar"),       # nukta
    ("मृगांका", "Mriganka"),
    ("कैराना", "Kairana"),
])
def test_hindi_and_romanized_spellings_share_a_sound_key(translit, hindi, latin):
    assert sound_key(translit.latin(hindi)) == sound_key(latin)
    assert sound_key(latin) in translit.keys(hindi)


def test_latin_words_keep_their_own_key_only(translit):
    assert translit.keys("Kairana") == frozenset({sound_key("Kairana")})
    assert translit.latin("2018") == "2018" and translit.latin("") == ""
