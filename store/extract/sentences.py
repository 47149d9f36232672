"""Sentence spans of an article for extraction."""
from __future__ import annotations

import re

# ---------------------------------------------------------------- sentences


_ABBREV = re.compile(r"(?:\b[A-Z]|\bDr|\bMr|\bMrs|\bMs|\bShri|\bSmt|\bSt|\bNo|\bvs|\bLt|\bGen|\bCol|\bPvt|\bLtd|\bJr|\bSr)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`: ends at . ! ? । and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?।]+(?=[\s\"'”’)\]]|$)|\n|\\n", text):
        end = m.end()
        if m.group().startswith(".") and _ABBREV.search(text[max(0, m.start() - 5):m.start()]):
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
