"""Each chat's own state in the store: its language and pictures choices (chat_prefs) and the seats
it follows (follows). Plain functions over a connection; the engine's ChatViews (bot/views.py)
calls them over its store, one write at a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

CHAT_LANGS = ("en", "hi", "auto")
PICTURE_CHOICES = ("on", "off", "auto")
CHAT_PREFS = {"lang": CHAT_LANGS, "pictures": PICTURE_CHOICES}   # chat_prefs columns a chat sets itself


@dataclass(frozen=True)
class Follow:
    chat_id: int
    constituency_id: int
    message_id: int | None
    fingerprint: str | None
    lang: str = "en"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _column(column: str) -> str:
    if column not in CHAT_PREFS:
        raise ValueError(f"unknown chat preference {column!r}: one of {tuple(CHAT_PREFS)}")
    return column


def get_chat_pref(db: sqlite_utils.Database, chat_id: int, column: str) -> str:
    """A chat's choice for `column` (one of CHAT_PREFS); "auto" until it makes one."""
    row = db.execute(f"SELECT {_column(column)} FROM chat_prefs WHERE chat_id = ?", [chat_id]).fetchone()
    return row[0] if row else "auto"


def set_chat_pref(db: sqlite_utils.Database, chat_id: int, column: str, value: str) -> None:
    allowed = CHAT_PREFS[_column(column)]
    if value not in allowed:
        raise ValueError(f"{column} must be one of {allowed}, got {value!r}")
    with db.conn:
        db.execute(
            f"INSERT INTO chat_prefs (chat_id, {column}, updated_at) VALUES (?, ?, ?) "
            f"ON CONFLICT(chat_id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at",
            [chat_id, value, _now()],
        )


def add_follow(db: sqlite_utils.Database, chat_id: int, constituency_id: int,
               message_id: int | None = None, fingerprint: str | None = None, lang: str = "en") -> bool:
    """Start following; False when the chat already follows the seat (nothing changes then)."""
    with db.conn:
        cur = db.execute(
            "INSERT OR IGNORE INTO follows (chat_id, constituency_id, message_id, fingerprint, lang, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [chat_id, constituency_id, message_id, fingerprint, lang, _now()],
        )
    return cur.rowcount == 1


def remove_follow(db: sqlite_utils.Database, chat_id: int, constituency_id: int) -> bool:
    with db.conn:
        cur = db.execute("DELETE FROM follows WHERE chat_id = ? AND constituency_id = ?", [chat_id, constituency_id])
    return cur.rowcount == 1


def update_follow(db: sqlite_utils.Database, chat_id: int, constituency_id: int,
                  message_id: int | None, fingerprint: str) -> None:
    with db.conn:
        db.execute(
            "UPDATE follows SET message_id = ?, fingerprint = ? WHERE chat_id = ? AND constituency_id = ?",
            [message_id, fingerprint, chat_id, constituency_id],
        )


def list_follows(db: sqlite_utils.Database, chat_id: int | None = None) -> list[Follow]:
    sql = "SELECT chat_id, constituency_id, message_id, fingerprint, lang FROM follows"
    params: list[Any] = []
    if chat_id is not None:
        sql += " WHERE chat_id = ?"
        params.append(chat_id)
    return [Follow(*row) for row in db.execute(sql + " ORDER BY chat_id, constituency_id", params).fetchall()]
