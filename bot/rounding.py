"""Rounded figures in news: "by 13,000 votes" for 13,510, "by 1,300 votes" for 1,344.

A figure that ends in zeros states its value only to the precision of those zeros, whatever the words
around it; where another report gives an exact figure within that precision, the rounded one supports
it instead of outvoting it (seat counts are small exact numbers and are not treated this way).
"""
from __future__ import annotations


def precision(value: int) -> int:
    """10 ** (trailing zeros) for a figure of at least 100 that ends in two or more zeros, else 1."""
    if value < 100:
        return 1
    step = 1
    while value % (step * 10) == 0 and step * 10 < value:
        step *= 10
    return step if step >= 100 else 1


def absorbed_by(value: int, exact: set[int]) -> int | None:
    """The exact figure a rounded `value` stands for: the nearest one within its precision, if any."""
    step = precision(value)
    if step == 1:
        return None
    near = [y for y in exact if y != value and precision(y) < step and abs(y - value) < step]
    return min(near, key=lambda y: (abs(y - value), y)) if near else None
