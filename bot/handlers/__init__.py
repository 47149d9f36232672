"""Which handler answers a question: the steps every question takes first (help, a count below
the seat, which seat an ambiguous name means, the live and whole-table answers), then one
handler per intent from `HANDLERS`.

A handler takes the answering API (`bot.answer.Answerer`: lookups, names, evidence), the
`Question`, the chat context and the seats the question is about, and returns a `Reply` with
the context a follow-up reads. To add an intent: its patterns in data/lexicon/intents.toml,
its handler here (or in the module named for what it answers) and a line in `HANDLERS`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.ambiguity import with_context
from bot.combined import asks_combined
from bot.handlers.help import clarify
from bot.lookup import has_election_year
from bot.question_topics import off_topic
from bot.reply import ChatContext, Reply, merge
from bot.templates import Templates
from bot.types import Answer, Question

if TYPE_CHECKING:
    from bot.answer import Answerer

SEAT_INTENTS = ("winner", "party", "leading", "margin", "votes", "runner_up", "candidate", "why", "compare")
BELOW_SEAT_INTENTS = ("winner", "votes", "margin", "party", "leading", "runner_up")


@dataclass(frozen=True)
class Seats:
    """The seats a question is about: named, or a named candidate's, or (a follow-up) the last ones."""

    ids: tuple[int, ...]
    followup: bool          # taken from the chat context: the question named none
    asks_seat: bool         # the question asks for a seat's result (a bare seat name does too)


Result = tuple[Reply, ChatContext | None]
Handler = Callable[["Answerer", Question, ChatContext | None, Seats], Result]


def respond(a: Answerer, q: Question, ctx: ChatContext | None) -> tuple[Answer, ChatContext | None]:
    T = a.templates[q.lang]
    if q.intent == "help":
        return a._answer(q, Reply(T("help", coverage=a.coverage(T)), status="help")), ctx
    if off_topic(q):
        return a._answer(q, Reply(T("out_of_scope"), status="out_of_scope")), ctx
    if q.intent in BELOW_SEAT_INTENTS and q.cue("below_seat"):
        # one booth's or ward's count: no results file or article here goes below the seat, and the
        # seat's figure would answer another question
        return a._answer(q, _no_data(a, T)), ctx
    q = _narrow(a, q, ctx)
    if q.ambiguous:
        return clarify(a, q, T)
    if combined := asks_combined(q, lambda p: ("party", p) in a.linker.names):
        return a._answer(q, a._combined(q, T, combined)), ctx   # a sum of the parties', never an alliance's
    if q.intent == "tally" and q.parties and (live := a._live_tally(q, T)) is not None:
        return a._answer(q, live), ctx    # counting day: the ECI party-wise count, before any table
    if a.tables is not None and (table := a.tables.answer(q, T)) is not None:
        return a._answer(q, Reply(table.text, table.citations, table.facts, table.status)), ctx
    if not q.constituencies and (extreme := a._extreme_evidence(q, T)) is not None:
        return a._answer(q, extreme), ctx    # no table: the narrowest margin an article states
    reply, new_ctx = HANDLERS.get(q.intent or "", other)(a, q, ctx, seats_of(a, q, ctx))
    return a._answer(q, reply), new_ctx


def _narrow(a: Answerer, q: Question, ctx: ChatContext | None) -> Question:
    """The question with the seats an ambiguous name may mean narrowed by what else it says."""
    if q.ambiguous and not (q.intent or q.election_words):
        q = replace(q, ambiguous=())      # "gold price in Mumbai": a town, not a question about its seats
    if q.ambiguous and q.year and not has_election_year(a.db, q.year):
        q = replace(q, ambiguous=())      # "Varanasi in 2029": whichever seat, there is nothing to answer
    if q.ambiguous and ctx:
        q = with_context(q, ctx.seats, lambda i: a.linker.display("constituency", str(i)))
    if q.ambiguous and (q.candidates or q.names):
        # "By how many votes did Sarfaraz Alam win Araria?": the seat of that name he contested
        q = with_context(q, a._seats_of_candidates(q.candidates or q.names),
                         lambda i: a.linker.display("constituency", str(i)))
    if q.ambiguous and a.tables is not None:
        q = a.tables.narrow(q)
    return q


def seats_of(a: Answerer, q: Question, ctx: ChatContext | None) -> Seats:
    seats = list(q.constituencies)
    followup = False
    # A bare seat name ("Noorpur 2018") asks for its result; other words with no known
    # intent ("how many booths had a repoll in Kairana") ask for a fact from the articles.
    asks_seat = q.intent in SEAT_INTENTS or (not q.intent and not q.parties and not q.content_words)
    if not seats and q.candidates:
        seats = a._seats_of_candidates(q.candidates)
    if (not seats and not q.states and ctx and ctx.seats and asks_seat
            and not (q.intent in ("why",) and q.parties)):
        seats, followup = list(ctx.seats), True
    return Seats(tuple(seats), followup, asks_seat)


