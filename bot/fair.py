"""Fair update processing: one lane per chat, so one chat's backlog delays only that chat.

python-telegram-bot runs each update as its own task behind one shared semaphore
(`concurrent_updates`). A group flooding the bot then fills every slot with handlers that wait
in the group's own rate limit (20 messages a minute) and private chats queue behind them.

`FairUpdateProcessor` replaces that semaphore with a lane per chat: a chat's updates run one at
a time, in order, and an update waiting for its chat's earlier updates (or for its chat's rate
limit) holds nothing other chats need. Answering work goes to the shared thread pool, which is
FIFO, and each chat has at most one job in it: chats are served round-robin. The overall send cap
is shared least-served-first (bot/ratelimit.py `FairGate`).

On shutdown `drain(grace)` drops the updates still waiting in their lanes, lets the running ones
finish for up to `grace` seconds, then cancels them.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

# The base class still counts updates under a semaphore; lanes do the limiting, so it only has
# to be larger than any backlog (an update waiting in a lane is a small task, no thread).
UNBOUNDED = 1 << 30


def lane_key(update: object) -> Any:
    """The chat an update belongs to (inline queries: the user); None runs it at once."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return None


@dataclass
class _Lane:
    busy: bool = False
    waiting: deque[asyncio.Future[bool]] = field(default_factory=deque)


class FairUpdateProcessor(BaseUpdateProcessor):
    """Per-chat lanes instead of one shared pool of update slots (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(UNBOUNDED)
        self.lanes: dict[Any, _Lane] = {}
        self.running: set[asyncio.Task[Any]] = set()
        self.closing = False
        self.dropped = 0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def backlog(self) -> int:
        """Updates waiting in lanes (not yet started)."""
        return sum(len(lane.waiting) for lane in self.lanes.values())

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.closing:
            self._drop(coroutine)
            return
        key = lane_key(update)
        lane = None
        if key is not None:
            lane = self.lanes.setdefault(key, _Lane())
            if lane.busy:
                turn: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
                lane.waiting.append(turn)
                try:
                    go = await turn
                except asyncio.CancelledError:
                    self._drop(coroutine)
                    raise
                if not go or self.closing:      # dropped at shutdown
                    self._drop(coroutine)
                    return
            lane.busy = True
        task = asyncio.current_task()
        if task is not None:
            self.running.add(task)
        try:
            await coroutine
        finally:
            if task is not None:
                self.running.discard(task)
            if lane is not None:
                self._next(key, lane)

    def _next(self, key: Any, lane: _Lane) -> None:
        while lane.waiting:
            turn = lane.waiting.popleft()
            if not turn.done():
                turn.set_result(not self.closing)
                return
        lane.busy = False
        if self.lanes.get(key) is lane:
            del self.lanes[key]

    def _drop(self, coroutine: Awaitable[Any]) -> None:
        self.dropped += 1
        with contextlib.suppress(AttributeError):
            coroutine.close()  # type: ignore[attr-defined]  # never started: no "never awaited" warning

    async def drain(self, grace: float) -> tuple[int, int]:
        """Stop taking updates: drop the waiting ones, give the running ones `grace` seconds, then
        cancel them. Returns (dropped, cancelled)."""
        self.closing = True
        for lane in list(self.lanes.values()):
            for turn in lane.waiting:
                if not turn.done():
                    turn.set_result(False)
        running = [t for t in self.running if t is not asyncio.current_task()]
        cancelled = 0
        if running:
            _, pending = await asyncio.wait(running, timeout=max(0.0, grace))
            for task in pending:
                task.cancel()
            cancelled = len(pending)
            if pending:
                await asyncio.wait(pending, timeout=1.0)
        await asyncio.sleep(0)                  # let dropped lanes' tasks finish
        return self.dropped, cancelled
