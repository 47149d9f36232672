"""bot/chats.py: each chat's language and pictures choices and its follows, in a real SQLite store."""
from __future__ import annotations

import pytest

from bot import chats
from store.schema import open_store


def test_chat_choices_persist_across_connections(tmp_path):
    path = tmp_path / "store.db"
    db = open_store(path)
    assert chats.get_chat_pref(db, -100123, "lang") == "auto"
    chats.set_chat_pref(db, -100123, "lang", "hi")
    chats.set_chat_pref(db, 42, "lang", "en")
    chats.set_chat_pref(db, 42, "lang", "auto")
    chats.set_chat_pref(db, -100123, "pictures", "off")          # the other choice leaves the language alone
    db.conn.close()
    again = open_store(path)
    assert chats.get_chat_pref(again, -100123, "lang") == "hi" and chats.get_chat_pref(again, 42, "lang") == "auto"
    assert chats.get_chat_pref(again, -100123, "pictures") == "off"
    assert chats.get_chat_pref(again, 42, "pictures") == "auto"


@pytest.mark.parametrize("column, value, message", [
    ("lang", "fr", "lang must be one of"),
    ("pictures", "maybe", "pictures must be one of"),
    ("chat_id; DROP TABLE follows", "en", "unknown chat preference"),
])
def test_a_bad_choice_is_refused_and_says_what_is_allowed(tmp_path, column, value, message):
    db = open_store(tmp_path / "store.db")
    with pytest.raises(ValueError, match=message):
        chats.set_chat_pref(db, 7, column, value)
    with pytest.raises(ValueError, match="unknown chat preference"):
        chats.get_chat_pref(db, 7, "updated_at")
    assert db.execute("SELECT COUNT(*) FROM chat_prefs").fetchone()[0] == 0


def test_follows_round_trip(tmp_path):
    db = open_store(tmp_path / "store.db")
    with db.conn:
        seat = db.execute("INSERT INTO constituencies (name_en, state, house) VALUES "
                          "('Noorpur', 'Uttar Pradesh', 'assembly')").lastrowid
    assert chats.add_follow(db, 42, seat, 1001, "fp1", "hi")
    assert not chats.add_follow(db, 42, seat, 1002, "fp2")          # already following: unchanged
    assert chats.list_follows(db, 42) == [chats.Follow(42, seat, 1001, "fp1", "hi")]
    chats.update_follow(db, 42, seat, 1003, "fp3")
    assert chats.list_follows(db) == [chats.Follow(42, seat, 1003, "fp3", "hi")]
    assert chats.remove_follow(db, 42, seat) and not chats.remove_follow(db, 42, seat)
    assert chats.list_follows(db) == []
