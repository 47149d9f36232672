"""Normalising names so that spellings people type meet the spellings in the store: the shared
normaliser of store/text.py, under the names the bot layer has always used."""
from __future__ import annotations

from store.text import DEVANAGARI, is_devanagari, norm, sound_key, words

__all__ = ["DEVANAGARI", "is_devanagari", "norm", "sound_key", "words"]
