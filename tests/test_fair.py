"""bot/fair.py: a lane per chat; a blocked chat holds up only itself; shutdown drops the queue."""
from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.fair import FairUpdateProcessor, lane_key


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private" if chat_id > 0 else "supergroup")
    user = User(chat_id if chat_id > 0 else 500, "Asha", False)
    return Update(update_id, message=Message(update_id, None, chat, from_user=user, text="who won the Kairana seat?"))


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=20))


def test_lane_key_is_the_chat():
    assert lane_key(update(1, -100)) == ("chat", -100) and lane_key(update(2, 42)) == ("chat", 42)
    assert lane_key(object()) is None


def test_a_blocked_chat_holds_up_only_itself():
    async def scenario() -> list[str]:
        processor = FairUpdateProcessor()
        done: list[str] = []
        release = asyncio.Event()

        async def handle(name: str, wait: bool = False) -> None:
            if wait:
                await release.wait()          # as a group reply waiting on the group's rate limit
            done.append(name)

        group = [asyncio.create_task(processor.process_update(update(n, -100), handle(f"g{n}", n == 0)))
                 for n in range(200)]
        private = asyncio.create_task(processor.process_update(update(999, 42), handle("private")))
        await asyncio.wait_for(private, 5)   # not behind 200 group updates
        assert done == ["private"] and processor.backlog() == 199
        release.set()
        await asyncio.gather(*group)
        return done

    done = run(scenario())
    assert done == ["private"] + [f"g{n}" for n in range(200)]          # the group's order is kept


def test_drain_drops_the_queue_and_cancels_after_the_grace():
    processor = FairUpdateProcessor()

    async def scenario() -> tuple[tuple[int, int], list[str]]:
        done: list[str] = []

        async def handle(name: str, seconds: float) -> None:
            await asyncio.sleep(seconds)
            done.append(name)

        tasks = [asyncio.create_task(processor.process_update(update(1, -100), handle("slow", 60))),
                 asyncio.create_task(processor.process_update(update(2, 42), handle("quick", 0.1)))]
        tasks += [asyncio.create_task(processor.process_update(update(n, -100), handle(f"g{n}", 0)))
                  for n in range(3, 10)]
        await asyncio.sleep(0.05)
        result = await processor.drain(0.5)
        late = asyncio.create_task(processor.process_update(update(11, 43), handle("late", 0)))
        await asyncio.gather(*tasks, late, return_exceptions=True)
        return result, done

    (dropped, cancelled), done = run(scenario())
    assert done == ["quick"] and cancelled == 1 and dropped == 7     # the slow one cancelled, 7 queued dropped
    assert processor.dropped == 8                                     # and one that came after closing
