"""Whose figure a follow-up means when it names no one: "Who won Bagda?" then "How many votes did she
get?" (or "usko kitne vote mile?") asks for the candidate the conversation was last about, in the
articles as in the tables. Pronouns are cue words in data/lexicon/intents.toml ([cues] pronoun_person)."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.types import Question


def with_person_of_context(q: Question, candidates: Sequence[str],
                           cues: Mapping[str, Sequence[re.Pattern[str]]]) -> Question:
    """`q` naming the conversation's candidate when it asks for votes and names no one but a pronoun."""
    if q.intent != "votes" or q.candidates or not candidates:
        return q
    pronouns = cues.get("pronoun_person", ())
    if any(not any(p.search(name.casefold()) for p in pronouns) for name in q.names):
        return q        # a name of its own ("How many votes did Thorat get?")
    return replace(q, names=(candidates[0],))
