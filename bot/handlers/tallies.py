"""Answers about many seats: a party's or alliance's tally (tables, the live party-wise count,
or the figure articles state), the seats it won, and an election's largest tallies."""
from __future__ import annotations

from bot.combined import from_articles as combined_from_articles
from bot.combined import from_tables as combined_from_tables
from bot.combined import quoted as combined_quotes
from bot.handlers.facts import _of_year
from bot.live_answers import tally_text
from bot.lookup import (
    Election,
    SeatTally,
    Standing,
    election_contests,
    elections_matching,
    tallies_of,
    tally_citations,
)
from bot.names import norm
from bot.reply import Reply, result_fact, unit_citation
from bot.templates import Templates
from bot.types import Citation, Question
from index.evidence import Found


class TallyAnswers:
    """Tallies and lists of seats (a part of `bot.answer.Answerer`)."""

    @staticmethod
    def _counted_only(reply: Reply) -> bool:
        """A list of the few seats the store has rows for, not a tally anyone stated."""
        return all(f.get("origin") == "extracted" for f in reply.facts if f.get("table") == "results")


    # -- several seats ----------------------------------------------------------------------
    def _elections(self, q: Question) -> list[Election]:
        """The elections the question's year, month, kind and house allow, newest first."""
        return elections_matching(self.db, q.year, q.month, q.election_kind, q.house)

    def tally(self, q: Question, T: Templates) -> Reply:
        elections = self._elections(q)
        if not elections or not q.parties:
            return self.tally_evidence(q, T) or Reply(T("no_data", coverage="{coverage}"), status="no_data")
        party = q.parties[0]
        for election in elections:
            if q.states and election.state not in q.states:
                continue    # a reported tally is for the whole election, never for one state of it
            names = {norm(party)} | {norm(n) for n in self._names_of(party)}
            rows = _one_per_party([row for row in tallies_of(self.db, election.id) if norm(row.party) in names])
            if not rows:
                continue
            row = rows[0]
            seats, seats_of = row.seats, row.seats_of
            name = self._group_name(party, T)
            ename = election.name(T.lang)
            text = (T("tally_of", party=name, seats=seats, of=seats_of, election=ename) if seats_of
                    else T("tally_one" if seats == 1 else "tally", party=name, seats=seats, election=ename))
            reply = Reply(text, self._tally_citations(row.id), [{"table": "tallies", "id": row.id}])
            stated = self.tally_evidence(q, T, found_only=True)
            if isinstance(stated, Found) and stated.value != seats:
                if 1 + len(stated.support) >= 2:
                    return self._evidence_reply(stated, q, T)    # more reports give another figure
                return self._also_reported(reply, stated, {seats}, T)
            return reply
        return self.tally_evidence(q, T) or self.list_seats(q, T, counted=True)

    def _combined(self, q: Question, T: Templates, parties: list[str]) -> Reply:
        """The seats named parties won together: each party's tally (tables, else one article
        stating them all), summed as "16 + 20 + 10 = 46"; no data when any is missing."""
        found = combined_from_tables(self.tables, q, parties) if self.tables is not None else None
        if found is None and self.reader is not None:
            # one retrieval with every party as a facet: the sentence wanted names them all
            hits = self._passage_hits(q, parties=tuple(parties))
            units = _of_year(self.reader.units(self._of_states(hits, q)), q.year)
            found = combined_from_articles(self.reader, units, {p: self._party_target(p) for p in parties}, q.numbers,
                                           whole=lambda u: self._of_election_asked(u, q))
        if found is None:
            return Reply(T("no_data", coverage="{coverage}"), status="no_data")
        names = [self.party_short(c.party, T) for c in found.counts]
        values = dict(parties=T.join(names), total=found.total,
                      sum=" + ".join(T.number(c.seats) for c in found.counts) + f" = {T.number(found.total)}")
        facts = [{"table": "sum", "party": c.party, "seats": c.seats} for c in found.counts]
        if found.election:
            ename = (found.election_hi if T.lang == "hi" else None) or found.election
            return Reply(T("combined", election=ename, **values), list(found.citations), facts)
        units = combined_quotes(found)
        hit = units[0].hit
        text = T("combined_evidence", source=hit.publisher or hit.title or hit.source, date=T.date(hit.published),
                 **values) + "".join(T("combined_quote", quote=u.text) for u in units)
        return Reply(text, [unit_citation(u) for u in units], facts)

    def _live_tally(self, q: Question, T: Templates) -> Reply | None:
        """Won and leading from the Election Commission's live party-wise pages (bot/live_answers.py)."""
        party = q.parties[0]
        live = tally_text(self.db, q, T, self._elections(q), self._party_set(party) or {party},
                          self._group_name(party, T))
        return Reply(*live) if live is not None else None

    def election_tallies(self, q: Question, T: Templates) -> Reply | None:
        """The largest seat tallies reported for the newest election the question names."""
        for election in self._elections(q):
            if q.states and election.state not in q.states:
                continue
            rows = _one_per_party(tallies_of(self.db, election.id))[:4]
            if not rows:
                continue
            parts = []
            for label, seats, seats_of in ((r.party, r.seats, r.seats_of) for r in rows):
                known = ("party", label) in self.linker.names or self.linker.display("alliance", label)
                name = self._group_name(label, T) if known else label
                parts.append(T("tally_part_of", party=name, seats=seats, of=seats_of) if seats_of
                             else T("tally_part", party=name, seats=seats))
            ename = election.name(T.lang)
            cites = []
            for r in rows:
                cites += self._tally_citations(r.id)
            return Reply(T("tallies", election=ename, parts=T.join(parts)), cites,
                         [{"table": "tallies", "id": r.id} for r in rows])
        return None

    def _tally_citations(self, tally_id: int) -> list[Citation]:
        return tally_citations(self.db, tally_id)

    def list_seats(self, q: Question, T: Templates, counted: bool = False) -> Reply:
        if not q.parties:
            return Reply(T("no_data", coverage="{coverage}"), status="no_data")
        party = q.parties[0]
        members = self._party_set(party)
        elections = self._elections(q)
        if not elections or not members:
            return Reply(T("no_data", coverage="{coverage}"), status="no_data")
        won: list[tuple[int, Standing, int]] = []
        total = 0
        for election in elections:
            won_here, total_here = self._seats_won(election.id, members, q.states)
            if q.year is None and q.month is None:
                # no year or month asked: the newest election in which the party won seats (else the newest)
                if won_here or election is elections[-1]:
                    won, total = won_here, total_here
                    break
                continue
            won += won_here
            total += total_here
        # Name only the elections the seats were won in (and the one asked about otherwise).
        winning = {election_id for _, _, election_id in won}
        elections = [e for e in elections if e.id in winning] or elections[:1]
        if len(elections) == 1:
            ename = elections[0].name(T.lang)
        else:
            ename = T.join([e.name(T.lang) for e in elections])
        name = self._group_name(party, T)
        if not won:
            return Reply(T("list_none", party=name, election=ename), status="no_data" if not total else "answered")
        seat_names = [self.linker.display("constituency", str(s)).get("name_hi" if T.lang == "hi" else "name_en")
                      or self.linker.display("constituency", str(s)).get("name_en") for s, _, _ in won]
        key = "tally_counted" if counted else "list_one" if len(won) == 1 else "list"
        text = T(key, party=name, n=len(won), seats=len(won), of=total, election=ename, seats_list=T.join(seat_names))
        rows = [r for _, s, _ in won for r in s.rows]
        return Reply(text, self.cite(rows, q.lang), [result_fact(r) for r in rows])

    def _seats_won(self, election_id: int, members: set[str], states: tuple[str, ...]
                   ) -> tuple[list[tuple[int, Standing, int]], int]:
        """The seats of one election won by one of `members`, and how many seats have a winner."""
        won, total = [], 0
        for (contest_id, seat) in election_contests(self.db, election_id, states):
            st = self.standings_of(contest_id)
            winner = next((s for s in st if s.best.status == "won"), None)
            if winner is None:
                continue
            total += 1
            if winner.best.party in members:
                won.append((seat, winner, election_id))
        return won, total


def _one_per_party(rows: list[SeatTally]) -> list[SeatTally]:
    """One tally per party, largest first. Where reports disagree: the latest day's (seats won
    only grow while votes are counted: "had won 20 as of 5.45 pm" is stale beside the next day's
    34), then the figure most reports of that day give ("INDIA secured 232 seats", the Lok
    Sabha's, in a bypoll-day report beside two reports of 10), then the larger."""
    by_party: dict[str, list[SeatTally]] = {}
    for r in rows:
        by_party.setdefault(norm(r.party), []).append(r)
    best = [max(rs, key=lambda r: ((r.as_of or "")[:10], sum(o.seats == r.seats for o in rs), r.seats, r.id))
            for rs in by_party.values()]
    return sorted(best, key=lambda r: (-r.seats, r.id))
