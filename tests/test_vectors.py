"""The FAISS index: keys, kinds, incremental updates and crash-safe saves."""
from __future__ import annotations

import json
import os

import numpy as np
import pytest

from index import vectors as V
from index.settings import IndexSettings

DIM = 16
SETTINGS = IndexSettings(ivf_nlist=4, ivf_nprobe=4, hnsw_m=8)


def unit(n: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def build(kind: str, n: int = 200) -> tuple[V.VectorIndex, np.ndarray, np.ndarray]:
    keys = np.array([V.passage_key(i) for i in range(1, n // 2 + 1)] + [V.sentence_key(i) for i in range(1, n - n // 2 + 1)])
    vecs = unit(n)
    return V.VectorIndex.build(kind, DIM, keys, vecs, keys * 7, SETTINGS), keys, vecs


@pytest.mark.parametrize(("key", "split"), [(2, ("passage", 1)), (3, ("sentence", 1)), (200, ("passage", 100)), (201, ("sentence", 100))])
def test_passages_and_sentences_have_disjoint_keys(key, split):
    assert V.split_key(key) == split
    kind, row_id = split
    assert (V.passage_key if kind == "passage" else V.sentence_key)(row_id) == key


@pytest.mark.parametrize("kind", V.KINDS)
def test_each_kind_finds_a_stored_vector_by_key(kind):
    vindex, keys, vecs = build(kind)
    hits = vindex.search(vecs[17], 5)
    assert hits[0][0] == keys[17]
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    exact = vindex.score_keys(vecs[17], [int(keys[3]), int(keys[17]), 999_999])
    assert [k for k, _ in exact] == [keys[17], keys[3]]


@pytest.mark.parametrize("kind", V.KINDS)
def test_vectors_fetched_before_the_query_score_as_score_keys_does(kind):
    # retrieval fetches candidate vectors while the query is still being embedded
    vindex, keys, vecs = build(kind)
    asked = [int(keys[40]), int(keys[3]), 999_999, int(keys[40]), int(keys[150])]
    found, found_vecs = vindex.vectors_of(asked)
    assert found.tolist() == sorted({int(keys[3]), int(keys[40]), int(keys[150])})
    np.testing.assert_allclose(found_vecs, vecs[[3, 40, 150]], atol=1e-6)
    assert V.score_vectors(vecs[40], found, found_vecs) == vindex.score_keys(vecs[40], asked)
    assert V.score_vectors(vecs[40], *vindex.vectors_of([999_999])) == []


@pytest.mark.parametrize("kind", V.KINDS)
def test_update_removes_and_adds_by_key(kind):
    vindex, keys, vecs = build(kind)
    gone = keys[:10]
    new_keys = np.array([V.passage_key(5000), V.passage_key(5001)])
    vindex.update(gone, new_keys, unit(2, seed=9), np.array([1, 2]), kind)
    assert vindex.count == len(keys) - 10 + 2
    assert not vindex.contains(gone).any()
    assert vindex.contains(new_keys).all()
    assert list(vindex.hash_of(new_keys)) == [1, 2]
    assert all(k not in set(gone.tolist()) for k, _ in vindex.search(vecs[0], 50))
    assert vindex.search(unit(2, seed=9)[1], 1)[0][0] == new_keys[1]


def test_kind_change_rebuilds_with_the_same_vectors():
    vindex, keys, vecs = build("flat")
    vindex.update(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, DIM), np.float32), np.zeros(0), "ivf")
    assert vindex.kind == "ivf" and vindex.count == len(keys)
    assert vindex.search(vecs[42], 1)[0][0] == keys[42]


@pytest.mark.parametrize(
    ("settings", "count", "kind"),
    [
        (IndexSettings(flat_max=100), 100, "flat"),
        (IndexSettings(flat_max=100, large_kind="ivf"), 101, "ivf"),
        (IndexSettings(flat_max=100, large_kind="hnsw"), 101, "hnsw"),
        (IndexSettings(kind="hnsw"), 5, "hnsw"),
    ],
)
def test_auto_kind_switches_above_flat_max(settings, count, kind):
    assert V.choose_kind(settings, count) == kind


def meta_for(vindex: V.VectorIndex, model: str = "tiny") -> V.IndexMeta:
    return V.IndexMeta(backend="test", model=model, dim=DIM, count=vindex.count, kind=vindex.kind,
                       fingerprint=V.fingerprint(vindex.keys, vindex.hashes))


@pytest.mark.parametrize("kind", V.KINDS)
def test_save_and_load_round_trip(tmp_path, kind):
    vindex, keys, vecs = build(kind)
    saved = V.save(tmp_path, vindex, meta_for(vindex))
    loaded, meta = V.load(tmp_path, SETTINGS)
    assert meta == saved and meta.count == len(keys) and meta.kind == kind
    assert np.array_equal(loaded.keys, vindex.keys) and np.array_equal(loaded.hashes, vindex.hashes)
    assert loaded.search(vecs[3], 1)[0][0] == keys[3]
    on_disk = json.loads((tmp_path / "meta.json").read_text())
    assert {"backend", "model", "dim", "count", "fingerprint"} <= set(on_disk)


@pytest.mark.parametrize("fail_on", ["vectors", "keys", "meta.json"])
def test_crash_during_save_leaves_the_previous_index_loadable(tmp_path, monkeypatch, fail_on):
    vindex, keys, vecs = build("flat")
    V.save(tmp_path, vindex, meta_for(vindex))
    vindex.update(keys[:50], np.zeros(0, np.int64), np.zeros((0, DIM), np.float32), np.zeros(0), "flat")
    real_replace = os.replace

    def crash(src, dst):
        if os.path.basename(dst).startswith(fail_on):
            raise OSError("disk full (simulated)")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        V.save(tmp_path, vindex, meta_for(vindex))
    monkeypatch.setattr(os, "replace", real_replace)
    loaded, meta = V.load(tmp_path, SETTINGS)
    assert meta.count == len(keys) == loaded.count
    assert loaded.search(vecs[0], 1)[0][0] == keys[0]
    # the next save succeeds and cleans up what the crash left
    V.save(tmp_path, vindex, meta_for(vindex))
    assert V.load(tmp_path, SETTINGS)[1].count == len(keys) - 50
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(list(tmp_path.glob("vectors-*"))) == 1


@pytest.mark.parametrize(
    ("name", "dim"), [("test/other-model", DIM), ("test/tiny", 32), ("sentence-transformers/tiny", DIM)]
)
def test_another_model_or_dimension_asks_for_reindex(tmp_path, name, dim):
    vindex, _, _ = build("flat", 20)
    meta = V.save(tmp_path, vindex, meta_for(vindex))
    V.check_model(meta, "test/tiny", DIM, tmp_path)          # same model: fine
    with pytest.raises(V.IndexMismatch, match="python -m bot reindex"):
        V.check_model(meta, name, dim, tmp_path)


def test_unreadable_meta_asks_for_reindex(tmp_path):
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(V.IndexMismatch, match="python -m bot reindex"):
        V.read_meta(tmp_path)


def test_fingerprint_depends_on_keys_and_text_not_order():
    keys, hashes = np.array([4, 2, 3]), np.array([1, 2, 3])
    assert V.fingerprint(keys, hashes) == V.fingerprint(keys[::-1], hashes[::-1])
    assert V.fingerprint(keys, hashes) != V.fingerprint(keys, np.array([1, 2, 4]))
