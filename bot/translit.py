"""Devanagari words in Latin letters, so that a Hindi question's words can be compared with an
English sentence's (and the reverse). The letter table is data/lexicon/translit.toml; the code is
the shared normaliser's (store/text.py)."""
from __future__ import annotations

from store.text import Transliterator

__all__ = ["Transliterator"]
