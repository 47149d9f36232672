"""bot/handlers/seats.py, the votes answer: whose votes a question asks for when it names the
winner and asks about the one behind them ("who came second after X, and with how many votes?")."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.lookup import Standing
from store.records import Result, Source


def row(rid: int, candidate: str, party: str, votes: int | None, position: int, status: str, origin: str) -> Result:
    return Result(id=rid, election_key="2024-mh-assembly", election_name="2024 Maharashtra assembly election",
                  election_kind="general", year=2024, constituency_id=1, constituency="Kopri-Pachpakhadi", constituency_hi=None,
                  state="Maharashtra", house="assembly", candidate=candidate, candidate_hi=None, party=party,
                  votes=votes, votes_qualifier="", position=position, status=status,
                  margin=120717 if status == "won" else None, margin_qualifier="", rounds_counted=None,
                  as_of="2024-11-23", origin=origin, confidence=1.0,
                  sources=(Source(source="ac_maharashtra_2024.csv", line=rid),))


# The winner twice: an article's row naming only the party (the top standing, as `standings` puts
# it first) and the results file's row with the name and votes (a separate standing, not `top`).
ARTICLE_TOP = Standing(best=(r := row(1, "", "Shiv Sena", None, 1, "won", "extracted")), rows=(r,))
WINNER = Standing(best=(r := row(2, "Eknath Shinde", "SHS", 159060, 1, "won", "imported")), rows=(r,))
SECOND = Standing(best=(r := row(3, "Kedar Dighe", "SS(UBT)", 38343, 2, "lost", "imported")), rows=(r,))
THIRD = Standing(best=(r := row(4, "Sushant Suryarao", "INC", 12107, 3, "lost", "imported")), rows=(r,))
ST = [ARTICLE_TOP, WINNER, SECOND, THIRD]


@pytest.mark.parametrize("text, named, votes", [
    # the winner named, the one behind them asked for: the runner-up's votes
    ("Who finished second behind Eknath Shinde in Kopri-Pachpakhadi, and how many votes did they poll?",
     "Eknath Shinde", "38,343"),
    ("Eknath Shinde se peeche second position kiski rahi kopri-pachpakhadi mein, vote kitne mile?",
     "Eknath Shinde", "38,343"),
    # the runner-up named: their own votes
    ("How many votes did the runner-up Kedar Dighe get in Kopri-Pachpakhadi?", "Kedar Dighe", "38,343"),
    # the winner named, no runner-up asked: the winner's votes (from the results file's row)
    ("How many votes did Eknath Shinde get in Kopri-Pachpakhadi?", "Eknath Shinde", "1,59,060"),
    ("How many votes did Sushant Suryarao get in Kopri-Pachpakhadi?", "Sushant Suryarao", "12,107"),
])
def test_votes_of_whom_the_question_asks_about(seed_engine, text, named, votes):
    q = replace(seed_engine.question(text), intent="votes", candidates=(named,))
    answerer = seed_engine.answerer
    T = answerer.templates[q.lang]
    reply = answerer._votes(q, ST, ARTICLE_TOP, T, {"seat": "Kopri-Pachpakhadi", "election": "2024"}, None)
    assert reply.status == "answered", reply.text
    assert votes in reply.text, reply.text
    others = {"38,343", "1,59,060", "12,107"} - {votes}
    assert not any(o in reply.text for o in others), reply.text


def test_the_winner_named_as_the_one_ahead_is_never_given_as_second(seed_engine):
    q = replace(seed_engine.question("Who came second after Eknath Shinde in Kopri-Pachpakhadi, with how many votes?"),
                intent="votes", candidates=("Eknath Shinde",))
    assert q.cue("role_loser")
    answerer = seed_engine.answerer
    reply = answerer._votes(q, ST, ARTICLE_TOP, answerer.templates["en"], {"seat": "Kopri-Pachpakhadi", "election": "2024"}, None)
    assert "Kedar Dighe" in reply.text and "Eknath" not in reply.text, reply.text
    assert [f["id"] for f in reply.facts] == [3]                 # the runner-up's results-file row, cited


@pytest.mark.parametrize("lang, text", [("en", "Who were the candidates in Kopri-Pachpakhadi?"),
                                        ("hi-Latn", "kopri-pachpakhadi mein kaun kaun ummeedwar the?")])
def test_a_candidate_whose_party_no_source_names_is_listed_without_one(seed_engine, lang, text):
    # an article's "Kedar Dighe lost" names no party: no "?" where the party would stand
    no_party = Standing(best=(r := replace(row(5, "Kedar Dighe", "", None, 2, "lost", "extracted"), party=None)), rows=(r,))
    q = replace(seed_engine.question(text), intent="candidate", lang=lang, parties=(), candidates=())
    answerer = seed_engine.answerer
    reply = answerer._candidate(q, [WINNER, no_party], answerer.templates[lang],
                                {"seat": "Kopri-Pachpakhadi", "election": "2024"})
    assert "Kedar Dighe" in reply.text and "?" not in reply.text, reply.text
