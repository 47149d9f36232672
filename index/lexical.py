"""FTS5 full-text search over passages and result sentences, and safe queries from user text.

One FTS5 table, `search_fts`, in the store: rowid = the index key (passage p -> 2p, result
sentence s -> 2s+1, as in index/vectors.py), `hash` = the indexed text's hash, so sync can
tell what is stale. It is a derived index: index/sync.py creates and fills it; `reindex`
rebuilds it.

The tokenizer keeps letters, numbers, private-use and *marks* together: the default unicode61
splits Devanagari words at their vowel signs (matras), so जीता would become ज + त and match
जाति. User text never reaches FTS5 syntax: we tokenise it ourselves with the same character
classes, drop stopwords, and quote every token as a string ("tok") joined with OR.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from store.datafiles import read_toml

FTS_TABLE = "search_fts"
TOKENIZE = "unicode61 categories 'L* N* Co M*'"
MAX_QUERY_TOKENS = 32           # a 4,000-character paste must not become a 600-term query


@dataclass(frozen=True)
class Stopwords:
    words: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Stopwords:
        """Read the en / hi / hi_latn lists from a TOML file (data/templates/stopwords.toml)."""
        raw = read_toml(path)
        words: set[str] = set()
        for lang, items in raw.items():
            if not isinstance(items, list) or not all(isinstance(w, str) for w in items):
                raise ValueError(f"{path}: [{lang}] must be a list of strings")
            words.update(normalise(w) for w in items)
        return cls(frozenset(words))


EMPTY_STOPWORDS = Stopwords(frozenset())


def normalise(text: str) -> str:
    """NFC, case-folded. ASCII text is already NFC and its casefold is its lower(): that skips the
    NFC pass, which is most of the cost (~10 us for a 300-character passage)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).casefold()


def _token_char(ch: str) -> bool:
    # the same classes as the FTS5 tokenizer: letters, numbers, marks, private use
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or cat == "Co"


def tokens(text: str) -> list[str]:
    """Split text into search tokens the way the FTS5 table's tokenizer does (lower-cased)."""
    out: list[str] = []
    current: list[str] = []
    for ch in normalise(text):
        if _token_char(ch):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def query_terms(text: str, stopwords: Stopwords = EMPTY_STOPWORDS, extra: Iterable[str] = ()) -> list[str]:
    """The distinct content tokens of a question (stopwords dropped), then those of `extra`."""
    seen: dict[str, None] = {}
    for tok in tokens(text):
        if tok not in stopwords.words:
            seen.setdefault(tok, None)
    for phrase in extra:
        for tok in tokens(phrase):
            if tok not in stopwords.words:
                seen.setdefault(tok, None)
    return list(seen)[:MAX_QUERY_TOKENS]


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: each term a quoted string, joined with OR ('' when none)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms if t)


VOCAB_TABLE = "search_fts_vocab"    # made by an earlier version; dropped with the FTS table


def ensure_fts(db: sqlite_utils.Database) -> None:
    with db.conn:
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, hash UNINDEXED, tokenize=\"{TOKENIZE}\")"
        )


def drop_fts(db: sqlite_utils.Database) -> None:
    with db.conn:
        db.execute(f"DROP TABLE IF EXISTS {VOCAB_TABLE}")
        db.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def fts_state(db: sqlite_utils.Database) -> dict[int, str]:
    """key -> text hash of what the FTS table holds."""
    return {int(k): h for k, h in db.execute(f"SELECT rowid, hash FROM {FTS_TABLE}").fetchall()}


def apply_fts(db: sqlite_utils.Database, remove: Iterable[int], add: Iterable[tuple[int, str, str]]) -> None:
    """Remove keys and add (key, text, hash) rows, in one transaction."""
    with db.conn:
        db.conn.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [(int(k),) for k in remove])
        db.conn.executemany(f"INSERT INTO {FTS_TABLE} (rowid, text, hash) VALUES (?, ?, ?)", list(add))


