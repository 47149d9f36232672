"""A rate limiter for python-telegram-bot that keeps chats apart.

PTB's AIORateLimiter pauses *every* request when one `RetryAfter` arrives, so a flood in one
group stalls private chats. Here each chat has its own schedule and its own pause: a 429 for
chat A delays only chat A's requests; the overall cap (about 30 messages/s) is shared.

Scheduling is GCRA (a reservation per request, no lock needed on one event loop): each bucket
keeps the time its next request may go, so waiting requests queue in arrival order.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Requests that answer the user's own action and are not "messages to a chat" (no per-chat cap).
UNLIMITED = frozenset({"getUpdates", "getMe", "answerInlineQuery", "answerCallbackQuery", "setWebhook",
                       "deleteWebhook", "getWebhookInfo", "setMyCommands", "getMyCommands", "close", "logOut"})


class Bucket:
    """`rate` requests per second with bursts of up to `burst`; `reserve()` says how long to wait."""

    def __init__(self, rate: float, burst: int = 1, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.interval = 1.0 / rate
        self.tolerance = (max(burst, 1) - 1) * self.interval
        self.tat = 0.0              # theoretical arrival time of the next request
        self.clock = clock

    def reserve(self, not_before: float = 0.0) -> float:
        """Book the next slot at or after `not_before`; return seconds to wait from now."""
        now = self.clock()
        start = max(self.tat, now, not_before)
        allowed = max(now, not_before, start - self.tolerance)
        self.tat = start + self.interval
        return max(0.0, allowed - now)

    def idle(self) -> bool:
        return self.tat <= self.clock()


@dataclass
class _Chat:
    bucket: Bucket
    group: Bucket | None
    paused_until: float = 0.0


class ChatRateLimiter(BaseRateLimiter[int]):
    """Per-chat (1/s), per-group (20/min) and overall (30/s) throttling; `RetryAfter` pauses one chat."""

    def __init__(
        self,
        overall_per_second: float = 30,
        chat_per_second: float = 1.0,
        group_per_minute: float = 20,
        max_retries: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.overall = Bucket(overall_per_second, burst=max(1, int(overall_per_second)), clock=clock)
        self.chat_per_second = chat_per_second
        self.group_per_minute = group_per_minute
        self.max_retries = max_retries
        self.chats: dict[int | str, _Chat] = {}
        self.global_pause_until = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self.chats.clear()

    def _chat(self, chat_id: int | str) -> _Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            is_group = isinstance(chat_id, str) or chat_id < 0
            group = Bucket(self.group_per_minute / 60.0, burst=int(self.group_per_minute), clock=self.clock) if is_group else None
            chat = self.chats[chat_id] = _Chat(Bucket(self.chat_per_second, burst=1, clock=self.clock), group)
            if len(self.chats) > 10000:     # forget chats whose schedule has passed
                for key in [k for k, c in self.chats.items() if k != chat_id and c.bucket.idle()
                            and (c.group is None or c.group.idle()) and c.paused_until <= self.clock()]:
                    del self.chats[key]
        return chat

    def delay(self, chat_id: int | str | None) -> float:
        """Reserve a slot for one request to `chat_id` (None: no chat); return the wait in seconds."""
        now = self.clock()
        not_before = self.global_pause_until
        if chat_id is None:
            return max(0.0, not_before - now)
        chat = self._chat(chat_id)
        not_before = max(not_before, chat.paused_until)
        wait = chat.bucket.reserve(not_before)
        if chat.group is not None:
            wait = max(wait, chat.group.reserve(now + wait))
        return max(wait, self.overall.reserve(now + wait))

    def pause(self, chat_id: int | str | None, seconds: float) -> None:
        until = self.clock() + seconds
        if chat_id is None:
            self.global_pause_until = max(self.global_pause_until, until)
        else:
            chat = self._chat(chat_id)
            chat.paused_until = max(chat.paused_until, until)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        limited = endpoint not in UNLIMITED
        max_retries = rate_limit_args if rate_limit_args is not None else self.max_retries
        for attempt in range(max_retries + 1):
            wait = self.delay(chat_id) if limited else max(0.0, self.global_pause_until - self.clock())
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                seconds = exc._retry_after.total_seconds()  # the public property warns about int/timedelta
                log.info("%s: Telegram asked to wait %.1fs (chat %s)", endpoint, seconds, "set" if chat_id else "none")
                self.pause(chat_id if limited else None, seconds)
        raise AssertionError("unreachable")
