"""The one normaliser of names and words, for every layer (store, index, bot).

Three strengths of key, each built on the one before:

- `norm(text)`: case-folded NFC text with punctuation and runs of space folded to one space, and
  Devanagari's spelling variation folded (`fold_devanagari`: nukta letters, chandrabindu, a
  half nasal before a consonant), so "कुन्दरकी" and "कुंदरकी", "अमरवाड़ा" and "अमरवाडा" compare equal.
- `key(text)`: `norm` without spaces, hyphens or dots: the gazetteer's exact look-up key
  ("Bhandara - Gondiya" = "Bhandara-Gondiya", "JD(U)" = "JDU").
- `sound_key(text)`: also folds the usual variation of romanized Hindi ("Noorpur"/"Nurpur") and
  Devanagari vowel length, for typed names; `Transliterator.latin` writes a Devanagari word in
  Latin letters (data/lexicon/translit.toml) so a Hindi name can meet a seat known only in
  English: `Transliterator.sound_key`.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_PUNCT = re.compile(r"[\s\-‐‑–—_.,;:!?'’‘\"“”()\[\]/।॥\u200c\u200d]+")
_WORD = re.compile(r"[\w\u0900-\u097F]+", re.UNICODE)
_NUKTA, _CANDRABINDU, _ANUSVARA, _VIRAMA = "\u093c", "\u0901", "\u0902", "\u094d"
# a nasal consonant with a virama before a stop or sibilant is written as well with the
# anusvara: कुन्दरकी = कुंदरकी, सम्भल = संभल, हिन्दी = हिंदी (not before a nasal: ज़िम्मेदार)
_HALF_NASAL = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d"
                         "(?=[\u0915-\u0918\u091a-\u091d\u091f-\u0922\u0924-\u0927\u092a-\u092d\u0936-\u0938])")

# Romanized Hindi spelling variants, applied in order to a lower-case Latin word.
_LATIN_FOLDS = [
    ("ee", "i"), ("oo", "u"), ("aa", "a"), ("ii", "i"), ("uu", "u"), ("ou", "u"),
    ("w", "v"), ("z", "j"), ("q", "k"), ("ph", "f"), ("ck", "k"), ("x", "ks"),
    ("sh", "s"), ("th", "t"), ("dh", "d"), ("bh", "b"), ("kh", "k"), ("gh", "g"), ("ch", "c"), ("jh", "j"),
    ("y", "i"),
]
# Devanagari vowel length: long vowels -> short (after fold_devanagari).
_DEVA_FOLDS = [("\u0940", "\u093f"), ("\u0942", "\u0941"), ("\u0908", "\u0907"), ("\u090a", "\u0909"),
               ("\u094c", "\u094b")]


def fold_devanagari(text: str) -> str:
    """Devanagari spelling variants folded: nukta dropped (ड़ -> ड), chandrabindu read as
    anusvara, a half nasal before a consonant read as anusvara. Other text is unchanged."""
    if not DEVANAGARI.search(text):
        return text
    text = unicodedata.normalize("NFD", text).replace(_NUKTA, "").replace(_CANDRABINDU, _ANUSVARA)
    return unicodedata.normalize("NFC", _HALF_NASAL.sub(_ANUSVARA, text))


def norm(text: str | None) -> str:
    """Case-folded, NFC, punctuation and runs of space folded to one space, Devanagari folded."""
    if not text:
        return ""
    text = fold_devanagari(unicodedata.normalize("NFKC", text)).casefold()
    return _PUNCT.sub(" ", text).strip()


def key(text: str | None) -> str:
    """The exact matching key of a name: `norm` with the spaces dropped."""
    return norm(text).replace(" ", "")


_TOKEN = re.compile(r"[\w\u0900-\u097F]+(?:[.'’][\w]+)*", re.UNICODE)   # a word, "J.P." and "BJP's" whole
_POSSESSIVE = re.compile(r"(?i)['’]s$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int         # character offsets in the text
    end: int


def tokenize(text: str) -> list[Token]:
    """The words of a question or a sentence, with their places (the linker's and the evidence reader's)."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def strip_possessive(word: str) -> str:
    """ "BJP's", "BJPs" (as the seeds write it) -> "BJP"; only for Latin words."""
    return _POSSESSIVE.sub("", word)


def words(text: str) -> list[str]:
    return _WORD.findall(norm(text))


def is_devanagari(text: str) -> bool:
    return bool(DEVANAGARI.search(text))


def sound_key(text: str) -> str:
    """A looser key: transliteration variants folded, doubled letters collapsed, no spaces."""
    k = norm(text)
    if DEVANAGARI.search(k):
        for a, b in _DEVA_FOLDS:
            k = k.replace(a, b)
    else:
        for a, b in _LATIN_FOLDS:
            k = k.replace(a, b)
        k = re.sub(r"(.)\1+", r"\1", k)
    return k.replace(" ", "")


