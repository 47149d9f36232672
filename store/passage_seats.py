"""Which seats each passage names, in any script: the table `passage_seats`, filled as passages are
written (in the article's transaction) and brought up to date when seats or their names change.

A question about a seat reads the reports that name it (a later count of its margin,
bot/later_count.py) from this table, so that what an answer reads does not depend on what a cache
happens to hold. A passage names a seat when one of the seat's names (English, Hindi, aliases) is
written in it word by word, each word compared by its sound keys (store/text.py: "Mahim" ~
"माहिम", a seat with no Hindi name reached through the transliteration) or, for longer words, by
its consonants ("Barhait" ~ "बरहेट"), a qualifying word by any of its spellings ("Jamshedpur East"
= "जमशेदपुर पूर्व", data/lexicon/seat_qualifiers.toml). The matching is as loose as the evidence
reader's (index/evidence.py `Reader.mentions`), which reads the passages found here again.

Invariant: every passage has been compared with every seat whose names `passage_seat_names`
records; `sync` compares the seats whose names are new or changed with every passage.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from store.datafiles import read_toml
from store.text import Transliterator, norm, strip_possessive, tokenize

SHORTEST_SKELETON = 4     # consonants a word needs to match by them alone (as the reader's seat names)


def bundled_data() -> Path:
    """The repository's data/ folder (for callers without a configuration)."""
    return Path(__file__).resolve().parents[1] / "data"


def _skeleton(key: str) -> str:
    return re.sub(r"[aeiouy]+", "", key)


@dataclass(frozen=True)
class _Name:
    seat: int
    words: tuple[frozenset[str], ...]     # each word's keys


class SeatNames:
    """The seats' names as key sequences, for finding them in passages."""

    def __init__(self, translit: Transliterator, qualifiers: dict[str, str]) -> None:
        self.translit = translit
        self.qualifiers = qualifiers           # a qualifying word's spelling (norm) -> its English word
        self._first: dict[str, list[_Name]] = {}
        self._word_keys: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, data_dir: Path | None = None) -> SeatNames:
        data_dir = Path(data_dir or bundled_data())
        translit = Transliterator.load(data_dir / "lexicon" / "translit.toml")
        path = data_dir / "lexicon" / "seat_qualifiers.toml"
        qualifiers = ({norm(s): word for word, spellings in read_toml(path).items() for s in [word, *spellings]}
                      if path.exists() else {})
        return cls(translit, qualifiers)

    def keys(self, word: str) -> frozenset[str]:
        """A word's keys: its sound keys, their consonants (long enough words), its qualifier class."""
        found = self._word_keys.get(word)
        if found is None:
            keys = set(self.translit.keys(word))
            keys |= {"~" + k[0] + sk for k in list(keys)
                     if k and k.isascii() and len(sk := _skeleton(k)) >= SHORTEST_SKELETON}
            if (q := self.qualifiers.get(norm(word))) is not None:
                keys.add("=" + q)
            found = frozenset(keys)
            if len(self._word_keys) < 500_000:      # a word list, not a cache of text: bounded by the language
                self._word_keys[word] = found
        return found

    def words(self, text: str) -> list[frozenset[str]]:
        low = unicodedata.normalize("NFC", text or "").casefold()
        return [self.keys(strip_possessive(t.text)) for t in tokenize(low)]

    def add(self, seat: int, names: Iterable[str]) -> None:
        for name in dict.fromkeys(n for n in names if n and n.strip()):
            words = tuple(self.words(name))
            if not words:
                continue
            entry = _Name(seat, words)
            for k in words[0]:
                self._first.setdefault(k, []).append(entry)

    def seats_in(self, text: str) -> set[int]:
        """The seats whose names the text writes."""
        words = self.words(text)
        found: set[int] = set()
        for i, keys in enumerate(words):
            for k in keys:
                for name in self._first.get(k, ()):
                    if name.seat in found or i + len(name.words) > len(words):
                        continue
                    if all(name.words[j] & words[i + j] for j in range(1, len(name.words))):
                        found.add(name.seat)
        return found


def seat_rows(db: sqlite_utils.Database) -> dict[int, tuple[str, ...]]:
    """Each seat's names: English, Hindi and aliases."""
    out = {}
    for cid, name_en, name_hi, aliases in db.execute("SELECT id, name_en, name_hi, aliases FROM constituencies"):
        try:
            extra = [a for a in json.loads(aliases or "[]") if isinstance(a, str)]
        except ValueError:
            extra = []
        out[cid] = tuple(n for n in (name_en, name_hi, *extra) if n)
    return out


def _names_key(names: tuple[str, ...]) -> str:
    return hashlib.sha1("\x1f".join(names).encode("utf-8")).hexdigest()[:16]


