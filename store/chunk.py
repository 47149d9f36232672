"""Splitting an article's text into overlapping passages made of whole sentences.

Every span is (start, end) into the text, so passage text is always text[start:end]. Sentences
are the project's one splitter's (store/sentences.py: "." "?" "!" "।" "॥" and line breaks, not after
an abbreviation or initial); a sentence longer than a passage is split at whitespace, preferring
breaks that do not separate a name or an amount.
"""
from __future__ import annotations

import re

from store.sentences import ABBREVIATIONS, split_sentences


def _name_like(token: str) -> bool:
    t = token.strip("()[]\"'“”‘’,")
    return bool(t) and (t[0].isupper() or t[0].isdigit() or t in ("₹", "$"))


def _break_score(prev: str, nxt: str) -> int:
    """How good a whitespace break between two tokens is: never inside a name or an amount."""
    if prev.endswith((",", ";", ":", ")", "—", "–", "-")):
        return 3
    low = prev.lower().rstrip(".")
    if len(low) <= 1 or low in ABBREVIATIONS or low in ("₹", "$") or nxt[:1].isdigit() or prev[-1:].isdigit():
        return 0  # "R R Nagar", "Rs 5.6", "44,618 votes"
    if _name_like(prev) and _name_like(nxt):
        return 0  # "Hoshyar Singh"
    return 2


def split_long(text: str, start: int, end: int, target: int) -> list[tuple[int, int]]:
    """A span longer than `target` cut at whitespace into pieces of at most `target` where possible."""
    pieces: list[tuple[int, int]] = []
    while end - start > target:
        best: tuple[int, int, int] | None = None  # (score, ws_start, ws_end)
        low = start + target // 2
        for m in re.finditer(r"\s+", text[low:start + target + 1]):
            ws_start, ws_end = low + m.start(), low + m.end()
            if ws_start <= start:
                continue
            prev = text[text.rfind(" ", start, ws_start) + 1:ws_start].split()[-1:] or [""]
            nxt_m = re.match(r"\S+", text[ws_end:end])
            score = _break_score(prev[0], nxt_m.group(0) if nxt_m else "")
            if best is None or score >= best[0]:
                best = (score, ws_start, ws_end)
        if best is None:  # no whitespace in the window: one very long token; cut after it
            m = re.search(r"\s+", text[start + target:end])
            if not m:
                break
            best = (0, start + target + m.start(), start + target + m.end())
        pieces.append((start, best[1]))
        start = best[2]
    pieces.append((start, end))
    return pieces


def chunk_spans(text: str, target: int, overlap: int) -> list[tuple[int, int]]:
    """Passages as (start, end): whole sentences up to `target` characters, the next passage
    starting with the last sentences of the previous one that fit in `overlap` characters."""
    units: list[tuple[int, int]] = []
    for s, e in split_sentences(text, min_chars=1):      # every sentence, short ones too
        units.extend(split_long(text, s, e, target) if e - s > target else [(s, e)])
    chunks: list[tuple[int, int]] = []
    i, n = 0, len(units)
    while i < n:
        j = i
        while j + 1 < n and units[j + 1][1] - units[i][0] <= target:
            j += 1
        chunks.append((units[i][0], units[j][1]))
        if j + 1 >= n:
            break
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= overlap:
            k -= 1
        if units[j + 1][1] - units[k][0] > target:
            k = j + 1  # the overlap would push the next sentence out of the passage
        i = k
    return chunks
