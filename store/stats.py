"""What the store holds: counts per table, languages, elections covered."""
from __future__ import annotations

import sqlite_utils


def _user_tables(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    # FTS5 keeps its data in shadow tables named <table>_data, _idx, ...: count the table, not those.
    return [name for name, _ in rows if not any(name.startswith(v + "_") for v in virtual)]


def store_stats(db: sqlite_utils.Database) -> dict:
    """Counts per table, article and passage languages, and the elections with their contests and results."""
    tables = {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in _user_tables(db)}
    stats: dict = {"tables": tables}
    if "articles" in tables:
        stats["article_languages"] = dict(db.execute(
            "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
    if "passages" in tables:
        stats["passage_languages"] = dict(db.execute(
            "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM passages GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
    if {"elections", "contests", "results"} <= tables.keys():
        rows = db.execute(
            """
            SELECT e.key, e.name_en, e.year, e.kind, e.house, e.state,
                   (SELECT COUNT(*) FROM contests c WHERE c.election_id = e.id),
                   (SELECT COUNT(*) FROM results r JOIN contests c ON c.id = r.contest_id WHERE c.election_id = e.id),
                   (SELECT COUNT(*) FROM results r JOIN contests c ON c.id = r.contest_id
                     WHERE c.election_id = e.id AND r.origin = 'extracted')
            FROM elections e ORDER BY e.year, e.key
            """
        ).fetchall()
        stats["elections"] = [
            {"key": k, "name": name, "year": year, "kind": kind, "house": house, "state": state,
             "contests": contests, "results": results, "extracted_results": extracted}
            for k, name, year, kind, house, state, contests, results, extracted in rows
        ]
    return stats
