"""Routing (bot/handlers/__init__.py): every intent of data/lexicon/intents.toml has its handler in
the table, and questions reach the handler named for what they ask."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot import handlers
from store.datafiles import read_toml

REPO = Path(__file__).resolve().parent.parent


def test_every_intent_has_a_handler():
    order = read_toml(REPO / "data" / "lexicon" / "intents.toml")["order"]
    # help is answered before any routing; every other intent, and no intent, has its row
    assert set(order) - {"help"} <= set(handlers.HANDLERS)
    assert "" in handlers.HANDLERS


@pytest.mark.parametrize(("question", "handler"), [
    ("Who won the Gorakhpur bypoll?", "winner"),
    ("Gorakhpur ka margin kitna tha?", "seat_figure"),
    ("How many seats did the SP win in 2018?", "tally"),
    ("Why did the BJP lose Gorakhpur?", "why"),
    ("Phulpur 2018", "no_intent"),
])
def test_questions_reach_their_handler(seed_engine, monkeypatch, question, handler):
    called: list[str] = []

    def spy(handler):
        def run(*args):
            called.append(handler.__name__)
            return handler(*args)
        return run
    spied = {intent: spy(handler) for intent, handler in handlers.HANDLERS.items()}
    monkeypatch.setattr(handlers, "HANDLERS", spied)
    answer = seed_engine.answer(question, chat_id=f"route-{question}")
    assert called == [handler], (called, answer.text)
    assert answer.status in ("answered", "no_data")


def test_a_follow_up_takes_the_seat_of_the_chat(seed_engine):
    first = seed_engine.answer("Who won the Gorakhpur bypoll?", chat_id="route-follow")
    assert first.status == "answered"
    q = seed_engine.question("and the margin?")
    ctx = seed_engine.context_of("route-follow")
    seats = handlers.seats_of(seed_engine.answerer, q, ctx)
    assert seats.followup and seats.ids == ctx.seats and seats.asks_seat


def test_a_named_candidate_decides_which_seat_of_a_name(seed_engine):
    # Araria is a Lok Sabha and an assembly seat of Bihar: "By how many votes did Sarfaraz Alam win
    # Araria?" means the one he contested. Here: Gorakhpur (Lok Sabha) against Gorakhpur Urban, and
    # the 2018 bypoll's winner in the seed rows
    from dataclasses import replace

    db = seed_engine.db
    (ls,) = db.execute("SELECT id FROM constituencies WHERE name_en = 'Gorakhpur' AND house = 'lok_sabha'").fetchone()
    (urban,) = db.execute("SELECT id FROM constituencies WHERE name_en = 'Gorakhpur Urban'").fetchone()
    q = replace(seed_engine.question("By how many votes did Pravin Kumar Nishad win?"), ambiguous=((ls, urban),))
    assert q.candidates or q.names
    narrowed = handlers._narrow(seed_engine.answerer, q, None)
    assert narrowed.constituencies == (ls,) and not narrowed.ambiguous
    # a name no candidate of either seat has leaves the question to ask which
    q = replace(seed_engine.question("By how many votes did Ramesh Zzyzx win?"), ambiguous=((ls, urban),))
    assert handlers._narrow(seed_engine.answerer, q, None).ambiguous
