"""Ingesting article files into the store: one article = one transaction, idempotent by content.

For each article: read (store/formats.py) -> clean, language (store/clean.py) -> skip when the
store already holds the same article -> passages (store/chunk.py) -> write the article and its
passages, then run `on_article` (result extraction) in the same transaction. A failure of any one
article is reported and rolled back; the batch goes on.

An article is identified by its key (its path relative to the folder given to ingest, plus the
row's id or line for JSON Lines / CSV) and its content: the same key and content is "unchanged";
a changed file at the same path replaces its article; anything else, such as another folder
reusing the file names, adds articles. The citable name (`source`) stays the file name (or row
id); where another article already has it, the folder is added ("2019/a00005.txt").
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from store.chunk import chunk_spans
from store.clean import DEVANAGARI_LANGS, clean_text, detect_language, devanagari_share
from store.formats import Failure, RawArticle, read_articles
from store.passage_seats import PassageSeats
from store.settings import IngestSettings

__all__ = ["Failure", "IngestReport", "PreparedArticle", "article_key", "ingest_paths", "iter_files",
           "iter_files_under", "prepare_article"]

log = logging.getLogger(__name__)

OnArticle = Callable[[sqlite_utils.Database, int], object]


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    passages: int = 0
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = self.added + self.replaced + self.unchanged
        line = (f"ingested {total} articles: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.passages} passages written, {len(self.failed)} failed")
        return line + (f", {len(self.warnings)} warnings" if self.warnings else "")


@dataclass(frozen=True)
class PassageSpan:
    ord: int
    start: int
    end: int
    language: str | None


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to write: cleaned text, metadata, hash, and (once computed) passages."""

    raw: RawArticle
    text: str
    content_hash: str
    language: str | None = None
    devanagari_share: float = 0.0
    passages: tuple[PassageSpan, ...] = ()


# ---------------------------------------------------------------- files


def iter_files_under(paths: Iterable[Path]) -> Iterator[tuple[Path, Path] | Failure]:
    """(file, the folder it was found under) for every file to read: files as given (their folder),
    folders recursed in sorted order, hidden names skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield child, path
        elif path.is_file():
            yield path, path.parent
        else:
            yield Failure(str(path), None, "no such file or folder")


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Failure]:
    """The files to read (see iter_files_under)."""
    for item in iter_files_under(paths):
        yield item if isinstance(item, Failure) else item[0]


def article_key(raw: RawArticle, root: Path) -> str:
    """The article's path relative to the ingest root (POSIX), plus '#id' (or '#line') for a row."""
    rel = Path(raw.path).relative_to(root).as_posix() if Path(raw.path).is_relative_to(root) else Path(raw.path).name
    if raw.external_id and raw.source != Path(raw.path).name:
        return f"{rel}#{raw.external_id}"
    return f"{rel}#{raw.line}" if raw.line is not None else rel


# ---------------------------------------------------------------- preparing


