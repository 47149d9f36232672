"""bot/cards.py over a real SQLite store holding a small, real-looking bypoll."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from bot import cards, chats
from bot.render import render_html
from bot.settings import AnswerSettings
from bot.views import ChatViews
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent
ARTICLE = ("Rashtriya Lok Dal candidate Tabassum Hasan won the Kairana Lok Sabha seat, defeating BJP's "
           "Mriganka Singh by 44,618 votes. In Noorpur, SP's Naim-ul-Hasan defeated BJP's Avani Singh.")


def seed(db) -> dict[str, int]:
    """Two seats of the May 2018 bypolls (numbers as reported), one article, provenance."""
    with db.conn:
        db.execute("INSERT INTO parties (abbr, name_en, name_hi, abbr_hi) VALUES ('BJP', 'Bharatiya Janata Party', 'भारतीय जनता पार्टी', 'भाजपा')")
        db.execute("INSERT INTO parties (abbr, name_en) VALUES ('RLD', 'Rashtriya Lok Dal')")
        db.execute("INSERT INTO parties (abbr, name_en) VALUES ('SP', 'Samajwadi Party')")
        kairana = db.execute("INSERT INTO constituencies (name_en, name_hi, state, house) VALUES "
                             "('Kairana', 'कैराना', 'Uttar Pradesh', 'lok_sabha')").lastrowid
        noorpur = db.execute("INSERT INTO constituencies (name_en, name_hi, state, house) VALUES "
                             "('Noorpur', 'नूरपुर', 'Uttar Pradesh', 'assembly')").lastrowid
        empty = db.execute("INSERT INTO constituencies (name_en, state, house) VALUES "
                           "('Gorakhpur', 'Uttar Pradesh', 'lok_sabha')").lastrowid
        election = db.execute("INSERT INTO elections (key, name_en, name_hi, date, year, kind, house) VALUES "
                              "('2018-05-bypolls', 'May 2018 bypolls', 'मई 2018 उपचुनाव', '2018-05-31', 2018, 'bye', 'mixed')").lastrowid
        article = db.execute(
            "INSERT INTO articles (source, title, publisher, url, published, language, text, content_hash) VALUES "
            "('000_kairana.txt', 'Bypoll results 2018 <live>', 'Indian Express', 'https://example.org/a?x=1&y=2', "
            "'2018-06-01', 'en', ?, 'h1')", [ARTICLE]).lastrowid
        c1 = db.execute("INSERT INTO contests (election_id, constituency_id, reason, reason_detail) VALUES "
                        "(?, ?, 'death', 'death of BJP MP Hukum Singh')", [election, kairana]).lastrowid
        c2 = db.execute("INSERT INTO contests (election_id, constituency_id) VALUES (?, ?)", [election, noorpur]).lastrowid
        rows = [
            (c1, "Tabassum Hasan", "RLD", 481182, 1, "won", 44618, "2018-05-31"),
            (c1, "Mriganka Singh", "BJP", 436564, 2, "lost", None, "2018-05-31"),
            (c2, "Naim-ul-Hasan", "SP", None, 1, "leading", 5000, "2018-05-31"),
            (c2, "Avani Singh", "BJP", None, 2, "trailing", None, "2018-05-31"),
        ]
        ids = []
        for contest, cand, party, votes, pos, status, margin, as_of in rows:
            ids.append(db.execute(
                "INSERT INTO results (contest_id, candidate, party_id, party_raw, votes, position, status, margin, as_of) "
                "VALUES (?, ?, (SELECT id FROM parties WHERE abbr = ?), ?, ?, ?, ?, ?, ?)",
                [contest, cand, party, party, votes, pos, status, margin, as_of]).lastrowid)
        db.execute("INSERT INTO provenance (row_table, row_id, article_id, source, quote) VALUES "
                   "('results', ?, ?, '000_kairana.txt', ?)", [ids[0], article, ARTICLE[:96]])
    return {"kairana": kairana, "noorpur": noorpur, "empty": empty, "noorpur_contest": c2}


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "store.db")
    seats = seed(db)
    db.seats = seats  # type: ignore[attr-defined]
    yield db
    db.conn.close()


@pytest.fixture(scope="module")
def messages():
    return cards.load_messages(REPO / "data")


@pytest.mark.parametrize("n, style, expected", [
    (0, "indian", "0"), (999, "indian", "999"), (4618, "indian", "4,618"), (44618, "indian", "44,618"),
    (481182, "indian", "4,81,182"), (123456789, "indian", "12,34,56,789"), (481182, "western", "481,182"),
    (-44618, "indian", "-44,618"),
])
def test_group_digits(n, style, expected):
    assert cards.group_digits(n, style) == expected


def test_messages_have_both_languages(messages):
    assert set(messages["en"]) == set(messages["hi"])
    assert "/follow" in messages["hi"]["help"] and "/lang" in messages["en"]["help"]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Kairana (Lok Sabha, Uttar Pradesh)", "May 2018 bypolls, 2018-05-31", "death of BJP MP Hukum Singh",
            "1. Tabassum Hasan (RLD) — 4,81,182 votes — won", "2. Mriganka Singh (BJP) — 4,36,564 votes — lost",
            "Margin: 44,618", "As of: 2018-05-31"]),
    ("hi", ["कैराना (लोकसभा, Uttar Pradesh)", "मई 2018 उपचुनाव", "Mriganka Singh (भाजपा) — 4,36,564 वोट — हारे",
            "अंतर: 44,618"]),
])
def test_result_card_lists_every_candidate(db, messages, lang, expected):
    card = cards.result_card(db, db.seats["kairana"], messages, lang)
    assert card.status == "answered"
    for line in expected:
        assert line in card.text
    assert [c.source for c in card.citations] == ["000_kairana.txt"]
    assert card.citations[0].url == "https://example.org/a?x=1&y=2"
    assert card.citations[0].quote in ARTICLE


def test_leading_is_never_shown_as_won(db, messages):
    card = cards.result_card(db, db.seats["noorpur"], messages, "en")
    assert "Naim-ul-Hasan (SP) — leading" in card.text
    assert "won" not in card.text


def test_seat_without_results_says_so(db, messages):
    card = cards.result_card(db, db.seats["empty"], messages, "en")
    assert card.status == "no_data" and "Gorakhpur" in card.text


def test_final_row_beats_interim_and_changes_fingerprint(db):
    seat = db.seats["noorpur"]
    before = cards.seat_fingerprint(db, seat)
    assert cards.seat_fingerprint(db, seat) == before          # stable
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, votes, position, status, margin, as_of) "
                   "VALUES (?, 'Naim-ul-Hasan', 'SP', 94875, 1, 'won', 5662, '2018-05-31')", [db.seats["noorpur_contest"]])
    after = cards.seat_fingerprint(db, seat)
    assert after != before
    rows = cards.best_rows(db, db.seats["noorpur_contest"])
    assert (rows[0].candidate, rows[0].status, rows[0].votes) == ("Naim-ul-Hasan", "won", 94875)


def test_one_line_per_candidate_however_the_sources_spell_the_name(db, messages):
    with db.conn:   # an article's interim row, the name spelt another way, beside the curated final one
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, status, as_of, origin, review, confidence) "
                   "SELECT contest_id, 'Tabassum Hassan', party_raw, 'leading', '2018-05-31', 'extracted', 'pending', 0.6 "
                   "FROM results WHERE candidate = 'Tabassum Hasan'")
    card = cards.result_card(db, db.seats["kairana"], messages, "en")
    assert "1. Tabassum Hasan (RLD) — 4,81,182 votes — won" in card.text and "leading" not in card.text


def test_rejected_rows_do_not_count(db):
    seat = db.seats["kairana"]
    before = cards.seat_fingerprint(db, seat)
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, status, review, origin) "
                   "SELECT contest_id, 'Someone Else', 'IND', 'won', 'rejected', 'extracted' FROM results LIMIT 1")
    assert cards.seat_fingerprint(db, seat) == before


def test_sources_listing(db, messages):
    listing = cards.sources_listing(db, messages, "en")
    assert "May 2018 bypolls (2018-05-31) — 2 seats with results" in listing.text
    assert listing.citations[0].title == "Bypoll results 2018 <live>"
    html = render_html(listing)
    assert "&lt;live&gt;" in html and '<a href="https://example.org/a?x=1&amp;y=2">[1]</a>' in html


def test_sources_listing_of_an_empty_store(tmp_path, messages):
    db = open_store(tmp_path / "empty.db")
    assert cards.sources_listing(db, messages, "hi").status == "no_data"


def test_follows_see_a_changed_result(db):
    seat = db.seats["noorpur"]
    fp = cards.seat_fingerprint(db, seat)
    assert chats.add_follow(db, 42, seat, 1001, fp, "hi")
    assert cards.changed_follows(db, chats.list_follows(db)) == []
    with db.conn:
        db.execute("UPDATE results SET status = 'won' WHERE candidate = 'Naim-ul-Hasan'")
    (changed, new_fp), = cards.changed_follows(db, chats.list_follows(db))
    assert changed.chat_id == 42 and new_fp != fp
    chats.update_follow(db, 42, seat, 1001, new_fp)
    assert cards.changed_follows(db, chats.list_follows(db)) == []


def test_views_read_and_write_over_the_connection_they_are_given(db):
    """ChatViews (what Engine.views is) reads cards and writes chat state over its one connection,
    each call inside the guard it was given (the engine passes its reload gate)."""
    entered = []

    @contextlib.contextmanager
    def guard():
        entered.append(1)
        yield

    views = ChatViews(db, REPO / "data", AnswerSettings(), guard)
    card = views.card(db.seats["kairana"], "en")
    assert card == cards.result_card(db, db.seats["kairana"], views.messages, "en")
    assert "Tabassum Hasan (RLD)" in card.text and card.citations[0].source == "000_kairana.txt"
    assert views.sources("en").status == "answered" and views.seat(db.seats["noorpur"])["name_en"] == "Noorpur"
    fp = views.fingerprint(db.seats["noorpur"])
    assert views.add_follow(-1001, db.seats["noorpur"], None, fp, "en")
    views.set_chat_pref(-1001, "lang", "hi")
    assert chats.list_follows(db, -1001)[0].fingerprint == fp and chats.get_chat_pref(db, -1001, "lang") == "hi"
    with db.conn:
        db.execute("UPDATE results SET votes = 481190 WHERE candidate = 'Tabassum Hasan'")
    assert "4,81,190 votes" in views.card(db.seats["kairana"], "en").text       # nothing cached
    assert views.changed_follows() == []
    assert len(entered) == 8                                    # one guard per call


def test_a_card_lists_a_candidate_written_in_two_scripts_once(db):
    # a Hindi report's "तबस्सुम हसन" beside the English rows: the answers' one candidate, so the card's too
    contest = db.execute("SELECT contest_id FROM results WHERE candidate = 'Tabassum Hasan'").fetchone()[0]
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, status, origin, as_of) VALUES "
                   "(?, 'तबस्सुम हसन', 'won', 'extracted', '2018-05-31')", [contest])
    views = ChatViews(db, REPO / "data", AnswerSettings(), contextlib.nullcontext)
    card = views.card(db.seats["kairana"], "en")
    assert "तबस्सुम" not in card.text and card.text.count("Tabassum Hasan") == 1, card.text
