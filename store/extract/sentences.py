"""Sentence spans of an article for extraction: the project's one splitter (store/sentences.py) with
the lexicon's abbreviations."""
from __future__ import annotations

from store.sentences import split_sentences as _split

from .lexicon import Lexicon, bundled_patterns, load_lexicon


def split_sentences(text: str, lex: Lexicon | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` (the bundled lexicon's abbreviations unless `lex`)."""
    lex = lex or load_lexicon(bundled_patterns())
    return _split(text, lex.en.get("abbreviations", ()))
