"""The answering engine: the store, the index and the conversation state behind `answer()`.

Plain Python with no Telegram imports; the console, the batch command and the Telegram
adapter all call `Engine.answer`; the adapter reads result cards, tallies and follows and writes
chat choices through `Engine.views` (bot/views.py), over the engine's one store connection.
"""
from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

from bot.ambiguity import narrow as narrow_seats
from bot.answer import Answerer, ChatContext
from bot.config import Config
from bot.entities import Linker
from bot.language import LanguageGuesser
from bot.templates import LANG_FILES, Templates
from bot.types import Answer, Question
from bot.understand import Lexicon, understand
from bot.views import ChatViews
from index.evidence import EvidenceCues
from store.home import ensure_home

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 1000   # longer messages are read up to here (a question is never longer)
NAMES_CHECK_S = 5.0         # names written by another process (watch) are re-read at most this often...
WARM_YIELD_S = 0.5          # reading ahead waits at most this long for running answers, per passage or election
NAMES_INLINE_S = 0.5        # ...by the asking thread when that took less than this, else in the background
CLOSE_WAIT_S = 10.0         # how long close() waits for the read-ahead to notice it should stop


class _Gate:
    """Many answers at once, or one reload alone (it swaps what answers read and writes the index)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def wait_idle(self, timeout: float = WARM_YIELD_S) -> None:
        """Return once no answer is running, or after `timeout`: work read ahead gives way to answers
        (it holds the interpreter's lock, and the first answer after start would wait for it)."""
        with self._cond:
            self._cond.wait_for(lambda: self._readers == 0, timeout)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer)
            self._writer = True                      # new answers wait from here on
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class _SerialEmbedder:
    """The embedder with its calls taken in turn: the answerer embeds sentences outside the
    retriever's query lock, and the C engine is not documented as thread-safe."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._embedder, name)
        if not name.startswith("embed"):
            return attr

        def serial(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)
        return serial


def question_key(q: Question, before: Any, after: Any) -> tuple:
    """What a question resolved to (intent, seats, election, the rest of what it asked): two people
    asking the same thing in other words, or by a follow-up, get the same key."""
    if after is not None and after is not before:     # a seat answer: its context says what it was about
        return (q.lang, q.intent, tuple(after.seats), after.election_key, tuple(q.candidates), q.numbers)
    return (q.lang, q.intent, q.constituencies, q.parties, q.candidates, q.states, q.year, q.month,
            q.election_kind, q.house, q.numbers, tuple(sorted(set(q.content_words))), q.election_words)


class Engine:
    """Thread-safe: answers run in parallel (the store connection is serialized by SQLite, the
    embedder by _SerialEmbedder, each conversation's context by the caller); reload runs alone."""

    def __init__(self, config: Config, open_index: bool = True) -> None:
        self.config = config
        self._lock = threading.RLock()       # the contexts and the lazily opened retriever
        self._gate = _Gate()
        self._contexts: dict[tuple[Any, Any], ChatContext] = {}
        self._retriever: Any = None
        self.db = ensure_home(config)
        # cards, listings, tallies and chat state for the adapters, over this connection
        self.views = ChatViews(self.db, config.data, config.answer, self._gate.shared)
        self._load()        # langdetect loads on first need (bot/language.py), under a lock
        self._names_mark = self._store_mark()
        self._names_rebuilt = float("-inf")
        self._names_building = False
        self._names_cost = 0.0               # seconds the last rebuild of the names took
        self._closing = threading.Event()
        self._warmer: threading.Thread | None = None
        self.warmed = threading.Event()     # set once the passages have been read ahead
        if not open_index:
            self.warmed.set()
        if open_index:
            self.retriever()
            # article sentences are read (cue words, numbers, names) ahead of questions, off the
            # answering path: an answer then only looks them up
            self._warmer = threading.Thread(target=self._warm, name="evidence-warm", daemon=True)
            self._warmer.start()

    def _load(self) -> None:
        data = self.config.data
        self.linker = Linker(self.db, data, self.config.answer.fuzzy_min_score)
        self.lexicon = Lexicon.from_data(data)
        self.guesser = LanguageGuesser.from_data(data, seed=self.config.ingest.langdetect_seed)
        self.templates = {lang: Templates.load(data, lang, self.config.answer.digit_grouping) for lang in LANG_FILES}
        self.evidence = EvidenceCues.from_data(data, self.lexicon.cues.get("why", ()), self.lexicon.kinds)
        self.answerer = self._answerer(self.linker)

    def _answerer(self, linker: Linker) -> Answerer:
        from bot.tables import Tables

        return Answerer(self.db, linker, self.templates, self.config.answer, self.retriever,
                        tables=Tables(self.db, linker, self.config.data, self.config.answer.unreviewed),
                        evidence=self.evidence)

    def _store_mark(self) -> tuple:
        return tuple(self.db.execute(
            "SELECT (SELECT MAX(id) FROM constituencies), (SELECT MAX(id) FROM results)").fetchone())

    def refresh_names(self, force: bool = False) -> bool:
        """Rebuild the name index when another process (`watch` on counting day, an import) wrote
        seats or results since the last look, so they answer without /reload. Results are read
        from the store on every question; only names are held in memory. Returns True if rebuilt."""
        mark = self._store_mark()      # two index look-ups: cheap enough for every question
        now = time.monotonic()
        with self._lock:
            if (mark == self._names_mark or self._names_building
                    or (not force and now - self._names_rebuilt < NAMES_CHECK_S)):
                return False
            self._names_rebuilt, self._names_building = now, True
        if self._names_cost > NAMES_INLINE_S and not force:
            # a large store (national results): rebuild beside the answers, which keep the old names meanwhile
            threading.Thread(target=self._rebuild_names, args=(mark,), daemon=True, name="names").start()
            return False
        self._rebuild_names(mark)
        return True

    def _rebuild_names(self, mark: tuple) -> None:
        started = time.monotonic()
        try:
            linker = Linker(self.db, self.config.data, self.config.answer.fuzzy_min_score)
            answerer = self._answerer(linker)
            with self._lock:
                self._names_mark = mark
                self.linker, self.answerer = linker, answerer
            log.info("store changed by another process: names reloaded")
        finally:
            with self._lock:
                self._names_building = False
                self._names_cost = time.monotonic() - started

    def _warm_tables(self, answerer: Answerer) -> None:
        tables = getattr(answerer, "tables", None)
        if tables is None:
            return
        try:
            n = tables.warm(self._closing.is_set, self._gate.wait_idle)
            log.info("tables: %d rows read ahead", n)
        except sqlite3.Error as exc:      # the store closed under it (a test, a reload): questions read rows
            log.debug("tables not read ahead: %s", exc)

    def _warm(self) -> None:
        from index.retrieve import Hit

        answerer = self.answerer
        try:
            # the retriever's seat names, read here rather than by the first question that names a seat
            self._gate.wait_idle()
            self.retriever().gazetteer()
            if answerer.reader is not None:
                rows = self.db.execute(
                    "SELECT p.id, p.text, coalesce(p.language, a.language), p.start, p.\"end\", a.id, a.source, "
                    "a.title, a.published, a.url, a.publisher FROM passages p JOIN articles a ON a.id = p.article_id "
                    "ORDER BY a.published DESC, p.id DESC LIMIT 20000").fetchall()
                hits = (Hit(kind="passage", id=r[0], text=r[1], score=0.0, retrievers=(), article_id=r[5],
                            source=r[6], title=r[7], published=r[8], url=r[9], publisher=r[10], language=r[2],
                            start=r[3], end=r[4]) for r in rows)
                n = answerer.reader.warm(hits, self._closing.is_set, self._gate.wait_idle)
                log.info("evidence: %d passages read ahead", n)
                self.retriever().read_ahead(((r[0], r[1]) for r in rows), self._gate.wait_idle)
            answerer.linker.seats_named(None)       # its index of seats by name, built once
            # then the elections' rows (8,000 for a general election), newest first, so that the
            # first table question about one does not read them
            self._warm_tables(answerer)
        finally:
            self.warmed.set()

    def close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """Stop reading ahead, then close the store connection. The read-ahead thread shares the
        connection: closing it under a running query can crash the process on its way out."""
        self._closing.set()
        if self._warmer is not None and self._warmer is not threading.current_thread():
            self._warmer.join(wait_s)
        self.db.conn.close()

    def retriever(self) -> Any:
        """The hybrid retriever, opened (and the index synced) on first use."""
        with self._lock:
            if self._retriever is None:
                from index.retrieve import open_retriever

                self._retriever = open_retriever(self.config, self.db)
                self._retriever.embedder = _SerialEmbedder(self._retriever.embedder)
            return self._retriever

    def reload(self) -> None:
        """Pick up new data written by another process (ingest, import-results)."""
        with self._gate.exclusive(), self._lock:
            self._load()
            if self._retriever is not None:
                from index.sync import sync_index

                sync_index(self.config, self.db)
                self._retriever.reload()

    def answer(self, text: str, chat_id: Any, user_id: Any = None, lang: str | None = None,
               now: float | None = None) -> Answer:
        """Answer one message of a conversation. In group chats pass user_id: context is per user."""
        return self.ask(text, chat_id, user_id, lang, now)[0]

    def ask(self, text: str, chat_id: Any, user_id: Any = None, lang: str | None = None,
            now: float | None = None, context: ChatContext | None = None) -> tuple[Answer, tuple]:
        """`answer`, plus the key of what the question resolved to (see question_key).
        `context`, when given, is what the question follows on from instead of the conversation's own
        (a reply to a bot message continues from that message, whoever replies).
        Calls for one (chat, user) must not overlap (the Telegram adapter and the console keep them
        in order); calls for different conversations run in parallel."""
        now = time.time() if now is None else now
        text = (text or "").strip()[:MAX_QUESTION_CHARS]
        key = (chat_id, user_id)
        with self._gate.shared():
            self.refresh_names()
            with self._lock:
                ctx = context or self._contexts.get(key)
                linker, lexicon, guesser, answerer = self.linker, self.lexicon, self.guesser, self.answerer
            if ctx and now - ctx.at > self.config.answer.context_expiry_s:
                ctx = None
            understood = understand(text, linker, lexicon, guesser, lang=lang)
            question = understood.question
            if not text:
                question = question.__class__(text="", lang=question.lang, intent="help")
            answer, new_ctx = answerer.respond(question, ctx)
            with self._lock:
                if new_ctx is not None and new_ctx is not ctx:
                    self._contexts[key] = ChatContext(new_ctx.seats, new_ctx.election_key, new_ctx.candidates, now)
                elif ctx is not None:
                    self._contexts[key] = ChatContext(ctx.seats, ctx.election_key, ctx.candidates, now)
            return answer, question_key(question, ctx, new_ctx)

    def context_of(self, chat_id: Any, user_id: Any = None) -> ChatContext | None:
        """What the conversation is about now (after its last answer), or None."""
        with self._lock:
            return self._contexts.get((chat_id, user_id))

    def question(self, text: str, lang: str | None = None) -> Question:
        """How the engine reads `text` (intent, seats, parties, year...), without answering it."""
        with self._gate.shared():
            return understand((text or "").strip()[:MAX_QUESTION_CHARS], self.linker, self.lexicon,
                              self.guesser, lang=lang).question

    def find_seat(self, text: str) -> list[dict]:
        """Constituency rows whose names match `text` (several when the name is ambiguous)."""
        with self._gate.shared():
            self.refresh_names()
            linker = self.linker
            matches = [m for m in linker.find(text) if m.kind == "constituency"]
            ids = tuple(dict.fromkeys(int(m.ref) for m in matches))
            if len(ids) > 1:    # a name of several seats: the one the store has results for, as questions do
                ids = tuple(narrow_seats(ids, lambda i: linker.display("constituency", str(i)),
                                         with_results=linker.with_results,
                                         partial={int(m.ref) for m in matches if m.partial}, covered=linker.covered))
            return [dict(linker.display("constituency", str(i))) for i in ids]
