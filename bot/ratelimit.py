"""A rate limiter for python-telegram-bot that keeps chats apart.

PTB's AIORateLimiter pauses *every* request when one `RetryAfter` arrives, so a flood in one
group stalls private chats. Here each chat has its own schedule and its own pause: a 429 for
chat A delays only chat A's requests; the overall cap (about 30 messages/s) is shared.

Scheduling is a sliding window per bucket ("at most n requests in any `period` seconds"): each
request reserves the earliest slot in its chat's schedule, so a chat's requests go in arrival
order and no lock is needed on one event loop. The overall cap is shared least-served-first
(`FairGate`): a chat that asked once is not queued behind another chat's fifth answer.
"""
from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import time
from collections import deque
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
    """At most `n` requests in any `period` seconds; `reserve()` books a slot and says how long to wait."""

    def __init__(self, n: int, period: float, clock: Callable[[], float] = time.monotonic) -> None:
        if n < 1 or period <= 0:
            raise ValueError(f"a rate limit needs n >= 1 and period > 0, got {n} per {period}s")
        self.n, self.period, self.clock = n, period, clock
        self.slots: deque[float] = deque()     # reserved send times, ascending

    def reserve(self, not_before: float = 0.0) -> float:
        now = self.clock()
        at = max(now, not_before, self.slots[-1] if self.slots else 0.0)
        while self.slots and self.slots[0] <= at - self.period:
            self.slots.popleft()
        if len(self.slots) >= self.n:
            at = max(at, self.slots.popleft() + self.period)
        self.slots.append(at)
        return at - now

    def wait(self) -> float:
        """Seconds until `reserve()` would return 0 (nothing booked)."""
        now = self.clock()
        at = max(now, self.slots[-1] if self.slots else 0.0)
        live = [s for s in self.slots if s > at - self.period]
        if len(live) >= self.n:
            at = max(at, live[0] + self.period)
        return at - now

    def idle(self) -> bool:
        return not self.slots or self.slots[-1] <= self.clock() - self.period


class FairGate:
    """A shared bucket whose free slots go to the waiting chat served least lately.

    Each chat has a score: messages sent to it, halving every `half_life` seconds, plus its
    requests already waiting. A free slot goes to the waiter with the lowest score (ties: first
    come), so under the cap a chat asking its first question goes before a chat on its fifth, and
    no chat waits behind another's backlog."""

    def __init__(self, bucket: Bucket, half_life: float = 60.0) -> None:
        self.bucket, self.half_life, self.clock = bucket, half_life, bucket.clock
        self.waiters: list[tuple[float, int, object, asyncio.Future[None]]] = []
        self.order = itertools.count()
        self.served: dict[object, tuple[float, float]] = {}   # key -> (score, when)
        self.pending: dict[object, int] = {}
        self.timer: asyncio.TimerHandle | None = None

    def score(self, key: object) -> float:
        score, when = self.served.get(key, (0.0, 0.0))
        return score * 0.5 ** ((self.clock() - when) / self.half_life) if score else 0.0

    async def turn(self, key: object) -> None:
        """Wait for a slot under the shared cap (booked when granted)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queued = self.pending.get(key, 0)
        self.pending[key] = queued + 1
        heapq.heappush(self.waiters, (self.score(key) + queued, next(self.order), key, future))
        try:
            self._pump()
            await future
        finally:
            left = self.pending[key] - 1
            if left:
                self.pending[key] = left
            else:
                del self.pending[key]

    def _pump(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        while self.waiters:
            if self.waiters[0][3].done():           # cancelled while waiting
                heapq.heappop(self.waiters)
                continue
            wait = self.bucket.wait()
            if wait > 0:
                self.timer = asyncio.get_running_loop().call_later(wait, self._pump)
                return
            self.bucket.reserve()
            _, _, key, future = heapq.heappop(self.waiters)
            future.set_result(None)
            self.served[key] = (self.score(key) + 1.0, self.clock())
        if len(self.served) > 10000:    # forget chats whose score has faded
            for k in [k for k in self.served if self.score(k) < 0.01]:
                del self.served[k]


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
        self.overall = Bucket(max(1, int(overall_per_second)), 1.0, clock=clock)
        self.gate = FairGate(self.overall)
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
            group = Bucket(max(1, int(self.group_per_minute)), 60.0, clock=self.clock) if is_group else None
            chat = self.chats[chat_id] = _Chat(Bucket(1, 1.0 / self.chat_per_second, clock=self.clock), group)
            if len(self.chats) > 10000:     # forget chats whose schedule has passed
                for key in [k for k, c in self.chats.items() if k != chat_id and c.bucket.idle()
                            and (c.group is None or c.group.idle()) and c.paused_until <= self.clock()]:
                    del self.chats[key]
        return chat

    def delay(self, chat_id: int | str | None) -> float:
        """Reserve a slot in `chat_id`'s own schedule (None: no chat); return the wait in seconds."""
        now = self.clock()
        not_before = self.global_pause_until
        if chat_id is None:
            return max(0.0, not_before - now)
        chat = self._chat(chat_id)
        not_before = max(not_before, chat.paused_until)
        wait = chat.bucket.reserve(not_before)
        if chat.group is not None:
            wait = max(wait, chat.group.reserve(now + wait))
        return wait

    async def acquire(self, chat_id: int | str | None) -> None:
        """Wait for the chat's turn, then for a slot under the overall cap (granted only now, so one
        chat's far-future slot never holds up the others, and least-served chats first)."""
        wait = self.delay(chat_id)
        if wait > 0:
            await asyncio.sleep(wait)
        await self.gate.turn(chat_id)

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
            if limited:
                await self.acquire(chat_id)
            elif self.global_pause_until > self.clock():
                await asyncio.sleep(self.global_pause_until - self.clock())
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                seconds = exc._retry_after.total_seconds()  # the public property warns about int/timedelta
                log.info("%s: Telegram asked to wait %.1fs (chat %s)", endpoint, seconds, chat_id)
                self.pause(chat_id if limited else None, seconds)
        raise AssertionError("unreachable")
