"""Figures in extraction templates, read by the project's one number reader (store/numbers.py)."""
from __future__ import annotations

import re

from store.numbers import NumberWords, number_pattern, number_value, read_number, spell_out

from .lexicon import Lexicon, bundled_patterns, load_lexicon

__all__ = ["number_words", "parse_number", "spell_out", "_number_re", "_number_value"]


def number_words(lex: Lexicon) -> NumberWords:
    """The lexicon's qualifiers, units and number words (English and Hindi) for store.numbers."""
    return NumberWords.from_tables(lex.en, lex.hi)


def parse_number(text: str, lex: Lexicon | None = None) -> tuple[int, str] | None:
    """'over 5,678' -> (5678, 'over'); '4,56,437' -> (456437, ''); '79 हजार' -> (79000, 'around')."""
    lex = lex or load_lexicon(bundled_patterns())
    return read_number(text, number_words(lex))


def _number_re(lex: Lexicon) -> re.Pattern:
    return number_pattern(number_words(lex))


def _number_value(m: re.Match, nw: NumberWords) -> tuple[int, str] | None:
    return number_value(m, nw)
