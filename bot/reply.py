"""What an answering step returns: a `Reply` (text, citations, the rows it rests on), the chat
context a follow-up reads, and the citation and fact records built from store rows and sentences."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.types import Citation
from index.evidence import Unit
from store.records import Result, Source


@dataclass(frozen=True)
class ChatContext:
    """What a conversation was last about, for follow-ups ("and the margin?")."""

    seats: tuple[int, ...] = ()
    election_key: str | None = None
    candidates: tuple[str, ...] = ()
    at: float = 0.0


@dataclass
class Reply:
    text: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    status: str = "answered"
    partial: bool = False       # answered, but without what was asked (no margin, only a lead): articles may say more


def merge(replies: list[Reply]) -> Reply:
    if len(replies) == 1:
        return replies[0]
    answered = [r for r in replies if r.status == "answered"]
    status = "answered" if answered else replies[0].status
    citations: list[Citation] = []
    # Interleave so that each seat keeps at least one citation within the limit.
    for i in range(max(len(r.citations) for r in replies)):
        for r in replies:
            if i < len(r.citations) and r.citations[i] not in citations:
                citations.append(r.citations[i])
    return Reply(" ".join(r.text[:1].upper() + r.text[1:] for r in replies), citations, [f for r in replies for f in r.facts], status)


def result_fact(r: Result) -> dict[str, Any]:
    return {"table": "results", "id": r.id, "election": r.election_key, "constituency": r.constituency,
            "candidate": r.candidate, "party": r.party, "status": r.status, "votes": r.votes,
            "margin": r.margin, "margin_qualifier": r.margin_qualifier, "as_of": r.as_of, "origin": r.origin}


def unit_citation(u: Unit) -> Citation:
    h = u.hit
    return Citation(source=h.source, quote=u.text, title=h.title, publisher=h.publisher, url=h.url,
                    date=h.published, language=h.language)


def to_citation(src: Source) -> Citation:
    return Citation(source=src.source, quote=src.quote or "", title=src.title, publisher=src.publisher,
                    url=src.url, date=src.date, language=src.language)
