"""Splitting text into sentences (English and Hindi): "." "!" "?" "।" and line breaks, initials and
abbreviations kept inside their sentence. One splitter for every layer; the abbreviations are data
(data/patterns/lexicon.toml [en] abbreviations)."""
from __future__ import annotations

import re
from collections.abc import Iterable


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`: ends at . ! ? । and at line breaks; a full stop after a
    single capital (an initial: "R. K. Singh") or after one of `abbreviations` ("Dr", "Shri") ends none."""
    abbrev = re.compile(r"(?:\b[A-Z]" + "".join(rf"|\b{re.escape(a)}" for a in abbreviations) + ")$")
    spans: list[tuple[int, int]] = []
    start = 0
    # a full stop glued to the next sentence ("... Elections 2024.Asif Shaikh had won") ends it too
    for m in re.finditer(r"[.!?।]+(?=[\s\"'”’)\]]|$)|(?<=[a-z0-9]{2})\.(?=[A-Z][a-z]{2})|\n|\\n", text):
        end = m.end()
        if m.group().startswith(".") and abbrev.search(text[max(0, m.start() - 5):m.start()]):
            continue
        if m.group() in ("\n", "\\n") and re.match(r"[ \t]*[a-z]", text[m.end():]):
            continue   # a line broken mid-sentence ("45,000\nvotes after 19 rounds")
        if m.group() not in ("\n", "\\n"):
            while end < len(text) and text[end] in "\"'”’)]":
                end += 1
        else:
            end = m.start()
        _add_span(text, start, end, spans)
        start = m.end() if m.group() in ("\n", "\\n") else end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start] in " \t\n\"'":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if end - start >= 12:
        spans.append((start, end))
