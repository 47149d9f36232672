"""Following a group conversation: what each bot message was about (so a reply to it, from anyone,
continues from there), which messages carry no question at all, and whom the bot has already
told how to ask.

Plain Python with no Telegram imports; the adapter (bot/telegram_app.py) keeps one of each per bot.
"""
from __future__ import annotations

import threading
import time
import unicodedata
from collections import OrderedDict
from typing import Any

from bot.answer import ChatContext

MAX_MESSAGES = 50_000           # bot messages remembered at most (oldest forgotten first)


def has_words(text: str | None) -> bool:
    """Whether a message holds anything to answer: a letter or a digit. Emoji, punctuation,
    control characters (NUL) and combining marks on their own do not count."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text or "")


class MessageContexts:
    """The context (seats, election, candidates) of each bot message, for `expiry_s` seconds."""

    def __init__(self, expiry_s: float, max_items: int = MAX_MESSAGES) -> None:
        self.expiry_s = expiry_s
        self.max_items = max_items
        self._items: OrderedDict[tuple[int, int], ChatContext] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, chat_id: int, message_id: int, context: ChatContext | None, now: float | None = None) -> None:
        if context is None or not context.seats:
            return
        now = time.time() if now is None else now
        with self._lock:
            self._items[(chat_id, message_id)] = ChatContext(context.seats, context.election_key,
                                                             context.candidates, now)
            self._items.move_to_end((chat_id, message_id))
            self._forget(now)

    def get(self, chat_id: int, message_id: int, now: float | None = None) -> ChatContext | None:
        now = time.time() if now is None else now
        with self._lock:
            self._forget(now)
            return self._items.get((chat_id, message_id))

    def _forget(self, now: float) -> None:
        while self._items:
            key, ctx = next(iter(self._items.items()))
            if now - ctx.at <= self.expiry_s and len(self._items) <= self.max_items:
                break
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)


class OnceEach:
    """Whether a chat should be told something now: once, then not again for `every_s` seconds."""

    def __init__(self, every_s: float) -> None:
        self.every_s = every_s
        self._told: dict[Any, float] = {}
        self._lock = threading.Lock()

    def first(self, key: Any, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        with self._lock:
            for old in [k for k, at in self._told.items() if now - at > self.every_s]:
                del self._told[old]
            if key in self._told:
                return False
            self._told[key] = now
            return True