@dataclass(frozen=True)
class Transliterator:
    """Devanagari words in Latin letters, only for matching (never for display)."""

    consonants: dict[str, str]
    nukta_consonants: dict[str, str]
    vowels: dict[str, str]
    signs: dict[str, str]
    virama: str
    nukta: str

    @classmethod
    def load(cls, path: Path) -> Transliterator:
        path = Path(path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls(raw["consonants"], raw["nukta_consonants"], raw["vowels"], raw["signs"], raw["virama"],
                       raw["nukta"])
        except FileNotFoundError:
            raise ValueError(f"{path} is missing: it ships in the repository's data/lexicon/ folder") from None
        except (tomllib.TOMLDecodeError, KeyError) as exc:
            raise ValueError(f"{path}: {exc!r}; fix the file (TOML with consonants, nukta_consonants, vowels, "
                             f"signs, virama, nukta)") from None

    def latin(self, word: str) -> str:
        """The word in Latin letters; characters outside the table are kept as they are."""
        chars = unicodedata.normalize("NFD", word)     # क़ -> क + nukta
        # units of [consonant letters, vowel letters, vowel is the inherent "a"]
        units: list[list] = []
        i = 0
        while i < len(chars):
            c = chars[i]
            if c in self.consonants:
                latin = self.consonants[c]
                if i + 1 < len(chars) and chars[i + 1] == self.nukta:
                    latin = self.nukta_consonants.get(c, latin)
                    i += 1
                units.append([latin, "a", True])
                if i + 1 < len(chars) and chars[i + 1] == self.virama:
                    units[-1][1:] = ["", False]
                    i += 1
            elif c in self.signs and units and units[-1][2] and c not in ("ं", "ँ", "ः"):
                units[-1][1:] = [self.signs[c], False]           # a vowel sign replaces the inherent "a"
            elif c in self.signs:
                units.append(["", self.signs[c], False])
            elif c in self.vowels:
                units.append(["", self.vowels[c], False])
            elif c != self.nukta:
                units.append([c, "", False])
            i += 1
        # the inherent "a" is silent at the end of a word, and between a vowel and a consonant
        # that has a vowel of its own ("नूरपुर" is Noorpur, not Noorapur; "आदित्यनाथ" Adityanath)
        if len(units) > 1 and units[-1][2]:
            units[-1][1:] = ["", False]
        for k in range(len(units) - 2, 0, -1):
            before, unit, after = units[k - 1], units[k], units[k + 1]
            if unit[2] and before[1] and after[0] and after[1] and unit[0] and not (k + 1 == len(units) - 1 and after[2]):
                unit[1:] = ["", False]
        return "".join(c + v for c, v, _ in units)

    def sound_key(self, text: str) -> str:
        """The sound key of `text` in Latin letters (Devanagari words transliterated first)."""
        if not DEVANAGARI.search(text):
            return latin_sound_key(text)
        # transliterated before `norm` folds the nukta away: ड़ is "r", ड is "d"
        raw = unicodedata.normalize("NFC", text).casefold().replace(_CANDRABINDU, _ANUSVARA)
        return latin_sound_key(" ".join(self.latin(w) for w in _PUNCT.sub(" ", raw).split()))

    def keys(self, word: str) -> frozenset[str]:
        """A word's sound keys: its own, and for a Devanagari word also its Latin spelling's."""
        own = sound_key(word)
        if DEVANAGARI.search(word):
            return frozenset({own, self.sound_key(word)})
        return frozenset({own})


# Latin keys compared across scripts also fold what Devanagari spelling cannot show: a nasal
# before a vowel-less "v"/"w" ("गांव" -> "ganv" ~ "gaon"), "au"/"o" and vowel length.
_CROSS_FOLDS = [(re.compile(r"a?nv(?=[^aeiou]|$)"), "aon"), (re.compile(r"au"), "o"),
                (re.compile(r"nh"), "ng")]     # "सिंह" -> "sinh" ~ "Singh"


def latin_sound_key(text: str) -> str:
    """`sound_key` of Latin text with the cross-script folds, for comparing a transliterated
    Devanagari name with a romanized one."""
    k = sound_key(text)
    for pattern, repl in _CROSS_FOLDS:
        k = pattern.sub(repl, k)
    return k


def skeleton(latin_key: str) -> str:
    """A Latin key without its vowels after the first letter: what is left when the inherent
    "a" and vowel length disagree between scripts ("बारामती" -> "baramti" ~ "baramati": "brmt")."""
    return latin_key[:1] + re.sub(r"[aeiou]", "", latin_key[1:])


def spelling_key(text: str) -> str:
    """A tolerant key for one place's Latin spellings across years of a results file ("RAEBAREILLY",
    "Rae Bareli"): the consonant skeleton of `latin_sound_key`, marked with whether the name ends in
    a vowel (Rampur and Rampura stay apart). Only for a name no exact key matched, and only where
    one seat of the state has the key; empty for Devanagari."""
    if DEVANAGARI.search(text or ""):
        return ""
    k = latin_sound_key(text or "")
    if not k:
        return ""
    return skeleton(k) + ("~" if k[-1] in "aeiou" else "")

