"""Names of several seats: the linker over a small national gazetteer (built from real rows in
tests/fixtures/gazetteer_sources), and how the question, the chat and the store decide or ask."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

from bot.ambiguity import narrow, with_context
from bot.entities import Linker
from bot.language import LanguageGuesser
from bot.understand import Lexicon, understand
from store.build_gazetteer import build
from store.gazetteer import load_gazetteer
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCES = Path(__file__).resolve().parent / "fixtures" / "gazetteer_sources"


def _store(folder: Path) -> sqlite_utils.Database:
    gaz = folder / "gazetteer"
    gaz.mkdir(parents=True)
    for name in ("states.csv", "parties.csv", "alliances.csv", "alliance_members.csv"):
        shutil.copy(DATA / "gazetteer" / name, gaz)
    build(SOURCES, gaz)
    db = open_store(folder / "store.db")
    load_gazetteer(db, gaz)
    return db


def _seat(db: sqlite_utils.Database, name: str, state: str, house: str) -> int:
    return db.execute("SELECT id FROM constituencies WHERE name_en = ? AND state = ? AND house = ?",
                      [name, state, house]).fetchone()[0]


def _add_result(db: sqlite_utils.Database, seat: int, key: str) -> None:
    with db.conn:
        db.execute("INSERT OR IGNORE INTO elections (key, name_en, year, kind, house) VALUES (?, ?, 2018, 'bye', 'mixed')",
                   [key, key])
        election = db.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()[0]
        db.execute("INSERT INTO contests (election_id, constituency_id) VALUES (?, ?)", [election, seat])
        contest = db.execute("SELECT id FROM contests WHERE constituency_id = ?", [seat]).fetchone()[0]
        db.execute("INSERT INTO results (contest_id, candidate, status) VALUES (?, 'A Candidate', 'won')", [contest])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite_utils.Database, Linker]:
    db = _store(tmp_path_factory.mktemp("world"))
    # the store has results for the Kairana Lok Sabha seat and for UP's Noorpur only
    _add_result(db, _seat(db, "Kairana", "Uttar Pradesh", "lok_sabha"), "2018-05-bypolls")
    _add_result(db, _seat(db, "Noorpur", "Uttar Pradesh", "assembly"), "2018-05-bypolls")
    _add_result(db, _seat(db, "Jamshedpur East", "Jharkhand", "assembly"), "2018-05-bypolls")
    with db.conn:   # a candidate whose surname another candidate shares in a question ("Champai Soren")
        db.execute("UPDATE results SET candidate = 'Hemant Soren' WHERE candidate = 'A Candidate' AND id = "
                   "(SELECT MAX(id) FROM results)")
    return db, Linker(db, DATA)


@pytest.fixture(scope="module")
def read(world: tuple[sqlite_utils.Database, Linker]):
    lexicon, guesser = Lexicon.from_data(DATA), LanguageGuesser.from_data(DATA)
    return lambda text: understand(text, world[1], lexicon, guesser).question


def _names(linker: Linker, ids: tuple[int, ...]) -> set[tuple[str, str, str]]:
    return {(r["name_en"], r["state"], r["house"]) for r in (linker.display("constituency", str(i)) for i in ids)}


@pytest.mark.parametrize(("question", "seat"), [
    ("Who won the Kairana seat?", ("Kairana", "Uttar Pradesh", "lok_sabha")),        # the one of the two with results
    ("कैराना विधानसभा सीट पर कौन जीता?", ("Kairana", "Uttar Pradesh", "assembly")),   # the house decides
    ("नूरपुर सीट पर कौन जीता?", ("Noorpur", "Uttar Pradesh", "assembly")),
    ("कुंदरकी में कौन जीता?", ("Kundarki", "Uttar Pradesh", "assembly")),     # the gazetteer writes कुन्दरकी
    ("Who won Badli in Haryana?", ("Badli", "Haryana", "assembly")),         # the state decides
    ("मालेगांव मध्य में कौन जीता", ("Malegaon Central", "Maharashtra", "assembly")),   # no Hindi name: translit
    ("jamshedpur purv ka result", ("Jamshedpur East", "Jharkhand", "assembly")),
    ("Who won the Hamirpur Lok Sabha seat in Uttar Pradesh?", ("Hamirpur", "Uttar Pradesh", "lok_sabha")),
    ("kopri pachpakhadi result", ("Kopri-Pachpakhadi", "Maharashtra", "assembly")),
])
def test_decided(read, world, question: str, seat: tuple[str, str, str]) -> None:
    q = read(question)
    assert not q.ambiguous and _names(world[1], q.constituencies) == {seat}


@pytest.mark.parametrize(("question", "options"), [
    ("Who won Badli?", {("Badli", "Delhi", "assembly"), ("Badli", "Haryana", "assembly")}),
    ("मालेगांव में कौन जीता?", {("Malegaon Central", "Maharashtra", "assembly"),
                                  ("Malegaon Outer", "Maharashtra", "assembly")}),
    # the name is also a Lok Sabha seat, but two seats begin with it: the asker may mean any
    ("jamshedpur ka natija kya raha?", {("Jamshedpur", "Jharkhand", "lok_sabha"),
                                        ("Jamshedpur East", "Jharkhand", "assembly"),
                                        ("Jamshedpur West", "Jharkhand", "assembly")}),
    ("Who won Hamirpur?", {("Hamirpur", "Himachal Pradesh", "assembly"), ("Hamirpur", "Himachal Pradesh", "lok_sabha"),
                           ("Hamirpur", "Uttar Pradesh", "assembly"), ("Hamirpur", "Uttar Pradesh", "lok_sabha")}),
    ("Kalyanpur mein kaun jeeta", {("Kalyanpur (East Champaran)", "Bihar", "assembly"),
                                   ("Kalyanpur (Samastipur)", "Bihar", "assembly")}),
])
def test_which_one(read, world, question: str, options: set[tuple[str, str, str]]) -> None:
    q = read(question)
    assert len(q.ambiguous) == 1 and _names(world[1], q.ambiguous[0]) == options


@pytest.mark.parametrize("question", [
    "jamshedpur east mein purnima sahu ne kise haraya?",     # not Purnia
    "What was Champai Soren's winning margin in Jamshedpur East?",   # not Champdani
    "जमशेदपुर पूर्व में गिनती के बाद कौन आगे था?",             # "बाद" (after) is not Barh (बाढ)
    "जमशेदपुर पूर्व में किसने जीता?",                          # "किसने" (who) is not किशनी, Kishni
])
def test_words_that_are_not_seats(read, world, question: str) -> None:
    q = read(question)
    assert not q.ambiguous and _names(world[1], q.constituencies) == {("Jamshedpur East", "Jharkhand", "assembly")}


@pytest.mark.parametrize(("question", "seat"), [
    ("who won jamshedpur east", ("Jamshedpur East", "Jharkhand", "assembly")),
    ("who won jamshedpur eest", ("Jamshedpur East", "Jharkhand", "assembly")),     # a typo in one word
])
def test_typos(read, world, question: str, seat: tuple[str, str, str]) -> None:
    assert _names(world[1], read(question).constituencies) == {seat}


def test_ordinary_words_that_spell_like_a_seat(world) -> None:
    linker = world[1]
    assert not [m for m in linker.find("can u suggest a good vada pav place?") if m.kind == "constituency"]


def test_a_town_election_names_no_seat(read) -> None:
    q = read("Malegaon nagar nigam mein mayor kaun bana?")
    assert not q.ambiguous and not q.constituencies


def test_a_follow_up_keeps_to_the_chats_state(read, world) -> None:
    db, linker = world
    q = read("and Badli?")
    assert q.ambiguous
    haryana_seat = _seat(db, "Kairana", "Uttar Pradesh", "assembly")   # a seat of another state
    assert with_context(q, (haryana_seat,), lambda i: linker.display("constituency", str(i))).ambiguous
    delhi = [i for i in q.ambiguous[0] if linker.display("constituency", str(i))["state"] == "Delhi"]
    decided = with_context(q, tuple(delhi), lambda i: linker.display("constituency", str(i)))
    assert not decided.ambiguous and decided.constituencies == tuple(delhi)


ROWS = {1: {"state": "A", "house": "lok_sabha"}, 2: {"state": "A", "house": "assembly"},
        3: {"state": "B", "house": "assembly"}, 4: {"state": "A", "house": "assembly"}}


@pytest.mark.parametrize(("ids", "kwargs", "kept"), [
    ((1, 2), {}, [1, 2]),
    ((1, 2), {"with_results": {2}}, [2]),                          # PC and AC of one name: the store decides
    ((1, 2, 4), {"with_results": {2, 4}, "partial": {2, 4}}, [1, 2, 4]),   # seats beginning with it: ask
    ((2, 4), {"with_results": {2}, "partial": {2, 4}}, [2, 4]),     # "Malegaon": never the store's pick
    ((2, 3), {"with_results": {3}}, [3]),                           # one state of two has results
    ((2, 3), {"states": ("B",)}, [3]),
    ((1, 2), {"house": "assembly"}, [2]),
    ((2, 3), {"context_seats": (4,)}, [2]),                         # the chat's state
    ((2, 3), {"states": ("C",)}, [2, 3]),                           # a state that fits none narrows nothing
    ((1, 2), {"covered": {("A", "assembly")}}, [2]),                # no results: the house the store covers
    ((2, 4), {"covered": {("A", "assembly")}}, [2, 4]),             # two assembly seats: still ask
])
def test_narrow(ids: tuple[int, ...], kwargs: dict, kept: list[int]) -> None:
    assert narrow(ids, ROWS.__getitem__, **kwargs) == kept


def test_the_name_index_is_cached_beside_the_store(world, tmp_path: Path) -> None:
    db, linker = world
    again = Linker(db, DATA)
    cache = Path(db.execute("PRAGMA database_list").fetchone()[2]).parent / "linker-cache.pickle"
    assert cache.exists()
    question = "मालेगांव में कौन जीता?"
    assert [(m.kind, m.ref, m.partial) for m in again.find(question)] == [
        (m.kind, m.ref, m.partial) for m in linker.find(question)]
    with db.conn:     # a renamed seat changes the fingerprint: the index is built anew
        db.execute("UPDATE constituencies SET aliases = '[\"Malegaon Town\"]' WHERE name_en = 'Malegaon Central'")
    renamed = Linker(db, DATA)
    assert any(m.surface == "Malegaon Town" for m in renamed.find("Who won Malegaon Town?"))