def _hash(text: str, raw: RawArticle, settings: IngestSettings) -> str:
    # the chunking settings are part of what was stored: changing them re-chunks on the next ingest
    payload = json.dumps([text, raw.title, raw.publisher, raw.url, raw.published, raw.language, raw.external_id,
                          settings.passage_chars, settings.overlap_chars, settings.langdetect_seed],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def prepare_article(raw: RawArticle, settings: IngestSettings) -> PreparedArticle | Failure:
    """Clean and size-check one raw article (cheap; language and passages come later)."""
    text = clean_text(raw.text)
    if len(text) < settings.min_article_chars:
        what = "no text" if not text else f"only {len(text)} characters of text"
        return Failure(raw.path, raw.line, f"{what} after cleaning (min_article_chars={settings.min_article_chars})")
    if len(text) > settings.max_article_chars:
        return Failure(raw.path, raw.line, f"article is {len(text)} characters, over max_article_chars="
                                           f"{settings.max_article_chars}; split it or raise [ingest] max_article_chars")
    return PreparedArticle(raw=raw, text=text, content_hash=_hash(text, raw, settings))


def with_passages(article: PreparedArticle, settings: IngestSettings) -> PreparedArticle:
    """Add the article's language and its passages (with their languages)."""
    text, seed = article.text, settings.langdetect_seed
    share = devanagari_share(text)
    language = detect_language(text, seed, share, stated=article.raw.language)
    passages = []
    for n, (start, end) in enumerate(chunk_spans(text, settings.passage_chars, settings.overlap_chars)):
        passages.append(PassageSpan(n, start, end, _passage_language(text[start:end], language, share, seed)))
    return PreparedArticle(article.raw, text, article.content_hash, language, round(share, 4), tuple(passages))


def _passage_language(ptext: str, article_lang: str | None, article_share: float, seed: int) -> str | None:
    # langdetect is the slow part: only run it where the script leaves the language open.
    pshare = devanagari_share(ptext)
    if pshare > 0.5:
        return article_lang if article_lang in DEVANAGARI_LANGS else "hi"
    if article_share < 0.05 and article_lang not in DEVANAGARI_LANGS:
        return article_lang  # a Latin-script article: its passages share its language
    return detect_language(ptext, seed, pshare)


# ---------------------------------------------------------------- writing


class _CallerTransaction:
    """The store's connection as on_article sees it: commit and `with conn:` are no-ops, so
    everything the hook writes belongs to the article's transaction and rolls back with it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)

    def commit(self) -> None:
        pass

    def executescript(self, script: str) -> None:
        raise RuntimeError("on_article must not use executescript: it commits the article's transaction")

    def rollback(self) -> None:
        raise RuntimeError("on_article must raise instead of rolling back the article's transaction")

    def __enter__(self) -> _CallerTransaction:
        return self

    def __exit__(self, *exc: object) -> bool:
        return False


_ARTICLE_COLUMNS = ("source", "key", "path", "line", "external_id", "title", "publisher", "url", "published",
                    "language", "devanagari_share", "text", "content_hash", "ingested_at")


def _article_values(article: PreparedArticle, source: str, key: str) -> tuple[object, ...]:
    raw = article.raw
    return (source, key, raw.path, raw.line, raw.external_id, raw.title, raw.publisher, raw.url, raw.published,
            article.language, article.devanagari_share, article.text, article.content_hash,
            datetime.now(UTC).isoformat(timespec="seconds"))


def _drop_extracted(conn: sqlite3.Connection, article_id: int) -> None:
    """Delete extracted results/tallies that cite this article, with all their provenance rows."""
    for table in ("results", "tallies"):
        ids = [r[0] for r in conn.execute(
            f"SELECT DISTINCT p.row_id FROM provenance p JOIN {table} t ON t.id = p.row_id "
            f"WHERE p.row_table = ? AND p.article_id = ? AND t.origin = 'extracted'", (table, article_id))]
        conn.executemany("DELETE FROM provenance WHERE row_table = ? AND row_id = ?", [(table, i) for i in ids])
        conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])


def _find_quote(text: str, quote: str) -> tuple[int, int] | None:
    pos = text.find(quote)
    if pos >= 0:
        return pos, pos + len(quote)
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(map(re.escape, words)), text)  # the same words, spaced differently
    return (m.start(), m.end()) if m else None


def _repoint_provenance(conn: sqlite3.Connection, article_id: int, article: PreparedArticle) -> list[str]:
    """Point the article's remaining (curated) provenance rows at the passage now holding their quote."""
    warnings = []
    passages = conn.execute('SELECT id, start, "end" FROM passages WHERE article_id = ? ORDER BY ord',
                            (article_id,)).fetchall()
    rows = conn.execute("SELECT id, row_table, row_id, quote FROM provenance WHERE article_id = ?",
                        (article_id,)).fetchall()
    for prov_id, row_table, row_id, quote in rows:
        if not quote:
            continue
        found = _find_quote(article.text, quote)
        if found is None:
            msg = (f"{article.raw.source}: the quote of provenance {prov_id} ({row_table} {row_id}) is no longer "
                   f"in the article; re-check that row: {quote[:80]!r}")
            log.warning(msg)
            warnings.append(msg)
            conn.execute("UPDATE provenance SET passage_id = NULL WHERE id = ?", (prov_id,))
            continue
        start, end = found
        inside = [pid for pid, s, e in passages if s <= start and end <= e]
        touching = [pid for pid, s, e in passages if s <= start < e]
        passage_id = (inside or touching or [None])[0]
        conn.execute("UPDATE provenance SET passage_id = ?, quote = ? WHERE id = ?",
                     (passage_id, article.text[start:end], prov_id))
    return warnings


def _next_passage_id(conn: sqlite3.Connection, n: int) -> int:
    """The first of `n` passage ids never used before. SQLite reuses the highest rowid after a delete;
    a replaced article's new passages must not take its old passages' ids, which the index may still hold."""
    last = conn.execute(
        "SELECT max(COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'passages_last_id'), 0), "
        "COALESCE((SELECT max(id) FROM passages), 0))"
    ).fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('passages_last_id', ?)", (str(last + n),))
    return last + 1


def _write(db: sqlite_utils.Database, hook_db: sqlite_utils.Database, article: PreparedArticle, source: str,
           key: str, existing_id: int | None, on_article: OnArticle | None,
           seats: PassageSeats | None = None) -> list[str]:
    conn = db.conn
    warnings: list[str] = []
    with conn:
        values = _article_values(article, source, key)
        if existing_id is None:
            cur = conn.execute(f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
                               f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})", values)
            article_id = int(cur.lastrowid)
        else:
            article_id = existing_id
            _drop_extracted(conn, article_id)
            conn.execute("DELETE FROM passages WHERE article_id = ?", (article_id,))
            # UPDATE, not delete+insert: the row id stays, so curated provenance rows keep pointing here.
            conn.execute(f"UPDATE articles SET {', '.join(c + ' = ?' for c in _ARTICLE_COLUMNS)} WHERE id = ?",
                         (*values, article_id))
        first_id = _next_passage_id(conn, len(article.passages))
        conn.executemany(
            'INSERT INTO passages (id, article_id, ord, text, language, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(first_id + p.ord, article_id, p.ord, article.text[p.start:p.end], p.language, p.start, p.end)
             for p in article.passages],
        )
        if existing_id is not None:
            warnings = _repoint_provenance(conn, article_id, article)
        if on_article is not None:
            on_article(hook_db, article_id)
        # the seats its passages name, in the same transaction (a seat the extraction just added too)
        (seats or PassageSeats()).record(conn, article_id)
    return warnings


