"""The shared normaliser (store/text.py): Devanagari spelling variants fold, romanized spellings
fold, and a Hindi name meets its English spelling through the transliteration key."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.text import Transliterator, fold_devanagari, key, latin_sound_key, norm, skeleton, sound_key

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def translit() -> Transliterator:
    return Transliterator.load(REPO / "data" / "lexicon" / "translit.toml")


@pytest.mark.parametrize(("one", "other"), [
    ("कुन्दरकी", "कुंदरकी"),          # half nasal = anusvara
    ("हिन्दी", "हिंदी"),
    ("सम्भल", "संभल"),
    ("चाँदनी चौक", "चांदनी चौक"),      # chandrabindu = anusvara
    ("अमरवाड़ा", "अमरवाडा"),           # nukta dropped
    ("ज़िम्मेदार", "जिम्मेदार"),
    ("Bhandara - Gondiya", "Bhandara-Gondiya"),
    ("R.R. Nagar", "RR Nagar"),
    ("JD(U)", "JDU"),
])
def test_spellings_that_share_a_key(one: str, other: str) -> None:
    assert key(one) == key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("ज़िम्मेदार", "जिंमेदार"),      # a nasal before a nasal is not an anusvara
    ("Kalol", "Kolar"),
    ("बादली", "बदली"),               # vowel length is sound_key's business, not key's
])
def test_spellings_that_do_not(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_norm_keeps_words_apart() -> None:
    assert norm("  Who won  Kopri-Pachpakhadi? ") == "who won kopri pachpakhadi"
    assert fold_devanagari("Noorpur") == "Noorpur"


@pytest.mark.parametrize(("typed", "known"), [("Nurpur", "Noorpur"), ("Jokihaat", "Jokihat"), ("Gomiya", "Gomia")])
def test_romanized_variants_share_a_sound_key(typed: str, known: str) -> None:
    assert sound_key(typed) == sound_key(known)


@pytest.mark.parametrize(("hindi", "english"), [
    ("मालेगांव", "Malegaon"),
    ("ठाणे", "Thane"),
    ("रामगढ़", "Ramgarh"),            # ढ़ is "rh": transliterated before the nukta is folded
    ("जमशेदपुर", "Jamshedpur"),
    ("साकोली", "Sakoli"),
])
def test_hindi_meets_english_through_the_transliteration_key(translit: Transliterator, hindi: str,
                                                               english: str) -> None:
    assert translit.sound_key(hindi) == latin_sound_key(english)


@pytest.mark.parametrize(("hindi", "english"), [("बारामती", "Baramati"), ("वरली", "Worli")])
def test_where_the_vowels_differ_the_consonants_meet(translit: Transliterator, hindi: str, english: str) -> None:
    assert translit.sound_key(hindi) != latin_sound_key(english)
    assert skeleton(translit.sound_key(hindi)) == skeleton(latin_sound_key(english))
