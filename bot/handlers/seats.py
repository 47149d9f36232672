"""Answers about one seat's result: winner, party, margin, votes, runner-up, candidates, leads,
why its bypoll was held and how it compares with the election before, from the results tables
first and the articles' sentences where the tables fall short; and a state's seats one by one."""
from __future__ import annotations

import re

from bot.followup_person import with_person_of_context
from bot.handlers.facts import _of_year
from bot.later_count import counts_by_article, explained, later_margin
from bot.live_answers import leading_text
from bot.lookup import (
    FINAL,
    Contest,
    Standing,
    contests_for_seat,
    election_date,
    election_year,
    matches_candidate,
    rank,
    reason_sources,
    seats_in_states,
    seats_of_candidate,
)
from bot.margins import pick_margin
from bot.reply import ChatContext, Reply, merge, result_fact, to_citation, unit_citation
from bot.templates import Templates
from bot.types import Question
from index.evidence import Found
from store.records import Result


class SeatAnswers:
    """One seat's answers (a part of `bot.answer.Answerer`)."""

    def _has_reason(self, seat: int, q: Question) -> bool:
        _, contest = self._pick_contest(q, seat, None)
        return bool(contest and (contest.reason_detail or contest.reason_detail_hi))


    # -- one seat ---------------------------------------------------------------------------
    def _pick_contest(self, q: Question, seat: int, ctx: ChatContext | None) -> tuple[list[Contest], Contest | None]:
        """The seat's election the question means: the newest with a result (a winner or a leader)
        among those its words allow (year, month, bypoll or general); None when none fits or when
        several fit equally (same date), and the reply then names the elections there are."""
        contests = contests_for_seat(self.db, seat, self.settings.unreviewed)
        decided = {c.id: any(s.best.status in ("won", "leading")
                             for s in self.standings_of(c.id))
                   for c in contests}

        def allowed(c: Contest, kind: bool = True) -> bool:
            return ((q.year is None or c.year == q.year)
                    and (q.month is None or (c.date or "")[5:7] == f"{q.month:02d}")
                    and (not kind or q.election_kind is None or c.kind == q.election_kind))
        fits = [c for c in contests if allowed(c)]
        if q.election_kind == "general" and not any(decided[c.id] for c in fits):
            # "Lok Sabha election" reads as a general election; a seat whose result is a bypoll's
            # still answers from it (the reply names the election it answers from)
            fits = [c for c in contests if allowed(c, kind=False) and decided[c.id]] or fits
        if not fits:
            return contests, None
        fits.sort(key=lambda c: not decided[c.id])           # stable: newest with a result first
        if ctx and ctx.election_key and q.year is None:
            same = [c for c in fits if c.election_key == ctx.election_key]
            if same:
                return contests, same[0]
        if q.candidates or (q.parties and q.intent in ("candidate", "votes", "runner_up")):
            for c in fits:
                st = self.standings_of(c.id)
                if any(is_named(s, q) for s in st):
                    return contests, c
        first = fits[0]
        if any(c.election_key != first.election_key and decided[c.id] == decided[first.id]
               and (c.date or str(c.year)) == (first.date or str(first.year)) for c in fits[1:]):
            return contests, None                            # several fit equally: say which there are
        return contests, first

    def seat(self, q: Question, seat: int, T: Templates, ctx: ChatContext | None,
             prev_ctx: ChatContext | None) -> tuple[Reply, ChatContext | None]:
        reply, new_ctx = self._seat_rows(q, seat, T, ctx, prev_ctx)
        # the election the tables are about: the articles are read for it (a sentence about an earlier
        # one, "in 2017 ... by 12,000", or a report of a later year, is not)
        key = new_ctx.election_key if new_ctx is not None else None
        year = q.year or election_year(self.db, key)
        held = election_date(self.db, key)
        if reply.status == "answered" and not self._weaker(reply, q):
            better = self._later_count(reply, q, seat, T) or self._outvoted(reply, q, seat, T, year, held)
            return (better, new_ctx) if better is not None else (reply, new_ctx)
        if reply.status == "clarify":
            return reply, new_ctx      # several elections fit: the asker says which, no article guesses it
        # the tables are silent on what was asked (or hold only a lead): the articles may say it
        found = self.seat_evidence(with_person_of_context(q, ctx.candidates if ctx else ()), seat, T,
                                   found_only=True, year=year, held=held)
        # the figure the reply states (its first row; other rows of the standing may hold other figures)
        stated = {next((f.get("margin") for f in reply.facts if f.get("table") == "results"), None)}
        if found is None and q.round is not None and reply.status == "answered":
            # "after the fifth round": the tables' final count does not say who was ahead then
            return Reply(T("no_data", coverage="{coverage}"), status="no_data"), new_ctx or ChatContext(seats=(seat,))
        # (a quoted statement states no figure: it is not "the same figure" as a reply that fell short)
        if found is None or (reply.status == "answered" and found.value in stated
                             and not (found.value is None and reply.partial)):
            # nothing more on it (or the same figure): the conversation is still about this seat
            return reply, new_ctx if new_ctx is not None else ChatContext(seats=(seat,))
        return self._evidence_reply(found, q, T), (
            new_ctx if new_ctx is not None and new_ctx is not prev_ctx else ChatContext(seats=(seat,)))

    def _outvoted(self, reply: Reply, q: Question, seat: int, T: Templates, year: int | None = None,
                  held: str | None = None) -> Reply | None:
        """A figure only read from articles (no imported or curated row), that more articles
        contradict: the articles' figure, the row's named beside it. One extracted sentence is one
        report; the evidence reader counts them all."""
        figure_of = {"margin": "margin", "votes": "votes"}.get(q.intent or "")
        facts = [f for f in reply.facts if f.get("table") == "results"]
        # a curated or imported row that states no such figure (the seed's "JMM won") does not vouch for it
        if figure_of is None or not facts or any(f.get("origin") != "extracted" for f in facts if f.get(figure_of)):
            return None
        stated = {f.get(figure_of) for f in facts if f.get(figure_of)}
        found = self.seat_evidence(q, seat, T, found_only=True, year=year, held=held)
        if not isinstance(found, Found) or found.value is None or found.interim or found.value in stated:
            return None
        if 1 + len(found.support) < 2:
            return self._also_reported(reply, found, stated, T)    # one report against one: say both
        return self._evidence_reply(found, q, T)

    def _later_count(self, reply: Reply, q: Question, seat: int, T: Templates) -> Reply | None:
        """A margin only read from articles, superseded by a later report: one giving the winner and
        the runner-up both more votes than the report whose counts make that margin (bot/later_count.py)."""
        facts = [f for f in reply.facts if f.get("table") == "results"]
        if (q.intent or "winner") not in ("margin", "winner") or self.reader is None or not facts or any(
                f.get("origin") != "extracted" for f in facts):
            return None
        _, contest = self._pick_contest(q, seat, None)
        st = self.standings_of(contest.id) if contest else []
        if not st or st[0].best.status != "won" or not st[0].name:
            return None
        people = {s.name: self.reader.target("person", [s.name, s.name_hi or ""], refs=[s.name]) for s in st if s.name}
        stated = list(dict.fromkeys(f["margin"] for f in facts if f.get("margin")))
        if not stated or self._retriever is None:
            return None
        # the reports, with no query embedding: passages naming the seat and a candidate by full text
        # (each word of a name, so "Ajit Pawar" finds "Ajit Anantrao Pawar" too), and the passages
        # the store records as naming the seat in any script (its names' sound keys: the Hindi
        # report of Mahim), whatever any cache holds
        words = [w for s in st for n in (s.name, s.name_hi) if n for w in n.split() if len(w) >= 3]
        seat_target = self._seat_target(seat)
        same = [seat, *(int(r) for r in seat_target.refs if r.isdigit())]
        retriever = self._retriever()
        hits = list({h.id: h for h in retriever.passages_naming(words, seat)
                     + retriever.passages_of_seats(same)}.values())
        counts = counts_by_article(self.reader, _of_year(self.reader.units(hits), q.year), seat_target, people)
        if not any(explained(counts, st[0].name, m) for m in stated):
            return None     # no report's own counts make the stated margin: nothing to compare it with
        found = None
        for m in stated:
            found = found or later_margin(counts, st[0].name, m)
        if found is None:
            return None
        runner = next(s for s in st if s.name == found.runner_up)
        hit = found.winner_count.unit.hit
        text = T("later_margin", who=self.who(st[0], T), seat=self.seat_name(seat, T),
                 election=self.election_name(contest, T), margin=T.votes(found.margin),
                 runner_up=self.who(runner, T), winner_votes=T.number(found.winner_count.votes),
                 runner_up_votes=T.number(found.runner_up_count.votes), superseded=T.votes(found.superseded),
                 source=hit.publisher or hit.title or hit.source, date=T.date(hit.published))
        units = found.units()
        text += "".join(T("combined_quote", quote=u.text) for u in units)
        facts = [{"table": "passages", "id": u.hit.id, "value": found.margin} for u in units]
        return Reply(text, [unit_citation(u) for u in units], facts)

    def _also_reported(self, reply: Reply, found: Found, stated: set, T: Templates) -> Reply:
        """The reply, with the other figures reports of equal standing give, and their sources."""
        others = [(found.value, found.unit), *found.others]
        others = [(v, u) for v, u in others if v not in stated and v is not None]
        if not others:
            return reply
        text = reply.text + T("evidence_others", others=T.join(
            [T("also_said", value=T.number(v), source=u.hit.publisher or u.hit.source) for v, u in others[:3]]))
        return Reply(text, reply.citations + [unit_citation(u) for _, u in others[:3]], reply.facts)

    @staticmethod
    def _weaker(reply: Reply, q: Question) -> bool:
        """Whether an answered seat reply falls short of the question (a lead when a result was
        asked, no figure where one was asked, the count of a round when the tables hold another
        stage): the articles may say more."""
        return reply.partial or q.round is not None

    def _seat_rows(self, q: Question, seat: int, T: Templates, ctx: ChatContext | None,
                   prev_ctx: ChatContext | None) -> tuple[Reply, ChatContext | None]:
        contests, contest = self._pick_contest(q, seat, ctx)
        seat_text = self.seat_name(seat, T)
        if contest is None:
            when = T("when_year", year=q.year) if q.year else ""
            names = T.join([self.election_name(c, T) for c in contests])
            if any(q.year is None or c.year == q.year for c in contests):     # several fit: say which
                return Reply(T("seat_which", seat=seat_text, elections=names), status="clarify"), prev_ctx
            text = T("seat_no_data", seat=seat_text, when=when)
            if contests:
                text += " " + T("seat_elections", elections=names)
            return Reply(text, status="no_data"), prev_ctx
        st = self.standings_of(contest.id)
        election = self.election_name(contest, T)
        winner = next((s for s in st if s.best.status == "won"), None)
        leader = next((s for s in st if s.best.status == "leading"), None)
        losers = [s for s in st if s.best.status in ("lost", "trailing") and not (winner is None and s.best.status == "lost")]
        losers = [s for s in losers if not any(matches_candidate(s, name) for name in q.candidates)] or losers
        top = winner or leader
        new_ctx = ChatContext(seats=(seat,), election_key=contest.election_key,
                              candidates=tuple(s.name for s in (top, *losers[:1]) if s and s.name))
        base = dict(seat=seat_text, election=election)
        intent = q.intent or "winner"

        if intent == "why":
            return self._why(q, contest, T, base), new_ctx
        if intent == "compare":
            return self._compare(q, contests, contest, T, base), new_ctx
        if intent == "votes":
            return self._votes(q, st, top, T, base, ctx), new_ctx
        if intent == "candidate":
            return self._candidate(q, st, T, base), new_ctx
        if top is None:
            return Reply(T("seat_no_data", seat=seat_text, when=""), status="no_data"), new_ctx
        rows = list(top.rows)
        live = leading_text(T, intent, top, st, lambda s: self.who(s, T), base)   # counting day, ECI pages
        if live is not None and intent in ("winner", "leading", "party", "margin"):
            return self._reply(live[0], live[1], q, top), new_ctx
        if top.best.status == "leading":
            text = self._leading_text(top, T, base)
            if intent == "runner_up" and losers:
                text = T("runner_up_leading", who=self.who(top, T), loser=self.who(losers[0], T),
                         date=T.date(top.best.as_of), **base)
                rows += list(losers[0].rows)
            reply = self._reply(text, rows, q, top)
            reply.partial = intent != "leading"
            return reply, new_ctx
        margin, margin_q, alternatives = self._margin(top, losers[0].rows if losers else ())
        # A quote that states the number matters for a margin; otherwise the asker's language does.
        numbers = (margin,) if margin and intent == "margin" else ()
        if intent == "party" and not top.best.party:
            # the row names no party ("?"): not an answer to "which party"; the articles may say it
            return Reply(T("no_data", coverage="{coverage}"), status="no_data"), new_ctx
        if intent == "party":
            text = T("party_won", party=self.party_long(top.best.party, T), **base)
        elif intent == "margin":
            text = (T("margin", who=self.who(top, T), margin=T.votes(margin, margin_q), **base) if margin
                    else T("margin_unknown", who=self.who(top, T), **base))
            text += self._disagree(alternatives, T)
        elif intent == "runner_up":
            if losers:
                text = T("runner_up", who=self.who(top, T), loser=self.who(losers[0], T), **base)
                rows += list(losers[0].rows)
            else:
                text = T("runner_up_unknown", who=self.who(top, T), **base)
        else:
            who = self.who(top, T, full=True)
            if losers and margin:
                text = T("won_margin", who=who, loser=self.who(losers[0], T), margin=T.votes(margin, margin_q), **base)
            elif losers:
                text = T("won_defeating", who=who, loser=self.who(losers[0], T), **base)
            elif margin:
                text = T("won_margin_only", who=who, margin=T.votes(margin, margin_q), **base)
            else:
                text = T("won", who=who, **base)
            if losers:
                rows += list(losers[0].rows)
        reply = self._reply(text, rows, q, top, numbers)
        # a runner-up the rows name only by party ("the INC candidate"): the articles may name them
        reply.partial = ((intent == "margin" and (not margin or bool(margin_q)))
                         or (intent == "runner_up" and not (losers and losers[0].name))
                         or (intent == "party" and not top.best.party) or not (top.name or top.best.party))
        return reply, new_ctx

    def _reply(self, text: str, rows: list[Result], q: Question, top: Standing | None,
               numbers: tuple[int, ...] = ()) -> Reply:
        return Reply(text, self.cite(rows, q.lang, numbers), [result_fact(r) for r in rows])

    def _leading_text(self, top: Standing, T: Templates, base: dict) -> str:
        best = top.best
        margin_row = next((r for r in top.rows if r.status == "leading" and r.margin), None)
        date = T.date(best.as_of)
        if margin_row:
            rounds = T("rounds", n=margin_row.rounds_counted) if margin_row.rounds_counted else ""
            return T("leading_margin", who=self.who(top, T), margin=T.votes(margin_row.margin, margin_row.margin_qualifier),
                     rounds=rounds, date=date, **base)
        return T("leading", who=self.who(top, T), date=date, **base)

    def _margin(self, s: Standing, runner_rows: tuple = ()) -> tuple[int | None, str, list[tuple[int, str, str]]]:
        """The margin to report, and other values sources of the same standing give."""
        rows = [r for r in s.rows if r.status in FINAL and r.margin]
        if not rows:
            return None, "", []
        best = pick_margin(rows, rank, runner_rows)
        alternatives = []
        for r in rows:
            if rank(r)[:2] == rank(best)[:2] and (r.margin, r.margin_qualifier) != (best.margin, best.margin_qualifier):
                # "over 45,000" and "45,210" are not a disagreement; different exact values are.
                if not (r.margin_qualifier or best.margin_qualifier):
                    src = r.sources[0].source if r.sources else r.origin
                    alternatives.append((r.margin, r.margin_qualifier, src))
        return best.margin, best.margin_qualifier, alternatives

    def _disagree(self, alternatives: list[tuple[int, str, str]], T: Templates) -> str:
        if not alternatives:
            return ""
        items = [T("also_said", value=T.votes(m, mq), source=src) for m, mq, src in alternatives]
        return T("disagree", alternatives=T.join(items))

    def _votes(self, q: Question, st: list[Standing], top: Standing | None, T: Templates, base: dict,
               ctx: ChatContext | None) -> Reply:
        target = next((s for s in st if is_named(s, q)), None)
        if target is not None and (target is top or target.best.status in ("won", "leading")) and q.cue("role_loser"):
            target = None      # "who came second after X, and how many votes?": X is who they trail
        if target is None:
            # "the winner" / "the loser" say whom; only then the candidate talked about last
            if q.cue("role_loser"):
                target = next((s for s in st if s is not top and s.best.status in ("lost", "trailing")), None)
                if target is None:
                    return Reply(T("runner_up_unknown", who=self.who(top, T), **base) if top
                                 else T("seat_no_data", seat=base["seat"], when=""), status="no_data")
            elif q.cue("role_winner"):
                target = top
        if target is None and q.content_words:
            # a surname the linker did not take for a name ("How many votes did Thorat get?"): the
            # candidate whose name has that word, never the winner in their place
            asked = {w.casefold() for w in q.content_words}
            named = [s for s in st if asked & {w.casefold() for w in re.findall(r"\w+", s.name or "")}]
            if len(named) == 1:
                target = named[0]
        if target is None and ctx and ctx.candidates:
            target = next((s for s in st if matches_candidate(s, ctx.candidates[0])), None)
        if target is None and q.cue("nota"):
            # NOTA's count is not the winner's: the articles may state it, else there is none
            return Reply(T("votes_unknown", candidate="NOTA", **base), status="no_data")
        target = target or top
        if target is None:
            return Reply(T("seat_no_data", seat=base["seat"], when=""), status="no_data")
        with_votes = sorted((r for r in target.rows if r.votes), key=rank, reverse=True)
        if not with_votes:
            return Reply(T("votes_unknown", candidate=self.who(target, T), **base), status="no_data")
        row = with_votes[0]
        text = T("votes", candidate=self.who(target, T), votes=T.votes(row.votes, row.votes_qualifier), **base)
        return Reply(text, self.cite(with_votes, q.lang, (row.votes,)), [result_fact(r) for r in with_votes])

    def _candidate(self, q: Question, st: list[Standing], T: Templates, base: dict) -> Reply:
        chosen = [s for s in st if is_named(s, q)] or ([] if q.parties else st)
        if not chosen and q.parties:
            return Reply(T("candidate_none", party=self.party_short(q.parties[0], T), **base), status="no_data")
        if not chosen:
            return Reply(T("seat_no_data", seat=base["seat"], when=""), status="no_data")
        parts, rows = [], []
        for s in chosen[:4]:
            outcome = T.t["outcome"][s.best.status].format(date=T.date(s.best.as_of))
            name = (s.name_hi if T.lang == "hi" else None) or self._shown(s, T)
            if not name and not q.parties:
                continue
            key = ("candidate_unnamed" if not name       # the party asked about, unnamed by the sources
                   else "candidate_was" if s.best.party else "candidate_was_no_party")
            parts.append(T(key, party=self.party_short(s.best.party, T), candidate=name, outcome=outcome, **base))
            rows += list(s.rows)
        if not parts:
            return Reply(T("seat_no_data", seat=base["seat"], when=""), status="no_data")
        return Reply(" ".join(parts), self.cite(rows, q.lang), [result_fact(r) for r in rows])

    def _why(self, q: Question, contest: Contest, T: Templates, base: dict) -> Reply:
        # each language's own wording; the other's only when it is all the store has
        detail = (contest.reason_detail_hi or contest.reason_detail if q.lang == "hi"
                  else contest.reason_detail)
        if not detail:
            return self.fact(q, T)
        reason = T.t.get("reasons", {}).get(contest.reason or "other", contest.reason or "")
        text = T("why", detail=detail, reason=reason, **base)
        sources = reason_sources(self.db, contest.id)
        want = "hi" if q.lang == "hi" else "en"
        sources.sort(key=lambda s: s.language != want)
        return Reply(text, [to_citation(s) for s in sources if s.quote],
                     [{"table": "contests", "id": contest.id, "reason": contest.reason}])

    def _compare(self, q: Question, contests: list[Contest], contest: Contest, T: Templates, base: dict) -> Reply:
        def before(a: Contest, b: Contest) -> bool:
            # earlier for certain: an earlier year, or an earlier full date (a year-only "2018" is not before March 2018)
            return a.year < b.year or (a.year == b.year and bool(a.date and b.date) and len(a.date or "") >= 7
                                       and len(b.date or "") >= 7 and (a.date or "") < (b.date or ""))
        older = [c for c in contests if before(c, contest)]
        if not older:   # the question named the earlier year ("Noorpur 2017 and 2018"): compare the next one with it
            later = [c for c in contests if before(contest, c)]
            if later:
                contest, older = later[-1], [contest]
                base = {**base, "election": self.election_name(contest, T)}
        cur = old = None
        if older:
            prev = older[0]
            cur_st = self.standings_of(contest.id)
            prev_st = self.standings_of(prev.id)
            cur = next((s for s in cur_st if s.best.status in ("won", "leading")), None)
            old = next((s for s in prev_st if s.best.status == "won"), None)
        if cur is None or old is None:
            # no earlier result in the tables: an article may still say who held the seat before
            reply = self.fact(q, T)
            return reply if reply.status == "answered" else Reply(T("compare_none", **base))
        m_cur, mq_cur, _ = self._margin(cur)
        m_old, mq_old, _ = self._margin(old)
        text = T("compare", previous=self.election_name(prev, T), prev_who=self.who(old, T),
                 prev_margin=T("compare_margin", margin=T.votes(m_old, mq_old)) if m_old else "",
                 who=self.who(cur, T),
                 margin_part=T("compare_margin", margin=T.votes(m_cur, mq_cur)) if m_cur else "", **base)
        rows = list(cur.rows) + list(old.rows)
        return Reply(text, self.cite(rows, q.lang), [result_fact(r) for r in rows])


    # -- a state's seats, a candidate's seats ------------------------------------------------
    def state_summary(self, q: Question, T: Templates) -> Reply:
        seats = seats_in_states(self.db, q.states)
        replies = []
        for seat in seats:
            if contests_for_seat(self.db, seat, self.settings.unreviewed):
                reply, _ = self.seat(q, seat, T, None, None)
                if reply.status == "answered":
                    replies.append(reply)
        if not replies:
            return Reply(T("no_data", coverage="{coverage}"), status="no_data")
        return merge(replies[:6])

    def _seats_of_candidates(self, names: tuple[str, ...]) -> list[int]:
        found = []
        for name in names:
            for seat in seats_of_candidate(self.db, name, self.settings.unreviewed):
                found.append(seat)
        return list(dict.fromkeys(found))



def is_named(s: Standing, q: Question) -> bool:
    if any(matches_candidate(s, name) for name in q.candidates):
        return True
    return bool(q.parties) and s.best.party in q.parties


