"""Rounded figures in news, one rule for both kinds: "more than 39,700" (a qualifier word, read by
index/evidence.py from data/lexicon/evidence.toml) for 39,791, and a bare "by 13,000 votes" for 13,510
or "by 1,300 votes" for 1,344.

A qualified figure states its value to within a few per cent; one that ends in zeros states it only
to the precision of those zeros, whatever the words around it. Where another report gives an exact
figure within that reach, the rounded one supports it instead of outvoting it (seat counts are small
exact numbers and are not treated this way).
"""
from __future__ import annotations

from collections.abc import Collection


def precision(value: int) -> int:
    """10 ** (trailing zeros) for a figure of at least 100 that ends in two or more zeros, else 1."""
    if value < 100:
        return 1
    step = 1
    while value % (step * 10) == 0 and step * 10 < value:
        step *= 10
    return step if step >= 100 else 1


def absorbed_by(value: int, exact: Collection[int], qualified: bool = False) -> int | None:
    """The exact figure a rounded `value` stands for: the nearest one within its reach, if any.
    `qualified`: the report says it is rough ("more than", "about"); `exact` are the figures reports
    state without such a word."""
    if qualified:
        if value in exact:
            return None
        near = [y for y in exact if abs(y - value) <= max(0.02 * y, 50)]
    else:
        step = precision(value)
        if step == 1:
            return None
        near = [y for y in exact if y != value and precision(y) < step and abs(y - value) < step]
    return min(near, key=lambda y: (abs(y - value), y)) if near else None
