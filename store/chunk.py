"""Splitting an article's text into overlapping passages made of whole sentences.

Every span is (start, end) into the text, so passage text is always text[start:end].
Sentences end at . ? ! (not after an abbreviation or initial: "Rs. 5.6", "J.P. Nadda", "Dr. X"),
at the danda । and ॥, and at line breaks that are not mere wrapping. A sentence longer than a
passage is split at whitespace, preferring breaks that do not separate a name or an amount.
"""
from __future__ import annotations

import re

# Words after which a full stop does not end a sentence (lower case, without the dot).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "shri", "smt", "sh", "kum", "km", "rs", "re", "no", "nos", "st", "jr", "sr",
    "vs", "v", "gen", "lt", "col", "capt", "maj", "brig", "sgt", "hon", "rev", "mt", "ft", "approx", "inc", "ltd",
    "co", "corp", "govt", "dept", "univ", "vol", "fig", "pp", "viz", "cf", "al", "e.g", "i.e", "a.m", "p.m",
    "adv", "pt",
})
_END = re.compile(r"(?:[.?!]+|[।॥]+)[\"'”’»)\]]*")
_LINE_END_PUNCT = tuple(".?!।॥:;\"'”’)")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the '.' at `dot` closes an abbreviation or an initial rather than a sentence."""
    m = _TOKEN_BEFORE.search(text, max(0, dot - 40), dot)
    if not m:
        return False
    token = m.group(1).lstrip("([\"'“‘").lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha() and token.isascii():
        return True  # an initial: "J. Nadda", "R. Nagar"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return True  # "J.P", "U.S"
    return token in ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as (start, end) spans, whitespace trimmed off both ends."""
    cuts: list[int] = []
    for m in _END.finditer(text):
        end = m.end()
        nxt = text[end:end + 1]
        danda = m.group(0)[0] in "।॥"
        if not danda and nxt and not nxt.isspace():
            continue  # "5.6", "J.P.", "a.m.,"
        if m.group(0).startswith(".") and len(m.group(0).rstrip("\"'”’»)]")) == 1:
            if _is_abbreviation(text, m.start()):
                continue
            after = text[end:end + 3].lstrip()
            if after[:1].islower() and after[:1].isascii():
                continue  # "approx. five", "the no. of"
        cuts.append(end)
    for m in re.finditer(r"\n", text):
        pos = m.start()
        prev_line = text[text.rfind("\n", 0, pos) + 1:pos].rstrip(" \t")
        nxt = text[pos + 1:pos + 2]
        if (not prev_line or not nxt or nxt == "\n" or prev_line.endswith(_LINE_END_PUNCT)
                or (len(prev_line) < 80 and not nxt.islower())):
            cuts.append(pos)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(text)]:
        span = _trim(text, start, cut)
        if span:
            spans.append(span)
        start = max(start, cut)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


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
    for s, e in sentence_spans(text):
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
