"""Values that cross module lines in the answering stage."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# answered: a grounded answer; no_data: an election question the store cannot answer;
# out_of_scope: not an election question; clarify: ambiguous, the reply asks which one;
# help: a greeting or a request for help.
STATUSES = ("answered", "no_data", "out_of_scope", "clarify", "help")
LANGS = ("en", "hi", "hi-Latn")


@dataclass(frozen=True)
class Citation:
    source: str                     # article file name, or the article id for a JSON Lines / CSV row
    quote: str                      # exact substring of the stored article text
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Question:
    text: str
    lang: str                       # en, hi, hi-Latn
    intent: str
    constituencies: tuple[int, ...] = ()   # constituency ids
    parties: tuple[str, ...] = ()          # party abbreviations or alliance names
    candidates: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    year: int | None = None
    month: int | None = None
    numbers: tuple[int, ...] = ()          # other numbers in the question ("14 seats")
    election_kind: str | None = None       # general or bye
    house: str | None = None               # assembly or lok_sabha
    followup: bool = False
    content_words: tuple[str, ...] = ()    # words that are neither names nor function words
    election_words: bool = False           # mentions elections even if nothing is recognised
    ambiguous: tuple[tuple[int, ...], ...] = ()  # seat names matching several seats
    names: tuple[str, ...] = ()            # runs of words that look like a person's name ("Thorat", "amit thackeray")
    round: int | None = None               # the counting round asked about ("after the fifth round")
    # What else the words say, read once by bot/understand.py so that answering never re-reads `text`:
    cues: frozenset[str] = frozenset()         # cue groups of data/lexicon/intents.toml [cues] it matches
    table_cues: frozenset[str] = frozenset()   # cue groups of data/lexicon/tables.toml [cues] it matches
    words: tuple[str, ...] = ()            # its words, normalised (store.text.words): scoring sentences
    tokens: tuple[str, ...] = ()           # its words as written, brackets and dots kept ("NCP(SP)")

    def cue(self, name: str) -> bool:
        """Whether the question has that cue (asks_number, why_outcome, role_loser, below_seat...)."""
        return name in self.cues


@dataclass
class Answer:
    text: str
    status: str
    lang: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)   # rows the answer rests on
    intent: str | None = None
    options: list[str] = field(default_factory=list)            # choices offered by a clarify answer

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown answer status {self.status!r}; one of {STATUSES}")
        if self.lang not in LANGS:
            raise ValueError(f"unknown answer language {self.lang!r}; one of {LANGS}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
