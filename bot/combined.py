"""Seats two or more named parties won together ("how many seats did the Congress, the Shiv Sena
(UBT) and the NCP (SP) win in all?"): the sum of each party's own tally, shown as "16 + 20 + 10 =
46" with each figure's source.

Why a sum and never the alliance's figure: reports of an alliance's total disagree (47, 49, 50,
55 for one election) and an alliance may hold more parties than the question names. Each party's
tally is read from the results tables when imported (each winner's file row), else from articles:
one sentence that states every named party's tally (one sentence is one count of one election; a
party's figure from another sentence may be another state's or another stage's), of the election
asked (its month, a bypoll when a bypoll is asked, the whole country for a Lok Sabha question that
names no state). Any named party's tally missing: no sum.
Cue words ("combined", "together", "कुल", "मिलाकर") live in data/lexicon/intents.toml, cues.combined.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.types import Citation, Question
from index.evidence import Reader, Target, Unit


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


def asks_combined(q: Question, is_party: Callable[[str], bool]) -> list[str] | None:
    """The parties (not alliances) a question asks the combined seats of, when it names two or
    more and a total cue; else None. An alliance named beside its parties ("the MVA's three
    parties, INC, SS(UBT) and NCP(SP)") only describes them."""
    if q.intent not in ("tally", "list"):
        return None
    parties = [p for p in q.parties if is_party(p)]
    if len(parties) < 2 or not q.cue("combined"):
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
                  exclude: Iterable[int] = (), whole: Callable[[Unit], bool] = lambda u: True) -> Combined | None:
    """The sum from a sentence that states every party's final tally ("BJP 132, the Shiv Sena 57,
    ..."): one sentence is one count of one election, where tallies from several sentences may be
    of several states or stages ("In Uttar Pradesh, the SP won 37 seats. The Congress won 6").
    `whole` says whether a sentence can be about the whole election asked. Where sentences give
    different sums, the one more articles give (then the later report)."""
    skip = set(exclude)
    sums: dict[int, list[Combined]] = {}
    for u in units:
        if u.pair or u.past or u.interim or not whole(u):
            continue
        counts = []
        for party, target in targets.items():
            value = reader.tally_of(u, target)
            if value is None or value in skip:
                break
            counts.append(PartyCount(party, value, u))
        else:
            c = Combined(tuple(counts))
            sums.setdefault(c.total, []).append(c)
    if not sums:
        return None

    def weight(item: tuple[int, list[Combined]]) -> tuple:
        _, found = item
        return (len({c.counts[0].unit.hit.article_id for c in found}), max(_published(c) for c in found))
    _, found = max(sums.items(), key=weight)
    best = max(found, key=_published)
    return Combined(best.counts, agree=len({c.counts[0].unit.hit.article_id for c in found}))


def _published(c: Combined) -> str:
    return max((x.unit.hit.published or "") for x in c.counts if x.unit is not None)


def quoted(c: Combined) -> list[Unit]:
    """The sentences a sum from articles quotes, each once."""
    seen: dict[tuple[int, str], Unit] = {}
    for x in c.counts:
        if x.unit is not None:
            seen.setdefault((x.unit.hit.id, x.unit.text), x.unit)
    return list(seen.values())
