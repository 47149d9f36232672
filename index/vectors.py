"""The FAISS vector index: vectors keyed by store row ids, saved atomically with meta.json.

Keys: passages and result sentences share one index in disjoint id spaces,
    passage id p          -> key 2*p
    result_sentence id s  -> key 2*s + 1
(the FTS5 table uses the same keys as rowids). Vectors are L2-normalised; inner product.

Kinds: `flat` (IndexIDMap2 over IndexFlatIP: exact, removable), `ivf` (IndexIVFFlat with
add_with_ids / remove_ids; trained on the vectors it is built from) and `hnsw` (IndexIDMap2
over IndexHNSWFlat: fast, but cannot remove ids, so a removal rebuilds it). `auto` is flat up
to [index] flat_max vectors, then [index] large_kind.

On disk (index_dir): meta.json names one generation of files, vectors-<gen>.faiss and
keys-<gen>.npz (sorted keys and the hash of each key's text). A save writes a new generation
(temporary file, fsync, os.replace), then replaces meta.json the same way and fsyncs the
folder; only then are older generations deleted. A crash at any point leaves the previous
meta.json and the files it names intact, and a running reader can reload() the new one.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.settings import IndexSettings

log = logging.getLogger(__name__)

META = "meta.json"
FORMAT = 1
KINDS = ("flat", "ivf", "hnsw")


class IndexMismatch(RuntimeError):
    """The index on disk was built with another embedding model or dimension."""


def passage_key(passage_id: int) -> int:
    return 2 * int(passage_id)


def sentence_key(sentence_id: int) -> int:
    return 2 * int(sentence_id) + 1


def split_key(key: int) -> tuple[str, int]:
    """('passage', id) or ('sentence', id)."""
    key = int(key)
    return ("sentence", (key - 1) // 2) if key % 2 else ("passage", key // 2)


def text_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def fingerprint(keys: np.ndarray, hashes: np.ndarray) -> str:
    """sha256 over the sorted (key, text hash) pairs: what the index was built from."""
    order = np.argsort(keys, kind="stable")
    h = hashlib.sha256()
    h.update(np.ascontiguousarray(keys[order], dtype="<i8").tobytes())
    h.update(np.ascontiguousarray(hashes[order], dtype="<i8").tobytes())
    return h.hexdigest()


@dataclass
class IndexMeta:
    backend: str
    model: str
    dim: int
    count: int
    kind: str
    fingerprint: str
    generation: str = ""
    files: dict[str, str] = field(default_factory=dict)
    store_signature: str = ""        # cheap summary of the store (see sync.store_signature)
    built_at: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT

    @property
    def embedder_name(self) -> str:
        return f"{self.backend}/{self.model}"


def split_name(name: str) -> tuple[str, str]:
    backend, _, model = name.partition("/")
    return backend, model


def read_meta(index_dir: Path) -> IndexMeta | None:
    path = index_dir / META
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise IndexMismatch(f"{path} is unreadable ({exc}): run `python -m bot reindex`") from None
    known = set(IndexMeta.__dataclass_fields__)
    try:
        return IndexMeta(**{k: v for k, v in raw.items() if k in known})
    except TypeError as exc:
        raise IndexMismatch(f"{path} is not an index description ({exc}): run `python -m bot reindex`") from None


def check_model(meta: IndexMeta, name: str, dim: int, index_dir: Path) -> None:
    """Raise IndexMismatch when the index was built with another model or dimension."""
    if meta.format != FORMAT or meta.embedder_name != name or int(meta.dim) != int(dim):
        raise IndexMismatch(
            f"the index in {index_dir} was built with {meta.embedder_name} (dimension {meta.dim}, format "
            f"{meta.format}) but [embedding] now gives {name} (dimension {dim}): "
            f"run `python -m bot reindex` to rebuild it"
        )


def choose_kind(settings: IndexSettings, count: int) -> str:
    kind = settings.kind
    if kind == "auto":
        kind = "flat" if count <= settings.flat_max else settings.large_kind
    if kind not in KINDS:
        raise ValueError(f"[index] kind = {kind!r} is unknown; use auto, {', '.join(KINDS)}")
    return kind


def _empty(kind: str, dim: int, settings: IndexSettings, train: np.ndarray | None) -> faiss.Index:
    if kind == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    if kind == "hnsw":
        hnsw = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = settings.hnsw_ef_construction
        return faiss.IndexIDMap2(hnsw)
    # ivf: at least ~39 training points per list, else faiss warns and clusters badly
    n = 0 if train is None else len(train)
    nlist = max(1, min(settings.ivf_nlist, n // 39))
    # index_factory makes the IVF own its quantizer (no dangling pointer when Python drops it)
    ivf = faiss.index_factory(dim, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)   # remove_ids and reconstruct by key
    if n:
        ivf.train(np.ascontiguousarray(train, dtype=np.float32))
    return ivf


def _tune(index: faiss.Index, kind: str, settings: IndexSettings) -> None:
    if kind == "ivf":
        faiss.extract_index_ivf(index).nprobe = settings.ivf_nprobe
    elif kind == "hnsw":
        faiss.downcast_index(index.index).hnsw.efSearch = settings.hnsw_ef_search


class VectorIndex:
    """A FAISS index with its keys and the text hash of each key (sorted by key)."""

    def __init__(self, index: faiss.Index, kind: str, keys: np.ndarray, hashes: np.ndarray, settings: IndexSettings):
        self.index = index
        self.kind = kind
        self.keys = np.ascontiguousarray(keys, dtype=np.int64)
        self.hashes = np.ascontiguousarray(hashes, dtype=np.int64)
        self.settings = settings
        _tune(index, kind, settings)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    @property
    def count(self) -> int:
        return int(self.index.ntotal)

    @classmethod
    def build(cls, kind: str, dim: int, keys: np.ndarray, vectors: np.ndarray, hashes: np.ndarray,
              settings: IndexSettings) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dim)
        train = None
        if kind == "ivf":
            rng = np.random.default_rng(0)
            sample = min(len(vectors), max(39 * settings.ivf_nlist, 1))
            train = vectors[rng.choice(len(vectors), sample, replace=False)] if sample < len(vectors) else vectors
        index = _empty(kind, dim, settings, train)
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys):
            index.add_with_ids(vectors, keys)
        order = np.argsort(keys, kind="stable")
        return cls(index, kind, keys[order], np.asarray(hashes, dtype=np.int64)[order], settings)

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(keys, vectors) of everything in the index, in the index's internal order."""
        if self.kind == "ivf":
            keys = self.keys
            return keys, self.reconstruct(keys)
        ids = faiss.vector_to_array(self.index.id_map).astype(np.int64)
        if not len(ids):
            return ids, np.zeros((0, self.dim), dtype=np.float32)
        return ids, self.index.index.reconstruct_n(0, len(ids))

    def reconstruct(self, keys: np.ndarray) -> np.ndarray:
        keys = np.asarray(keys, dtype=np.int64)
        if not len(keys):
            return np.zeros((0, self.dim), dtype=np.float32)
        # one call into FAISS, not one per key (300 keys: 0.3 ms instead of 6 ms)
        return np.asarray(self.index.reconstruct_batch(np.ascontiguousarray(keys)), dtype=np.float32)

    def hash_of(self, keys: np.ndarray) -> np.ndarray:
        """Text hash per key; 0 where the key is absent."""
        keys = np.asarray(keys, dtype=np.int64)
        if not len(self.keys):
            return np.zeros(len(keys), dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[pos] == keys, self.hashes[pos], 0).astype(np.int64)

    def contains(self, keys: np.ndarray) -> np.ndarray:
        keys = np.asarray(keys, dtype=np.int64)
        if not len(self.keys):
            return np.zeros(len(keys), dtype=bool)
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return self.keys[pos] == keys

    def update(self, remove: np.ndarray, add_keys: np.ndarray, add_vectors: np.ndarray, add_hashes: np.ndarray,
               kind: str) -> None:
        """Remove keys, add new ones; rebuild when the kind changes or it cannot remove (hnsw)."""
        remove = np.ascontiguousarray(remove, dtype=np.int64)
        add_keys = np.asarray(add_keys, dtype=np.int64)
        if kind != self.kind or (self.kind == "hnsw" and len(remove)):
            keys, vectors = self.all_vectors()
            keep = ~np.isin(keys, remove)
            keys, vectors = keys[keep], vectors[keep]
            hashes = self.hash_of(keys)
            rebuilt = VectorIndex.build(
                kind, self.dim,
                np.concatenate([keys, add_keys]),
                np.vstack([vectors, np.asarray(add_vectors, dtype=np.float32).reshape(-1, self.dim)]),
                np.concatenate([hashes, np.asarray(add_hashes, dtype=np.int64)]),
                self.settings,
            )
            self.__dict__.update(rebuilt.__dict__)
            return
        if len(remove):
            if self.kind == "ivf":   # IVF's hashtable direct map only takes an IDSelectorArray
                self.index.remove_ids(faiss.IDSelectorArray(len(remove), faiss.swig_ptr(remove)))
            else:
                self.index.remove_ids(faiss.IDSelectorBatch(remove))
            keep = ~np.isin(self.keys, remove)
            self.keys, self.hashes = self.keys[keep], self.hashes[keep]
        if len(add_keys):
            self.index.add_with_ids(np.ascontiguousarray(add_vectors, dtype=np.float32), add_keys)
            keys = np.concatenate([self.keys, add_keys])
            hashes = np.concatenate([self.hashes, np.asarray(add_hashes, dtype=np.int64)])
            order = np.argsort(keys, kind="stable")
            self.keys, self.hashes = keys[order], hashes[order]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(key, inner product) best first."""
        if self.count == 0 or k <= 0:
            return []
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self.index.search(q, min(k, self.count))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def score_keys(self, query: np.ndarray, keys: list[int]) -> list[tuple[int, float]]:
        """Exact inner products for those of `keys` that are in the index, best first."""
        return score_vectors(query, *self.vectors_of(keys))

    def vectors_of(self, keys: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """(keys, vectors) for those of `keys` that are in the index, keys distinct and ascending.
        Needs no query: a caller can fetch them while the query is being embedded."""
        arr = np.asarray(sorted(set(keys)), dtype=np.int64)
        arr = arr[self.contains(arr)]
        return arr, self.reconstruct(arr)

    def nbytes(self) -> int:
        return int(faiss.serialize_index(self.index).nbytes) if self.count < 200_000 else self._estimate_bytes()

    def _estimate_bytes(self) -> int:
        per = self.dim * 4 + 8
        if self.kind == "hnsw":
            per += self.settings.hnsw_m * 2 * 4 + 4
        return per * self.count


def _fsync_write(path: Path, data_writer) -> None:
    tmp = path.with_name(path.name + ".tmp")
    data_writer(tmp)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save(index_dir: Path, vindex: VectorIndex, meta: IndexMeta) -> IndexMeta:
    """Write a new generation and switch meta.json to it atomically; return the meta written."""
    index_dir.mkdir(parents=True, exist_ok=True)
    gen = f"{time.time_ns():x}"
    files = {"vectors": f"vectors-{gen}.faiss", "keys": f"keys-{gen}.npz"}
    _fsync_write(index_dir / files["vectors"], lambda p: faiss.write_index(vindex.index, str(p)))

    def write_keys(p: Path) -> None:
        with open(p, "wb") as fh:
            np.savez(fh, keys=vindex.keys, hashes=vindex.hashes)

    _fsync_write(index_dir / files["keys"], write_keys)
    meta = IndexMeta(**{**asdict(meta), "generation": gen, "files": files, "count": vindex.count, "kind": vindex.kind})

    def write_meta(p: Path) -> None:
        p.write_text(json.dumps(asdict(meta), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    _fsync_write(index_dir / META, write_meta)
    _fsync_dir(index_dir)
    keep = {META, *files.values(), ".lock"}
    for old in index_dir.iterdir():
        if old.name not in keep and (old.name.startswith(("vectors-", "keys-")) or old.name.endswith(".tmp")):
            old.unlink(missing_ok=True)
    return meta


def load(index_dir: Path, settings: IndexSettings) -> tuple[VectorIndex, IndexMeta] | None:
    """The saved index and its meta, or None when there is none. Retries once if a writer
    replaced the generation between reading meta.json and opening its files."""
    for attempt in range(2):
        meta = read_meta(index_dir)
        if meta is None:
            return None
        try:
            index = faiss.read_index(str(index_dir / meta.files["vectors"]))
            with np.load(index_dir / meta.files["keys"]) as npz:
                keys, hashes = npz["keys"], npz["hashes"]
        except (KeyError, OSError, RuntimeError) as exc:
            if attempt == 0:
                continue
            raise IndexMismatch(f"{index_dir}: index files unreadable ({exc}): run `python -m bot reindex`") from None
        return VectorIndex(index, meta.kind, keys, hashes, settings), meta
    return None


def score_vectors(query: np.ndarray, keys: np.ndarray, vectors: np.ndarray) -> list[tuple[int, float]]:
    """(key, inner product with query) best first, for keys and their vectors from `vectors_of`."""
    if not len(keys):
        return []
    scores = vectors @ np.asarray(query, dtype=np.float32).reshape(-1)
    return sorted(zip(map(int, keys), map(float, scores), strict=True), key=lambda ks: -ks[1])