def _seats_signature(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT count(*), max(id), total(length(name_en) + length(coalesce(name_hi, '')) "
                     "+ length(aliases)) FROM constituencies").fetchone()
    return f"{row[0]}:{row[1]}:{int(row[2])}"


def _signature(db: sqlite_utils.Database) -> str:
    """The seats' and the recorded seats' signature: when it is as stored, `sync` has nothing to do."""
    recorded = db.execute("SELECT count(*) FROM passage_seat_names").fetchone()[0]
    return f"{_seats_signature(db)}:{recorded}"


class PassageSeats:
    """Records which seats passages name (`record`) and keeps the table in step with the seats (`sync`)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self._words: SeatNames | None = None
        self._matcher: tuple[tuple, SeatNames] | None = None    # (the seats' count and last id, their names)

    def _base(self) -> SeatNames:
        if self._words is None:
            self._words = SeatNames.load(self.data_dir)
        return self._words

    def _new(self) -> SeatNames:
        base = self._base()
        return SeatNames(base.translit, base.qualifiers)

    def matcher(self, db: sqlite_utils.Database) -> SeatNames:
        """Every seat's names (built again when seats are added: a seat renamed meanwhile is compared
        with every passage by the next `sync`, which ingest runs at the end of each batch)."""
        sig = db.execute("SELECT count(*), max(id) FROM constituencies").fetchone()
        if self._matcher is None or self._matcher[0] != sig:
            matcher = self._new()
            for cid, names in seat_rows(db).items():
                matcher.add(cid, names)
            self._matcher = (sig, matcher)
        return self._matcher[1]

    def record(self, conn: sqlite3.Connection, article_id: int) -> int:
        """Write the seats the article's passages name (inside the caller's transaction: executes,
        never commits). Returns the rows written."""
        matcher = self.matcher(conn)
        rows = [(pid, cid) for pid, text in conn.execute("SELECT id, text FROM passages WHERE article_id = ?",
                                                           [article_id]).fetchall()
                for cid in sorted(matcher.seats_in(text))]
        conn.execute("DELETE FROM passage_seats WHERE passage_id IN (SELECT id FROM passages WHERE article_id = ?)",
                     [article_id])
        conn.executemany("INSERT OR IGNORE INTO passage_seats (passage_id, constituency_id) VALUES (?, ?)", rows)
        return len(rows)

    def sync(self, db: sqlite_utils.Database) -> int:
        """Compare the seats that are new or whose names changed since the last sync with every
        passage (an existing home's first sync reads them all); one transaction. Returns the
        seats compared."""
        sig = _signature(db)
        stored = db.execute("SELECT value FROM meta WHERE key = 'passage_seats'").fetchone()
        if stored is not None and stored[0] == sig:
            return 0
        names = seat_rows(db)
        keys = dict(db.execute("SELECT constituency_id, names_key FROM passage_seat_names").fetchall())
        changed = {cid: n for cid, n in names.items() if keys.get(cid) != _names_key(n)}
        gone = [cid for cid in keys if cid not in names]
        with db.conn:
            if changed or gone:
                ids = [*changed, *gone]
                for i in range(0, len(ids), 500):
                    part = ids[i:i + 500]
                    marks = ",".join("?" * len(part))
                    db.execute(f"DELETE FROM passage_seats WHERE constituency_id IN ({marks})", part)
                    db.execute(f"DELETE FROM passage_seat_names WHERE constituency_id IN ({marks})", part)
                if changed:
                    matcher = self._new()
                    for cid, n in changed.items():
                        matcher.add(cid, n)
                    rows = []
                    for pid, text in db.execute("SELECT id, text FROM passages"):
                        rows += [(pid, cid) for cid in matcher.seats_in(text)]
                    db.conn.executemany("INSERT OR IGNORE INTO passage_seats (passage_id, constituency_id) "
                                        "VALUES (?, ?)", rows)
                    db.conn.executemany("INSERT INTO passage_seat_names (constituency_id, names_key) VALUES (?, ?)",
                                        [(cid, _names_key(n)) for cid, n in changed.items()])
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('passage_seats', ?)", [_signature(db)])
        return len(changed)


def passages_naming(db: sqlite_utils.Database, seats: Iterable[int], limit: int = 200) -> list[int]:
    """Ids of the passages naming any of the seats, the newest articles first (then the latest written)."""
    seats = list(dict.fromkeys(seats))
    if not seats:
        return []
    marks = ",".join("?" * len(seats))
    return [pid for (pid,) in db.execute(
        f"""SELECT ps.passage_id FROM passage_seats ps JOIN passages p ON p.id = ps.passage_id
            JOIN articles a ON a.id = p.article_id WHERE ps.constituency_id IN ({marks})
            GROUP BY ps.passage_id ORDER BY coalesce(max(a.published), '') DESC, ps.passage_id DESC LIMIT ?""",
        [*seats, limit])]
