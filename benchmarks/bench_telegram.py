"""The whole Telegram stack under load: fake Bot API server -> python-telegram-bot -> Engine.answer.

Pushes many questions from many private chats at once (through long polling, as Telegram would)
and prints answers/s and the latency from an update being available to its sendMessage
arriving (median, p95), with the rate limiter off and on. In a burst the latency is mostly
queueing, so a steady run (--rate updates/s, below capacity) measures it as a user would see it.

Two fairness scenarios (rate limiter on, as in production):
- flood: 300 messages to the bot in one supergroup in 10 s (30 users, @mentions and /ask@bot)
  while one private chat asks every 2 s; prints the private chat's answer latency (p95, max).
- first answers: 200 chats x 5 questions at once under the 30 msg/s cap; prints when each chat
  got its first answer (median, p95) and the time to the last answer.

    .venv/bin/python benchmarks/bench_telegram.py --only fairness    # just these two

    .venv/bin/python benchmarks/bench_telegram.py                 # builds a temp home from data/
    .venv/bin/python benchmarks/bench_telegram.py --home var/home --updates 1000 --chats 100
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fake_bot_api import TOKEN, FakeBotAPI  # noqa: E402

from bot.config import load_config  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.telegram_server import run_bot  # noqa: E402

QUESTIONS = [
    "Who won Kairana?", "what was the margin?", "नूरपुर में कौन जीता?", "gorakhpur mein margin kitna tha?",
    "Who won Phulpur?", "who came second?", "Why was the Noorpur bypoll held?", "How many seats did the opposition win?",
    "Jokihat ka result kya tha?", "Palghar mein kaun jeeta?", "who lost in Kairana?", "margin?",
]


@contextlib.contextmanager
def serving(config, engine: Engine, **telegram):
    """The bot running on its own event loop against a fresh fake Bot API; yields the fake."""
    config = config.replace(telegram=config.telegram.__class__(
        **{**config.telegram.__dict__, "follow_check_s": 0, **telegram}))
    ready = threading.Event()
    box: dict[str, object] = {}

    async def serve_bot() -> None:
        box["loop"] = asyncio.get_running_loop()
        box["stop"] = stop = asyncio.Event()
        await run_bot(config, engine, TOKEN, stop, base_url=fake.base_url, on_ready=lambda _: ready.set(),
                      health_port=0)

    with FakeBotAPI() as fake:
        thread = threading.Thread(target=lambda: asyncio.run(serve_bot()), daemon=True)
        thread.start()
        if not ready.wait(60):
            raise RuntimeError("the bot did not start")
        try:
            yield fake
        finally:
            box["loop"].call_soon_threadsafe(box["stop"].set)  # type: ignore[union-attr]
            thread.join(60)


def run(config, engine: Engine, updates: int, chats: int, rate_limit: bool, rate: float = 0) -> dict[str, float]:
    with serving(config, engine, rate_limit=rate_limit, duplicate_reply="full") as fake:
        base = len(fake.sent())
        per_chat: dict[int, list[int]] = {}
        batch = []
        for i in range(updates):
            chat = 100_000 + i % chats
            batch.append(fake.message(chat, chat, QUESTIONS[(i // chats + i) % len(QUESTIONS)]))
        if rate:                                           # steady arrivals, `rate` per second
            ids, t0 = [], time.perf_counter()
            for n, update in enumerate(batch):
                time.sleep(max(0.0, t0 + n / rate - time.perf_counter()))
                ids.append(fake.push(update))
        else:
            ids = fake.push_many(batch)
        for update, update_id in zip(batch, ids, strict=True):
            per_chat.setdefault(update["message"]["chat"]["id"], []).append(update_id)
        start = min(fake.pushed_at[i] for i in ids)
        ok = fake.wait_for(lambda f: f.counts.get("sendMessage", 0) >= base + updates, timeout=600)
        sent = fake.sent()[base:]
    if not ok:
        raise RuntimeError(f"only {len(sent)} of {updates} answers arrived")
    latencies = []
    for chat, update_ids in per_chat.items():
        replies = [c for c in sent if int(c.params["chat_id"]) == chat]
        latencies += [reply.at - fake.pushed_at[u] for u, reply in zip(update_ids, replies, strict=True)]
    elapsed = max(c.at for c in sent) - start
    latencies.sort()
    return {"answers": len(sent), "seconds": elapsed, "per_s": len(sent) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies), "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))]}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def flood(config, engine: Engine, messages: int = 300, seconds: float = 10.0, users: int = 30,
          private_every: float = 2.0, asks: int = 10) -> dict[str, float]:
    """A group flood (rate limiter on) while one private chat asks `asks` times, every `private_every` s."""
    group, private = -1_000_500, 900_001
    with serving(config, engine, rate_limit=True) as fake:
        handle = f"@{fake.username}"
        plan: list[tuple[float, dict]] = []
        for n in range(messages):
            user, question = 10_000 + n % users, QUESTIONS[n % len(QUESTIONS)]
            update = (fake.mention(group, user, "", " " + question) if n % 2 else
                      fake.message(group, user, f"/ask{handle} {question}"))
            plan.append((n * seconds / messages, update))
        plan += [(0.05 + k * private_every, fake.message(private, private, QUESTIONS[k % len(QUESTIONS)]))
                 for k in range(asks)]
        plan.sort(key=lambda p: p[0])
        private_ids, t0 = [], time.perf_counter()
        for at, update in plan:
            time.sleep(max(0.0, t0 + at - time.perf_counter()))
            update_id = fake.push(update)
            if update["message"]["chat"]["id"] == private:
                private_ids.append(update_id)
        ok = fake.wait_for(lambda f: len(f._sent_unlocked("sendMessage", private)) >= asks, timeout=60)
        replies = fake.sent(chat_id=private)
        group_replies = len(fake.sent(chat_id=group))
    if not ok:
        raise RuntimeError(f"the private chat got {len(replies)} of {asks} answers in 60 s")
    latencies = [r.at - fake.pushed_at[u] for u, r in zip(private_ids, replies, strict=True)]
    return {"asks": asks, "p50": statistics.median(latencies), "p95": pct(latencies, 0.95), "max": max(latencies),
            "group_replies": group_replies}


def first_answers(config, engine: Engine, chats: int = 200, per_chat: int = 5) -> dict[str, float]:
    """`chats` x `per_chat` questions at once (each chat's questions together), rate limiter on."""
    with serving(config, engine, rate_limit=True, duplicate_reply="full") as fake:
        batch = [fake.message(200_000 + c, 200_000 + c, QUESTIONS[(c + k) % len(QUESTIONS)])
                 for c in range(chats) for k in range(per_chat)]
        ids = fake.push_many(batch)
        total = chats * per_chat
        ok = fake.wait_for(lambda f: f.counts.get("sendMessage", 0) >= total, timeout=600)
        sent = fake.sent()
    if not ok:
        raise RuntimeError(f"only {len(sent)} of {total} answers arrived")
    start = min(fake.pushed_at[i] for i in ids)
    first: dict[int, float] = {}
    for call in sent:
        first.setdefault(int(call.params["chat_id"]), call.at - start)
    waits = list(first.values())
    return {"median": statistics.median(waits), "p95": pct(waits, 0.95), "last": max(c.at for c in sent) - start,
            "answers": len(sent)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", help="a built home (default: a temp home built from data/)")
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--limited-updates", type=int, default=300, help="updates for the run with the limiter on")
    parser.add_argument("--repeat", type=int, default=3, help="runs with the limiter off (the median is printed)")
    parser.add_argument("--rate", type=float, default=50, help="updates/s offered in the steady latency run")
    parser.add_argument("--steady-updates", type=int, default=500)
    parser.add_argument("--only", choices=["all", "throughput", "fairness"], default="all",
                        help="run only the throughput runs or only the two fairness scenarios")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp()) / "home"
    config = load_config(REPO / "config.toml", home=home)
    t = time.perf_counter()
    engine = Engine(config)
    print(f"engine ready in {time.perf_counter() - t:.1f} s (home {home}); workers={config.telegram.workers}, "
          f"cpus={os.cpu_count()}")
    if args.only in ("all", "fairness"):
        f = flood(config, engine)
        print(f"group flood (300 messages in 10 s from 30 users, limiter on): private chat answer latency "
              f"p50 {1000 * f['p50']:.0f} ms, p95 {1000 * f['p95']:.0f} ms, max {1000 * f['max']:.0f} ms "
              f"over {f['asks']} questions (target p95 <= 500 ms); group replies sent meanwhile: {f['group_replies']}")
        a = first_answers(config, engine)
        print(f"200 chats x 5 questions under the 30 msg/s cap: first answer per chat median {a['median']:.2f} s, "
              f"p95 {a['p95']:.2f} s (targets 4 s, 7.5 s); all {a['answers']} answers in {a['last']:.1f} s")
    if args.only == "fairness":
        return
    runs = [run(config, engine, args.updates, args.chats, rate_limit=False) for _ in range(args.repeat)]
    off = sorted(runs, key=lambda r: r["per_s"])[len(runs) // 2]
    each = ", ".join(f"{r['per_s']:.0f}" for r in runs)
    print(f"rate limiter off: {off['answers']} answers from {args.chats} chats in {off['seconds']:.2f} s = "
          f"{off['per_s']:.0f} answers/s (median of {args.repeat}: {each}); "
          f"latency p50 {off['p50_ms']:.0f} ms, p95 {off['p95_ms']:.0f} ms")
    steady = run(config, engine, args.steady_updates, args.chats, rate_limit=False, rate=args.rate)
    print(f"steady {args.rate:.0f} updates/s, limiter off: {steady['answers']} answers; latency update -> sendMessage "
          f"p50 {steady['p50_ms']:.0f} ms, p95 {steady['p95_ms']:.0f} ms")
    on = run(config, engine, args.limited_updates, args.chats, rate_limit=True)
    print(f"rate limiter on:  {on['answers']} answers from {args.chats} chats in {on['seconds']:.2f} s = "
          f"{on['per_s']:.0f} answers/s (Telegram's cap is 30/s); latency p50 {on['p50_ms']:.0f} ms, "
          f"p95 {on['p95_ms']:.0f} ms")


if __name__ == "__main__":
    main()
