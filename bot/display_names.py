"""How a candidate's name is shown: results files write names in capitals ("AJIT ANANTRAO PAWAR"),
articles and people use a shorter common form ("Ajit Pawar").

A name in capitals is shown in title case. When another row of the same candidate in the same
contest (read from an article) calls them by the first and last word of that name, the common
form is given beside it: people ask, and look, for the name the press uses.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_LETTERS = re.compile(r"[^\W\d_]+")
_SMALL = {"of", "the", "and", "in", "for"}


def title_case(name: str) -> str:
    """A name written in capitals (as results files do) in title case; others as written."""
    if not name.isupper():
        return name
    words = _LETTERS.sub(lambda m: m.group().lower() if m.group().lower() in _SMALL else m.group().capitalize(), name)
    return words[:1].upper() + words[1:]


def common_form(full: str, others: Iterable[str]) -> str | None:
    """Of `others` (the names other sources give the same candidate), the one that is the first
    and last word of `full` ("Ajit Pawar" of "AJIT ANANTRAO PAWAR"), as that source writes it."""
    words = _LETTERS.findall(full.casefold())
    if len(words) < 3:
        return None
    want = [words[0], words[-1]]
    for other in others:
        if other and not other.isupper() and _LETTERS.findall(other.casefold()) == want:
            return other
    return None


def shown_name(name: str, others: Iterable[str] = ()) -> tuple[str, str | None]:
    """(the name to show, its common form from another source or None)."""
    if not name or not name.isupper():
        return name, None
    return title_case(name), common_form(name, others)