def doc_count(db: sqlite_utils.Database, term: str, cap: int) -> int:
    """Rows holding `term`, counted up to cap + 1 (enough to tell "too common"): FTS5 reads
    doclists in rowid order and stops at the LIMIT, so this costs at most cap rows, where the
    fts5vocab table would read the whole doclist (~15 ms for a word in 400,000 rows)."""
    query = fts_query([term])
    if not query:
        return 0
    return int(db.execute(
        f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)",
        [query, int(cap) + 1],
    ).fetchone()[0])


def selective(db: sqlite_utils.Database, terms: Sequence[str], max_df: int) -> list[str]:
    """The terms worth ranking, in their order: rarest first while the rows they match add up to
    at most `max_df` (0: all terms). bm25 costs time in every row its terms match (it reads each
    term's whole doclist for its idf, then scores each row), so this bounds a query's cost; a
    word in thousands of rows tells the ranking almost nothing. When even the rarest word is in
    more than `max_df` rows, nothing is kept: full-text search has no cheap signal to give and
    the dense side (and the seat candidates) carry the query."""
    if max_df <= 0 or not terms:
        return list(terms)
    df = {t: doc_count(db, t, max_df) for t in dict.fromkeys(terms)}
    kept: set[str] = set()
    total = 0
    for term in sorted(df, key=lambda t: df[t]):
        if df[term] == 0:
            continue                    # matches nothing: harmless, costs nothing
        if total + df[term] > max_df:
            break
        total += df[term]
        kept.add(term)
    return [t for t in terms if t in kept]


def search(db: sqlite_utils.Database, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """(key, bm25) best first; bm25 is negative, lower is better. No terms -> no hits.
    Each term costs time in every row it matches: pass terms cut by `selective`."""
    match = fts_query(terms)
    if not match or limit <= 0:
        return []
    rows = db.execute(
        f"SELECT rowid, bm25({FTS_TABLE}) AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
        f"ORDER BY score LIMIT ?",
        [match, int(limit)],
    ).fetchall()
    return [(int(k), float(s)) for k, s in rows]


def passages_naming(db: sqlite_utils.Database, groups: Sequence[Sequence[str]], limit: int) -> list[tuple[int, float]]:
    """(key, bm25) of passages (even keys) naming one phrase of every group, best first: e.g. a
    seat (any of its names) and one of its candidates. Each phrase is tokenised as the table is
    and quoted, so names never reach FTS5 syntax. A group with no phrase -> no hits."""
    ors = []
    for group in groups:
        phrases = list(dict.fromkeys(" ".join(tokens(p)) for p in group))
        ors.append(" OR ".join('"' + p.replace('"', '""') + '"' for p in phrases if p))
    if not ors or not all(ors) or limit <= 0:
        return []
    rows = db.execute(
        f"SELECT rowid, bm25({FTS_TABLE}) AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND rowid % 2 = 0 "
        f"ORDER BY score LIMIT ?",
        [" AND ".join(f"({o})" for o in ors), int(limit)],
    ).fetchall()
    return [(int(k), float(s)) for k, s in rows]


def search_within(db: sqlite_utils.Database, terms: Sequence[str], keys: Sequence[int]) -> list[tuple[int, float]]:
    """Like search, restricted to `keys`, best first. FTS5 matches first and filters rowids
    after (`+rowid` keeps SQLite from re-running the MATCH once per listed rowid), so a common
    term costs as much as in `search`: pass terms cut by `selective`."""
    match = fts_query(terms)
    if not match or not keys:
        return []
    out: list[tuple[int, float]] = []
    for i in range(0, len(keys), 500):
        chunk = [int(k) for k in keys[i : i + 500]]
        marks = ",".join("?" * len(chunk))
        out += db.execute(
            f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND +rowid IN ({marks})",
            [match, *chunk],
        ).fetchall()
    return sorted(((int(k), float(s)) for k, s in out), key=lambda ks: ks[1])
