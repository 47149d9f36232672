"""Normalising names so that spellings people type meet the spellings in the store.

`norm` folds case, punctuation and spacing; `sound_key` also folds the usual variation in
romanized Hindi ("Noorpur"/"Nurpur", "Jeeta"/"Jita") and in Devanagari (nukta, chandrabindu,
short/long vowel signs), so that typos and transliterations compare equal or close.
"""
from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\s\-‐‑–—_.,;:!?'’‘\"“”()\[\]/।॥]+")
_WORD = re.compile(r"[\w\u0900-\u097F]+", re.UNICODE)
DEVANAGARI = re.compile(r"[\u0900-\u097F]")

# Romanized Hindi spelling variants, applied in order to a lower-case Latin word.
_LATIN_FOLDS = [
    ("ee", "i"), ("oo", "u"), ("aa", "a"), ("ii", "i"), ("uu", "u"), ("ou", "u"),
    ("w", "v"), ("z", "j"), ("q", "k"), ("ph", "f"), ("ck", "k"), ("x", "ks"),
    ("sh", "s"), ("th", "t"), ("dh", "d"), ("bh", "b"), ("kh", "k"), ("gh", "g"), ("ch", "c"), ("jh", "j"),
    ("y", "i"),
]
# Devanagari variation: nukta dropped, chandrabindu -> anusvara, long vowels -> short.
_DEVA_FOLDS = [
    ("\u093c", ""), ("\u0901", "\u0902"), ("\u0940", "\u093f"), ("\u0942", "\u0941"),
    ("\u0908", "\u0907"), ("\u090a", "\u0909"), ("\u094c", "\u094b"),
]


def norm(text: str) -> str:
    """Case-folded, NFC, punctuation and runs of space folded to one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _PUNCT.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(norm(text))


def sound_key(text: str) -> str:
    """A looser key: transliteration variants folded, doubled letters collapsed, no spaces."""
    key = norm(text)
    if DEVANAGARI.search(key):
        for a, b in _DEVA_FOLDS:
            key = key.replace(a, b)
    else:
        for a, b in _LATIN_FOLDS:
            key = key.replace(a, b)
        key = re.sub(r"(.)\1+", r"\1", key)
    return key.replace(" ", "")


def is_devanagari(text: str) -> bool:
    return bool(DEVANAGARI.search(text))