# ---------------------------------------------------------------- the batch


def ingest_paths(
    db: sqlite_utils.Database,
    paths: list[Path],
    settings: IngestSettings,
    on_article: OnArticle | None = None,
    data_dir: Path | None = None,
) -> IngestReport:
    """Ingest every article in `paths` (files or folders); see the module docstring. `data_dir`
    is the configured data folder (its transliteration table and seat qualifiers; the bundled
    one by default)."""
    report = IngestReport()
    seats = PassageSeats(data_dir)
    seats.sync(db)      # the passages already stored know every seat before more are written
    hook_db = sqlite_utils.Database(_CallerTransaction(db.conn), recursive_triggers=False, execute_plugins=False)
    seen: dict[tuple[str, str], str] = {}  # (file, article key) -> where it was read in this batch
    for item in iter_files_under(paths):
        if isinstance(item, Failure):
            report.failed.append(item)
            continue
        path, root = item
        for raw in read_articles(path, settings):
            if isinstance(raw, Failure):
                report.failed.append(raw)
                continue
            where = f"{raw.path}:{raw.line}" if raw.line is not None else raw.path
            key = article_key(raw, root)
            ident = (os.path.realpath(raw.path), key)
            if ident in seen:
                report.failed.append(Failure(raw.path, raw.line, f"source name {raw.source!r} already read from "
                                             f"{seen[ident]} in this batch; give it a unique id"))
                continue
            seen[ident] = where
            _ingest_one(db, hook_db, raw, key, settings, on_article, report, seats)
    seats.sync(db)      # seats the extraction added, compared with the passages written before them
    log.info("%s", report.summary())
    return report


def _same_file(a: str | None, b: str) -> bool:
    return a is not None and (a == b or os.path.realpath(a) == os.path.realpath(b))


def _citable_name(db: sqlite_utils.Database, raw: RawArticle, key: str) -> str:
    """The file name (or row id); with the folder added where another article already has it."""
    def free(name: str) -> bool:
        return db.execute("SELECT 1 FROM articles WHERE source = ?", [name]).fetchone() is None

    if free(raw.source):
        return raw.source
    folder = Path(raw.path).parent.name
    options = [f"{folder}/{raw.source}" if folder else raw.source, key if "/" in key else ""]
    for name in filter(None, options):
        if free(name):
            return name
    n = 2
    while not free(f"{options[0]} ({n})"):
        n += 1
    return f"{options[0]} ({n})"


def _ingest_one(db: sqlite_utils.Database, hook_db: sqlite_utils.Database, raw: RawArticle, key: str,
                settings: IngestSettings, on_article: OnArticle | None, report: IngestReport,
                seats: PassageSeats | None = None) -> None:
    prepared = prepare_article(raw, settings)
    if isinstance(prepared, Failure):
        report.failed.append(prepared)
        return
    # the same key: this file again, or one at the same place under another folder; rows stored
    # before keys existed (key NULL) are found by their name
    rows = db.execute("SELECT id, content_hash, path, key, source FROM articles WHERE key = ? "
                      "OR (key IS NULL AND source = ?)", [key, raw.source]).fetchall()
    same = next((r for r in rows if r[1] == prepared.content_hash), None)
    if same is not None:
        if same[3] is None:
            with db.conn:
                db.execute("UPDATE articles SET key = ? WHERE id = ?", [key, same[0]])
        report.unchanged += 1
        return
    row = next((r for r in rows if _same_file(r[2], raw.path)), None)   # the file changed: replace it
    source = row[4] if row is not None else _citable_name(db, raw, key)
    if row is None and source != raw.source:
        log.info("%s: another article is already cited as %s; this one is cited as %s", raw.path, raw.source,
                 source)
    article = with_passages(prepared, settings)
    try:
        warnings = _write(db, hook_db, article, source, key, row[0] if row else None, on_article, seats)
    except Exception as exc:  # one article's failure must not stop the batch; KeyboardInterrupt does
        what = "result extraction" if on_article is not None and not isinstance(exc, sqlite3.Error) else "writing"
        kept = "the stored version is kept" if row else "nothing was stored"
        report.failed.append(Failure(raw.path, raw.line, f"{what} failed ({type(exc).__name__}: {exc}); {kept}"))
        log.debug("article %s failed", raw.source, exc_info=True)
        return
    report.warnings.extend(warnings)
    report.passages += len(article.passages)
    if row is None:
        report.added += 1
    else:
        report.replaced += 1
