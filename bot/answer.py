"""Grounded answers: structured results first, retrieved sentences for what tables cannot say.

Every name and number in an answer comes from a store row or a quoted passage; the wording
comes from data/templates. A leading candidate is reported as leading, with the report's date.

`Answerer` is the answering API the handlers use: the question is routed by intent in
bot/handlers/__init__.py; one seat's answers are in bot/handlers/seats.py, tallies and lists of
seats in bot/handlers/tallies.py, answers from article sentences in bot/handlers/facts.py, names
and citations in bot/handlers/naming.py.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from bot import handlers
from bot.entities import Linker
from bot.handlers.facts import FactAnswers
from bot.handlers.naming import Naming
from bot.handlers.seats import SeatAnswers
from bot.handlers.tallies import TallyAnswers
from bot.reply import ChatContext, Reply, to_citation
from bot.settings import AnswerSettings
from bot.templates import Templates
from bot.types import Answer, Question
from index.evidence import EvidenceCues, Reader, Target
from store.lru import LRU

MAX_RETRIEVALS_CACHED = 256   # a question's retrievals are some 60 hits sharing the passages' text

__all__ = ["Answerer", "ChatContext", "Reply", "to_citation"]


class Answerer(Naming, SeatAnswers, TallyAnswers, FactAnswers):
    """The answering API: the store's rows, names, the evidence reader; its parts are in bot/handlers/."""

    def __init__(self, db: sqlite_utils.Database, linker: Linker, templates: dict[str, Templates],
                 settings: AnswerSettings, retriever: Callable[[], Any] | None = None,
                 tables: Any = None,
                 evidence: EvidenceCues | None = None) -> None:
        self.tables = tables        # bot.tables.Tables: questions over whole results tables
        self.reader = Reader(linker, evidence) if evidence is not None else None
        self._targets: dict[tuple[str, str], Target] = {}       # (kind, ref) -> its names, worked out once
        # retrievals of recent questions, reused by a question's steps and by the same question asked
        # again (counting day: many ask "who won X"); a new answerer comes with new passages or results
        self._recent_hits: LRU[tuple, list[Any]] = LRU(MAX_RETRIEVALS_CACHED)
        self.db = db
        self.linker = linker
        self.templates = templates
        self.settings = settings
        self._retriever = retriever

    # -- entry ------------------------------------------------------------------------------
    def respond(self, q: Question, ctx: ChatContext | None) -> tuple[Answer, ChatContext | None]:
        """Route the question to its intent's handler (bot/handlers/__init__.py)."""
        return handlers.respond(self, q, ctx)

    def _answer(self, q: Question, reply: Reply) -> Answer:
        if reply.status == "no_data" and "{coverage}" in reply.text:
            reply.text = reply.text.replace("{coverage}", self.coverage(self.templates[q.lang]))
        text = reply.text[:1].upper() + reply.text[1:] if reply.text else reply.text
        return Answer(text=text, status=reply.status, lang=q.lang, citations=reply.citations[: self.settings.max_citations],
                      facts=reply.facts, intent=q.intent or None)
