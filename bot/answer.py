"""Grounded answers: structured results first, retrieved sentences for what tables cannot say.

Every name and number in an answer comes from a store row or a quoted passage; the wording
comes from data/templates. A leading candidate is reported as leading, with the report's date.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from bot.ambiguity import with_context
from bot.counts import states_a_count
from bot.entities import Linker
from bot.evidence import YEAR, EvidenceCues, Found, Reader, Target, Unit
from bot.followup_person import with_person_of_context
from bot.live_answers import leading_text, tally_text
from bot.lookup import (
    FINAL,
    Contest,
    Standing,
    contests_for_seat,
    file_citation,
    matches_candidate,
    rank,
    reason_sources,
    results_of,
    review_states,
    standings,
)
from bot.margins import pick_margin
from bot.names import norm, words
from bot.question_topics import names_nota, off_topic
from bot.report_time import not_later_reports
from bot.settings import AnswerSettings
from bot.templates import Templates
from bot.types import Answer, Citation, Question
from store.live import LIVE_ORIGIN
from store.records import Result, Source

SEAT_INTENTS = ("winner", "party", "leading", "margin", "votes", "runner_up", "candidate", "why", "compare")


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


def _common_name(names: list[str]) -> str:
    """The words the seats' names share at their start ("Malegaon" of Malegaon Central and Outer),
    else the first name."""
    split = [n.split() for n in names if n]
    common: list[str] = []
    for column in zip(*split, strict=False):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return " ".join(common) or (names[0] if names else "")


class Answerer:
    def __init__(self, db: sqlite_utils.Database, linker: Linker, templates: dict[str, Templates],
                 settings: AnswerSettings, retriever: Callable[[], Any] | None = None,
                 cues: dict[str, tuple[re.Pattern[str], ...]] | None = None, tables: Any = None,
                 evidence: EvidenceCues | None = None) -> None:
        self.cues = cues or {}
        self.tables = tables        # bot.tables.Tables: questions over whole results tables
        self.reader = Reader(linker, evidence) if evidence is not None else None
        self._targets: dict[tuple[str, str], Target] = {}       # (kind, ref) -> its names, worked out once
        self._recent_hits: dict[tuple, list[Any]] = {}          # one question's retrievals, reused by its steps
        self.db = db
        self.linker = linker
        self.templates = templates
        self.settings = settings
        self._retriever = retriever

    # -- entry ------------------------------------------------------------------------------
    def respond(self, q: Question, ctx: ChatContext | None) -> tuple[Answer, ChatContext | None]:
        T = self.templates[q.lang]
        if q.intent == "help":
            return self._answer(q, Reply(T("help", coverage=self.coverage(T)), status="help")), ctx
        if off_topic(q, self.cues):
            return self._answer(q, Reply(T("out_of_scope"), status="out_of_scope")), ctx
        if q.intent in ("winner", "votes", "margin", "party", "leading", "runner_up") and any(
                p.search(q.text.casefold()) for p in self.cues.get("below_seat", ())):
            # one booth's or ward's count: no results file or article here goes below the seat, and the
            # seat's figure would answer another question
            return self._answer(q, Reply(T("no_data", coverage=self.coverage(T)), status="no_data")), ctx
        if q.ambiguous and not (q.intent or q.election_words):
            q = replace(q, ambiguous=())      # "gold price in Mumbai": a town, not a question about its seats
        if q.ambiguous and q.year and not self.db.execute("SELECT 1 FROM elections WHERE year = ?", [q.year]).fetchone():
            q = replace(q, ambiguous=())      # "Varanasi in 2029": whichever seat, there is nothing to answer
        if q.ambiguous and ctx:
            q = with_context(q, ctx.seats, lambda i: self.linker.display("constituency", str(i)))
        if q.ambiguous and self.tables is not None:
            q = self.tables.narrow(q)
        if q.ambiguous:
            return self._clarify(q, T)
        if q.intent == "tally" and q.parties and (live := self._live_tally(q, T)) is not None:
            return self._answer(q, live), ctx    # counting day: the ECI party-wise count, before any table
        if self.tables is not None and (table := self.tables.answer(q, T)) is not None:
            return self._answer(q, Reply(table.text, table.citations, table.facts, table.status)), ctx

        seats = list(q.constituencies)
        followup = False
        # A bare seat name ("Noorpur 2018") asks for its result; other words with no known
        # intent ("how many booths had a repoll in Kairana") ask for a fact from the articles.
        asks_seat = q.intent in SEAT_INTENTS or (not q.intent and not q.parties and not q.content_words)
        if not seats and q.candidates:
            seats = self._seats_of_candidates(q.candidates)
        if (not seats and not q.states and ctx and ctx.seats and asks_seat
                and not (q.intent in ("why",) and q.parties)):
            seats, followup = list(ctx.seats), True

        if q.intent == "tally" and (q.parties or not seats):
            return self._finish(q, self.tally(q, T), ctx)
        if q.intent == "list":
            # "how many seats did X win": the tally the articles state, before the seats in the tables
            low = q.text.casefold()
            asks_votes = any(p.search(low) for p in self.cues.get("asks_margin", ()))
            counted = self.tally_evidence(q, T) if self._asks_number(q) and not asks_votes else None
            if counted is not None:
                return self._finish(q, counted, ctx)
            reply = self.list_seats(q, T)
            if reply.status != "answered" or self._counted_only(reply):
                better = self.fact(q, T)
                reply = better if better.status == "answered" else reply
            return self._finish(q, reply, ctx)
        if q.intent == "why" and seats and (self._asks_why_outcome(q)
                                            or not any(self._has_reason(seat, q) for seat in seats)):
            return self._finish(q, self.fact(q, T), ctx)
        if seats and (asks_seat or q.intent in ("tally",)):
            replies, new_ctx = [], ctx
            for seat in seats:
                reply, new_ctx = self.seat(q, seat, T, ctx if followup else None, new_ctx)
                replies.append(reply)
            return self._finish(q, _merge(replies), new_ctx)
        if q.states and (q.intent in ("winner", "party", "leading") or (not q.intent and q.election_words)):
            return self._finish(q, self.state_summary(q, T), ctx)
        if (not seats and not q.parties and q.intent in ("winner", "party", "tally")
                and (q.year or q.election_kind or q.house)):
            reply = self.election_tallies(q, T)     # "who won the 2024 Lok Sabha election?"
            if reply is not None:
                return self._finish(q, reply, ctx)
        if q.intent in ("why", "compare") or (not q.intent and (q.election_words or q.parties or seats)):
            return self._finish(q, self.fact(q, T), ctx)
        if q.intent or q.election_words or q.parties:
            return self._answer(q, Reply(T("no_data", coverage=self.coverage(T)), status="no_data")), ctx
        return self._answer(q, Reply(T("out_of_scope"), status="out_of_scope")), ctx

    def _asks_number(self, q: Question) -> bool:
        low = q.text.casefold()
        return any(p.search(low) for p in self.cues.get("asks_number", ()))

    @staticmethod
    def _counted_only(reply: Reply) -> bool:
        """A list of the few seats the store has rows for, not a tally anyone stated."""
        return all(f.get("origin") == "extracted" for f in reply.facts if f.get("table") == "results")

    def _asks_why_outcome(self, q: Question) -> bool:
        """A why question about the result ("why did JD(U) lose Jokihat?"), not about the poll."""
        low = q.text.casefold()
        return (any(p.search(low) for p in self.cues.get("why_outcome", ()))
                and not any(p.search(low) for p in self.cues.get("why_held", ())))

    def _has_reason(self, seat: int, q: Question) -> bool:
        _, contest = self._pick_contest(q, seat, None)
        return bool(contest and (contest.reason_detail or contest.reason_detail_hi))

    def _finish(self, q: Question, reply: Reply, ctx: ChatContext | None) -> tuple[Answer, ChatContext | None]:
        return self._answer(q, reply), ctx

    def _answer(self, q: Question, reply: Reply) -> Answer:
        if reply.status == "no_data" and "{coverage}" in reply.text:
            reply.text = reply.text.replace("{coverage}", self.coverage(self.templates[q.lang]))
        text = reply.text[:1].upper() + reply.text[1:] if reply.text else reply.text
        return Answer(text=text, status=reply.status, lang=q.lang, citations=reply.citations[: self.settings.max_citations],
                      facts=reply.facts, intent=q.intent or None)

    # -- names ------------------------------------------------------------------------------
    def seat_name(self, seat: int, T: Templates) -> str:
        row = self.linker.display("constituency", str(seat))
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or "?"
        state = self.state_name(row.get("state"), T)
        return T("seat", name=name, state=state) if state and state != name else name

    def state_name(self, state: str | None, T: Templates) -> str:
        if not state:
            return ""
        row = self.linker.display("state", state)
        return (row.get("name_hi") if T.lang == "hi" else None) or state

    def party_short(self, abbr: str | None, T: Templates) -> str:
        if not abbr:
            return "?"
        row = self.linker.display("party", abbr)
        if T.lang == "hi":
            return row.get("abbr_hi") or row.get("name_hi") or abbr
        return abbr

    def party_long(self, abbr: str | None, T: Templates) -> str:
        row = self.linker.display("party", abbr or "")
        if not row:
            return abbr or "?"
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or abbr
        short = self.party_short(abbr, T)
        return T("party", name=name, abbr=short) if name != short else short

    def who(self, s: Standing, T: Templates, full: bool = False) -> str:
        name = (s.name_hi if T.lang == "hi" else None) or s.name
        party = s.best.party
        if not name:
            return T("unnamed_candidate", party=self.party_short(party, T))
        if not party:
            return name
        if full and T.lang == "en":
            row = self.linker.display("party", party)
            if row.get("name_en") and row["name_en"] != party:
                return T("winner_party", name=name, party=party, party_name=row["name_en"])
        return T("candidate", name=name, party=self.party_short(party, T))

    def election_name(self, c: Contest, T: Templates) -> str:
        return (c.election_hi if T.lang == "hi" else None) or c.election_en

    def coverage(self, T: Templates) -> str:
        rows = self.db.execute(
            "SELECT e.name_en, e.name_hi FROM elections e WHERE EXISTS (SELECT 1 FROM contests c "
            "JOIN results r ON r.contest_id = c.id WHERE c.election_id = e.id AND r.review IN (?, ?)) "
            "ORDER BY e.date DESC, e.year DESC LIMIT 8", review_states(self.settings.unreviewed)
        ).fetchall()
        return T.join([(hi if T.lang == "hi" and hi else en) for en, hi in rows])

    # -- citations --------------------------------------------------------------------------
    def cite(self, rows: list[Result], lang: str, numbers: tuple[int, ...] = ()) -> list[Citation]:
        want = "hi" if lang == "hi" else "en"
        seen: set[tuple[str, str]] = set()
        ranked: list[tuple[tuple, Source]] = []
        for order, row in enumerate(rows):
            for src in row.sources:
                if not src.quote or len(src.quote) < 20 or (src.source, src.quote) in seen:
                    continue
                seen.add((src.source, src.quote))
                digits = re.sub(r"[,\s]", "", src.quote)
                has_number = any(str(n) in digits for n in numbers)
                ranked.append(((not has_number, src.language != want, order), src))
        ranked.sort(key=lambda pair: pair[0])
        # rows imported from results files cite the file and row, after every quoted sentence
        files = list(dict.fromkeys(f for row in rows for src in row.sources if (f := file_citation(src))))
        return [to_citation(src) for _, src in ranked] + [Citation(source=f, quote=q) for f, q in files]

    # -- one seat ---------------------------------------------------------------------------
    def _pick_contest(self, q: Question, seat: int, ctx: ChatContext | None) -> tuple[list[Contest], Contest | None]:
        """The seat's election the question means: the newest with a result (a winner or a leader)
        among those its words allow (year, month, bypoll or general); None when none fits or when
        several fit equally (same date), and the reply then names the elections there are."""
        contests = contests_for_seat(self.db, seat, self.settings.unreviewed)
        decided = {c.id: any(s.best.status in ("won", "leading")
                             for s in standings(results_of(self.db, c.id, self.settings.unreviewed)))
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
                st = standings(results_of(self.db, c.id, self.settings.unreviewed))
                if any(_named(s, q) for s in st):
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
        year = q.year or (self.db.execute("SELECT year FROM elections WHERE key = ?", [key]).fetchone() or (None,))[0]
        if reply.status == "answered" and not self._weaker(reply, q):
            better = self._outvoted(reply, q, seat, T, year)
            return (better, new_ctx) if better is not None else (reply, new_ctx)
        if reply.status == "clarify":
            return reply, new_ctx      # several elections fit: the asker says which, no article guesses it
        found = self.seat_evidence(with_person_of_context(q, ctx.candidates if ctx else (), self.cues), seat, T,
                                   found_only=True, year=year)
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

    def _outvoted(self, reply: Reply, q: Question, seat: int, T: Templates, year: int | None = None) -> Reply | None:
        """A figure only read from articles (no imported or curated row), that more articles
        contradict: the articles' figure, the row's named beside it. One extracted sentence is one
        report; the evidence reader counts them all."""
        figure_of = {"margin": "margin", "votes": "votes"}.get(q.intent or "")
        facts = [f for f in reply.facts if f.get("table") == "results"]
        # a curated or imported row that states no such figure (the seed's "JMM won") does not vouch for it
        if figure_of is None or not facts or any(f.get("origin") != "extracted" for f in facts if f.get(figure_of)):
            return None
        stated = {f.get(figure_of) for f in facts if f.get(figure_of)}
        found = self.seat_evidence(q, seat, T, found_only=True, year=year)
        if not isinstance(found, Found) or found.value is None or found.interim or found.value in stated:
            return None
        if 1 + len(found.support) < 2:
            return self._also_reported(reply, found, stated, T)    # one report against one: say both
        return self._evidence_reply(found, q, T)

    def _also_reported(self, reply: Reply, found: Found, stated: set, T: Templates) -> Reply:
        """The reply, with the other figures reports of equal standing give, and their sources."""
        others = [(found.value, found.unit), *found.others]
        others = [(v, u) for v, u in others if v not in stated and v is not None]
        if not others:
            return reply
        text = reply.text + T("evidence_others", others=T.join(
            [T("also_said", value=T.number(v), source=u.hit.publisher or u.hit.source) for v, u in others[:3]]))
        return Reply(text, reply.citations + [_unit_citation(u) for _, u in others[:3]], reply.facts)

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
        st = standings(results_of(self.db, contest.id, self.settings.unreviewed))
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
        return Reply(text, self.cite(rows, q.lang, numbers), [_fact(r) for r in rows])

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
        target = next((s for s in st if _named(s, q)), None)
        if target is None:
            # "the winner" / "the loser" say whom; only then the candidate talked about last
            low = q.text.casefold()
            if any(p.search(low) for p in self.cues.get("role_loser", ())):
                target = next((s for s in st if s is not top and s.best.status in ("lost", "trailing")), None)
                if target is None:
                    return Reply(T("runner_up_unknown", who=self.who(top, T), **base) if top
                                 else T("seat_no_data", seat=base["seat"], when=""), status="no_data")
            elif any(p.search(low) for p in self.cues.get("role_winner", ())):
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
        if target is None and names_nota(q, self.cues):
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
        return Reply(text, self.cite(with_votes, q.lang, (row.votes,)), [_fact(r) for r in with_votes])

    def _candidate(self, q: Question, st: list[Standing], T: Templates, base: dict) -> Reply:
        chosen = [s for s in st if _named(s, q)] or ([] if q.parties else st)
        if not chosen and q.parties:
            return Reply(T("candidate_none", party=self.party_short(q.parties[0], T), **base), status="no_data")
        if not chosen:
            return Reply(T("seat_no_data", seat=base["seat"], when=""), status="no_data")
        parts, rows = [], []
        for s in chosen[:4]:
            outcome = T.t["outcome"][s.best.status].format(date=T.date(s.best.as_of))
            name = (s.name_hi if T.lang == "hi" else None) or s.name
            if not name and not q.parties:
                continue
            key = "candidate_was" if name else "candidate_unnamed"   # the party asked about, unnamed by the sources
            parts.append(T(key, party=self.party_short(s.best.party, T), candidate=name, outcome=outcome, **base))
            rows += list(s.rows)
        if not parts:
            return Reply(T("seat_no_data", seat=base["seat"], when=""), status="no_data")
        return Reply(" ".join(parts), self.cite(rows, q.lang), [_fact(r) for r in rows])

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
            unreviewed = self.settings.unreviewed
            cur_st = standings(results_of(self.db, contest.id, unreviewed))
            prev_st = standings(results_of(self.db, prev.id, unreviewed))
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
        return Reply(text, self.cite(rows, q.lang), [_fact(r) for r in rows])

    # -- several seats ----------------------------------------------------------------------
    def _elections(self, q: Question) -> list[tuple[Any, ...]]:
        sql = "SELECT id, key, name_en, name_hi, date, year, kind, house, state FROM elections WHERE 1=1"
        args: list[Any] = []
        if q.year:
            sql += " AND year = ?"
            args.append(q.year)
        if q.month:
            sql += " AND substr(date, 6, 2) = ?"
            args.append(f"{q.month:02d}")
        if q.election_kind:
            sql += " AND kind = ?"
            args.append(q.election_kind)
        if q.house and q.election_kind != "bye":
            sql += " AND (house = ? OR house = 'mixed' OR house IS NULL)"
            args.append(q.house)
        sql += " ORDER BY date DESC, year DESC"
        return self.db.execute(sql, args).fetchall()

    def _party_set(self, name: str) -> set[str]:
        """A party's abbreviation, or every party of an alliance."""
        if ("party", name) in self.linker.names:
            return {name}
        return {abbr for (kind, abbr), row in self.linker.names.items()
                if kind == "party" and (row.get("alliance") or "").casefold() == name.casefold()}

    def tally(self, q: Question, T: Templates) -> Reply:
        elections = self._elections(q)
        if not elections or not q.parties:
            return self.tally_evidence(q, T) or Reply(T("no_data", coverage="{coverage}"), status="no_data")
        party = q.parties[0]
        for election in elections:
            if q.states and election[8] not in q.states:
                continue    # a reported tally is for the whole election, never for one state of it
            rows = self.db.execute(
                "SELECT id, party, seats, seats_of, seats_qualifier FROM tallies WHERE election_id = ? AND origin != ? "
                "AND status = 'won'", [election[0], LIVE_ORIGIN]).fetchall()
            for tally_id, label, seats, seats_of, _ in rows:
                if norm(label) in {norm(party)} | {norm(n) for n in self._names_of(party)}:
                    name = self._group_name(party, T)
                    ename = (election[3] if T.lang == "hi" else None) or election[2]
                    text = (T("tally_of", party=name, seats=seats, of=seats_of, election=ename) if seats_of
                            else T("tally_one" if seats == 1 else "tally", party=name, seats=seats, election=ename))
                    reply = Reply(text, self._tally_citations(tally_id), [{"table": "tallies", "id": tally_id}])
                    stated = self.tally_evidence(q, T, found_only=True)
                    if isinstance(stated, Found) and stated.value != seats:
                        if 1 + len(stated.support) >= 2:
                            return self._evidence_reply(stated, q, T)    # more reports give another figure
                        return self._also_reported(reply, stated, {seats}, T)
                    return reply
        return self.tally_evidence(q, T) or self.list_seats(q, T, counted=True)

    def _live_tally(self, q: Question, T: Templates) -> Reply | None:
        """Won and leading from the Election Commission's live party-wise pages (bot/live_answers.py)."""
        party = q.parties[0]
        live = tally_text(self.db, q, T, self._elections(q), self._party_set(party) or {party},
                          self._group_name(party, T))
        return Reply(*live) if live is not None else None

    def election_tallies(self, q: Question, T: Templates) -> Reply | None:
        """The largest seat tallies reported for the newest election the question names."""
        for election in self._elections(q):
            if q.states and election[8] not in q.states:
                continue
            rows = self.db.execute("SELECT id, party, seats, seats_of FROM tallies WHERE election_id = ? AND origin != ? "
                                   "AND status = 'won' ORDER BY seats DESC, id LIMIT 4", [election[0], LIVE_ORIGIN]).fetchall()
            if not rows:
                continue
            parts = []
            for _, label, seats, seats_of in rows:
                known = ("party", label) in self.linker.names or self.linker.display("alliance", label)
                name = self._group_name(label, T) if known else label
                parts.append(T("tally_part_of", party=name, seats=seats, of=seats_of) if seats_of
                             else T("tally_part", party=name, seats=seats))
            ename = (election[3] if T.lang == "hi" else None) or election[2]
            cites = []
            for tally_id, *_ in rows:
                cites += self._tally_citations(tally_id)
            return Reply(T("tallies", election=ename, parts=T.join(parts)), cites,
                         [{"table": "tallies", "id": r[0]} for r in rows])
        return None

    def _tally_citations(self, tally_id: int) -> list[Citation]:
        sources = self.db.execute(
            "SELECT p.source, p.quote, a.title, a.publisher, a.url, a.published, a.language FROM provenance p "
            "LEFT JOIN articles a ON a.id = p.article_id WHERE p.row_table = 'tallies' AND p.row_id = ?",
            [tally_id]).fetchall()
        return [Citation(s, qt, ti, pu, u, d, lg) for s, qt, ti, pu, u, d, lg in sources if qt]

    def _names_of(self, party: str) -> list[str]:
        row = self.linker.display("party", party) or self.linker.display("alliance", party)
        names = [row.get("name_en"), row.get("name"), row.get("abbr")]
        return [n for n in names if n]

    def _group_name(self, party: str, T: Templates) -> str:
        if ("party", party) in self.linker.names:
            return self.party_long(party, T)
        row = self.linker.display("alliance", party)
        return (row.get("name_hi") if T.lang == "hi" else None) or row.get("name") or party

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
            won_here, total_here = self._seats_won(election[0], members, q.states)
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
        elections = [e for e in elections if e[0] in winning] or elections[:1]
        if len(elections) == 1:
            ename = (elections[0][3] if T.lang == "hi" else None) or elections[0][2]
        else:
            ename = T.join([(e[3] if T.lang == "hi" else None) or e[2] for e in elections])
        name = self._group_name(party, T)
        if not won:
            return Reply(T("list_none", party=name, election=ename), status="no_data" if not total else "answered")
        seat_names = [self.linker.display("constituency", str(s)).get("name_hi" if T.lang == "hi" else "name_en")
                      or self.linker.display("constituency", str(s)).get("name_en") for s, _, _ in won]
        key = "tally_counted" if counted else "list_one" if len(won) == 1 else "list"
        text = T(key, party=name, n=len(won), seats=len(won), of=total, election=ename, seats_list=T.join(seat_names))
        rows = [r for _, s, _ in won for r in s.rows]
        return Reply(text, self.cite(rows, q.lang), [_fact(r) for r in rows])

    def _seats_won(self, election_id: int, members: set[str], states: tuple[str, ...]
                   ) -> tuple[list[tuple[int, Standing, int]], int]:
        """The seats of one election won by one of `members`, and how many seats have a winner."""
        sql = ("SELECT c.id, c.constituency_id FROM contests c JOIN constituencies k ON k.id = c.constituency_id "
               "WHERE c.election_id = ?")
        if states:    # "in Uttar Pradesh": that state's seats only
            sql += f" AND k.state IN ({','.join('?' * len(states))})"
        won, total = [], 0
        for (contest_id, seat) in self.db.execute(sql, [election_id, *states]).fetchall():
            st = standings(results_of(self.db, contest_id, self.settings.unreviewed))
            winner = next((s for s in st if s.best.status == "won"), None)
            if winner is None:
                continue
            total += 1
            if winner.best.party in members:
                won.append((seat, winner, election_id))
        return won, total

    def state_summary(self, q: Question, T: Templates) -> Reply:
        seats = [r[0] for r in self.db.execute(
            f"SELECT id FROM constituencies WHERE state IN ({','.join('?' * len(q.states))})", list(q.states)
        ).fetchall()]
        replies = []
        for seat in seats:
            if contests_for_seat(self.db, seat, self.settings.unreviewed):
                reply, _ = self.seat(q, seat, T, None, None)
                if reply.status == "answered":
                    replies.append(reply)
        if not replies:
            return Reply(T("no_data", coverage="{coverage}"), status="no_data")
        return _merge(replies[:6])

    def _seats_of_candidates(self, names: tuple[str, ...]) -> list[int]:
        found = []
        for name in names:
            for (seat,) in self.db.execute(
                "SELECT DISTINCT c.constituency_id FROM results r JOIN contests c ON c.id = r.contest_id "
                "WHERE (r.candidate = ? OR r.candidate_hi = ?) AND r.review IN (?, ?)",
                [name, name, *review_states(self.settings.unreviewed)]
            ).fetchall():
                found.append(seat)
        return list(dict.fromkeys(found))

    def _clarify(self, q: Question, T: Templates) -> tuple[Answer, None]:
        ids = q.ambiguous[0]
        options = []
        for seat in ids:
            row = self.linker.display("constituency", str(seat))
            house = {"assembly": "assembly", "lok_sabha": "Lok Sabha"}.get(row.get("house"), "")
            options.append(f"{self.seat_name(seat, T)}, {house}" if house else self.seat_name(seat, T))
        names = []
        for seat in ids:
            row = self.linker.display("constituency", str(seat))
            names.append((row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or "")
        name = _common_name(names)
        answer = Answer(text=T("clarify", name=name, options=T.join(options)), status="clarify", lang=q.lang,
                        intent=q.intent or None, options=options)
        return answer, None

    # -- evidence: article sentences when the tables are silent -------------------------------
    def _passage_hits(self, q: Question, seats: tuple[int, ...] = (), parties: tuple[str, ...] = (),
                      k: int = 60) -> list[Any]:
        if self._retriever is None:
            return []
        from index.retrieve import Filters

        key = (q.text, seats, parties, k)
        cached = self._recent_hits.get(key)
        if cached is not None:
            return cached
        found = self._retriever().retrieve(q.text, Filters(constituency_ids=seats, parties=parties), k=k)
        hits = list({h.id: h for h in found if h.kind == "passage"}.values())
        if len(self._recent_hits) > 32:
            self._recent_hits.clear()
        self._recent_hits[key] = hits
        return hits

    def _seat_target(self, seat: int) -> Target:
        cached = self._targets.get(("seat", str(seat)))
        if cached is None:
            cached = self._targets[("seat", str(seat))] = self._make_seat_target(seat)
        return cached

    def _make_seat_target(self, seat: int) -> Target:
        row = self.linker.display("constituency", str(seat))
        aliases = row.get("aliases") or "[]"
        import json

        names = [row.get("name_en"), row.get("name_hi"), *json.loads(aliases)]
        # "Nagpur South West" is also "नागपुर दक्षिण पश्चिम": each qualifying word in its other spellings
        spellings: dict[str, list[str]] = {}
        for spelling, english in self.linker.qualifiers.items():
            spellings.setdefault(english, []).append(spelling)
        for name in list(names):
            parts = norm(name or "").split()
            if len(parts) >= 2 and parts[-1] in spellings:
                k = len(parts) - 1
                while k > 1 and parts[k - 1] in spellings:
                    k -= 1
                head, tail = parts[:k], parts[k:]
                for word in ("hi", "latin"):
                    alt = [next((sp for sp in spellings[t] if (word == "hi") == bool(re.search("[\u0900-\u097f]", sp))), t)
                           for t in tail]
                    for first in {" ".join(head), *[self.linker.translit.latin(h) for h in head if word == "hi"]}:
                        names.append(" ".join([first, *alt]) if first else "")
        # a seat written twice in the store (the gazetteer's and one an article added) is one seat
        same = [ref for (kind, ref), other in self.linker.names.items()
                if kind == "constituency" and norm(other.get("name_en") or "") == norm(row.get("name_en") or "")]
        return self.reader.target("seat", [n for n in names if n], refs=[str(seat), *same])

    def _person_target(self, q: Question) -> Target | None:
        names = list(q.names)
        for name in q.candidates:
            row = self.linker.display("candidate", name)
            names += [row.get("candidate_hi")] if row.get("candidate_hi") else []
        return self.reader.target("person", names, refs=q.candidates) if names else None

    def _party_target(self, party: str) -> Target:
        cached = self._targets.get(("party", party))
        if cached is None:
            cached = self._targets[("party", party)] = self._make_party_target(party)
        return cached

    def _make_party_target(self, party: str) -> Target:
        row = self.linker.display("party", party) or self.linker.display("alliance", party)
        names = [party, row.get("name_en"), row.get("name_hi"), row.get("abbr_hi"), row.get("name")]
        raw = row.get("aliases") or ""
        if raw.startswith("["):
            import json

            names += json.loads(raw)
        else:
            names += raw.split("|")
        # an alliance's own parties are not its rivals ("Mahayuti, of the BJP, Shiv Sena and NCP, won 235")
        members = [abbr for (kind, abbr), other in self.linker.names.items()
                   if kind == "party" and (other.get("alliance") or "").casefold() == party.casefold()]
        return self.reader.target("party", [n for n in names if n], refs=[party, *members])

    def _word_keys(self, q: Question) -> list[frozenset[str]]:
        keys_of = self.linker.translit.keys
        return [keys_of(w) for w in q.content_words]

    def seat_evidence(self, q: Question, seat: int, T: Templates, found_only: bool = False,
                      year: int | None = None) -> Any:
        """A seat question answered from the sentence that names the seat and states what was asked."""
        if self.reader is None:
            return None
        units = _of_year(self.reader.units(self._passage_hits(q, (seat,))), q.year)
        if year:    # a sentence naming only earlier years is about an earlier election
            units = [u for u in units if not (years := {int(y) for y in YEAR.findall(u.text)}) or max(years) >= year]
            units = not_later_reports(units, year)
        if not units:
            return None
        where = self._seat_target(seat)
        person = self._person_target(q)
        words = self._word_keys(q)
        intent = q.intent or "winner"
        found: Found | None = None
        exclude = set(q.numbers)
        if intent == "leading" or q.round is not None:
            found = self.reader.figure(units, [where], "margin", True, q.round, exclude=exclude)
            if found is None and q.round is None:
                found = self.reader.statement(units, [where], lambda u: u.interim, lambda u: _overlap(u, words), True)
        elif intent == "margin":
            found = self.reader.figure(units, [where], "margin", False, exclude=exclude)
        elif intent == "votes":
            if person is None:
                return None
            found = self.reader.figure(units, [person], "votes", False, exclude=exclude, context=where)
        elif intent in ("winner", "runner_up", "party", "candidate"):
            if self._asks_number(q):
                return None     # "how many women candidates contested": a result sentence does not count them
            if intent == "candidate" and q.parties:
                # "the BJP candidate": a sentence naming the party beside a result rarely says whose
                # candidate won or lost ("... after Kumar joined hands with the BJP"); results rows answer it
                return None

            def need(u: Unit) -> bool:
                if intent == "party":
                    return bool(person and self.reader.mentions(u, person)) and any(
                        n[0] in ("party", "alliance") for n in self.reader.names_in(u.nfc))
                if intent == "runner_up":       # "X 63,324, Y 54,523": the second name is the runner-up
                    return u.result or sum("votes" in n.kinds for n in u.numbers) >= 2
                return u.result

            def bonus(u: Unit) -> tuple[bool, int]:
                return bool(person and self.reader.mentions(u, person)), _overlap(u, words)
            found = self.reader.statement(units, [where], need, bonus, False)
        if found is None or found_only:
            return found
        return self._evidence_reply(found, q, T)

    def tally_evidence(self, q: Question, T: Templates, found_only: bool = False) -> Any:
        """Seats a party or alliance won, as the articles state it (the figure most reports give)."""
        if self.reader is None or not q.parties:
            return None
        hits = self._passage_hits(q, parties=q.parties[:1])
        if q.states:
            names = [n for st in q.states for n in (st, self.linker.display("state", st).get("name_hi")) if n]
            hits = [h for h in hits if any(norm(n) in norm(h.text + " " + (h.title or "")) for n in names)]
        units = _of_year(self.reader.units(hits), q.year)
        found = self.reader.figure(units, [self._party_target(q.parties[0])], "seats", False,
                                   reader=self.reader.tally_of, exclude=set(q.numbers))
        if found_only:
            return found
        return self._evidence_reply(found, q, T) if found else None

    def _evidence_reply(self, found: Found, q: Question, T: Templates) -> Reply:
        u = found.unit
        hit = u.hit
        source = hit.publisher or hit.title or hit.source
        key = "evidence_interim" if found.interim else "evidence"
        text = T(key, source=source, date=T.date(hit.published), quote=u.text)
        cites = [_unit_citation(u)]
        if found.value is not None and str(found.value) not in re.sub(r"[,\s]", "", u.text):
            text += T("evidence_figure", value=T.number(found.value))    # "1 लाख 29 हजार 401" is 1,29,401
        if found.others:
            text += T("evidence_others", others=T.join(
                [T("also_said", value=T.number(v), source=o.hit.publisher or o.hit.source) for v, o in found.others]))
            cites += [_unit_citation(o) for _, o in found.others]
        cites += [_unit_citation(s) for s in found.support]
        facts = [{"table": "passages", "id": hit.id, "value": found.value, "interim": found.interim}]
        return Reply(text, cites, facts)

    # -- passages ---------------------------------------------------------------------------
    def fact(self, q: Question, T: Templates) -> Reply:
        """Answer from the best sentence of the retrieved passages, quoted verbatim.

        Nothing is embedded here: a sentence scores by its passage's retrieval score, the
        question's content words it contains (seat and party names count less: the passages were
        found by them), and cue words for the kind of question (a reason for "why", a figure for
        "how many", a date for "when"). It must be about what the question names: the seat (in the
        sentence, or in its passage when the sentence names no other seat) and the party.
        """
        no_data = Reply(T("no_data", coverage="{coverage}"), status="no_data")
        if self._retriever is None or self.reader is None:
            return no_data
        hits = self._passage_hits(q, tuple(q.constituencies), q.parties[:1])[:40]
        if not hits:
            return no_data
        units = _of_year(self.reader.units(hits), q.year)
        keys_of = self.linker.translit.keys
        content = [keys_of(w) for w in q.content_words]
        content_keys = {k for alts in content for k in alts}
        names = [alts for w in dict.fromkeys(words(q.text)) if w not in self.linker.stopwords
                 if not (alts := keys_of(w)) & content_keys]
        low = q.text.casefold()
        why = q.intent == "why"
        asks_number = any(p.search(low) for p in self.cues.get("asks_number", ()))
        asks_when = any(p.search(low) for p in self.cues.get("asks_when", ()))
        asks_margin = q.intent == "margin" or any(p.search(low) for p in self.cues.get("asks_margin", ()))
        person = self._person_target(q)
        seats = [self._seat_target(s) for s in q.constituencies]
        parties = [self._party_target(p) for p in q.parties[:2]]
        top = max(h.score for h in hits) or 1.0
        states = [n for st in q.states for n in (st, self.linker.display("state", st).get("name_hi")) if n]
        scored: list[tuple[tuple[float, int], Unit]] = []
        about_seat = [{h.article_id for h in hits if self.reader.passage_names(h, t)} for t in seats]
        about_party = [{h.article_id for h in hits if self.reader.passage_names(h, t)} for t in parties]
        for u in units:
            # a sentence about another state's election does not answer for this one
            if states and not any(norm(n) in norm(u.hit.text) for n in states):
                continue
            # a sentence about another seat does not answer for this one; one naming none may, when its
            # passage or its article (another retrieved passage of it) names the seat
            have = u.keys()
            # (a surname alone counts only where no other candidate of that surname is named)
            names_person = person is not None and (self.reader.mentions(u, person) or (any(
                len(name) > 1 and name[-1] & have for name in person.names) and not self.reader.rivals(u, person)))
            # (a reason must name the seat or the person asked about: a passage holds many reasons)
            # and a sentence (or pair) naming the seat beside another seat may state the other's figure or
            # reason ("repoll on 73 booths of Kairana"): precision first, it does not answer either
            if seats and not any((self.reader.mentions(u, t) or (
                    (self.reader.in_passage(u, t) and (names_person or not why))
                    or (names_person and u.hit.article_id in about_seat[i])))
                    and not self.reader.rivals(u, t) for i, t in enumerate(seats)):
                continue
            # a question about one year is not answered by a report of another
            # a question naming a person is answered by a sentence naming that person (not a rival's)
            if person is not None and not names_person:
                continue
            # (a reason for a party's win in a state may be told of the state's result, not the party)
            if parties and not (why and states) and not any(
                    self.reader.mentions(u, t) or self.reader.in_passage(u, t) or u.hit.article_id in about_party[i]
                    for i, t in enumerate(parties)):
                continue
            if why and not u.reason:
                continue
            if asks_number and not states_a_count(u, q.intent, asks_margin):
                continue
            if asks_when and not (u.numbers and self._dated(u)):
                continue
            if asks_margin and not any("margin" in n.kinds for n in u.numbers):
                continue
            if asks_margin and parties and not any(self.reader.owned(u, t, "margin") for t in parties):
                continue        # the margin must be the party's, not another's in the same sentence
            have = u.keys()
            overlap = sum(1 for alts in content if alts & have or any(
                k.startswith(c[:5]) for c in alts if len(c) >= 6 for k in have))
            named = sum(1 for alts in names if alts & have)
            # what an English question asks beyond the names must be in the sentence (a "why"
            # sentence giving a reason in a passage about the names will do)
            enough = overlap + named if why else overlap if content else named
            # a question asking two things beyond the names ("which parties supported X") needs both
            if enough < (1 if why else max(1, min(2, len(content)))):
                continue
            score = 0.05 * u.hit.score / top + 0.03 * overlap + 0.01 * named - 0.02 * u.pair
            if seats:
                # a sentence about several other seats is less about this one
                score -= 0.02 * min(3, len({r for t in seats[:1] for r in self.reader.rivals(u, t)}))
            if names_person:
                score += 0.03       # the person the question names, or their surname ("..., Adityanath stressed")
            if q.intent == "list" and any(n[0] == "constituency" for n in self.reader.names_in(u.nfc)):
                score += 0.03       # "which seat did X win": a sentence naming a seat
            key = (score, -u.rank)
            scored.append((key, u))
        if not scored:
            return no_data
        scored.sort(key=lambda ku: ku[0], reverse=True)
        best_key, best = scored[0]
        hit = best.hit
        text = T("fact", source=hit.publisher or hit.title or hit.source, quote=best.text)
        cites = [_unit_citation(best)]
        if why:
            # a reason seldom stands alone: the next best reason of another sentence, quoted too
            more = next((u for _, u in scored[1:] if not _overlaps(u, best)), None)
            if more is not None:
                text += T("fact_more", source=more.hit.publisher or more.hit.title or more.hit.source, quote=more.text)
                cites.append(_unit_citation(more))
        return Reply(text, cites, [{"table": "passages", "id": hit.id, "score": round(best_key[0], 3)}])

    def _dated(self, u: Unit) -> bool:
        """Whether a sentence states a date (a month's name beside a number)."""
        months = self.templates["en"].t["months"] + self.templates["hi"].t["months"]
        return any(m.casefold() in u.low for m in months)


def _of_year(units: list[Unit], year: int | None) -> list[Unit]:
    """The units that can be about `year`: a report of that year, or a sentence naming it (a
    question about 2022 is not answered by a 2018 report)."""
    if not year:
        return units
    y = str(year)
    return [u for u in units if y in u.text or (u.hit.published or "").startswith(y)]


def _overlaps(a: Unit, b: Unit) -> bool:
    """Whether two units share text of one passage (a sentence and the pair holding it)."""
    if a.hit.id != b.hit.id:
        return a.text in b.text or b.text in a.text
    sa, sb = a.hit.text.find(a.text), b.hit.text.find(b.text)
    return sa < sb + len(b.text) and sb < sa + len(a.text)


def _overlap(u: Unit, keys: list[frozenset[str]]) -> int:
    have = u.keys()
    return sum(1 for k in keys if k & have)


def _named(s: Standing, q: Question) -> bool:
    if any(matches_candidate(s, name) for name in q.candidates):
        return True
    return bool(q.parties) and s.best.party in q.parties


def _merge(replies: list[Reply]) -> Reply:
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


def _fact(r: Result) -> dict[str, Any]:
    return {"table": "results", "id": r.id, "election": r.election_key, "constituency": r.constituency,
            "candidate": r.candidate, "party": r.party, "status": r.status, "votes": r.votes,
            "margin": r.margin, "margin_qualifier": r.margin_qualifier, "as_of": r.as_of, "origin": r.origin}


def _unit_citation(u: Unit) -> Citation:
    h = u.hit
    return Citation(source=h.source, quote=u.text, title=h.title, publisher=h.publisher, url=h.url,
                    date=h.published, language=h.language)


def to_citation(src: Source) -> Citation:
    return Citation(source=src.source, quote=src.quote or "", title=src.title, publisher=src.publisher,
                    url=src.url, date=src.date, language=src.language)
