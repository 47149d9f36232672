"""What a question is about beyond its intent: not an election at all, or NOTA as if a candidate.

Cue words live in data/lexicon/intents.toml ([cues] off_topic, nota).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.types import Question


def _any(cues: Mapping[str, Sequence[re.Pattern[str]]], key: str, low: str) -> bool:
    return any(p.search(low) for p in cues.get(key, ()))


def off_topic(q: Question, cues: Mapping[str, Sequence[re.Pattern[str]]]) -> bool:
    """A cricket final, a restaurant, the weather: out of scope even when "who won" is asked or a
    town shares a seat's name, unless the question names a party or a candidate."""
    return not q.parties and not q.candidates and _any(cues, "off_topic", q.text.casefold())


def names_nota(q: Question, cues: Mapping[str, Sequence[re.Pattern[str]]]) -> bool:
    """Whether the question asks about "none of the above" (NOTA) as if it were a candidate."""
    return _any(cues, "nota", q.text.casefold())
