"""Reading figures in English and Hindi text: Indian and Western digit grouping (4,56,437 / 456,437),
units (lakh, crore, thousand, हजार, लाख, करोड़), compounds ("1 लाख 81 हजार 132", "1 लाख 899"), number
words before a unit ("one lakh") and qualifiers ("over 5,678", "12,000 से अधिक"); in place, with
where each figure stands (`FigureReader`), or as digits for patterns (`spell_out`, `number_pattern`).

The words come from data (`NumberWords.from_tables`, e.g. data/patterns/lexicon.toml's [en]/[hi]
`qualifiers`, `units` and `number_words`): one reader for every layer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DEV = "\u0900-\u097f"


@dataclass(frozen=True)
class NumberWords:
    qualifiers: dict[str, str]      # written before the figure ("over" -> over, "लगभग" -> around)
    after: dict[str, str]           # written after it ("से अधिक" -> more_than)
    units: dict[str, int]           # "lakh" -> 100000 (lower case keys)
    words: dict[str, int]           # "one" -> 1, "एक" -> 1: number words before a unit
    percent: tuple[str, ...] = ()   # written after a share, not a count ("%", "प्रतिशत")

    @classmethod
    def from_tables(cls, *tables: dict) -> NumberWords:
        """From language tables holding `qualifiers`, `units` and `number_words` (a qualifier starting
        with "से " is written after the figure, as Hindi does)."""
        quals: dict[str, str] = {}
        after: dict[str, str] = {}
        units: dict[str, int] = {}
        words: dict[str, int] = {}
        percent: list[str] = []
        for table in tables:
            for k, v in table.get("qualifiers", {}).items():
                (after if k.startswith("से ") else quals)[k.lower()] = v
            units.update({k.lower(): int(v) for k, v in table.get("units", {}).items()})
            words.update({k.lower(): int(v) for k, v in table.get("number_words", {}).items()})
            percent += [w.lower() for w in table.get("percent", ())]
        return cls(quals, after, units, words, tuple(dict.fromkeys(percent)))


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(set(words), key=len, reverse=True)) + ")"


def spell_out(text: str, nw: NumberWords) -> str:
    """`text` with compound and worded figures written as plain digits, for pattern reading:
    "1 लाख 81 हजार 132" -> "181132", "1 लाख 899" -> "100899", "20 हजार 508" -> "20508",
    "one lakh" -> "1 lakh". A figure that ends in a unit stays as it is (it is a rounded figure)."""
    if nw.words and nw.units:
        text = re.sub(rf"(?<![A-Za-z{_DEV}])({_alt(nw.words)}) (?=(?:{_alt(nw.units)})(?![A-Za-z{_DEV}]))",
                      lambda m: f"{nw.words[m.group(1).lower()]} ", text, flags=re.I)
    if not nw.units:
        return text
    unit = _alt(nw.units)
    compound = re.compile(rf"(?<![\d,.])(?:\d+ ?{unit} ){{1,3}}\d{{1,3}}(?![\d,]| ?{unit}(?![A-Za-z{_DEV}]))", re.I)

    def value(m: re.Match) -> str:
        total, last = 0, None
        for num, u in re.findall(rf"(\d+) ?({unit})", m.group(), flags=re.I):
            size = nw.units[u.lower()]
            if last is not None and size >= last:
                return m.group()          # "5 हजार 3 लाख": not a descending compound
            total, last = total + int(num) * size, size
        rest = int(re.search(r"(\d+)$", m.group()).group(1))
        return str(total + rest) if rest < last else m.group()
    return compound.sub(value, text)


def number_pattern(nw: NumberWords) -> re.Pattern:
    """A figure with its qualifier and unit; groups q (qualifier), n (digits), u (unit), qa (after)."""
    quals = _alt(nw.qualifiers) if nw.qualifiers else "(?!)"
    units = _alt(nw.units) if nw.units else "(?!)"
    after = _alt(nw.after) if nw.after else "(?!)"
    return re.compile(
        rf"(?:(?P<q>{quals})\s+)?(?P<n>\d{{1,3}}(?:,\s?\d{{2,3}})+(?![\d])|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<u>{units})(?![a-z{_DEV}]))?(?:\s(?P<qa>{after})(?![{_DEV}]))?",
        re.IGNORECASE,
    )


def number_value(m: re.Match, nw: NumberWords) -> tuple[int, str] | None:
    """(value, qualifier) of a `number_pattern` match; None for a decimal without a unit."""
    digits = re.sub(r"[,\s]", "", m.group("n"))
    try:
        value = float(digits)
    except ValueError:
        return None
    qualifier = nw.qualifiers.get((m.group("q") or "").lower(), "")
    if m.group("qa"):
        qualifier = nw.after.get(m.group("qa").lower(), qualifier)
    if m.group("u"):
        value *= nw.units.get(m.group("u").lower(), 1)
        qualifier = qualifier or "around"       # "79 हजार", "1.2 lakh" are rounded figures
    elif "." in digits:
        return None
    return int(round(value)), qualifier


def read_number(text: str, nw: NumberWords) -> tuple[int, str] | None:
    """'over 5,678' -> (5678, 'over'); '4,56,437' -> (456437, ''); '1 लाख 899' -> (100899, '')."""
    m = number_pattern(nw).fullmatch(spell_out(text.strip(), nw))
    return number_value(m, nw) if m else None


@dataclass(frozen=True)
class Figure:
    """A figure as it stands in a text: its value and span, and how it was written."""

    value: int
    start: int
    end: int
    digits: str         # its leading digits as written ("2019", "1,00,899")
    units: int          # how many unit words it has ("1 लाख 29 हजार 401": 2)
    rounded: bool       # it ends on a unit ("17 हजार", "2 lakh"): a rounded figure


class FigureReader:
    """Every count in a text with its span, offsets unchanged (for reading sentences in place):
    "1,00,899", "1 लाख 29 हजार 401" (129401), "17 हजार" (17000, rounded). A decimal, a share ("4%",
    "40 प्रतिशत": `NumberWords.percent`) and a digit run inside a longer figure are no count."""

    def __init__(self, nw: NumberWords) -> None:
        self.units = nw.units
        unit = _alt(nw.units) if nw.units else "(?!)"
        shares = "".join(rf"|\s*{re.escape(w)}" for w in nw.percent)
        self.pattern = re.compile(
            rf"(?<![\d,.])(\d{{1,3}}(?:,\d{{2,3}})+|\d+)(?![\d]|\.\d{shares})"
            rf"((?:\s*{unit}(?:\s+\d{{1,3}}(?![\d,]))?)*)", re.IGNORECASE)
        self._part = re.compile(rf"({unit})(?:\s+(\d{{1,3}}))?", re.IGNORECASE)

    def find(self, text: str) -> list[Figure]:
        out = []
        for m in self.pattern.finditer(text):
            try:
                value = int(m.group(1).replace(",", ""))
            except ValueError:
                continue
            parts = self._part.findall(m.group(2) or "")
            if parts:
                total, head = 0, value
                for unit, after in parts:
                    total += head * self.units.get(unit.casefold(), 1)
                    head = int(after) if after else 0
                value = total + head
            out.append(Figure(value, m.start(), m.end(), m.group(1), len(parts), bool(parts) and not parts[-1][1]))
        return out
