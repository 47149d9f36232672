"""Splitting text into sentences (English and Hindi): "." "!" "?" "।" "॥" and line breaks, initials and
abbreviations kept inside their sentence. One splitter for every layer (passages, extraction, evidence);
the abbreviations of data/patterns/lexicon.toml [en] are passed in, beside the common ones here."""
from __future__ import annotations

import re
from collections.abc import Iterable

# Words after which a full stop does not end a sentence, in any case (lower case, without the dot).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "shri", "smt", "sh", "kum", "km", "rs", "re", "no", "nos", "st", "jr", "sr",
    "vs", "v", "gen", "lt", "col", "capt", "maj", "brig", "sgt", "hon", "rev", "mt", "ft", "approx", "inc", "ltd",
    "co", "corp", "govt", "dept", "univ", "vol", "fig", "pp", "viz", "cf", "al", "e.g", "i.e", "a.m", "p.m",
    "adv", "pt",
})
# a sentence end: . ! ? । ॥ before a space, a closing quote or the end; a danda glued to the next
# word ("...दिया।ALSO READ"); a full stop glued to the next sentence ("... Elections 2024.Asif Shaikh
# had won"); a line break (a literal "\n" too, as some scraped texts have)
_END = re.compile(r"[.!?।॥]+(?=[\s\"'”’»)\]]|$)|[।॥]+|(?<=[a-z0-9]{2})\.(?=[A-Z][a-z]{2})|\n|\\n")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the '.' at `dot` closes an abbreviation or an initial rather than a sentence."""
    m = _TOKEN_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    token = m.group(1).lstrip("([\"'“‘").lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and token.isascii():
        return True  # an initial: "J. Nadda", "R. K. Singh"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return True  # "J.P", "U.S", "K.C"
    return token in abbreviations


def split_sentences(text: str, abbreviations: Iterable[str] = (), min_chars: int = 12) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text` at least `min_chars` long: ends at . ! ? । ॥ and at line
    breaks; a full stop after an initial ("R. K. Singh"), an abbreviation ("Dr", "Rs", and
    `abbreviations`) or before a lower-case word ("8 a.m. and", "approx. five") ends none, nor does a
    line break before a lower-case word (a line wrapped mid-sentence: "45,000\\nvotes after")."""
    abbrev = ABBREVIATIONS | {a.lower() for a in abbreviations}
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        mark = m.group()
        line = mark in ("\n", "\\n")
        if mark == ".":
            if _is_abbreviation(text, m.start(), abbrev):
                continue
            after = text[end:end + 3].lstrip()
            if after[:1].islower() and after[:1].isascii():
                continue   # "approx. five", "the no. of", "8 a.m. and"
        if line and re.match(r"[ \t]*[a-z]", text[m.end():]):
            continue   # a line broken mid-sentence ("45,000\nvotes after 19 rounds")
        if not line:
            while end < len(text) and text[end] in "\"'”’»)]":
                end += 1
        else:
            end = m.start()
        _add_span(text, start, end, spans, min_chars)
        start = m.end() if line else end
    _add_span(text, start, len(text), spans, min_chars)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]], min_chars: int) -> None:
    while start < end and text[start] in " \t\n\"'":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if end - start >= max(1, min_chars):
        spans.append((start, end))
