"""Whose figure a follow-up means when it names no one: "Who won Bagda?" then "How many votes did she
get?" (or "usko kitne vote mile?") asks for the candidate the conversation was last about, in the
articles as in the tables. Pronouns are cue words in data/lexicon/intents.toml ([cues] pronoun_person);
bot/understand.py sets the flag and keeps them out of the question's name runs."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.types import Question


def with_person_of_context(q: Question, candidates: Sequence[str]) -> Question:
    """`q` naming the conversation's candidate when it asks for votes and names no one but a pronoun."""
    if q.intent != "votes" or q.candidates or q.names or not candidates or not q.cue("pronoun_person"):
        return q        # a name of its own ("How many votes did Thorat get?")
    return replace(q, names=(candidates[0],))
