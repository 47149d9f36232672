"""Which election a sentence reports on: dates, years, earlier elections named."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .lexicon import _DEV, _house_of

# ---------------------------------------------------------------- time


@dataclass(frozen=True)
class BypollCue:
    """Whether a text speaks of a bypoll of the article's own time: "the Dumka bypoll" counts,
    "Basant Soren's 2020 Dumka bypoll" in a 2024 article does not (a bypoll of another year)."""

    rx: re.Pattern
    year: int | None

    def __call__(self, text: str) -> bool:
        for m in self.rx.finditer(text):
            years = re.findall(r"(?<![\d,])((?:19|20)\d\d)(?![\d,])", text[max(0, m.start() - 40):m.start()])
            if years and self.year is not None and int(years[-1]) != self.year:
                continue
            return True
        return False


@dataclass
class TimeFrame:
    """Which election a sentence's results belong to."""

    kind: str                   # bye or general
    year: int | None
    house: str | None = None    # from the sentence, for a general election
    earlier: bool = False       # an earlier election the sentence names


def published_day(published: str | None) -> date | None:
    """The article's publication date (its first ten characters, ISO), or None."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _article_dates(text: str, published: str | None, weekdays: list[str]) -> tuple[date | None, int | None]:
    """(counting date, bypoll year) of the article."""
    day = published_day(published)
    if day:
        low = text.lower()
        for i, name in enumerate(weekdays):
            if re.search(rf"\b(?:on |last )?{name}\b", low) and not re.search(r"\btoday\b", low[:400]):
                back = (day.weekday() - i) % 7
                if back:
                    return day - timedelta(days=back), day.year
                break
        return day, day.year
    years = {int(y) for y in re.findall(
        r"\b((?:19|20)\d\d)(?:['’]s)? (?:assembly |Assembly |Lok Sabha |LS )?(?:bypoll|by-poll|by-election|bye-election|byelection)s?",
        text)}
    years |= {int(y) for y in re.findall(r"(?:bypoll|by-election|bye-election)s? results?:? ((?:19|20)\d\d)\b", text, re.I)}
    years |= {int(y) for y in re.findall(rf"((?:19|20)\d\d) (?:के |में )?(?:[{_DEV}]+ )?उपचुनाव", text)}
    return None, (years.pop() if len(years) == 1 else None)


_EXPLICIT = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)(?:['’]s)? (?:[A-Z][A-Za-z\.]* ){0,2}?(?P<h>Lok Sabha|Assembly|assembly|general|"
               r"parliamentary|Vidhan Sabha|state|LS) (?:polls?|elections?)\b"),
    re.compile(r"\b(?P<h>Lok Sabha|Assembly|assembly|general|parliamentary) (?:polls?|elections?) (?:of |in )(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"(?P<y>(?:19|20)\d\d) (?:के|में|का|की) (?:[{_DEV}]+ ){{0,2}}?(?P<h>विधानसभा|लोकसभा|आम) चुनाव"),
]
_RELATIVE = [
    re.compile(r"\b(?:last|previous) year['’]?s? (?:[A-Z][A-Za-z]* )?(?P<h>Lok Sabha|Assembly|assembly) (?:polls?|elections?)"
               r"|\b(?P<h2>Lok Sabha|Assembly|assembly) (?:polls?|elections?) (?:held )?last year"),
    re.compile(rf"पिछले साल (?:[{_DEV}]+ ){{0,4}}?(?P<h>विधानसभा|लोकसभा) चुनाव"),
]
_PAST_PERFECT = re.compile(
    r"\bhad (?:won|defeated|beaten|lost|come|finished|remained|ended up|stood|got|polled|secured|bagged|received|"
    rf"trailed|led|been elected)\b|(?<![{_DEV}])(?:था|थी|थे)(?![{_DEV}])")
_CONCESSIVE = re.compile(r"^\s*(?:Despite|Although|Though|Even though|Unlike|Having)\b")


def time_frame(sentence: str, bypoll_year: int | None, article_is_bypoll: bool, bypoll_words: BypollCue,
               past_perfect: bool = True) -> TimeFrame | None:
    """The election a sentence reports on, or None when it cannot be told (`past_perfect`: a sentence in
    the past perfect without a year counts as unknown: "had won the seat")."""
    for rx in _EXPLICIT:
        for m in rx.finditer(sentence):
            y = int(m.group("y"))
            if bypoll_year is not None and y >= bypoll_year:
                continue           # the coming general election, or this one
            if bypoll_words(sentence):
                return None        # an earlier election and a bypoll in one sentence: ambiguous
            return TimeFrame("general", y, _house_of(m.group("h")), True)
    for rx in _RELATIVE:
        m = rx.search(sentence)
        if m:
            if bypoll_year is None or bypoll_words(sentence):
                return None
            return TimeFrame("general", bypoll_year - 1, _house_of(m.group("h") or m.group("h2") or ""), True)
    for m in re.finditer(r"(?<!\d)(?<!\d,)((?:19|20)\d\d)(?!\d|,\d)", sentence):
        y = int(m.group(1))
        if bypoll_year is not None and y >= bypoll_year:
            continue
        segment = sentence[:m.start()].rsplit(",", 1)[-1]
        if _CONCESSIVE.match(segment) and "," in sentence[m.end():]:
            continue   # "Despite coming second in 2014, ..." does not date the main clause
        return None
    if past_perfect and _PAST_PERFECT.search(sentence):
        return None     # past perfect without a year: an earlier result, year unknown
    kind = "bye" if article_is_bypoll or bypoll_words(sentence) else "general"
    return TimeFrame(kind, bypoll_year)
