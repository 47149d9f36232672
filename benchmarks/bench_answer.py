"""Answer latency in process on a warm home, adversarial inputs, and cold start.

    .venv/bin/python benchmarks/bench_answer.py [--questions FILE] [--home DIR] [--rounds 20]

Builds a fresh home from data/ (not timed), or opens `--home` (e.g. one with the dev2 articles
ingested), lets the engine read its passages ahead (the warm-up a running bot has done), then
answers every question of the file (default: tests' own sample questions, or
../shared/eval/dev.jsonl when present) `rounds` times in a fresh chat each time, and prints
p50/p95/max per answer. Then each adversarial input (format strings, FTS5 and SQL syntax, 100 KB
of text, binary, combining marks only) `rounds` times: its max. Cold start: a new process that
opens the home and answers one question, timed from process start (median of 3).
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

ADVERSARIAL = {
    "format string": "{0} {seat.__class__} {{",
    "format string 2": "%s %d %(x)s {} {!r} {0.__globals__}",
    "fts5 syntax": 'who won "Kairana" NEAR(margin) OR (NOT bjp*) AND col:^x',
    "fts5 quotes": '"""" AND OR NOT ( ) * ^ : -',
    "sql": "'; DROP TABLE results; -- who won Noorpur? \" OR 1=1",
    "100 KB text": ("who won Kairana by what margin " * 3500)[:100_000],
    "binary": bytes(range(256)).decode("latin-1") * 4,
    "nul and controls": "who\x00won\x07 noorpur\x1b[31m?",
    "combining marks only": "\u0301\u0302\u0303\u093c\u094d\u0951" * 50,
    "emoji": "🗳️🤔 " * 200,
}
SAMPLES = ["Who won Noorpur?", "नूरपुर में कौन जीता?", "kairana mein margin kitna tha", "Who is leading in Vikravandi?",
           "How many seats did the BJP win in the 2024 Lok Sabha election?", "Why was the Noorpur bypoll held?"]


def load_turns(path: Path | None) -> list[list[str]]:
    if path and path.exists():
        return [json.loads(line)["turns"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [[q] for q in SAMPLES]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=REPO.parent / "shared" / "eval" / "dev.jsonl")
    parser.add_argument("--home", type=Path, help="an existing home (default: a fresh one built from data/)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import os

    from bot.config import load_config
    from bot.engine import Engine

    home = args.home or Path(tempfile.mkdtemp()) / "home"
    config = load_config(REPO / "config.toml", home=home)
    t0 = time.perf_counter()
    engine = Engine(config)
    print(f"home opened in {time.perf_counter() - t0:.1f} s (store + index, not part of the figures); "
          f"load {os.getloadavg()[0]:.1f}")
    engine.warmed.wait(120)         # what a running bot has done before its first question
    engine.answer("नमस्ते, who won?", chat_id="warm-up")   # and its first question loads langdetect's profiles
    print(f"passages read ahead in {time.perf_counter() - t0:.1f} s")
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
    worst = 0.0
    for name, text in ADVERSARIAL.items():
        slow = []
        for round_ in range(args.rounds):
            start = time.perf_counter()
            answer = engine.answer(text, chat_id=f"adv-{name}-{round_}")
            slow.append((time.perf_counter() - start) * 1000)
        worst = max(worst, max(slow))
        print(f"  adversarial {name:22s} max {max(slow):7.1f} ms  median {statistics.median(slow):6.1f} ms  "
              f"-> {answer.status}")
    print(f"adversarial inputs: max {worst:.1f} ms over {len(ADVERSARIAL)} inputs x {args.rounds} rounds")

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