def _no_data(a: Answerer, T: Templates) -> Reply:
    return Reply(T("no_data", coverage=a.coverage(T)), status="no_data")


# -- handlers ---------------------------------------------------------------------------------
def seat_results(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """Each seat's result, as the question asks it (bot/handlers/seats.py)."""
    T = a.templates[q.lang]
    replies, new_ctx = [], ctx
    for seat in s.ids:
        reply, new_ctx = a.seat(q, seat, T, ctx if s.followup else None, new_ctx)
        replies.append(reply)
    return merge(replies), new_ctx


def winner(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """Who won (or which party, who leads): a seat's result, a state's seats, or an election's tallies."""
    T = a.templates[q.lang]
    if s.ids:
        return seat_results(a, q, ctx, s)
    if q.states and not q.parties and q.intent in ("winner", "party"):
        reply = a.election_tallies(q, T)     # "who won the Maharashtra election?": its parties' seats
        if reply is not None:
            return reply, ctx
    if q.states:
        return a.state_summary(q, T), ctx
    if not q.parties and q.intent in ("winner", "party") and (q.year or q.election_kind or q.house):
        reply = a.election_tallies(q, T)     # "who won the 2024 Lok Sabha election?"
        if reply is not None:
            return reply, ctx
    return _no_data(a, T), ctx


def seat_figure(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """Margin, votes, runner-up, candidates: only of a seat."""
    if s.ids:
        return seat_results(a, q, ctx, s)
    return _no_data(a, a.templates[q.lang]), ctx


def tally(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """A party's seats (bot/handlers/tallies.py); with a seat and no party, that seat's result."""
    if q.parties or not s.ids:
        return a.tally(q, a.templates[q.lang]), ctx
    return seat_results(a, q, ctx, s)


def seat_list(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """"How many seats did X win", "which seats did X win"."""
    T = a.templates[q.lang]
    # "how many seats did X win": the tally the articles state, before the seats in the tables
    asks_votes = q.cue("asks_margin")
    counted = a.tally_evidence(q, T) if q.cue("asks_number") and not asks_votes else None
    if counted is not None:
        return counted, ctx
    reply = a.list_seats(q, T)
    if reply.status != "answered" or a._counted_only(reply):
        # "and by how many votes": a sentence naming the party, a seat and a win, or nothing
        better = (a._won_seats_evidence(q, T) or Reply(T("no_data", coverage="{coverage}"), status="no_data")
                  if asks_votes else a.fact(q, T))
        reply = better if better.status == "answered" else reply
    return reply, ctx


def why(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """Why a bypoll was held (the contest's reason), why a result went as it did (the articles)."""
    T = a.templates[q.lang]
    if s.ids and (a._asks_why_outcome(q) or not any(a._has_reason(seat, q) for seat in s.ids)):
        return a.fact(q, T), ctx
    if s.ids:
        return seat_results(a, q, ctx, s)
    return a.fact(q, T), ctx


def compare(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """A seat's result against the election before (bot/handlers/seats.py), else the articles."""
    if s.ids:
        return seat_results(a, q, ctx, s)
    return a.fact(q, a.templates[q.lang]), ctx


def history(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """A seat's history the results tables did not answer (bot/tables.py): the articles."""
    return a.fact(q, a.templates[q.lang]), ctx


def no_intent(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """No intent word: a bare seat name asks for its result; other words ask the articles."""
    T = a.templates[q.lang]
    if s.ids and s.asks_seat:
        return seat_results(a, q, ctx, s)
    if q.states and q.election_words:
        return a.state_summary(q, T), ctx
    if q.election_words or q.parties or s.ids:
        return a.fact(q, T), ctx
    return Reply(T("out_of_scope"), status="out_of_scope"), ctx


def other(a: Answerer, q: Question, ctx: ChatContext | None, s: Seats) -> Result:
    """An intent with no handler of its own: nothing to answer it from."""
    return _no_data(a, a.templates[q.lang]), ctx


HANDLERS: dict[str, Handler] = {
    "winner": winner,
    "party": winner,
    "leading": winner,
    "margin": seat_figure,
    "votes": seat_figure,
    "runner_up": seat_figure,
    "candidate": seat_figure,
    "tally": tally,
    "list": seat_list,
    "why": why,
    "compare": compare,
    "history": history,
    "": no_intent,
}
