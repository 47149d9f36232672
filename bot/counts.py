"""Whether an article sentence can answer a "how many" question at all.

"How many women candidates contested Rupauli?" is not answered by "... defeated JD(U)'s Kaladhar Prasad
Mandal by 8,211 votes": a margin or a candidate's votes count only when the question asks for votes or a
margin; any other count ("73 booths", "three women") may answer it.
"""
from __future__ import annotations

from typing import Any

VOTE_KINDS = frozenset({"margin", "votes"})


def states_a_count(unit: Any, intent: str, asks_margin: bool) -> bool:
    if not unit.numbers:
        return False
    if asks_margin or intent in ("votes", "margin"):
        return True
    return any(not (n.kinds & VOTE_KINDS) for n in unit.numbers)
