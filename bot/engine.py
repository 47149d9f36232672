"""The answering engine: the store, the index and the conversation state behind `answer()`.

Plain Python with no Telegram imports; the console, the batch command and the Telegram
adapter all call `Engine.answer`.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any

from bot.answer import Answerer, ChatContext
from bot.config import Config
from bot.entities import Linker
from bot.language import LanguageGuesser
from bot.templates import LANG_FILES, Templates
from bot.types import Answer
from bot.understand import Lexicon, understand
from store.home import ensure_home

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 1000   # longer messages are read up to here (a question is never longer)


class Engine:
    def __init__(self, config: Config, open_index: bool = True) -> None:
        self.config = config
        self._lock = threading.RLock()
        self._contexts: dict[tuple[Any, Any], ChatContext] = {}
        self._retriever: Any = None
        self.db = ensure_home(config)
        self._load()
        if open_index:
            self.retriever()

    def _load(self) -> None:
        data = self.config.data
        self.linker = Linker(self.db, data, self.config.answer.fuzzy_min_score)
        self.lexicon = Lexicon.from_data(data)
        self.guesser = LanguageGuesser.from_data(data, seed=self.config.ingest.langdetect_seed)
        self.templates = {lang: Templates.load(data, lang, self.config.answer.digit_grouping) for lang in LANG_FILES}
        self.answerer = Answerer(self.db, self.linker, self.templates, self.config.answer, self.retriever,
                                 cues=self.lexicon.cues)

    def retriever(self) -> Any:
        """The hybrid retriever, opened (and the index synced) on first use."""
        with self._lock:
            if self._retriever is None:
                from index.retrieve import open_retriever

                self._retriever = open_retriever(self.config, self.db)
            return self._retriever

    def reload(self) -> None:
        """Pick up new data written by another process (ingest, import-results)."""
        with self._lock:
            self._load()
            if self._retriever is not None:
                from index.sync import sync_index

                sync_index(self.config, self.db)
                self._retriever.reload()

    def answer(self, text: str, chat_id: Any, user_id: Any = None, lang: str | None = None,
               now: float | None = None) -> Answer:
        """Answer one message of a conversation. In group chats pass user_id: context is per user."""
        now = time.time() if now is None else now
        text = (text or "").strip()[:MAX_QUESTION_CHARS]
        key = (chat_id, user_id)
        with self._lock:
            ctx = self._contexts.get(key)
            if ctx and now - ctx.at > self.config.answer.context_expiry_s:
                ctx = None
            understood = understand(text, self.linker, self.lexicon, self.guesser, lang=lang)
            question = understood.question
            if not text:
                question = question.__class__(text="", lang=question.lang, intent="help")
            answer, new_ctx = self.answerer.respond(question, ctx)
            if new_ctx is not None and new_ctx is not ctx:
                self._contexts[key] = ChatContext(new_ctx.seats, new_ctx.election_key, new_ctx.candidates, now)
            elif ctx is not None:
                self._contexts[key] = ChatContext(ctx.seats, ctx.election_key, ctx.candidates, now)
            return answer

    def find_seat(self, text: str) -> list[dict]:
        """Constituency rows whose names match `text` (several when the name is ambiguous)."""
        with self._lock:
            ids = [int(m.ref) for m in self.linker.find(text) if m.kind == "constituency"]
            return [dict(self.linker.display("constituency", str(i))) for i in dict.fromkeys(ids)]
