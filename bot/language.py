"""Which language a question is in: `hi` (Devanagari), `hi-Latn` (romanized Hindi) or `en`.

Devanagari decides Hindi. For Latin text, langdetect alone is unreliable on short questions
("noorpur mein kaun jeeta?" comes out as Indonesian or Finnish), so romanized Hindi function
words (data/lexicon/hinglish.txt) are counted against English ones first, and langdetect
(seeded, so results repeat) only breaks a tie between the two.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from bot.entities import load_words
from bot.names import DEVANAGARI, words

_LATIN_OR_DEVA = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class LanguageGuesser:
    hinglish: frozenset[str]
    english: frozenset[str]
    seed: int = 0
    # langdetect loads its 55 profiles (about a second) on first use, unguarded: one thread at a
    # time, and only when a question needs it (few do), not at start-up
    _init: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def from_data(cls, data_dir: Path, seed: int = 0) -> LanguageGuesser:
        lexicon = data_dir / "lexicon"
        return cls(frozenset(load_words(lexicon / "hinglish.txt")), frozenset(load_words(lexicon / "english.txt")), seed)

    def guess(self, text: str) -> str:
        deva = len(DEVANAGARI.findall(text))
        latin = sum(1 for ch in text.lower() if ch in _LATIN_OR_DEVA)
        if deva and deva >= latin * 0.5:
            return "hi"
        tokens = words(text)
        hinglish = sum(1 for t in tokens if t in self.hinglish)
        english = sum(1 for t in tokens if t in self.english)
        if hinglish > english:
            return "hi-Latn"
        if english > hinglish or not hinglish:
            return "en"
        return self._langdetect(text)

    def _langdetect(self, text: str) -> str:
        from langdetect import DetectorFactory, LangDetectException, detect_langs
        from langdetect.detector_factory import init_factory

        with self._init:
            init_factory()
        DetectorFactory.seed = self.seed
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return "en"
        # langdetect has no romanized Hindi; short Hinglish lands on assorted languages.
        return "en" if best.lang == "en" and best.prob > 0.8 else "hi-Latn" if best.lang in ("hi", "id", "so", "sw", "tl") else "en"
