"""Answer latency in process on the seed corpus, and cold start.

    .venv/bin/python benchmarks/bench_answer.py [--questions FILE] [--rounds 20]

Builds a fresh home from data/ (not timed), then answers every question of the file (default:
tests' own sample questions, or ../shared/eval/dev.jsonl when present) `rounds` times in a fresh
chat each time, and prints p50/p95 per answer. Cold start: a new process that opens the built
home and answers one question, timed from process start (median of 3).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SAMPLES = ["Who won Noorpur?", "नूरपुर में कौन जीता?", "kairana mein margin kitna tha", "Who is leading in Vikravandi?",
           "How many seats did the BJP win in the 2024 Lok Sabha election?", "Why was the Noorpur bypoll held?"]


def load_turns(path: Path | None) -> list[list[str]]:
    if path and path.exists():
        return [json.loads(line)["turns"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [[q] for q in SAMPLES]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=REPO.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    from bot.config import load_config
    from bot.engine import Engine

    home = Path(tempfile.mkdtemp()) / "home"
    config = load_config(REPO / "config.toml", home=home)
    t0 = time.perf_counter()
    engine = Engine(config)
    print(f"home built in {time.perf_counter() - t0:.1f} s (store + index, not part of the figures)")
    conversations = load_turns(args.questions)
    times = []
    for round_ in range(args.rounds):
        for n, turns in enumerate(conversations):
            for turn in turns:
                start = time.perf_counter()
                engine.answer(turn, chat_id=f"{round_}-{n}")
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"answers: {len(times)} ({len(conversations)} conversations x {args.rounds} rounds)")
    print(f"answer latency p50 {statistics.median(times):.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms")

    script = (f"import time,sys; t=time.time(); sys.path.insert(0, {str(REPO)!r}); from bot.config import load_config; "
              f"from bot.engine import Engine; e=Engine(load_config(home={str(home)!r})); e.answer('Who won Kairana?', chat_id=1); "
              "print(time.time()-t)")
    colds = []
    for _ in range(3):
        start = time.time()
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
        colds.append(time.time() - start)
    print(f"cold start (process start to first answer): median {statistics.median(colds):.2f} s over 3")


if __name__ == "__main__":
    main()
