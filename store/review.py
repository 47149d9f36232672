"""Reviewing results extracted from articles: list them, accept or reject one.

`python -m bot extracted [--since YYYY-MM-DD] [--review pending]` lists; `--accept ID` / `--reject ID`
set the review state. A rejected row stays in the store (it is not re-created as new on the
next look) but answering ignores it; re-ingesting a changed article extracts afresh.
"""
from __future__ import annotations

import re

import sqlite_utils

STATES = ("accepted", "pending", "rejected")


def _fmt_number(value: int | None, qualifier: str) -> str:
    if value is None:
        return "-"
    words = {"over": "over ", "more_than": "more than ", "around": "around ", "nearly": "nearly ",
             "less_than": "less than "}
    return f"{words.get(qualifier, qualifier + ' ' if qualifier else '')}{value:,}"


def list_extracted(db: sqlite_utils.Database, since: str | None = None, review: str | None = None) -> list[str]:
    """Readable lines, one per extracted result (newest article first), each followed by its quotes."""
    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        raise ValueError(f"--since {since!r}: give a date as YYYY-MM-DD")
    if review is not None and review not in STATES:
        raise ValueError(f"--review {review!r}: use one of {', '.join(STATES)}")
    sql = (
        "SELECT r.id, e.key, c.name_en, c.state, c.needs_review, r.candidate, COALESCE(p.abbr, r.party_raw), "
        "r.status, r.margin, r.margin_qualifier, r.votes, r.votes_qualifier, r.rounds_counted, r.confidence, "
        "r.method, r.review, MAX(a.ingested_at) AS ingested "
        "FROM results r JOIN contests ct ON ct.id = r.contest_id JOIN elections e ON e.id = ct.election_id "
        "JOIN constituencies c ON c.id = ct.constituency_id LEFT JOIN parties p ON p.id = r.party_id "
        "LEFT JOIN provenance pv ON pv.row_table = 'results' AND pv.row_id = r.id "
        "LEFT JOIN articles a ON a.id = pv.article_id "
        "WHERE r.origin = 'extracted'"
    )
    params: list[object] = []
    if review:
        sql += " AND r.review = ?"
        params.append(review)
    sql += " GROUP BY r.id"
    if since:
        sql += " HAVING substr(ingested, 1, 10) >= ?"
        params.append(since)
    sql += " ORDER BY ingested DESC, r.id"
    lines: list[str] = []
    for (rid, key, seat, state, flagged, cand, party, status, margin, mq, votes, vq, rounds, conf, method,
         state_review, _ingested) in db.execute(sql, params).fetchall():
        where = f"{seat}{' (' + state + ')' if state else ''}{' [new seat, check]' if flagged else ''}"
        extra = f" votes {_fmt_number(votes, vq)}" if votes is not None else ""
        extra += f" after {rounds} rounds" if rounds else ""
        lines.append(f"#{rid} {key} {where}: {cand or '(unnamed)'} {party or '-'} {status} "
                     f"margin {_fmt_number(margin, mq)}{extra} | confidence {conf:.2f} {method} | {state_review}")
        for source, quote in db.execute(
            "SELECT source, quote FROM provenance WHERE row_table = 'results' AND row_id = ? ORDER BY id", [rid]
        ).fetchall():
            lines.append(f"    {source}: \"{quote}\"")
    return lines


def set_review(db: sqlite_utils.Database, result_id: int, state: str) -> None:
    """Set an extracted result's review state (accepted, pending or rejected)."""
    if state not in STATES:
        raise ValueError(f"review state {state!r} is not one of {', '.join(STATES)}")
    row = db.execute("SELECT origin FROM results WHERE id = ?", [result_id]).fetchone()
    if row is None:
        raise ValueError(f"no result with id {result_id}; list them with `python -m bot extracted`")
    if row[0] != "extracted":
        raise ValueError(f"result {result_id} is a {row[0]} row, not an extracted one; only extracted rows "
                         f"are reviewed (fix {row[0]} rows in their source file)")
    with db.conn:
        db.execute("UPDATE results SET review = ? WHERE id = ?", [state, result_id])
