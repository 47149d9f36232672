"""Which article sentences can be about an election, judged by when the report was published.

A report published in a later year than the election it is read for, whose sentence does not name
that election's year, is about a later contest of the seat ("Silli Assembly Elections 2019 ...
Mahto won the seat by a margin of 20,195 votes" is not the 2018 bypoll). Undated reports stay.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def published_year(unit: Any) -> int | None:
    when = (getattr(unit.hit, "published", None) or "")[:4]
    return int(when) if when.isdigit() else None


def not_later_reports(units: Iterable[Any], year: int | None) -> list[Any]:
    """The units that can report on the election of `year` (see the module docstring)."""
    units = list(units)
    if not year:
        return units
    return [u for u in units if (py := published_year(u)) is None or py <= year or str(year) in u.text]
