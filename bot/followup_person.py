"""Whose figure a follow-up means when it names no one: "Who won Bagda?" then "How many votes did she
get?" asks for the candidate the conversation was last about, in the articles as in the tables."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.types import Question


def with_person_of_context(q: Question, candidates: Sequence[str]) -> Question:
    """`q` naming the conversation's candidate when it asks for votes and names no one itself."""
    if q.intent != "votes" or q.names or q.candidates or not candidates:
        return q
    return replace(q, names=(candidates[0],))
