"""FTS5 search: Hindi tokenisation, stopwords, and hostile user text."""
from __future__ import annotations

import sqlite3

import pytest

from index import lexical
from store.schema import open_store

REPO_STOPWORDS = lexical.Stopwords.load(
    __import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "templates" / "stopwords.toml"
)

DOCS = {
    2: "जाति के आधार पर वोट पड़े",
    4: "नूरपुर में सपा उम्मीदवार नईमुल हसन जीता",
    6: "Naeemul Hasan of the SP won the Noorpur bypoll",
    8: "The BJP won Tharali; text: AND NOT (this) -that * NEAR",
}


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "store.db")
    lexical.ensure_fts(db)
    lexical.apply_fts(db, [], [(k, t, str(k)) for k, t in DOCS.items()])
    return db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("नूरपुर सीट पर कौन जीता?", ["नूरपुर", "सीट", "पर", "कौन", "जीता"]),
        ("Who won NOORPUR seat?", ["who", "won", "noorpur", "seat"]),
        ("margin: 5,678 votes", ["margin", "5", "678", "votes"]),
        ('"quoted" (paren) -minus *star', ["quoted", "paren", "minus", "star"]),
    ],
)
def test_tokens_keep_devanagari_vowel_signs_whole(text, expected):
    assert lexical.tokens(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Who won NOORPUR seat?", "plain ascii 123 -_~", "", "Straße", "ﬁnal ǅ", "नूरपुर", "ड़", "ड\u093c", "Café", "Cafe\u0301"],
)
def test_normalise_is_nfc_casefold_with_or_without_the_ascii_shortcut(text):
    import unicodedata

    assert lexical.normalise(text) == unicodedata.normalize("NFC", text).casefold()


def test_default_tokenizer_splits_hindi_and_ours_does_not(tmp_path):
    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute("CREATE VIRTUAL TABLE plain USING fts5(text)")
    conn.executemany("INSERT INTO plain (rowid, text) VALUES (?, ?)", list(DOCS.items()))
    plain = [r[0] for r in conn.execute("SELECT rowid FROM plain WHERE plain MATCH '\"जीता\"' ORDER BY bm25(plain)")]
    assert plain[0] == 2          # the default unicode61 finds जाति for जीता: the bug we avoid
    db = open_store(tmp_path / "store.db")
    lexical.ensure_fts(db)
    lexical.apply_fts(db, [], [(k, t, "h") for k, t in DOCS.items()])
    assert [k for k, _ in lexical.search(db, ["जीता"], 10)] == [4]


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("who won noorpur", ["won", "noorpur"]),
        ("noorpur seat par kaun jeeta?", ["noorpur", "seat", "jeeta"]),
        ("नूरपुर सीट पर कौन जीता?", ["नूरपुर", "सीट", "जीता"]),
        ("What was the winning margin in Kairana?", ["winning", "margin", "kairana"]),
    ],
)
def test_stopwords_are_dropped(question, terms):
    assert lexical.query_terms(question, REPO_STOPWORDS) == terms


HOSTILE = [
    'who won "noorpur',
    "NEAR(a b)",
    "a -b",
    "(",
    "text:foo",
    "*",
    "AND",
    "",
    "🗳️ 🎉",
    "noorpur " * 500,
    "x" * 4000,
    "OR OR NOT",
    '"" "',
    "hash:1 rowid:2",
    "noorpur^ {text}: NEAR/2",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises_or_becomes_syntax(db, text):
    terms = lexical.query_terms(text, REPO_STOPWORDS)
    query = lexical.fts_query(terms)
    # every term is a quoted string: no operators, column filters or prefixes survive
    for part in filter(None, query.split(" OR ")):
        assert part.startswith('"') and part.endswith('"')
    assert len(terms) <= lexical.MAX_QUERY_TOKENS
    hits = lexical.search(db, terms, 10)
    assert all(isinstance(k, int) for k, _ in hits)


@pytest.mark.parametrize(
    ("text", "expected_first"),
    [('who won "noorpur', 6), ("text:tharali", 8), ("AND", 8), ("NEAR(noorpur)", 6)],
)
def test_operator_words_are_searched_as_words(db, text, expected_first):
    hits = lexical.search(db, lexical.query_terms(text), 10)
    assert hits and hits[0][0] == expected_first


def test_apply_fts_removes_and_replaces(db):
    lexical.apply_fts(db, [6], [(6, "Tabassum Hasan won Kairana", "new")])
    assert lexical.fts_state(db)[6] == "new"
    assert [k for k, _ in lexical.search(db, ["kairana"], 5)] == [6]
    assert lexical.search(db, ["naeemul"], 5) == []


def test_search_within_restricts_to_keys(db):
    assert [k for k, _ in lexical.search_within(db, ["won"], [8])] == [8]
    assert lexical.search_within(db, ["won"], []) == []


def test_bad_stopword_file_names_the_file(tmp_path):
    bad = tmp_path / "stop.toml"
    bad.write_text("en = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stop.toml"):
        lexical.Stopwords.load(bad)


@pytest.mark.parametrize(
    ("terms", "max_df", "kept"),
    [
        # rows matched: noorpur 1, won 2, the 2; words are kept rarest first while the rows add up
        (["won", "noorpur"], 1, ["noorpur"]),
        (["won", "noorpur"], 2, ["noorpur"]),         # 1 + 2 rows > 2
        (["won", "noorpur"], 3, ["won", "noorpur"]),  # in the question's order
        (["won", "the", "xyzzy"], 1, []),             # every word too common (or absent): nothing to rank
        (["won", "noorpur"], 0, ["won", "noorpur"]),  # 0: no cut
    ],
)
def test_too_common_terms_are_left_out(db, terms, max_df, kept):
    assert lexical.selective(db, terms, max_df) == kept
    assert bool(lexical.search(db, kept, 10)) == bool(kept)


@pytest.mark.parametrize(
    ("term", "cap", "count"),
    [("won", 5, 2), ("won", 1, 2), ("noorpur", 5, 1), ("xyzzy", 5, 0), ('"won', 5, 2), ("", 5, 0)],
)
def test_doc_count_stops_past_the_cap(db, term, cap, count):
    # counts up to cap + 1 only: enough to tell "too common" without reading a whole doclist;
    # a stray quote is escaped (the word is still "won"), never FTS5 syntax
    assert lexical.doc_count(db, term, cap) == count
