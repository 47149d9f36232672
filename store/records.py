"""Values that cross module lines between the store and its readers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: an article (by its citable source name) and the exact quote."""

    source: str                  # article source name (file name or row id) or results file
    quote: str | None = None     # exact substring of the article's cleaned text
    article_id: int | None = None
    passage_id: int | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    line: int | None = None      # the row of a results file (header = line 1)


@dataclass(frozen=True)
class Result:
    """One candidate's result in one contest, as one source reports it."""

    id: int
    election_key: str
    election_name: str
    election_kind: str           # general or bye
    year: int
    constituency_id: int
    constituency: str            # English name
    constituency_hi: str | None
    state: str | None
    house: str
    candidate: str
    candidate_hi: str | None
    party: str | None            # abbreviation when linked, else as written
    votes: int | None
    votes_qualifier: str
    position: int | None
    status: str                  # won, lost, leading, trailing
    margin: int | None
    margin_qualifier: str
    rounds_counted: int | None
    as_of: str | None
    origin: str                  # curated, imported, extracted
    confidence: float
    sources: tuple[Source, ...] = field(default_factory=tuple)
    rounds_total: int | None = None  # "round 12 of 20": the 20 (live results)
    method: str | None = None        # e.g. import:tcpd, eci-live:candidates (store/live.py)
