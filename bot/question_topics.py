"""What a question is about beyond its intent: not an election at all.

Cue words live in data/lexicon/intents.toml ([cues] off_topic); bot/understand.py sets the flag.
"""
from __future__ import annotations

from bot.types import Question


def off_topic(q: Question) -> bool:
    """A cricket final, a restaurant, the weather: out of scope even when "who won" is asked or a
    town shares a seat's name, unless the question names a party or a candidate."""
    return q.cue("off_topic") and not q.parties and not q.candidates
