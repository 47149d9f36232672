"""The home folder: all state lives there. A missing or empty home is filled from data/."""
from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlite_utils

from store.passage_seats import PassageSeats
from store.schema import open_store
from store.settings import StoreConfig

log = logging.getLogger(__name__)


def ensure_home(config: StoreConfig) -> sqlite_utils.Database:
    """Open the home's store; on first use load the bundled gazetteer, articles and results."""
    db = open_store(config.store_path)
    done = db.execute("SELECT value FROM meta WHERE key = 'bootstrapped'").fetchone()
    if done is None:
        bootstrap(db, config)
    # which seats the passages name, for seats added or renamed since (an existing home's first time: all)
    PassageSeats(config.data).sync(db)
    return db


def bootstrap(db: sqlite_utils.Database, config: StoreConfig) -> None:
    from store.curated import load_curated
    from store.extract import extract_article, load_lexicon
    from store.gazetteer import load_gazetteer
    from store.ingest import ingest_paths

    log.info("building the store in %s from %s", config.home, config.data)
    load_gazetteer(db, config.data / "gazetteer")
    report = ingest_paths(db, [config.data / "articles"], config.ingest, data_dir=config.data)
    if report.failed:
        raise RuntimeError("bundled articles failed to ingest: " + "; ".join(map(str, report.failed)))
    if (config.data / "results").is_dir():
        load_curated(db, config.data / "results")
    else:   # a data folder without curated results: answers come from the articles alone
        log.info("no curated results in %s", config.data / "results")
    # the articles are read for results once the curated elections exist, so an undated article's
    # rows join the curated election of that seat and year instead of a year-only one beside it
    lexicon = load_lexicon(config.data / "patterns")
    with db.conn:
        for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id").fetchall():
            extract_article(db, article_id, lexicon=lexicon)
    with db.conn:
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('bootstrapped', ?)",
            [datetime.now(UTC).isoformat(timespec="seconds")],
        )
