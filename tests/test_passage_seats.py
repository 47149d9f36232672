"""Which seats a passage names (store/passage_seats.py): written with the passage, in any script,
kept in step when seats are added or renamed, and what the later-count answer reads, whatever the
evidence reader's cache holds. Snippets are the real articles of tests/fixtures/open_world
(dev2's m024 and m026, Mahim 2024) and the national gazetteer of data/."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from store.gazetteer import load_gazetteer
from store.ingest import ingest_paths
from store.passage_seats import PassageSeats, SeatNames, passages_naming
from store.schema import open_store
from store.settings import IngestSettings
from tests.conftest import REPO, make_config, numbers

FIXTURES = Path(__file__).parent / "fixtures" / "open_world"
# real sentences (tests/fixtures/open_world/articles.jsonl w024, w026; ../shared/eval/dev2 m024, m026)
MAHIM_EN = ("Shiv Sena (UBT)'s Mahesh Sawant has won from the Mahim assembly seat in Mumbai by a measly margin "
            "of 944 votes. Mahesh Sawant bagged 47,381 votes in this triangular contest.")
MAHIM_HI = ("महाराष्ट्र विधानसभा चुनाव में माहिम सीट पर तीन-तरफा मुकाबला देखने को मिला. दरअसल, नतीजों में उद्धव "
            "गुट के महेश सावंत को 50,213 वोट मिले हैं.")


@pytest.fixture(scope="module")
def seats() -> tuple[SeatNames, sqlite_utils.Database]:
    db = open_store(":memory:")
    load_gazetteer(db, REPO / "data" / "gazetteer")
    names = SeatNames.load(REPO / "data")
    for cid, name_en, name_hi, aliases in db.execute("SELECT id, name_en, name_hi, aliases FROM constituencies"):
        names.add(cid, [name_en, name_hi, *json.loads(aliases or "[]")])
    return names, db


def named(seats: tuple[SeatNames, sqlite_utils.Database], text: str) -> set[tuple[str, str]]:
    names, db = seats
    found = names.seats_in(text)
    return {(n, s) for cid, n, s in db.execute("SELECT id, name_en, state FROM constituencies") if cid in found}


@pytest.mark.parametrize("text, seat", [
    (MAHIM_EN, ("Mahim", "Maharashtra")),
    (MAHIM_HI, ("Mahim", "Maharashtra")),          # the gazetteer has no Hindi name for Mahim: its sound keys
    ("झारखंड की बरहेट सीट से हेमंत सोरेन ने जीत दर्ज की", ("Barhait", "Jharkhand")),
    ("जमशेदपुर पूर्व सीट पर भाजपा की पूर्णिमा दास साहू जीतीं", ("Jamshedpur East", "Jharkhand")),
])
def test_a_passage_names_a_seat_in_any_script(seats, text, seat):
    assert seat in named(seats, text)


@pytest.mark.parametrize("text, not_seat", [
    ("जमशेदपुर पूर्व सीट पर भाजपा की पूर्णिमा दास साहू जीतीं", ("Jamshedpur West", "Jharkhand")),
    (MAHIM_EN, ("Mumbadevi", "Maharashtra")),
])
def test_another_seat_of_the_town_is_not_named(seats, text, not_seat):
    assert not_seat not in named(seats, text)


def _store(tmp_path: Path) -> sqlite_utils.Database:
    db = open_store(tmp_path / "store.db")
    load_gazetteer(db, REPO / "data" / "gazetteer")
    return db


def _articles(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "a.jsonl"
    path.write_text("".join(json.dumps({"id": k, "date": "2024-11-23", "text": t}, ensure_ascii=False) + "\n"
                            for k, t in texts.items()), encoding="utf-8")
    return path


def _mahim(db) -> int:
    return db.execute("SELECT id FROM constituencies WHERE name_en = 'Mahim'").fetchone()[0]


def _sources(db, passage_ids) -> set[str]:
    return {db.execute("SELECT a.source FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id = ?",
                       [p]).fetchone()[0] for p in passage_ids}


def test_ingest_records_the_seats_with_the_passages(tmp_path):
    db = _store(tmp_path)
    ingest_paths(db, [_articles(tmp_path / "in", {"m024": MAHIM_EN, "m026": MAHIM_HI})], IngestSettings())
    assert _sources(db, passages_naming(db, [_mahim(db)])) == {"m024", "m026"}


def test_a_crash_mid_article_leaves_no_seats_of_it(tmp_path):
    db = _store(tmp_path)

    def crash(hook_db, article_id):
        if hook_db.execute("SELECT source FROM articles WHERE id = ?", [article_id]).fetchone()[0] == "m026":
            raise RuntimeError("extractor crashed")

    report = ingest_paths(db, [_articles(tmp_path / "in", {"m024": MAHIM_EN, "m026": MAHIM_HI})],
                          IngestSettings(), on_article=crash)
    assert len(report.failed) == 1
    assert _sources(db, passages_naming(db, [_mahim(db)])) == {"m024"}
    orphans = db.execute("SELECT count(*) FROM passage_seats WHERE passage_id NOT IN (SELECT id FROM passages)")
    assert orphans.fetchone()[0] == 0


def test_an_existing_home_and_a_renamed_seat_are_brought_in_step(tmp_path):
    db = _store(tmp_path)
    ingest_paths(db, [_articles(tmp_path / "in", {"m024": MAHIM_EN})], IngestSettings())
    # a home from before the table (schema 10): nothing recorded; the next sync reads every passage
    with db.conn:
        db.execute("DELETE FROM passage_seats")
        db.execute("DELETE FROM passage_seat_names")
        db.execute("DELETE FROM meta WHERE key = 'passage_seats'")
    assert passages_naming(db, [_mahim(db)]) == []
    assert PassageSeats(REPO / "data").sync(db) > 4000
    assert _sources(db, passages_naming(db, [_mahim(db)])) == {"m024"}
    assert PassageSeats(REPO / "data").sync(db) == 0          # in step: nothing to do
    # a seat gains a spelling (an alias): the passages writing it are found for it
    sion = db.execute("SELECT id FROM constituencies WHERE name_en = 'Sion Koliwada'").fetchone()[0]
    assert passages_naming(db, [sion]) == []
    with db.conn:
        db.execute("UPDATE constituencies SET aliases = ? WHERE id = ?", [json.dumps(["Mumbai"]), sion])
    assert PassageSeats(REPO / "data").sync(db) == 1
    assert _sources(db, passages_naming(db, [sion])) == {"m024"}


@pytest.fixture(scope="module")
def cold_engine(tmp_path_factory, monkeypatch_module):
    """An engine over the open-world articles that never reads passages ahead: its evidence
    reader's cache holds only what a question reads."""
    from bot.engine import Engine

    monkeypatch_module.setattr(Engine, "_warm", lambda self: self.warmed.set())
    root = tmp_path_factory.mktemp("cold")
    data = root / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("articles", "results"))
    (data / "articles").mkdir()
    shutil.copy(FIXTURES / "articles.jsonl", data / "articles" / "articles.jsonl")
    return Engine(make_config(root / "home", chunav_data=str(data)))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.mark.parametrize("question", [
    "By how many votes did Mahesh Sawant win Mahim?",
    "mahim mein jeet ka antar kitna tha?",
])
def test_the_later_count_needs_no_read_ahead(cold_engine, question):
    # 944 with 47,381 v 46,437 (w024) is an earlier count than 50,213 v 48,897 (w026, in Hindi, which
    # names neither candidate in Latin letters: found only as a passage naming the seat)
    cold_engine.answerer.reader._cache.clear()
    answer = cold_engine.answer(question, chat_id=question)
    assert answer.status == "answered", answer.text
    assert {1316, 50213, 48897} <= numbers(answer.text), answer.text
    assert "w026" in {c.source for c in answer.citations}
