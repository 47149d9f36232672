"""Ingesting into a real SQLite store: formats, bad input, idempotence, replacement, crashes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from store.ingest import IngestReport, ingest_paths
from store.schema import open_store
from store.settings import IngestSettings
from store.stats import store_stats

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "articles"
SETTINGS = IngestSettings(passage_chars=300, overlap_chars=80)
KAIRANA = ("RLD candidate Tabassum Hasan defeated BJP's Mriganka Singh by a margin of 44,618 votes in Kairana. "
           "The BSP had come third in 2014. Opposition parties won 11 of 14 seats in the bypolls. ")
NOORPUR = "नूरपुर सीट पर समाजवादी पार्टी के नईमुल हसन ने बीजेपी की अवनि सिंह को हराया। कैराना में गठबंधन आगे रहा। "


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_store(tmp_path / "store" / "chunav.db")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return store_stats(db)["tables"]


def assert_passages_exact(db: sqlite_utils.Database) -> None:
    rows = db.execute('SELECT a.text, p.text, p.start, p."end" FROM passages p JOIN articles a ON a.id = p.article_id')
    n = 0
    for article, passage, start, end in rows:
        assert passage == article[start:end]
        n += 1
    assert n > 0


def test_seed_articles(db: sqlite_utils.Database) -> None:
    report = ingest_paths(db, [SEEDS], IngestSettings())
    assert (report.added, report.failed) == (5, [])
    rows = {r[0]: r[1:] for r in db.execute("SELECT source, language, published, external_id FROM articles")}
    assert sorted(rows) == sorted(p.name for p in SEEDS.iterdir())
    assert {s: r[0] for s, r in rows.items()} == {
        "000_be647b8b95c93bd2.txt": "en", "001_0b52e9baef22bc37.txt": "en", "002_c13d59634ea64922.txt": "hi",
        "003_207d321f098a960e.txt": "en", "004_59451768fa369146.txt": "en"}
    assert rows["000_be647b8b95c93bd2.txt"][1:] == ("2018-06-01", "34192584985")
    assert rows["001_0b52e9baef22bc37.txt"][1] == "2024-07-13"
    assert_passages_exact(db)
    text = db.execute("SELECT text FROM articles WHERE source = '002_c13d59634ea64922.txt'").fetchone()[0]
    assert "Also Read" not in text and "बीजेपी अपनी सीट बचा नहीं पाई." in text
    text = db.execute("SELECT text FROM articles WHERE source = '000_be647b8b95c93bd2.txt'").fetchone()[0]
    assert "defeated BJPs Mriganka Singh by a margin of 44,618 votes." in text and "\\n" not in text
    assert text.endswith("befitting reply to the BJP.")
    hindi = db.execute("SELECT DISTINCT p.language FROM passages p JOIN articles a ON a.id = p.article_id "
                       "WHERE a.source LIKE '002%'").fetchall()
    assert hindi == [("hi",)]


def test_every_format_in_one_folder(db: sqlite_utils.Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a_dump.txt", "34192584985;b'Kairana bypoll | | Published: June 1, 2018 5:35:10 am\\n\\n"
          + KAIRANA.replace("'", "\\'") + "'")
    write(folder, "b_dated.txt", " date 2024-07-13 " + KAIRANA)
    write(folder, "c_plain.txt", NOORPUR * 3)
    write(folder, "d.jsonl", json.dumps({"id": "np1", "lang": "en", "date": "2018-05-31", "url": "http://e.org/1",
                                         "source_domain": "e.org", "text": KAIRANA, "note": None}) + "\n"
          + json.dumps({"article_id": "hx", "content": NOORPUR, "published_at": "31 मई 2018"}) + "\n")
    write(folder, "e.csv", f'headline,body,link\nKairana,"{KAIRANA}",http://e.org/2\n')
    write(folder, "f.html", "<html lang='hi'><head><meta property='og:title' content='नूरपुर'>"
          "<meta name='article:published_time' content='2018-05-31'></head><body><nav>मेनू</nav>"
          f"<article><p>{NOORPUR}</p></article></body></html>")
    write(folder / ".hidden", "skip.txt", KAIRANA)
    write(folder, ".skip.txt", KAIRANA)
    report = ingest_paths(db, [folder], SETTINGS)
    assert report.failed == [] and report.added == 7
    rows = db.execute("SELECT source, line, title, published, language, url FROM articles ORDER BY id").fetchall()
    assert sorted(r[0] for r in rows) == ["a_dump.txt", "b_dated.txt", "c_plain.txt", "e.csv:2", "f.html", "hx", "np1"]
    by_source = {r[0]: r[1:] for r in rows}
    assert by_source["a_dump.txt"] == (None, "Kairana bypoll", "2018-06-01", "en", None)
    assert by_source["b_dated.txt"][2:4] == ("2024-07-13", "en")
    assert by_source["c_plain.txt"][3] == "hi"
    assert by_source["np1"] == (1, None, "2018-05-31", "en", "http://e.org/1")
    assert by_source["hx"][0] == 2 and by_source["hx"][2:4] == ("2018-05-31", "hi")
    assert by_source["e.csv:2"] == (2, "Kairana", None, "en", "http://e.org/2")
    assert by_source["f.html"] == (None, "नूरपुर", "2018-05-31", "hi", None)
    assert "मेनू" not in db.execute("SELECT text FROM articles WHERE source = 'f.html'").fetchone()[0]
    assert_passages_exact(db)


def test_bad_input_is_reported_and_the_rest_goes_in(db: sqlite_utils.Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "good.txt", KAIRANA)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    (folder / "latin1.txt").write_bytes(("Naeemul Hasan won — " * 5).encode("cp1252"))
    write(folder, "empty.txt", "")
    write(folder, "tiny.txt", "Share your thoughts\nToo short.")
    write(folder, "long.txt", KAIRANA * 40)
    write(folder, "rows.jsonl", json.dumps({"id": "ok", "text": NOORPUR}) + "\n{oops\n"
          + json.dumps({"id": "nt", "title": "no text"}) + "\n")
    write(folder, "rows.csv", f'id,text\nc1,"{KAIRANA}"\nc2,\n')
    settings = IngestSettings(passage_chars=300, overlap_chars=80, max_article_chars=2000)
    report = ingest_paths(db, [folder, tmp_path / "missing.txt"], settings)
    assert report.added == 3  # good.txt, ok, c1
    failed = {(Path(f.path).name, f.line): f.reason for f in report.failed}
    assert set(failed) == {("binary.txt", None), ("latin1.txt", None), ("empty.txt", None), ("tiny.txt", None),
                           ("long.txt", None), ("rows.jsonl", 2), ("rows.jsonl", 3), ("rows.csv", 3),
                           ("missing.txt", None)}
    assert "binary" in failed[("binary.txt", None)] and "UTF-8" in failed[("latin1.txt", None)]
    assert "min_article_chars" in failed[("tiny.txt", None)] and "max_article_chars" in failed[("long.txt", None)]
    assert "no such file" in failed[("missing.txt", None)]
    assert all(str(f).startswith(f.path) for f in report.failed)
    assert str(next(f for f in report.failed if f.line == 2)).endswith("rows.jsonl:2: " + failed[("rows.jsonl", 2)])
    assert "9 failed" in report.summary()
    assert counts(db)["articles"] == 3


def test_second_ingest_adds_nothing(db: sqlite_utils.Database) -> None:
    first = ingest_paths(db, [SEEDS], SETTINGS)
    before = counts(db)
    second = ingest_paths(db, [SEEDS], SETTINGS)
    assert (second.added, second.replaced, second.unchanged, second.passages) == (0, 0, 5, 0)
    assert counts(db) == before and first.passages == before["passages"]


def test_new_chunk_settings_rechunk_on_the_next_ingest(db: sqlite_utils.Database) -> None:
    ingest_paths(db, [SEEDS], SETTINGS)
    before = counts(db)["passages"]
    report = ingest_paths(db, [SEEDS], IngestSettings(passage_chars=900, overlap_chars=100))
    assert (report.replaced, report.unchanged) == (5, 0)
    assert 0 < counts(db)["passages"] < before


def _extracted_and_curated(db: sqlite_utils.Database, article_id: int, quote: str) -> tuple[int, int]:
    """One extracted and one curated result citing the article (as the extractor and curated loader would)."""
    with db.conn:
        db.execute("INSERT INTO elections (id, key, name_en, year, kind) VALUES (1, '2018-05-bypolls', 'Bypolls', 2018, 'bye')")
        db.execute("INSERT INTO constituencies (id, name_en, house) VALUES (1, 'Kairana', 'lok_sabha')")
        db.execute("INSERT INTO contests (id, election_id, constituency_id) VALUES (1, 1, 1)")
        ids = []
        for candidate, origin in (("Tabassum Hasan", "extracted"), ("Mriganka Singh", "curated")):
            cur = db.execute("INSERT INTO results (contest_id, candidate, status, origin) VALUES (1, ?, 'won', ?)",
                             [candidate, origin])
            ids.append(cur.lastrowid)
            passage = db.execute("SELECT id FROM passages WHERE article_id = ? AND instr(text, ?) > 0",
                                 [article_id, quote]).fetchone()[0]
            db.execute("INSERT INTO provenance (row_table, row_id, article_id, passage_id, source, quote) "
                       "VALUES ('results', ?, ?, ?, 'kairana.txt', ?)", [cur.lastrowid, article_id, passage, quote])
    return ids[0], ids[1]


def test_changed_file_replaces_passages_and_extracted_results(db: sqlite_utils.Database, tmp_path: Path) -> None:
    quote = "The BSP had come third in 2014."
    path = write(tmp_path, "kairana.txt", KAIRANA * 3)
    ingest_paths(db, [path], SETTINGS)
    article_id = db.execute("SELECT id FROM articles").fetchone()[0]
    extracted, curated = _extracted_and_curated(db, article_id, quote)
    old_passages = {r[0] for r in db.execute("SELECT id FROM passages")}

    write(tmp_path, "kairana.txt", NOORPUR + "\n\n" + KAIRANA * 3)
    calls: list[int] = []
    report = ingest_paths(db, [path], SETTINGS, on_article=lambda _db, aid: calls.append(aid))
    assert (report.added, report.replaced, report.unchanged) == (0, 1, 0) and calls == [article_id]
    assert db.execute("SELECT id FROM articles").fetchall() == [(article_id,)]  # same row, updated
    new_passages = {r[0] for r in db.execute("SELECT id FROM passages")}
    assert new_passages and not new_passages & old_passages
    assert db.execute("SELECT id FROM results").fetchall() == [(curated,)]
    assert db.execute("SELECT count(*) FROM provenance WHERE row_id = ?", [extracted]).fetchone()[0] == 0
    passage_id, kept_quote = db.execute("SELECT passage_id, quote FROM provenance WHERE row_id = ?", [curated]).fetchone()
    assert kept_quote == quote
    assert quote in db.execute("SELECT text FROM passages WHERE id = ?", [passage_id]).fetchone()[0]
    assert_passages_exact(db)

    write(tmp_path, "kairana.txt", NOORPUR * 3)  # the quote is gone: the curated row is flagged, not dropped
    report = ingest_paths(db, [path], SETTINGS)
    assert report.replaced == 1 and len(report.warnings) == 1 and "provenance" in report.warnings[0]
    assert db.execute("SELECT passage_id FROM provenance WHERE row_id = ?", [curated]).fetchone() == (None,)


def _rows_of(db: sqlite_utils.Database, source: str) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE source = ?", [source]).fetchone()[0] + db.execute(
        "SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE a.source = ?", [source]
    ).fetchone()[0]


def test_failing_hook_rolls_back_that_article_only(db: sqlite_utils.Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(folder, name, f"{name}: {KAIRANA}")

    def extract(hook_db: sqlite_utils.Database, article_id: int) -> None:
        source = hook_db.execute("SELECT source FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        with hook_db.conn:  # a hook committing on its own must not commit the article half-written
            hook_db["elections"].insert({"key": f"e-{source}", "name_en": source, "year": 2018, "kind": "bye"})
        if source == "b.txt":
            raise ValueError("no contest found")

    report = ingest_paths(db, [folder], SETTINGS, on_article=extract)
    assert report.added == 2 and [Path(f.path).name for f in report.failed] == ["b.txt"]
    assert "ValueError: no contest found" in report.failed[0].reason
    assert _rows_of(db, "b.txt") == 0 and _rows_of(db, "a.txt") > 1 and _rows_of(db, "c.txt") > 1
    assert [r[0] for r in db.execute("SELECT key FROM elections ORDER BY key")] == ["e-a.txt", "e-c.txt"]


def test_failing_hook_on_a_changed_file_keeps_the_stored_version(db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = write(tmp_path, "k.txt", KAIRANA)
    ingest_paths(db, [path], SETTINGS)
    before = db.execute("SELECT a.text, a.content_hash, count(p.id) FROM articles a JOIN passages p").fetchall()
    write(tmp_path, "k.txt", NOORPUR * 2)

    def boom(_db: sqlite_utils.Database, _id: int) -> None:
        raise RuntimeError("extractor crashed")

    report = ingest_paths(db, [path], SETTINGS, on_article=boom)
    assert report.replaced == 0 and "stored version is kept" in report.failed[0].reason
    assert db.execute("SELECT a.text, a.content_hash, count(p.id) FROM articles a JOIN passages p").fetchall() == before


def test_keyboard_interrupt_propagates_and_keeps_earlier_articles(db: sqlite_utils.Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(folder, name, f"{name}: {KAIRANA}")

    def interrupt(hook_db: sqlite_utils.Database, article_id: int) -> None:
        if hook_db.execute("SELECT source FROM articles WHERE id = ?", [article_id]).fetchone()[0] == "b.txt":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(db, [folder], SETTINGS, on_article=interrupt)
    assert _rows_of(db, "a.txt") > 1 and _rows_of(db, "b.txt") == 0 and _rows_of(db, "c.txt") == 0
    report = ingest_paths(db, [folder], SETTINGS)  # running again finishes the job
    assert (report.added, report.unchanged) == (2, 1)


def test_duplicate_row_id_in_one_file_is_reported(db: sqlite_utils.Database, tmp_path: Path) -> None:
    rows = "\n".join(json.dumps({"id": "r1", "text": t}) for t in (KAIRANA, NOORPUR))
    write(tmp_path / "y", "rows.jsonl", rows)
    report = ingest_paths(db, [tmp_path / "y"], SETTINGS)
    assert report.added == 1
    assert [(Path(f.path).name, f.line) for f in report.failed] == [("rows.jsonl", 2)]
    assert "already read from" in report.failed[0].reason


def sources(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    return db.execute("SELECT source, substr(text, 1, 12) FROM articles ORDER BY id").fetchall()


def test_a_second_folder_with_the_same_file_names_adds_articles(db: sqlite_utils.Database, tmp_path: Path) -> None:
    # two years of a news archive, both numbered from a00001: neither replaces the other
    write(tmp_path / "2018", "a00005.txt", KAIRANA)
    write(tmp_path / "2018", "rows.jsonl", json.dumps({"id": "r1", "text": KAIRANA * 2}))
    write(tmp_path / "2019", "a00005.txt", NOORPUR * 2)
    write(tmp_path / "2019", "rows.jsonl", json.dumps({"id": "r1", "text": NOORPUR * 3}))
    first = ingest_paths(db, [tmp_path / "2018"], SETTINGS)
    second = ingest_paths(db, [tmp_path / "2019"], SETTINGS)
    assert (first.added, second.added, second.replaced, second.failed) == (2, 2, 0, [])
    # citations keep the file name (or row id); the folder is added where two share it
    assert [name for name, _ in sources(db)] == ["a00005.txt", "r1", "2019/a00005.txt", "2019/r1"]
    assert counts(db)["passages"] == first.passages + second.passages
    again = ingest_paths(db, [tmp_path / "2018", tmp_path / "2019"], SETTINGS)
    assert (again.added, again.replaced, again.unchanged, again.failed) == (0, 0, 4, [])
    # a changed file still replaces its own article, under its own name
    write(tmp_path / "2019", "a00005.txt", NOORPUR * 3)
    changed = ingest_paths(db, [tmp_path / "2019"], SETTINGS)
    assert (changed.added, changed.replaced, changed.unchanged) == (0, 1, 1)
    assert [name for name, _ in sources(db)] == ["a00005.txt", "r1", "2019/a00005.txt", "2019/r1"]


def test_same_names_in_subfolders_of_one_batch_are_both_ingested(db: sqlite_utils.Database, tmp_path: Path) -> None:
    write(tmp_path / "root" / "x", "same.txt", KAIRANA)
    write(tmp_path / "root" / "y", "same.txt", NOORPUR * 2)
    report = ingest_paths(db, [tmp_path / "root"], SETTINGS)
    assert (report.added, report.failed) == (2, [])
    assert [name for name, _ in sources(db)] == ["same.txt", "y/same.txt"]
    assert ingest_paths(db, [tmp_path / "root"], SETTINGS).unchanged == 2


def test_a_store_from_before_keys_is_still_unchanged(db: sqlite_utils.Database, tmp_path: Path) -> None:
    write(tmp_path / "a", "kairana.txt", KAIRANA)
    ingest_paths(db, [tmp_path / "a"], SETTINGS)
    with db.conn:
        db.execute("UPDATE articles SET key = NULL")          # as migrated from schema version 3
    report = ingest_paths(db, [tmp_path / "a"], SETTINGS)
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 1)
    assert db.execute("SELECT key FROM articles").fetchall() == [("kairana.txt",)]


def test_report_summary() -> None:
    report = IngestReport(added=3, replaced=1, unchanged=2, passages=12)
    assert report.summary() == ("ingested 6 articles: 3 added, 1 replaced, 2 unchanged, 12 passages written, "
                                "0 failed")


def test_stats_count_tables_languages_and_elections(db: sqlite_utils.Database, tmp_path: Path) -> None:
    shutil.copy(SEEDS / "002_c13d59634ea64922.txt", tmp_path / "002.txt")
    write(tmp_path, "k.txt", KAIRANA * 2)
    ingest_paths(db, [tmp_path], SETTINGS)
    _extracted_and_curated(db, 2, "The BSP had come third in 2014.")
    stats = store_stats(db)
    assert stats["tables"]["articles"] == 2 and stats["tables"]["results"] == 2
    assert stats["article_languages"] == {"en": 1, "hi": 1}
    assert set(stats["passage_languages"]) == {"en", "hi"}
    assert stats["elections"] == [{"key": "2018-05-bypolls", "name": "Bypolls", "year": 2018, "kind": "bye",
                                   "house": None, "state": None, "contests": 1, "results": 2,
                                   "extracted_results": 1}]
