"""Devanagari words in Latin letters, so that a Hindi question's words can be compared with an
English sentence's (and the reverse). The letter table is data/lexicon/translit.toml."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bot.names import DEVANAGARI, sound_key
from store.datafiles import read_toml


@dataclass(frozen=True)
class Transliterator:
    consonants: dict[str, str]
    nukta_consonants: dict[str, str]
    vowels: dict[str, str]
    signs: dict[str, str]
    virama: str
    nukta: str

    @classmethod
    def load(cls, path: Path) -> Transliterator:
        raw = read_toml(path)
        return cls(raw["consonants"], raw["nukta_consonants"], raw["vowels"], raw["signs"], raw["virama"],
                   raw["nukta"])

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

    def keys(self, word: str) -> frozenset[str]:
        """A word's sound keys: its own, and for a Devanagari word also its Latin spelling's."""
        own = sound_key(word)
        if DEVANAGARI.search(word):
            return frozenset({own, sound_key(self.latin(word))})
        return frozenset({own})
