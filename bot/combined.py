"""Seats two or more named parties won together ("how many seats did the Congress, the Shiv Sena
(UBT) and the NCP (SP) win in all?"): the sum of each party's own tally, shown as "16 + 20 + 10 =
46" with each figure's source.

Why a sum and never the alliance's figure: reports of an alliance's total disagree (47, 49, 50,
55 for one election) and an alliance may hold more parties than the question names. Each party's
tally is read from the results tables when imported (each winner's file row), else from articles:
one article that states every named party's tally (one article is one election; a party's figure
from another article may be another state's election). Any named party's tally missing: no sum.
Cue words ("combined", "together", "कुल", "मिलाकर") live in data/lexicon/intents.toml, cues.combined.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.evidence import Found, Reader, Target, Unit
from bot.types import Citation, Question


@dataclass(frozen=True)
class PartyCount:
    party: str                 # the linker's party ref (abbreviation)
    seats: int
    unit: Unit | None = None   # the sentence stating it (articles); None for a table count


@dataclass(frozen=True)
class Combined:
    counts: tuple[PartyCount, ...]
    election: str | None = None          # the table's election name (en, hi) when from tables
    election_hi: str | None = None
    citations: tuple[Citation, ...] = ()     # file rows, for a table count
    agree: int = 1                        # articles giving the same sum

    @property
    def total(self) -> int:
        return sum(c.seats for c in self.counts)


def asks_combined(q: Question, is_party: Callable[[str], bool], cues: Iterable[re.Pattern[str]]) -> list[str] | None:
    """The parties (not alliances) a question asks the combined seats of, when it names two or
    more and a total cue; else None. An alliance named beside its parties ("the MVA's three
    parties, INC, SS(UBT) and NCP(SP)") only describes them."""
    if q.intent not in ("tally", "list"):
        return None
    parties = [p for p in q.parties if is_party(p)]
    low = q.text.casefold()
    if len(parties) < 2 or not any(p.search(low) for p in cues):
        return None
    return parties


def from_tables(tables, q: Question, parties: list[str]) -> Combined | None:
    """Each party's declared wins in the newest fitting election in which every one of them
    stood; None when none fits, or when counting is still on (a leader is not a winner)."""
    for election in tables.fitting(q):
        if not set(parties) <= tables.contested(election, q.states):
            continue
        winners = tables.winners(election, q.states)
        mine = [w for w in winners if w.party in parties]
        if any(w.status != "won" for w in mine):
            return None
        counts = tuple(PartyCount(p, sum(1 for w in mine if w.party == p)) for p in parties)
        return Combined(counts, election.name_en, election.name_hi, tuple(tables.file_citations(mine)))
    return None


def from_articles(reader: Reader, units: list[Unit], targets: dict[str, Target],
                  exclude: Iterable[int] = ()) -> Combined | None:
    """The sum from the article that states every party's final tally; where articles give
    different sums, the one more articles give (then the later report)."""
    by_article: dict[int, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.hit.article_id, []).append(u)
    sums: dict[int, list[Combined]] = {}
    for article_units in by_article.values():
        counts = []
        for party, target in targets.items():
            found: Found | None = reader.figure(article_units, [target], "seats", False,
                                                reader=reader.tally_of, exclude=set(exclude))
            if found is None or found.value is None or found.interim:
                break
            counts.append(PartyCount(party, found.value, found.unit))
        else:
            c = Combined(tuple(counts))
            sums.setdefault(c.total, []).append(c)
    if not sums:
        return None

    def weight(item: tuple[int, list[Combined]]) -> tuple:
        _, found = item
        return (len(found), max(_published(c) for c in found))
    _, found = max(sums.items(), key=weight)
    best = max(found, key=lambda c: (len({id(x.unit) for x in c.counts}) == 1, _published(c)))
    return Combined(best.counts, agree=len(found))


def _published(c: Combined) -> str:
    return max((x.unit.hit.published or "") for x in c.counts if x.unit is not None)


def quoted(c: Combined) -> list[Unit]:
    """The sentences a sum from articles quotes, each once."""
    seen: dict[tuple[int, str], Unit] = {}
    for x in c.counts:
        if x.unit is not None:
            seen.setdefault((x.unit.hit.id, x.unit.text), x.unit)
    return list(seen.values())
