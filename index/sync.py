"""Keep the FAISS index and the FTS5 table in step with the store.

sync_index: render result sentences, then embed what is new or changed (by text hash) and
remove what is gone, for both the vectors and the full-text table; save atomically. A second
call with nothing changed only reads ids and hashes. reindex: the same from nothing.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import sqlite_utils

from index import lexical
from index.embed import Embedder, make_embedder
from index.sentences import SentenceChanges, Templates, sync_sentences
from index.settings import IndexConfig
from index.vectors import (
    IndexMeta,
    VectorIndex,
    check_model,
    choose_kind,
    fingerprint,
    load,
    passage_key,
    read_meta,
    save,
    sentence_key,
    split_key,
    split_name,
    text_hash,
)

log = logging.getLogger(__name__)

EMBED_CHUNK = 256          # texts embedded between progress lines

# Cheap aggregates that change whenever embedded text or what sentences are rendered from
# changes (ids, lengths, numbers, names, review states): compared on open to skip a full sync.
_SIGNATURE_SQL = [
    "SELECT count(*), total(id), total(length(text)) FROM passages",
    "SELECT count(*), total(id), total(length(text)) FROM result_sentences",
    "SELECT count(*), total(id), total(margin), total(votes), total(review = 'rejected'), total(party_id),"
    " total(length(candidate) + length(status) + coalesce(length(candidate_hi), 0) + coalesce(length(as_of), 0))"
    " FROM results",
    "SELECT count(*), total(length(name_en) + coalesce(length(name_hi), 0)) FROM constituencies",
    "SELECT count(*), total(length(abbr) + coalesce(length(abbr_hi), 0) + coalesce(length(name_hi), 0)) FROM parties",
    "SELECT count(*), total(coalesce(length(name_hi), 0)) FROM states",
    "SELECT count(*), total(year), total(length(kind)) FROM elections",
]


@dataclass(frozen=True)
class SyncReport:
    embedded: int = 0
    removed: int = 0
    fts_added: int = 0
    fts_removed: int = 0
    sentences: SentenceChanges = SentenceChanges(0, 0, 0)
    vectors: int = 0
    kind: str = ""
    model: str = ""
    seconds: float = 0.0
    rebuilt: bool = False

    @property
    def up_to_date(self) -> bool:
        return not (self.embedded or self.removed or self.fts_added or self.fts_removed or self.sentences.any)

    def __str__(self) -> str:
        what = "rebuilt" if self.rebuilt else ("up to date" if self.up_to_date else "updated")
        s = self.sentences
        return (
            f"{what}: {self.vectors} vectors ({self.kind}, {self.model}); embedded {self.embedded}, "
            f"removed {self.removed}; full-text +{self.fts_added} -{self.fts_removed}; "
            f"result sentences +{s.added} ~{s.changed} -{s.removed}; {self.seconds:.1f} s"
        )


def templates_path(config: IndexConfig) -> Path:
    return config.data / "templates" / "sentences.toml"


def store_signature(config: IndexConfig, db: sqlite_utils.Database) -> str:
    h = hashlib.sha256()
    for sql in _SIGNATURE_SQL:
        h.update(repr(db.execute(sql).fetchone()).encode())
    path = templates_path(config)
    h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def store_keys(db: sqlite_utils.Database) -> np.ndarray:
    """Sorted keys of every row that should be in the index (ids only: cheap)."""
    p = np.fromiter((2 * r[0] for r in db.execute("SELECT id FROM passages")), dtype=np.int64)
    s = np.fromiter((2 * r[0] + 1 for r in db.execute("SELECT id FROM result_sentences")), dtype=np.int64)
    return np.sort(np.concatenate([p, s]))


def _store_hashes(db: sqlite_utils.Database) -> tuple[np.ndarray, np.ndarray]:
    """(keys, text hashes) of every embeddable row, sorted by key."""
    keys: list[int] = []
    hashes: list[int] = []
    for pid, text in db.execute("SELECT id, text FROM passages"):
        keys.append(passage_key(pid))
        hashes.append(text_hash(text))
    for sid, text in db.execute("SELECT id, text FROM result_sentences"):
        keys.append(sentence_key(sid))
        hashes.append(text_hash(text))
    k = np.array(keys, dtype=np.int64)
    h = np.array(hashes, dtype=np.int64)
    order = np.argsort(k, kind="stable")
    return k[order], h[order]


def texts_for(db: sqlite_utils.Database, keys: np.ndarray) -> list[str]:
    """The texts of the given keys, in order."""
    by_kind: dict[str, list[int]] = {"passage": [], "sentence": []}
    for key in keys:
        kind, row_id = split_key(int(key))
        by_kind[kind].append(row_id)
    found: dict[int, str] = {}
    for kind, table in (("passage", "passages"), ("sentence", "result_sentences")):
        ids = by_kind[kind]
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            marks = ",".join("?" * len(chunk))
            for row_id, text in db.execute(f"SELECT id, text FROM {table} WHERE id IN ({marks})", chunk):
                found[passage_key(row_id) if kind == "passage" else sentence_key(row_id)] = text
    return [found[int(k)] for k in keys]


def embed_texts(embedder: Embedder, texts: list[str]) -> np.ndarray:
    out = []
    started = time.perf_counter()
    for i in range(0, len(texts), EMBED_CHUNK):
        out.append(embedder.embed_passages(texts[i : i + EMBED_CHUNK]))
        done = min(i + EMBED_CHUNK, len(texts))
        if len(texts) > EMBED_CHUNK:
            rate = done / max(time.perf_counter() - started, 1e-9)
            log.info("embedded %d/%d texts (%.1f/s)", done, len(texts), rate)
    if not out:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack(out).astype(np.float32)


@contextmanager
def _writer_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index folder (readers never wait)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sync_index(config: IndexConfig, db: sqlite_utils.Database, embedder: Embedder | None = None,
               rebuild: bool = False) -> SyncReport:
    """Bring the FTS table, result sentences and vectors in line with the store; save atomically.

    Raises IndexMismatch when the saved index was built with another model (unless rebuild).
    """
    started = time.perf_counter()
    with _writer_lock(config.index_dir):
        meta = read_meta(config.index_dir)
        if embedder is None:
            embedder = make_embedder(config.embedding)
        if meta is not None and not rebuild:
            check_model(meta, embedder.name, embedder.dim, config.index_dir)

        if rebuild:
            lexical.drop_fts(db)
        lexical.ensure_fts(db)
        changes = sync_sentences(db, Templates.load(templates_path(config)))
        keys, hashes = _store_hashes(db)

        # full-text table
        have_fts = lexical.fts_state(db)
        want_hash = dict(zip(keys.tolist(), (str(h) for h in hashes.tolist()), strict=True))
        fts_remove = [k for k, h in have_fts.items() if want_hash.get(k) != h]
        fts_add_keys = [k for k, h in want_hash.items() if have_fts.get(k) != h]
        if fts_remove or fts_add_keys:
            texts = texts_for(db, np.array(fts_add_keys, dtype=np.int64))
            lexical.apply_fts(
                db, fts_remove, [(k, t, want_hash[k]) for k, t in zip(fts_add_keys, texts, strict=True)]
            )

        # vectors
        loaded = None if (rebuild or meta is None) else load(config.index_dir, config.index)
        vindex = loaded[0] if loaded else None
        if vindex is None:
            vindex = VectorIndex.build("flat", embedder.dim, np.zeros(0, np.int64),
                                       np.zeros((0, embedder.dim), np.float32), np.zeros(0, np.int64), config.index)
        indexed = vindex.hash_of(keys)
        add = keys[indexed != hashes]
        remove = vindex.keys[~np.isin(vindex.keys, keys)]
        stale = add[vindex.contains(add)]
        remove = np.concatenate([remove, stale])
        kind = choose_kind(config.index, len(keys))
        signature = store_signature(config, db)
        changed = bool(len(add) or len(remove) or kind != vindex.kind)
        if changed:
            if len(add):
                log.info("embedding %d texts with %s", len(add), embedder.name)
            vectors = embed_texts(embedder, texts_for(db, add))
            vindex.update(remove, add, vectors, hashes[np.searchsorted(keys, add)], kind)
        if changed or meta is None or rebuild or meta.store_signature != signature:
            backend, model = split_name(embedder.name)
            save(
                config.index_dir,
                vindex,
                IndexMeta(
                    backend=backend, model=model, dim=embedder.dim, count=vindex.count, kind=vindex.kind,
                    fingerprint=fingerprint(vindex.keys, vindex.hashes), store_signature=signature,
                    built_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    params=_params(config, vindex.kind),
                ),
            )
    return SyncReport(
        embedded=len(add), removed=len(remove), fts_added=len(fts_add_keys), fts_removed=len(fts_remove),
        sentences=changes, vectors=vindex.count, kind=vindex.kind, model=embedder.name,
        seconds=time.perf_counter() - started, rebuilt=rebuild,
    )


def _params(config: IndexConfig, kind: str) -> dict[str, int]:
    s = config.index
    if kind == "hnsw":
        return {"m": s.hnsw_m, "ef_construction": s.hnsw_ef_construction, "ef_search": s.hnsw_ef_search}
    if kind == "ivf":
        return {"nlist": s.ivf_nlist, "nprobe": s.ivf_nprobe}
    return {}


def reindex(config: IndexConfig, db: sqlite_utils.Database, embedder: Embedder | None = None) -> SyncReport:
    """Rebuild the vectors and the full-text table from the store (any model change)."""
    return sync_index(config, db, embedder=embedder, rebuild=True)


def index_stats(config: IndexConfig, db: sqlite_utils.Database) -> dict[str, object]:
    """What `stats` prints: the saved index as described by meta.json and its files."""
    meta = read_meta(config.index_dir)
    if meta is None:
        return {"vectors": 0, "bytes": 0, "backend": None, "model": None, "dim": None, "kind": None,
                "note": "no index yet: it is built on first use or by `python -m bot reindex`"}
    size = sum((config.index_dir / f).stat().st_size for f in meta.files.values()
               if (config.index_dir / f).exists())
    expected = len(store_keys(db))
    return {
        "vectors": meta.count, "bytes": size, "backend": meta.backend, "model": meta.model, "dim": meta.dim,
        "kind": meta.kind, "built_at": meta.built_at, "store_rows": expected,
        "in_sync": expected == meta.count and meta.store_signature == store_signature(config, db),
    }
