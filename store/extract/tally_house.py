"""Which house a seat tally is of when neither its sentence nor its article says.

"The BJP emerged as the single largest party by winning 240 of the 543 seats" in an article whose
only state is Maharashtra is no Maharashtra assembly tally: a count (or an "of N") larger than the
state's assembly is of the Lok Sabha. The sizes come from the gazetteer's constituencies.
"""
from __future__ import annotations

from collections.abc import Iterable

from .tallies import TallyClaim


def assembly_size(db, state: str) -> int:
    row = db.execute("SELECT count(*) FROM constituencies WHERE state = ? AND house = 'assembly' "
                     "AND coalesce(origin, '') != 'extracted'", [state]).fetchone()
    return row[0] if row else 0


# The smallest state assembly (Puducherry) has 30 seats: a store holding fewer for a state has only part
# of its gazetteer (a test's excerpt), and cannot tell the size of its assembly.
SMALLEST_ASSEMBLY = 30


def tally_house(db, claims: Iterable[TallyClaim], state: str) -> str:
    """'lok_sabha' when a claim counts more seats than `state`'s assembly has, else 'assembly'."""
    size = assembly_size(db, state)
    if size >= SMALLEST_ASSEMBLY and any(max(c.seats, c.of or 0) > size for c in claims):
        return "lok_sabha"
    return "assembly"


# No state's assembly has more seats than Uttar Pradesh's 403: a count above it ("winning 240 of the 543
# seats") is the Lok Sabha's, whatever states the article names, and only a general election counts so many
# seats at once (a round of bypolls never does).
LARGEST_ASSEMBLY = 403


def national_count(claims: Iterable[TallyClaim]) -> bool:
    """Whether a claim counts more seats (or "of N") than any state's assembly has."""
    return any(max(c.seats, c.of or 0) > LARGEST_ASSEMBLY for c in claims)

