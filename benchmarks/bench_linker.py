"""Name linking in the answer path: building the linker, and reading each question (entity
linking, intent, ambiguity), on a built home.

    .venv/bin/python benchmarks/bench_linker.py --home HOME [--questions FILE ...] [--rounds 20]

Prints the linker's build time (cold: no cache beside the store; warm: from linker-cache.pickle,
as every start after the first) and p50 / p95 / max of understand() per question turn. Run it
for two trees on homes of the same articles to compare (medians; these machines are shared).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--questions", type=Path, nargs="+",
                        default=[REPO.parent / "shared" / "eval" / "dev.jsonl"])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    from bot.entities import Linker
    from bot.language import LanguageGuesser
    from bot.understand import Lexicon, understand
    from store.schema import open_store

    data = REPO / "data"
    db = open_store(args.home / "store.db")
    cache = args.home / "linker-cache.pickle"
    builds = {}
    for kind in ("cold", "warm", "warm "):
        if kind == "cold":
            cache.unlink(missing_ok=True)
        start = time.perf_counter()
        linker = Linker(db, data)
        builds[kind.strip()] = builds.get(kind.strip(), []) + [time.perf_counter() - start]
    seats = len(linker.names) if hasattr(linker, "names") else 0
    print(f"linker build: cold {builds['cold'][0] * 1000:.0f} ms, warm {min(builds['warm']) * 1000:.0f} ms "
          f"({seats} names)")
    lexicon, guesser = Lexicon.from_data(data), LanguageGuesser.from_data(data)
    turns = [t for path in args.questions for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() for t in json.loads(line)["turns"]]
    times = []
    for _ in range(args.rounds):
        for text in turns:
            start = time.perf_counter()
            understand(text, linker, lexicon, guesser)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"understand: {len(times)} turns, p50 {statistics.median(times):.2f} ms  p95 {p95:.2f} ms  "
          f"max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
