"""bot/ratelimit.py: per-chat schedules, the shared cap, and RetryAfter pausing only its chat."""
from __future__ import annotations

import asyncio
import time

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import Bucket, ChatRateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("per, period, n, waits", [
    (1, 1.0, 4, [0.0, 1.0, 2.0, 3.0]),              # one message a second in a chat
    (20, 60.0, 22, [0.0] * 20 + [60.0, 60.0]),      # 20 a minute in a group, never more in any minute
    (30, 1.0, 32, [0.0] * 30 + [1.0, 1.0]),         # 30 a second overall
])
def test_bucket_schedule(per, period, n, waits):
    clock = Clock()
    bucket = Bucket(per, period, clock=clock)
    got = [bucket.reserve() for _ in range(n)]
    assert got == pytest.approx(waits, abs=1e-9)


def test_bucket_refills_with_time():
    clock = Clock()
    bucket = Bucket(1, 1.0, clock=clock)
    assert bucket.reserve() == 0
    clock.now += 5
    assert bucket.reserve() == 0 and bucket.reserve() == pytest.approx(1.0)


def test_chats_are_scheduled_apart():
    clock = Clock()
    limiter = ChatRateLimiter(overall_per_second=30, chat_per_second=1, group_per_minute=20, clock=clock)
    assert [limiter.delay(1) for _ in range(3)] == pytest.approx([0, 1, 2])
    assert limiter.delay(2) == 0                                       # another private chat is not delayed
    limiter.pause(-100, 30)
    assert limiter.delay(-100) == pytest.approx(30)
    assert limiter.delay(3) == 0                                       # a paused group does not stall others


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=20))


def test_retry_after_pauses_only_that_chat():
    limiter = ChatRateLimiter(overall_per_second=1000, chat_per_second=1000, group_per_minute=60000)
    done: dict[str, float] = {}
    failed = {"group": False}

    async def send(name: str) -> dict:
        if name == "group" and not failed["group"]:
            failed["group"] = True
            raise RetryAfter(1)
        done[name] = time.monotonic()
        return {"ok": name}

    async def scenario() -> list:
        start = time.monotonic()
        results = await asyncio.gather(
            limiter.process_request(send, ("group",), {}, "sendMessage", {"chat_id": -1001}, None),
            *[limiter.process_request(send, (f"private{i}",), {}, "sendMessage", {"chat_id": i}, None)
              for i in range(1, 6)],
        )
        return [start, results]

    start, results = run(scenario())
    assert results[0] == {"ok": "group"} and len(results) == 6
    assert done["group"] - start >= 0.95                              # honoured retry_after
    assert all(done[f"private{i}"] - start < 0.5 for i in range(1, 6))  # private chats went at once


def test_retry_after_gives_up_after_max_retries():
    limiter = ChatRateLimiter(max_retries=1)
    calls = []

    async def always_flooded() -> None:
        calls.append(time.monotonic())
        raise RetryAfter(1)

    with pytest.raises(RetryAfter):
        run(limiter.process_request(always_flooded, (), {}, "sendMessage", {"chat_id": 5}, None))
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95


def test_unlimited_endpoints_are_not_throttled():
    limiter = ChatRateLimiter(overall_per_second=1, chat_per_second=1)

    async def ok() -> bool:
        return True

    async def scenario() -> float:
        start = time.monotonic()
        await asyncio.gather(*[limiter.process_request(ok, (), {}, "answerInlineQuery", {}, None) for _ in range(20)])
        return time.monotonic() - start

    assert run(scenario()) < 0.5


def test_one_chat_is_throttled_in_order():
    limiter = ChatRateLimiter(overall_per_second=1000, chat_per_second=20)
    order = []

    async def send(i: int) -> int:
        order.append((i, time.monotonic()))
        return i

    async def scenario() -> list[int]:
        return await asyncio.gather(*[limiter.process_request(send, (i,), {}, "sendMessage", {"chat_id": 7}, None)
                                      for i in range(5)])

    assert run(scenario()) == [0, 1, 2, 3, 4]
    assert [i for i, _ in order] == [0, 1, 2, 3, 4]
    assert order[-1][1] - order[0][1] >= 4 / 20 - 0.01


def test_the_shared_cap_goes_to_the_least_served_chat_first():
    # 2 messages/s overall: chat 1 has four answers waiting, chat 2 one that came just after.
    # Arrival order would send chat 2's last; least-served-first sends it before chat 1's third.
    limiter = ChatRateLimiter(overall_per_second=2, chat_per_second=1000, group_per_minute=60000)
    order = []

    async def send(name: str) -> str:
        order.append(name)
        return name

    async def later() -> str:
        await asyncio.sleep(0.1)                    # chat 1's answers are all waiting by now
        return await limiter.process_request(send, ("b0",), {}, "sendMessage", {"chat_id": 2}, None)

    async def scenario() -> None:
        await asyncio.gather(
            *[limiter.process_request(send, (f"a{i}",), {}, "sendMessage", {"chat_id": 1}, None) for i in range(4)],
            later())

    run(scenario())
    assert order.index("b0") < order.index("a2")
    assert [n for n in order if n.startswith("a")] == ["a0", "a1", "a2", "a3"]     # a chat keeps its order


def test_the_shared_cap_is_still_a_cap():
    limiter = ChatRateLimiter(overall_per_second=5, chat_per_second=1000, group_per_minute=60000)
    times = []

    async def send() -> None:
        times.append(time.monotonic())

    async def scenario() -> None:
        await asyncio.gather(*[limiter.process_request(send, (), {}, "sendMessage", {"chat_id": c}, None)
                               for c in range(1, 13)])

    run(scenario())
    times.sort()
    assert all(times[i + 5] - times[i] >= 0.99 for i in range(len(times) - 5))   # never 6 within a second
