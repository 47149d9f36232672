"""What the chat adapters show besides answers, read over the engine's store: result cards, the
sources listing, follow fingerprints, card pictures and tallies, and each chat's own state
(language and pictures choices, follows).

The engine owns one ChatViews (`Engine.views`): the adapter runs no SQL and opens no connection
of its own. Every call runs under the engine's guard (reads beside answers, never during a
reload); writes to the chat tables take turns, since they share the engine's connection.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sqlite_utils

from bot import cards, chats
from bot.chats import Follow
from bot.lookup import NameKey
from bot.settings import AnswerSettings
from bot.types import Answer, Question
from store.text import Transliterator

if TYPE_CHECKING:
    from bot.lookup import Election
    from bot.picture_data import Tally
    from bot.pictures import CardPicture, TallyPicture

T = TypeVar("T")


class ChatViews:
    """Seat cards, listings, tallies and chat state over one store connection (the engine's)."""

    def __init__(self, db: sqlite_utils.Database, data_dir: Path, answer: AnswerSettings,
                 guard: Callable[[], AbstractContextManager[Any]]) -> None:
        self._db = db
        self._data = Path(data_dir)
        self._answer = answer
        self._guard = guard
        self._writes = threading.Lock()
        self._messages: dict[str, dict[str, Any]] | None = None
        self._key: NameKey | None = None

    @property
    def messages(self) -> dict[str, dict[str, Any]]:
        """The bot's own words (data/telegram/messages.toml), read on first use."""
        if self._messages is None:
            self._messages = cards.load_messages(self._data)
        return self._messages

    @property
    def key(self) -> NameKey:
        """How candidates' names are compared: across scripts, as the answers compare them, so a
        card never lists one candidate twice where an answer names them once."""
        if self._key is None:
            self._key = Transliterator.load(self._data / "lexicon" / "translit.toml").sound_key
        return self._key

    def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._guard():
            return fn(self._db, *args, **kwargs)

    def _write(self, fn: Callable[..., T], *args: Any) -> T:
        # one transaction at a time on the shared connection (Python's sqlite3 keeps one per connection)
        with self._guard(), self._writes:
            return fn(self._db, *args)

    # -- seats and their results --

    def seat(self, constituency_id: int) -> dict[str, Any] | None:
        return self._read(cards.get_seat, constituency_id)

    def card(self, constituency_id: int, lang: str) -> Answer:
        """The seat's result card (bot.cards.result_card) in `lang`."""
        return self._read(cards.result_card, constituency_id, self.messages, lang, self._answer.digit_grouping,
                          unreviewed=self._answer.unreviewed, key=self.key)

    def sources(self, lang: str) -> Answer:
        return self._read(cards.sources_listing, self.messages, lang, self._answer.unreviewed)

    def fingerprint(self, constituency_id: int) -> str:
        return self._read(cards.seat_fingerprint, constituency_id, self._answer.unreviewed, self.key)

    def changed_follows(self) -> list[tuple[Follow, str]]:
        """Follows whose seat now shows something else than the chat last saw, with the new fingerprint."""
        with self._guard():
            return cards.changed_follows(self._db, chats.list_follows(self._db), self._answer.unreviewed, self.key)

    # -- pictures (bot/picture_data.py, imported on first use: it loads Pillow) --

    def card_picture(self, constituency_id: int, lang: str) -> CardPicture | None:
        from bot import picture_data

        return self._read(picture_data.card_picture, constituency_id, self.messages, lang,
                          self._answer.digit_grouping, self._answer.unreviewed, self.key)

    def card_key(self, constituency_id: int, lang: str) -> tuple:
        from bot import picture_data

        return self._read(picture_data.card_key, constituency_id, lang, self._answer.unreviewed, self.key)

    def tally_elections(self, q: Question | None) -> list[Election]:
        from bot import picture_data

        return self._read(picture_data.tally_elections, q, self._answer.unreviewed)

    def tally(self, election: Election, lang: str, states: tuple[str, ...] = ()) -> Tally:
        from bot import picture_data

        return self._read(picture_data.count_tally, election, lang, states, self._answer.unreviewed, self.key)

    def tally_text(self, tally: Tally, lang: str) -> str:
        from bot import picture_data

        return self._read(picture_data.tally_text, tally, self.messages, lang)

    def tally_picture(self, tally: Tally, lang: str) -> TallyPicture:
        from bot import picture_data

        return self._read(picture_data.tally_picture, tally, self.messages, lang)

    # -- each chat's own state --

    def chat_pref(self, chat_id: int, column: str) -> str:
        """The chat's choice for "lang" or "pictures"; "auto" until it makes one."""
        return self._read(chats.get_chat_pref, chat_id, column)

    def set_chat_pref(self, chat_id: int, column: str, value: str) -> None:
        self._write(chats.set_chat_pref, chat_id, column, value)

    def follows(self, chat_id: int | None = None) -> list[Follow]:
        return self._read(chats.list_follows, chat_id)

    def add_follow(self, chat_id: int, constituency_id: int, message_id: int | None, fingerprint: str | None,
                   lang: str) -> bool:
        return self._write(chats.add_follow, chat_id, constituency_id, message_id, fingerprint, lang)

    def update_follow(self, chat_id: int, constituency_id: int, message_id: int | None, fingerprint: str) -> None:
        self._write(chats.update_follow, chat_id, constituency_id, message_id, fingerprint)

    def remove_follow(self, chat_id: int, constituency_id: int) -> bool:
        return self._write(chats.remove_follow, chat_id, constituency_id)
