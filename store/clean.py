"""Cleaning an article's text and telling its language.

Cleaning only removes: escapes are decoded, Unicode is NFC, line ends are trimmed and boilerplate
lines ("Also Read - ...", "Share your thoughts") are dropped. Text inside a kept line is never
rewritten, so a quote taken from the cleaned text is also in the original file once whitespace
is normalised.
"""
from __future__ import annotations

import html
import re
import unicodedata

from langdetect import DetectorFactory, LangDetectException, detect

# Boilerplate that starts a cut running to the end of its line ("Also Read - <other headline>").
_CUT_TO_EOL = re.compile(
    r"(?:\bAlso\s+Read|\bRead\s+(?:More|Also)|\bALSO\s+READ|\bAlso\s+Watch|\bAlso\s+See"
    r"|(?:यह|ये|इसे|इन्हें)\s+भी\s+पढ़ें|और\s+पढ़ें)\s*[-:–—|]",
    re.IGNORECASE,
)
# A linked headline ends within this many characters, at its first ? ! . or । before a space.
_HEADLINE_MAX = 250
_HEADLINE_END = re.compile(r"[?!.।]['\"”’]?\s+")
# Whole lines that are site furniture, not article text.
_DROP_LINE = re.compile(
    r"^(?:advertisement|advertisements|story continues below(?: this ad)?|share (?:this|your thoughts|on \w+|via \w+)\b.*"
    r"|(?:more )?top news|trending(?: now)?|follow us on\b.*|click here\b.*|subscribe\b.*|download the\b.*\bapp\b.*"
    r"|\(this story has not been edited\b.*|first published\b.*|also read\b.*|विज्ञापन|ये भी पढ़ें.*|यह भी पढ़ें.*)$",
    re.IGNORECASE,
)
# The same furniture trailing a real sentence at the end of a line ("... to the BJP. More Top News").
_TRAILING = re.compile(
    r"(?<=[.!?।\"”’')])(?:\s+(?:More Top News|Top News|Share your thoughts|Share this article|Trending Now))+\s*$",
    re.IGNORECASE,
)
_LITERAL_ESCAPE = re.compile(r"\\r\\n|\\[nt'\"]")
_ESCAPES = {"\\r\\n": "\n", "\\n": "\n", "\\t": "\t", "\\'": "'", '\\"': '"'}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_DEVANAGARI = re.compile(r"[\u0900-\u0963\u0966-\u097f\ua8e0-\ua8ff]")
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_LETTER = re.compile(r"(?![\u0900-\u097f\ua8e0-\ua8ff])[^\W\d_]")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Languages written in Devanagari: a stated language among these is kept for Devanagari text.
DEVANAGARI_LANGS = frozenset({"hi", "mr", "ne", "sa", "kok", "mai", "bho"})


def clean_text(text: str) -> str:
    """The article's text with escapes decoded, NFC, boilerplate lines and trailing spaces removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\\n") >= 2 and text.count("\\n") > text.count("\n"):
        # A bytes/JSON dump pasted as text: its line breaks are still written as backslash-n.
        text = _LITERAL_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        cut = _CUT_TO_EOL.search(line)
        if cut:
            rest = _after_headline(line[cut.end():])
            line = line[: cut.start()].rstrip()
            if rest:
                # the article goes on after the linked headline (a one-line article): keep it,
                # on a line of its own so that no sentence spans the cut
                lines.append(line)
                line = rest
            if not line:
                continue  # the whole line was furniture: drop it, not leave a blank
        line = _TRAILING.sub("", line)
        if line and _DROP_LINE.match(line):
            continue
        lines.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _after_headline(rest: str) -> str:
    """What follows a linked headline ("Also Read: <headline>") on the same line: nothing when
    the headline runs to the end of the line; the text after the headline's closing ? ! . or ।
    when more follows (a whole article on one line must not lose its tail to one link)."""
    if len(rest) <= _HEADLINE_MAX:
        return ""
    end = _HEADLINE_END.search(rest, 0, _HEADLINE_MAX)
    # no visible end of the headline in a long remainder: keep it all rather than lose text
    return rest[end.end():].strip() if end else rest.strip()


def devanagari_share(text: str) -> float:
    """Devanagari characters among all letters (0 when there are no letters)."""
    dev = len(_DEVANAGARI.findall(text))  # letters and vowel signs (marks, not letters to \w)
    total = dev + len(_OTHER_LETTER.findall(text))
    return dev / total if total else 0.0


def detect_language(text: str, seed: int, share: float | None = None, stated: str | None = None) -> str | None:
    """The text's language code: Devanagari-majority text is 'hi' (or the stated Devanagari
    language); otherwise the stated language, else langdetect's guess (seeded, so it repeats)."""
    share = devanagari_share(text) if share is None else share
    if share > 0.5:
        return stated if stated in DEVANAGARI_LANGS else "hi"
    if stated and stated not in DEVANAGARI_LANGS:
        return stated
    if share == 0.0 and not _LETTER.search(text):
        return None
    DetectorFactory.seed = seed  # langdetect samples at random; the seed makes results repeat
    try:
        return detect(text[:1000])  # a thousand characters decide it; langdetect cost grows with length
    except LangDetectException:
        return None
