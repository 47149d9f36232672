"""Figures in extraction templates: numbers with qualifiers and units ("over 5,678", "79 हजार")."""
from __future__ import annotations

import re

from .lexicon import _DEV, Lexicon, _alt, bundled_patterns, load_lexicon

# ---------------------------------------------------------------- numbers


def parse_number(text: str, lex: Lexicon | None = None) -> tuple[int, str] | None:
    """'over 5,678' -> (5678, 'over'); '4,56,437' -> (456437, ''); '79 हजार' -> (79000, 'around')."""
    lex = lex or load_lexicon(bundled_patterns())
    m = _number_re(lex).fullmatch(text.strip())
    return _number_value(m, lex) if m else None


def _number_re(lex: Lexicon) -> re.Pattern:
    quals = _alt(list(lex.en["qualifiers"]) + list(k for k in lex.hi["qualifiers"] if not k.startswith("से")))
    units = _alt(list(lex.en["units"]) + list(lex.hi["units"]))
    after = _alt([k for k in lex.hi["qualifiers"] if k.startswith("से")])
    return re.compile(
        rf"(?:(?P<q>{quals})\s+)?(?P<n>\d{{1,3}}(?:,\s?\d{{2,3}})+(?![\d])|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<u>{units})(?![a-z{_DEV}]))?(?:\s(?P<qa>{after})(?![{_DEV}]))?",
        re.IGNORECASE,
    )


def _number_value(m: re.Match, lex: Lexicon) -> tuple[int, str] | None:
    digits = re.sub(r"[,\s]", "", m.group("n"))
    try:
        value = float(digits)
    except ValueError:
        return None
    qualifier = ""
    quals = {**{k.lower(): v for k, v in lex.en["qualifiers"].items()}, **lex.hi["qualifiers"]}
    if m.group("q"):
        qualifier = quals.get(m.group("q").lower(), "")
    if m.group("qa"):
        qualifier = quals.get(m.group("qa"), qualifier)
    if m.group("u"):
        units = {**{k.lower(): v for k, v in lex.en["units"].items()}, **lex.hi["units"]}
        value *= units.get(m.group("u").lower(), 1)
        qualifier = qualifier or "around"       # "79 हजार", "1.2 lakh" are rounded figures
    elif "." in digits:
        return None
    return int(round(value)), qualifier
