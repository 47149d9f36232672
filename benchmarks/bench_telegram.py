"""The whole Telegram stack under load: fake Bot API server -> python-telegram-bot -> Engine.answer.

Pushes many questions from many private chats at once (through long polling, as Telegram would)
and prints answers/s and the latency from an update being available to its sendMessage
arriving (median, p95), with the rate limiter off and on. In a burst the latency is mostly
queueing, so a steady run (--rate updates/s, below capacity) measures it as a user would see it.

    .venv/bin/python benchmarks/bench_telegram.py                 # builds a temp home from data/
    .venv/bin/python benchmarks/bench_telegram.py --home var/home --updates 1000 --chats 100
"""
from __future__ import annotations

import argparse
import asyncio
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
from bot.telegram_app import Running, run_bot  # noqa: E402

QUESTIONS = [
    "Who won Kairana?", "what was the margin?", "नूरपुर में कौन जीता?", "gorakhpur mein margin kitna tha?",
    "Who won Phulpur?", "who came second?", "Why was the Noorpur bypoll held?", "How many seats did the opposition win?",
    "Jokihat ka result kya tha?", "Palghar mein kaun jeeta?", "who lost in Kairana?", "margin?",
]


def run(config, engine: Engine, updates: int, chats: int, rate_limit: bool, rate: float = 0) -> dict[str, float]:
    config = config.replace(telegram=config.telegram.__class__(
        **{**config.telegram.__dict__, "rate_limit": rate_limit, "follow_check_s": 0, "duplicate_reply": "full"}))
    ready = threading.Event()
    box: dict[str, object] = {}

    async def main() -> None:
        box["loop"] = asyncio.get_running_loop()
        box["stop"] = stop = asyncio.Event()

        def on_ready(running: Running) -> None:
            ready.set()

        await run_bot(config, engine, TOKEN, stop, base_url=fake.base_url, on_ready=on_ready, health_port=0)

    with FakeBotAPI() as fake:
        thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
        thread.start()
        if not ready.wait(60):
            raise RuntimeError("the bot did not start")
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
        box["loop"].call_soon_threadsafe(box["stop"].set)  # type: ignore[union-attr]
        thread.join(60)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", help="a built home (default: a temp home built from data/)")
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--limited-updates", type=int, default=300, help="updates for the run with the limiter on")
    parser.add_argument("--repeat", type=int, default=3, help="runs with the limiter off (the median is printed)")
    parser.add_argument("--rate", type=float, default=50, help="updates/s offered in the steady latency run")
    parser.add_argument("--steady-updates", type=int, default=500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp()) / "home"
    config = load_config(REPO / "config.toml", home=home)
    t = time.perf_counter()
    engine = Engine(config)
    print(f"engine ready in {time.perf_counter() - t:.1f} s (home {home}); workers={config.telegram.workers}, "
          f"cpus={os.cpu_count()}")
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
