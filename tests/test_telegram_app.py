"""The real python-telegram-bot Application against a fake Bot API server on 127.0.0.1."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import make_config
from fake_bot_api import TOKEN, FakeBotAPI

from bot.engine import Engine
from bot.render import render_html
from bot.telegram_logs import RedactSecrets
from bot.telegram_server import Running, run_bot
from bot.types import Answer
from store.importer import import_results_file
from store.schema import open_store

REPO = Path(__file__).resolve().parent.parent
WAIT = 15.0


class Spy:
    """The real Engine, recording the forced languages and failing on "boom" (for the error handler)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.views = engine.views          # cards, follows and chat choices: the engine's store
        self.langs: list[str | None] = []
        self.reloads = 0

    def ask(self, text: str, chat_id: Any, user_id: Any = None, lang: str | None = None,
            **kwargs: Any) -> tuple[Answer, tuple]:
        if "boom" in text:
            raise RuntimeError("engine failure for a test")
        self.langs.append(lang)
        return self.engine.ask(text, chat_id, user_id, lang, **kwargs)

    def question(self, text: str, lang: str | None = None):
        return self.engine.question(text, lang)

    def context_of(self, chat_id: Any, user_id: Any = None):
        return self.engine.context_of(chat_id, user_id)

    def find_seat(self, text: str) -> list[dict]:
        return self.engine.find_seat(text)

    def reload(self) -> None:
        self.reloads += 1
        self.engine.reload()


def real_engine(built_home: Path, tmp_path: Path, **env: str) -> tuple[Any, Spy]:
    home = tmp_path / "home"
    if not home.exists():
        shutil.copytree(built_home, home)
    config = cfg(tmp_path, **env)
    return config, Spy(Engine(config))


class BotRunner:
    """run_bot in a thread with its own event loop; the test talks to the fake server."""

    def __init__(self, config, engine, fake: FakeBotAPI, secret: str = "") -> None:
        self.config, self.engine, self.fake, self.secret = config, engine, fake, secret
        self.running: Running | None = None
        self.ready = threading.Event()
        self.error: BaseException | None = None

    def __enter__(self) -> BotRunner:
        self.thread = threading.Thread(target=self._main, daemon=True)
        self.thread.start()
        if not self.ready.wait(WAIT):
            raise RuntimeError(f"bot did not start: {self.error!r}")
        if self.error:
            raise self.error
        return self

    def _main(self) -> None:
        try:
            asyncio.run(self._amain())
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            self.error = exc
            self.ready.set()

    async def _amain(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop = asyncio.Event()

        def on_ready(running: Running) -> None:
            self.running = running
            self.ready.set()

        await run_bot(self.config, self.engine, TOKEN, self.stop, base_url=self.fake.base_url,
                      webhook_secret=self.secret, on_ready=on_ready, health_port=0, webhook_port=0)

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "bot did not stop"
        if self.error and not exc[0]:
            raise self.error

    def call(self, coro) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(WAIT)

    @property
    def bot(self):
        assert self.running is not None
        return self.running.bot


def cfg(tmp_path: Path, **env: str):
    env = {"chunav_telegram_rate_limit": "false", "chunav_telegram_follow_check_s": "0",
           "chunav_telegram_pictures": "false", **env}     # pictures: tests at the end of this file
    return make_config(tmp_path / "home", **env)


@pytest.fixture
def fake():
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def fake_bot(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_admin_ids="501")
    with BotRunner(config, engine, fake) as runner:
        yield fake, runner


def reply_to(call) -> int | None:
    rp = call.params.get("reply_parameters")
    return rp.get("message_id") if isinstance(rp, dict) else None


def ask(fake: FakeBotAPI, update: dict, chat_id: int, count: int = 1) -> list:
    before = len(fake.sent(chat_id=chat_id))
    fake.push(update)
    calls = fake.wait_sent(before + count, chat_id=chat_id, timeout=WAIT)
    assert len(calls) >= before + count, f"no reply in chat {chat_id}: {[c.method for c in fake.calls]}"
    return calls[before:]


# ---- private chats, groups, commands -------------------------------------------

KAIRANA_WON = "Tabassum Hasan (RLD, Rashtriya Lok Dal) won Kairana"
NOORPUR_WON = "Naeemul Hasan (SP, Samajwadi Party) won Noorpur"


def test_private_question_gets_html_with_citations(fake_bot):
    fake, _ = fake_bot
    (sent,) = ask(fake, fake.message(42, 42, "Who won the Kairana seat?"), 42)
    text = sent.params["text"]
    assert sent.params["parse_mode"] == "HTML"
    assert text.startswith(KAIRANA_WON) and "44,618" in text
    assert "\n\n[1] Bypoll results 2018: Opposition parties take 11 of 14 Assembly and Lok Sabha seats " \
           "(000_be647b8b95c93bd2.txt) · 2018-06-01" in text
    assert reply_to(sent) is None                              # private chats: no quoting
    assert sent.params["link_preview_options"] == {"is_disabled": True}


def test_commands_are_registered_in_both_languages(fake_bot):
    fake, _ = fake_bot
    calls = fake.sent("setMyCommands")
    assert {c.params.get("language_code") for c in calls} == {None, "hi"}
    assert {"result", "follow", "lang", "sources"} <= {c["command"] for c in calls[0].params["commands"]}


def test_group_answers_only_when_addressed(fake_bot):
    fake, _ = fake_bot
    group = -1001
    fake.push(fake.message(group, 7, "Who won the Kairana seat?"))              # not for the bot
    mention = fake.mention(group, 7, "🗳️ ", " who won the Noorpur seat?")
    (m,) = ask(fake, mention, group)
    assert reply_to(m) == mention["message"]["message_id"] and m.params["text"].startswith(NOORPUR_WON)
    bot_msg = {"message_id": m.message["message_id"], "date": 0, "chat": {"id": group, "type": "supergroup"},
               "from": fake.bot_user(), "text": "Naeemul Hasan won Noorpur"}
    reply = fake.message(group, 8, "and who won kairana?", reply_to=bot_msg)
    (r,) = ask(fake, reply, group)
    assert reply_to(r) == reply["message"]["message_id"] and "won Kairana" in r.params["text"]
    for chat, text in ((-1011, "/ask Who won the Noorpur seat?"), (-1012, f"/ask@{fake.username} नूरपुर सीट पर कौन जीता?")):
        cmd = fake.message(chat, 9, text)
        (a,) = ask(fake, cmd, chat)
        assert reply_to(a) == cmd["message"]["message_id"]
        assert "Noorpur" in a.params["text"] or "नूरपुर" in a.params["text"]
    # the unaddressed first message never got an answer
    assert len(fake.sent(chat_id=group)) == 2


def test_other_bots_edits_and_other_mentions_are_ignored(fake_bot):
    fake, _ = fake_bot
    group = -1002
    fake.push(fake.message(group, 66, f"@{fake.username} who won the Kairana seat?", user_is_bot=True,
                           entities=[{"type": "mention", "offset": 0, "length": len(fake.username) + 1}]))
    fake.push(fake.message(group, 7, "@someone_else who won the Kairana seat?",
                           entities=[{"type": "mention", "offset": 0, "length": 13}]))
    edited = fake.message(42, 42, "Who won the Kairana seat?")
    fake.push({"edited_message": {**edited["message"], "edit_date": int(time.time())}})
    (sent,) = ask(fake, fake.message(43, 43, "who won noorpur"), 43)   # a marker: earlier updates are done
    assert sent.params["text"].startswith(NOORPUR_WON)
    assert fake.sent(chat_id=group) == [] and fake.sent(chat_id=42) == []


def test_group_follow_up_is_per_user(fake_bot):
    fake, _ = fake_bot
    group = -1003
    ask(fake, fake.mention(group, 1, "", " who won the Kairana seat?"), group)
    ask(fake, fake.mention(group, 2, "", " who won the Noorpur seat?"), group)
    (a,) = ask(fake, fake.mention(group, 1, "", " what was the margin?"), group)
    (b,) = ask(fake, fake.mention(group, 2, "", " margin kitna tha?"), group)
    assert "Kairana" in a.params["text"] and "44,618" in a.params["text"] and "Noorpur" not in a.params["text"]
    assert "Noorpur" in b.params["text"] and "5,678" in b.params["text"] and "Kairana" not in b.params["text"]


BRIEF = "Same question as just above"


def test_same_question_in_a_group_is_answered_once(fake_bot):
    fake, runner = fake_bot
    group = -1004
    (first,) = ask(fake, fake.mention(group, 1, "", " who won the Kairana seat?"), group)
    assert first.params["text"].startswith(KAIRANA_WON)
    # the same question in other words, by other people: recognised from what it asks
    for user, text in ((2, " Who won Kairana"), (3, " Kairana: who was the winner??"), (4, " kairana winner 🗳️")):
        msg = fake.mention(group, user, "", text)
        (dup,) = ask(fake, msg, group)
        assert dup.params["text"].startswith(BRIEF) and "[1]" not in dup.params["text"], text
        assert reply_to(dup) == msg["message"]["message_id"]
    # a follow-up that resolves to the same seat and question is the same question too
    (noorpur,) = ask(fake, fake.mention(group, 5, "", " who won the Noorpur seat?"), group)
    (margin,) = ask(fake, fake.mention(group, 5, "", " what was the margin?"), group)
    (same,) = ask(fake, fake.mention(group, 6, "", " what was the margin in Noorpur?"), group)
    assert noorpur.params["text"].startswith(NOORPUR_WON) and "5,678" in margin.params["text"]
    assert same.params["text"].startswith(BRIEF)
    # a different question, and the same question in another group, get full answers
    (other,) = ask(fake, fake.mention(group, 2, "", " what was the winning margin in Kairana?"), group)
    assert "44,618" in other.params["text"]
    (elsewhere,) = ask(fake, fake.mention(-1014, 2, "", " who won the Kairana seat?"), -1014)
    assert elsewhere.params["text"].startswith(KAIRANA_WON)
    assert runner.bot.stats["duplicates"] == 4


@pytest.mark.parametrize("mode, replies", [("brief", 12), ("silent", 1)])
def test_many_asking_at_once_in_a_group_get_one_answer(tmp_path, fake, built_home, mode, replies):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_duplicate_reply=mode,
                                 chunav_telegram_duplicate_window_s="2")
    group = -1020
    texts = ["who won the Kairana seat?", "Who won Kairana", "kairana winner?", "who won kairana??"] * 3
    with BotRunner(config, engine, fake) as runner:
        fake.push_many([fake.mention(group, 100 + i, "", " " + t) for i, t in enumerate(texts)])   # all at once
        assert fake.wait_for(lambda f: runner.bot.stats["answered"] + runner.bot.stats["duplicates"] == 12, WAIT)
        fake.wait_sent(replies, chat_id=group)
        sent = [c.params["text"] for c in fake.sent(chat_id=group)]
        assert len(sent) == replies
        assert sum(t.startswith(KAIRANA_WON) for t in sent) == 1
        assert sum(t.startswith(BRIEF) for t in sent) == replies - 1
        time.sleep(2.2)                                       # the window has passed: answered again
        (again,) = ask(fake, fake.mention(group, 100, "", " who won the Kairana seat?"), group)
        assert again.params["text"].startswith(KAIRANA_WON)


@pytest.mark.parametrize("text, extra, expect", [
    ("", None, "I can only read text messages"),          # Telegram sends no empty text: not a text message
    ("   ", None, "Send me a question about election results"),
    (None, {"sticker": {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1, "is_animated": False,
                        "is_video": False, "type": "regular"}}, "I can only read text messages"),
    (None, {"photo": [{"file_id": "p", "file_unique_id": "q", "width": 1, "height": 1}]}, "I can only read text"),
    ("<b>Kairana</b> *won* _by_ `how much` [x](y) & 🗳️🎉 कैराना kaun jeeta", None, "won Kairana"),
    ("</i><a href='x'>Noorpur</a> &amp; &#x27; <<>>", None, "Noorpur"),
    ("x" * 4096, None, ""),
    ("🗳️" * 1000, None, ""),
    ("boom", None, "Sorry, something went wrong"),
])
def test_bad_input_never_crashes(fake_bot, text, extra, expect):
    fake, runner = fake_bot
    (sent,) = ask(fake, fake.message(77, 77, text, extra=extra), 77)
    assert expect in sent.params["text"] and sent.params["text"].strip()
    assert len(sent.params["text"]) <= 4096
    assert "boom" in (text or "") or runner.bot.stats["errors"] == 0    # only the planted failure is an error


def test_lang_is_per_chat_and_persists(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path)
    with BotRunner(config, engine, fake):
        (s,) = ask(fake, fake.message(42, 42, "/lang hi"), 42)
        assert "हिंदी" in s.params["text"]
        (hi,) = ask(fake, fake.message(42, 42, "Who won the Kairana seat?"), 42)
        (en,) = ask(fake, fake.message(43, 43, "Who won the Kairana seat?"), 43)
        (bad,) = ask(fake, fake.message(43, 43, "/lang fr"), 43)
        assert "/lang auto" in bad.params["text"]
    assert engine.langs == ["hi", None]
    assert "कैराना" in hi.params["text"] and en.params["text"].startswith(KAIRANA_WON)
    with BotRunner(config, engine, fake):                       # a restart keeps the preference
        (h,) = ask(fake, fake.message(42, 42, "/help"), 42)
    assert h.params["text"].startswith("भारतीय चुनाव") and "/follow" in h.params["text"]


def test_help_and_start_in_both_languages(fake_bot):
    fake, _ = fake_bot
    (s,) = ask(fake, fake.message(50, 50, "/start"), 50)
    assert "Namaste" in s.params["text"] and "नमस्ते" in s.params["text"]


def test_result_card_and_sources(fake_bot):
    fake, _ = fake_bot
    (r,) = ask(fake, fake.message(42, 42, "/result kairana"), 42)
    text = r.params["text"]
    assert text.startswith("Kairana (Lok Sabha, Uttar Pradesh)\nMay 2018 bye-elections, 2018-05-31")
    assert "1. Tabassum Hasan (RLD) — won" in text and "2. Mriganka Singh (BJP) — lost" in text
    assert "Margin: 44,618" in text and "[1]" in text and "leading" not in text
    (h,) = ask(fake, fake.message(42, 42, "/result कैराना"), 42)
    assert h.params["text"].startswith("कैराना (लोकसभा") and "जीते" in h.params["text"]
    (u,) = ask(fake, fake.message(42, 42, "/result Atlantis"), 42)
    assert "I don't know a seat called “Atlantis”" in u.params["text"]
    (e,) = ask(fake, fake.message(42, 42, "/result"), 42)
    assert "/result Kairana" in e.params["text"]
    (src,) = ask(fake, fake.message(42, 42, "/sources"), 42)
    assert "May 2018 bye-elections (2018-05-31) — " in src.params["text"]
    assert "News articles (5):" in src.params["text"] and "[5]" in src.params["text"]


def test_cards_and_follows_are_read_over_the_engines_store(tmp_path, fake, built_home):
    """The adapter opens no connection: a card, a follow and a language choice are SQL on the engine's."""
    config, engine = real_engine(built_home, tmp_path)
    assert engine.engine.warmed.wait(WAIT)                  # the engine's own reading ahead is done
    statements: list[str] = []
    with BotRunner(config, engine, fake) as runner:
        assert not hasattr(runner.bot, "db") and runner.bot.views is engine.engine.views
        engine.engine.db.conn.set_trace_callback(statements.append)
        try:
            (card,) = ask(fake, fake.message(77, 77, "/follow noorpur"), 77)
            ask(fake, fake.message(77, 77, "/lang hi"), 77)
        finally:
            engine.engine.db.conn.set_trace_callback(None)
    assert "Naeemul Hasan (SP) — won" in card.params["text"]
    sql = "\n".join(statements)
    assert "JOIN contests c ON c.id = r.contest_id" in sql            # the card's result rows
    assert "INSERT OR IGNORE INTO follows" in sql and "INSERT INTO chat_prefs" in sql
    assert engine.engine.views.follows(77)[0].lang == "en"
    assert engine.engine.views.chat_pref(77, "lang") == "hi"


def test_reload_is_admin_only(fake_bot):
    fake, runner = fake_bot
    (no,) = ask(fake, fake.message(42, 42, "/reload"), 42)
    assert "Only the bot's admins" in no.params["text"] and runner.engine.reloads == 0
    (yes,) = ask(fake, fake.message(501, 501, "/reload"), 501)
    assert "Reloaded" in yes.params["text"] and runner.engine.reloads == 1


def test_inline_query_offers_result_cards(fake_bot):
    fake, _ = fake_bot
    fake.push(fake.inline_query(42, "kairana"))
    (call,) = fake.wait_sent(1, "answerInlineQuery")
    (result,) = call.params["results"]
    assert result["type"] == "article" and result["title"] == "Kairana (Lok Sabha, Uttar Pradesh)"
    content = result["input_message_content"]
    assert content["parse_mode"] == "HTML" and "Tabassum Hasan (RLD) — won" in content["message_text"]
    fake.push(fake.inline_query(42, "atlantis"))
    calls = fake.wait_sent(2, "answerInlineQuery")
    assert calls[1].params["results"] == []


TCPD_HEADER = "state_name,year,month,constituency_name,candidate,party,votes,position,poll_no,margin,election_type\n"


def write_results(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    """A TCPD-layout file: a later Noorpur bypoll, as `import-results` would read it."""
    lines = [f"Uttar_Pradesh,2027,6,Noorpur,{cand},{party},{votes},{pos},1,,State Assembly By-election\n"
             for pos, (cand, party, votes) in enumerate(rows, 1)]
    path.write_text(TCPD_HEADER + "".join(lines), encoding="utf-8")
    return path


def test_follow_gets_the_card_edited_after_a_results_import(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_follow_check_s="1")
    with BotRunner(config, engine, fake) as runner:
        (card,) = ask(fake, fake.message(42, 42, "/follow noorpur"), 42)
        assert "Naeemul Hasan (SP) — won" in card.params["text"] and "Following Noorpur" in card.params["text"]
        (again,) = ask(fake, fake.message(42, 42, "/follow Noorpur"), 42)
        assert "already follows" in again.params["text"]
        # another process imports results of a later bypoll there
        other = open_store(config.store_path)
        report = import_results_file(other, write_results(tmp_path / "noorpur.csv",
                                                          [("Asha Devi", "SP", 61000), ("Ravi Kumar", "BJP", 59000)]))
        assert not report.problems, report.problems
        (edit,) = fake.wait_sent(1, "editMessageText", chat_id=42, timeout=WAIT)
        assert int(edit.params["message_id"]) == card.message["message_id"]
        assert "1. Asha Devi (SP) — 61,000 votes — won" in edit.params["text"]
        assert "Following Noorpur" in edit.params["text"]
        time.sleep(1.5)                                    # another check runs: nothing new to push
        assert len(fake.sent("editMessageText")) == 1 and len(fake.sent(chat_id=42)) == 2
        # a re-import of the same file with corrected votes is a change again
        import_results_file(other, write_results(tmp_path / "noorpur.csv",
                                                 [("Asha Devi", "SP", 61250), ("Ravi Kumar", "BJP", 59000)]))
        edits = fake.wait_sent(2, "editMessageText", chat_id=42, timeout=WAIT)
        assert "61,250 votes" in edits[1].params["text"]
        (bye,) = ask(fake, fake.message(42, 42, "/unfollow noorpur"), 42)
        assert "Stopped following Noorpur" in bye.params["text"]
        assert runner.call(runner.bot.offload(runner.bot.views.follows, 42)) == []


BADRINATH = [   # two reports of a 2024 bypoll the store has no results for: counting, then the result
    {"id": "badrinath-count", "title": "Badrinath bypoll: Congress ahead after six rounds", "published": "2024-07-13",
     "url": "https://example.org/badrinath-count",
     "text": "Counting of votes for the Badrinath assembly bypoll in Uttarakhand began on Saturday morning. Congress "
             "candidate Lakhpat Singh Butola is leading by 2,100 votes over BJP's Rajendra Bhandari after six rounds, "
             "officials said."},
    {"id": "badrinath-result", "title": "Congress wins Badrinath bypoll", "published": "2024-07-13",
     "url": "https://example.org/badrinath-result",
     "text": "Congress candidate Lakhpat Singh Butola won the Badrinath assembly bypoll in Uttarakhand, defeating BJP's "
             "Rajendra Bhandari by 5,224 votes, the Election Commission said on Saturday evening."},
]


@pytest.mark.parametrize("unreviewed", [True, False])
def test_follow_gets_the_card_edited_after_ingest_leading_then_won(tmp_path, fake, built_home, unreviewed):
    from store.extract import extract_article
    from store.ingest import ingest_paths
    from store.review import set_review

    config, engine = real_engine(built_home, tmp_path, chunav_telegram_follow_check_s="1",
                                 chunav_answer_unreviewed=str(unreviewed).lower())
    other = open_store(config.store_path)          # `ingest` and `extracted --accept` run in another process

    def ingest(n: int) -> None:
        path = tmp_path / f"badrinath-{n}.jsonl"
        path.write_text(json.dumps(BADRINATH[n]) + "\n", encoding="utf-8")
        report = ingest_paths(other, [path], config.ingest, on_article=extract_article)
        assert report.added == 1 and not report.failed, report

    with BotRunner(config, engine, fake):
        (card,) = ask(fake, fake.message(42, 42, "/follow badrinath"), 42)
        assert "I have no results for Badrinath yet." in card.params["text"]
        ingest(0)
        (row_id, review) = other.execute(
            "SELECT id, review FROM results WHERE candidate = 'Lakhpat Singh Butola' AND status = 'leading'").fetchone()
        if not unreviewed:          # the "leading" row waits for review: the card does not change yet
            assert review == "pending"
            time.sleep(1.5)
            assert fake.sent("editMessageText") == []
            set_review(other, row_id, "accepted")
        (lead,) = fake.wait_sent(1, "editMessageText", chat_id=42, timeout=WAIT)
        assert "1. Lakhpat Singh Butola (INC) — leading" in lead.params["text"] and "won" not in lead.params["text"]
        ingest(1)                   # the result: leading -> won is a change
        edits = fake.wait_sent(2, "editMessageText", chat_id=42, timeout=WAIT)
        assert "1. Lakhpat Singh Butola (INC) — won" in edits[1].params["text"] and "5,224" in edits[1].params["text"]
        assert {int(e.params["message_id"]) for e in edits} == {card.message["message_id"]}
        assert len(fake.sent(chat_id=42)) == 1                       # edited, never sent again


def test_follows_survive_a_restart_and_reload_pushes(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_admin_ids="42")
    with BotRunner(config, engine, fake):
        (card,) = ask(fake, fake.message(-1005, 42, "/follow kairana"), -1005)
    other = open_store(config.store_path)
    with other.conn:
        other.execute("UPDATE results SET votes = 481182 WHERE candidate = 'Tabassum Hasan' AND status = 'won'")
    with BotRunner(config, engine, fake):                  # startup checks the follows
        (edit,) = fake.wait_sent(1, "editMessageText", chat_id=-1005)
        assert "4,81,182 votes" in edit.params["text"] and int(edit.params["message_id"]) == card.message["message_id"]
        with other.conn:
            other.execute("UPDATE results SET votes = 481192 WHERE candidate = 'Tabassum Hasan' AND status = 'won'")
        ask(fake, fake.message(-1005, 42, "/reload"), -1005)
        edits = fake.wait_sent(2, "editMessageText", chat_id=-1005)
        assert "4,81,192" in edits[1].params["text"]


def test_retry_after_is_honoured(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_rate_limit="true")
    with BotRunner(config, engine, fake):
        fake.fail("sendMessage", times=1, retry_after=1, chat_id=42)
        fake.push(fake.message(42, 42, "Who won the Kairana seat?"))
        (quick,) = ask(fake, fake.message(43, 43, "Who won the Noorpur seat?"), 43)    # not stalled by chat 42
        calls = fake.wait_sent(2, chat_id=42)
    assert len(calls) == 2 and calls[1].params["text"] == calls[0].params["text"]
    assert calls[1].at - calls[0].at >= 0.95
    assert quick.at < calls[1].at


def test_webhook_checks_the_secret(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_mode="webhook",
                                 chunav_telegram_webhook_url="https://bot.example.org/telegram",
                                 chunav_telegram_webhook_listen="127.0.0.1")
    secret = "s3cret-token_for-tests"
    with BotRunner(config, engine, fake, secret=secret) as runner:
        (hook,) = fake.sent("setWebhook")
        assert hook.params["secret_token"] == secret and hook.params["url"] == "https://bot.example.org/telegram"
        port = runner.running.webhook_port
        update = json.dumps({"update_id": 1, **fake.message(42, 42, "Who won the Kairana seat?")}).encode()

        def post(token: str | None) -> int:
            headers = {"Content-Type": "application/json"}
            if token is not None:
                headers["X-Telegram-Bot-Api-Secret-Token"] = token
            req = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", data=update, method="POST",
                                         headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=WAIT) as resp:
                    return resp.status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post("wrong") == 403 and post(None) == 403 and post(secret + "x") == 403
        assert post(secret) == 200
        (sent,) = fake.wait_sent(1, chat_id=42)
        assert sent.params["text"].startswith(KAIRANA_WON)
        assert len(fake.sent(chat_id=42)) == 1                   # the rejected posts did nothing
        with urllib.request.urlopen(f"http://127.0.0.1:{runner.running.health_port}/health", timeout=WAIT) as resp:
            assert json.loads(resp.read()) == {"ok": True, "mode": "webhook"}
    assert not fake.sent("getUpdates")


def test_info_logs_hold_no_message_text_or_token(fake_bot, caplog):
    fake, _ = fake_bot
    with caplog.at_level(logging.INFO):
        ask(fake, fake.message(42, 42, "Who won Kairana? secret-phrase-xyz", first_name="Ramesh Kumar"), 42)
        ask(fake, fake.message(42, 42, "boom secret-phrase-xyz"), 42)
    assert "answered chat_type=private status=answered" in caplog.text
    assert "handler failed" in caplog.text
    assert "secret-phrase-xyz" not in caplog.text
    assert "Ramesh" not in caplog.text
    assert TOKEN not in caplog.text


def test_token_is_redacted_from_log_lines_and_tracebacks():
    redact = RedactSecrets(TOKEN)
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "url %s", (f"/bot{TOKEN}/getMe",), sys.exc_info())
    assert redact.filter(record)
    assert TOKEN not in record.getMessage() and TOKEN not in record.exc_text and "<redacted>" in record.exc_text


class SlowAnswerer:
    """The engine's real answerer, taking seconds over Kairana (as a slow retrieval might)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def respond(self, q, ctx):
        if "Kairana" in q.text:
            time.sleep(2.5)
        return self.inner.respond(q, ctx)


def test_a_slow_question_does_not_stall_other_chats(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path)
    engine.engine.answerer = SlowAnswerer(engine.engine.answerer)    # inside Engine.ask, past its locks
    with BotRunner(config, engine, fake):
        fake.push(fake.message(42, 42, "Who won the Kairana seat?"))
        time.sleep(0.3)
        pushed = time.perf_counter()
        quick = [ask(fake, fake.message(chat, chat, "Who won the Noorpur seat?"), chat)[0] for chat in (43, 44, 45)]
        (slow,) = fake.wait_sent(1, chat_id=42, timeout=WAIT)
    assert all(q.params["text"].startswith(NOORPUR_WON) for q in quick)
    assert max(q.at for q in quick) - pushed < 1.5 and slow.at > max(q.at for q in quick)
    assert slow.params["text"].startswith(KAIRANA_WON)


SEATS = ["Kairana", "Noorpur", "Gorakhpur", "Phulpur", "Jokihat", "Palghar", "Shahkot", "Manglaur"]
FOLLOW_UPS = ["what was the margin?", "who came second?", "margin kitna tha?", "how many votes did the winner get?",
              "what was the margin?", "who lost?", "margin?"]


def test_many_chats_at_once_get_their_own_answers(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_duplicate_reply="full")
    conversations: dict[int, list[tuple[dict, str]]] = {}
    for i in range(50):
        chat = 10_000 + i if i % 2 else -10_000 - i
        user = chat if chat > 0 else 500 + i
        questions = [f"who won {SEATS[i % len(SEATS)]}?", *FOLLOW_UPS]
        updates = [fake.message(chat, user, q) if chat > 0 else fake.mention(chat, user, "", " " + q) for q in questions]
        conversations[chat] = list(zip(updates, questions, strict=True))
    # what each conversation should get, answered alone on a separate engine
    alone = Engine(config)
    expected = {chat: [render_html(alone.answer(q, chat, None if chat > 0 else u["message"]["from"]["id"]))
                       for u, q in conv] for chat, conv in conversations.items()}
    assert len({tuple(v[1:]) for v in expected.values()}) >= 4       # the seats' answers really differ
    interleaved = [conv[n][0] for n in range(8) for conv in conversations.values()]
    with BotRunner(config, engine, fake):
        fake.push_many(interleaved)
        assert fake.wait_for(lambda f: f.counts.get("sendMessage", 0) >= 400, timeout=120)
    for chat, want in expected.items():
        got = [c.params["text"] for c in fake.sent(chat_id=chat)]
        assert got == want, chat


# ---- serve and the Dockerfile ---------------------------------------------------------------

def test_serve_without_token_says_how_to_get_one(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN",)}
    proc = subprocess.run([sys.executable, "-m", "bot", "--home", str(tmp_path / "home"), "serve"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in proc.stderr and "@BotFather" in proc.stderr


def test_webhook_mode_needs_a_secret(tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "CHUNAV_TELEGRAM_MODE": "webhook"}
    env.pop("TELEGRAM_WEBHOOK_SECRET", None)
    proc = subprocess.run([sys.executable, "-m", "bot", "--home", str(tmp_path / "home"), "serve"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "TELEGRAM_WEBHOOK_SECRET" in proc.stderr and TOKEN not in proc.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_reply_longer_than_telegram_allows_is_cut_to_fit(tmp_path, fake, built_home):
    from store.importer import import_results_file

    # a results file where one party wins 400 seats: "which seats did it win" lists them all
    rows = ["state,pc_name,year,position,candidate,party,votes,margin"]
    for n in range(400):
        rows += [f"Uttar Pradesh,Zorbaseat {n},2029,1,Winner {n},BJP,{50000 + n},{1000 + n}",
                 f"Uttar Pradesh,Zorbaseat {n},2029,2,Loser {n},INC,{49000 - n},"]
    results = tmp_path / "ls-2029.csv"
    results.write_text("\n".join(rows) + "\n", encoding="utf-8")
    config, engine = real_engine(built_home, tmp_path)
    db = open_store(config.store_path)
    with db.conn:
        import_results_file(db, results)
    db.conn.close()
    engine.reload()
    with BotRunner(config, engine, fake):
        (sent,) = ask(fake, fake.message(42, 42, "Which seats did the BJP win in 2029?"), 42)
    text = sent.params["text"]
    assert len(text.encode("utf-16-le")) // 2 <= 4096 and text.endswith("…")
    assert "Zorbaseat 0" in text and "Zorbaseat 399" not in text     # one message, cut, never split or refused


# ---- pictures, replies that follow the conversation, quiet messages (issue 15) ---------------

def photos(fake: FakeBotAPI, chat_id: int, count: int) -> list:
    calls = fake.wait_sent(count, "sendPhoto", chat_id=chat_id, timeout=WAIT)
    assert len(calls) >= count, f"no photo in chat {chat_id}: {[c.method for c in fake.calls]}"
    return calls


@pytest.fixture
def picture_bot(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_pictures="true")
    with BotRunner(config, engine, fake) as runner:
        yield fake, runner


def test_result_comes_as_a_photo_with_the_numbers_in_the_caption_and_renders_once(picture_bot):
    fake, runner = picture_bot
    fake.push(fake.message(-2001, 5, "/result kairana"))
    (first,) = photos(fake, -2001, 1)
    png = first.params["photo"]
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")
    import io

    from PIL import Image
    assert Image.open(io.BytesIO(png)).size[0] == 800
    caption = first.params["caption"]
    assert caption.startswith("Kairana (Lok Sabha, Uttar Pradesh)") and "Margin: 44,618" in caption
    assert len(caption) <= 1024 and first.params["parse_mode"] == "HTML"
    assert reply_to(first) is not None                       # a group: the photo answers the command
    # another group asks the same: the photo Telegram already has is sent again by its file id
    fake.push(fake.message(-2002, 6, "/result Kairana"))
    (again,) = photos(fake, -2002, 1)
    assert again.params["photo"] == first.message["photo"][0]["file_id"]
    assert runner.bot.pictures.cache.renders == 1
    fake.push(fake.message(-2002, 6, "/result कैराना"))      # Hindi is another picture
    photos(fake, -2002, 2)
    assert runner.bot.pictures.cache.renders == 2


def test_pictures_off_per_chat_keeps_text_and_tally_answers_in_both(picture_bot):
    fake, _ = picture_bot
    (off,) = ask(fake, fake.message(61, 61, "/pictures off"), 61)
    assert "come as text" in off.params["text"]
    (text_card,) = ask(fake, fake.message(61, 61, "/result kairana"), 61)
    assert text_card.params["text"].startswith("Kairana (Lok Sabha") and fake.sent("sendPhoto", chat_id=61) == []
    (usage,) = ask(fake, fake.message(61, 61, "/pictures maybe"), 61)
    assert "/pictures on" in usage.params["text"]
    (tally,) = ask(fake, fake.message(61, 61, "/tally"), 61)
    assert tally.params["text"].startswith("Seats by party: July 2024 assembly bye-elections (7 seats with results)")
    assert "• INC: 1 won + 2 leading" in tally.params["text"]
    (asked,) = ask(fake, fake.message(61, 61, "how many seats has each party won?"), 61)
    assert asked.params["text"].startswith("Seats by party: July 2024") and fake.sent("sendPhoto", chat_id=61) == []
    # a chat that keeps pictures on gets the chart for /tally and for the question in words
    fake.push(fake.message(62, 62, "/tally may 2018 bypolls"))
    (chart,) = photos(fake, 62, 1)
    assert chart.params["caption"].startswith("Seats by party: May 2018 bye-elections")
    fake.push(fake.message(62, 62, "how many seats has each party won?"))
    (chart2,) = photos(fake, 62, 2)[1:]
    assert chart2.params["caption"].startswith("Seats by party: ")
    (none,) = ask(fake, fake.message(62, 62, "/tally 1950"), 62)
    assert "I have no seat results for 1950" in none.params["text"]


def test_pictures_false_for_the_deployment_means_text_everywhere(fake_bot):
    fake, _ = fake_bot
    (card,) = ask(fake, fake.message(63, 63, "/result kairana"), 63)
    assert card.params["text"].startswith("Kairana (Lok Sabha")
    (said,) = ask(fake, fake.message(63, 63, "/pictures on"), 63)
    assert "Pictures are switched off for this bot" in said.params["text"]
    assert fake.sent("sendPhoto") == []


def test_inline_query_offers_the_uploaded_card_photo(picture_bot):
    fake, _ = picture_bot
    fake.push(fake.message(64, 64, "/result kairana"))
    (sent,) = photos(fake, 64, 1)
    fake.push(fake.inline_query(64, "kairana"))
    (call,) = fake.wait_sent(1, "answerInlineQuery")
    photo, article = call.params["results"]
    assert photo["type"] == "photo" and photo["photo_file_id"] == sent.message["photo"][0]["file_id"]
    assert "Margin: 44,618" in photo["caption"] and article["type"] == "article"


def bot_message(fake: FakeBotAPI, call, chat_id: int) -> dict:
    return {"message_id": call.message["message_id"], "date": 0, "chat": {"id": chat_id, "type": "supergroup"},
            "from": fake.bot_user(), "text": call.params.get("text", "")}


def test_a_reply_to_a_bot_answer_follows_that_answer_for_any_member(fake_bot):
    fake, _ = fake_bot
    group = -2003
    (noorpur,) = ask(fake, fake.mention(group, 1, "", " who won the Noorpur seat?"), group)
    (kairana,) = ask(fake, fake.mention(group, 1, "", " who won the Kairana seat?"), group)
    # member 2 never asked anything; their reply to the Noorpur answer is about Noorpur
    (margin,) = ask(fake, fake.message(group, 2, "and the margin?", reply_to=bot_message(fake, noorpur, group)), group)
    assert "Noorpur" in margin.params["text"] and "5,678" in margin.params["text"]
    # member 1's own last question was Kairana, but replying to the Noorpur answer means Noorpur
    (m1,) = ask(fake, fake.message(group, 1, "margin kitna tha?", reply_to=bot_message(fake, noorpur, group)), group)
    assert "Noorpur" in m1.params["text"] and "Kairana" not in m1.params["text"]
    # and a reply to the Kairana answer follows Kairana, and a reply to a /result card follows its seat
    (m3,) = ask(fake, fake.message(group, 3, "what was the margin?", reply_to=bot_message(fake, kairana, group)), group)
    assert "Kairana" in m3.params["text"] and "44,618" in m3.params["text"]
    (card,) = ask(fake, fake.message(group, 4, "/result noorpur"), group)
    (m4,) = ask(fake, fake.message(group, 5, "which party won?", reply_to=bot_message(fake, card, group)), group)
    assert "Noorpur" in m4.params["text"] and "Samajwadi Party" in m4.params["text"]


def test_emoji_only_gets_a_hint_once_in_private_and_nothing_in_groups(fake_bot):
    fake, _ = fake_bot
    (answer,) = ask(fake, fake.message(65, 65, "Who won the Kairana seat?"), 65)
    (hint,) = ask(fake, fake.message(65, 65, "👍"), 65)
    assert hint.params["text"].startswith("Send me a question about election results") and len(hint.params["text"]) < 120
    for text in ("👍", "?!", "\x00", "\u0301\u0301"):
        fake.push(fake.message(65, 65, text))
    (marker,) = ask(fake, fake.message(65, 65, "who won noorpur"), 65)      # the others are done by now
    assert marker.params["text"].startswith(NOORPUR_WON) and len(fake.sent(chat_id=65)) == 3
    group = -2004
    (g,) = ask(fake, fake.mention(group, 1, "", " who won the Kairana seat?"), group)
    fake.push(fake.message(group, 2, "👍", reply_to=bot_message(fake, g, group)))
    fake.push(fake.mention(group, 3, "", " 🎉🎉"))
    (marker,) = ask(fake, fake.mention(group, 1, "", " who won the Noorpur seat?"), group)
    assert len(fake.sent(chat_id=group)) == 2


def test_unknown_commands_get_one_line_listing_the_commands(fake_bot):
    fake, _ = fake_bot
    (line,) = ask(fake, fake.message(66, 66, "/foo bar"), 66)
    assert line.params["text"].startswith("I don't know /foo. Commands: /start /help /ask /result")
    assert "/tally" in line.params["text"] and "\n" not in line.params["text"]
    fake.push(fake.message(-2005, 7, "/foo"))                            # a group: maybe another bot's
    fake.push(fake.message(-2005, 7, "/foo@some_other_bot"))
    (mine,) = ask(fake, fake.message(-2005, 7, f"/foo@{fake.username} x"), -2005)
    assert "I don't know /foo" in mine.params["text"] and len(fake.sent(chat_id=-2005)) == 1


def test_ask_on_a_built_home_prints_the_answer_and_no_library_chatter(built_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "bot", "--home", str(home), "ask", "Who won the Kairana seat?"],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
    assert done.returncode == 0 and done.stdout.startswith(KAIRANA_WON)
    for noise in ("faiss", "ModuleNotFoundError", "Warning", "WARNING", "Traceback"):
        assert noise not in done.stderr, done.stderr
# ---- busy groups, start-up errors, the webhook's guard, shutdown (issue 14) ---------------------

def test_a_group_flood_does_not_stall_private_chats(tmp_path, fake, built_home):
    # 100 questions in one group wait in its 20-a-minute limit; private chats are answered meanwhile
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_rate_limit="true",
                                 chunav_telegram_duplicate_reply="full", chunav_telegram_shutdown_grace_s="1")
    group = -100_777
    with BotRunner(config, engine, fake):
        fake.push_many([fake.mention(group, 600 + n % 30, "", f" who won {SEATS[n % len(SEATS)]}?")
                        for n in range(100)])
        assert fake.wait_sent(2, chat_id=group, timeout=WAIT)          # the group is being answered
        pushed = time.perf_counter()
        quick = [ask(fake, fake.message(chat, chat, "Who won the Noorpur seat?"), chat)[0] for chat in (43, 44, 45)]
        assert len(fake.sent(chat_id=group)) < 30                       # the group is still throttled
    assert all(q.params["text"].startswith(NOORPUR_WON) for q in quick)
    assert max(q.at for q in quick) - pushed < 5.0


def run_serve(tmp_path: Path, built_home: Path, env: dict[str, str], timeout: float = 60):
    home = tmp_path / "home"
    if not home.exists():
        shutil.copytree(built_home, home)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CHUNAV_"))},
           "PYTHONPATH": str(REPO), **env}
    return subprocess.run([sys.executable, "-m", "bot", "--home", str(home), "serve"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def the_line(stderr: str, text: str) -> str:
    """The one line of `stderr` holding `text`; and no traceback anywhere."""
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [ln for ln in stderr.splitlines() if text in ln]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]


BAD_TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_serve_with_a_rejected_token_says_so_in_one_line(tmp_path, built_home):
    with FakeBotAPI(token="111:GOOD") as fake:
        proc = run_serve(tmp_path, built_home, {"TELEGRAM_BOT_TOKEN": BAD_TOKEN,
                                                 "CHUNAV_TELEGRAM_BASE_URL": fake.base_url})
    assert proc.returncode == 1
    line = the_line(proc.stderr, "serve: ")
    assert "rejected TELEGRAM_BOT_TOKEN" in line and "401" in line and "@BotFather" in line
    assert BAD_TOKEN not in proc.stderr + proc.stdout and "AAHdqTcv" not in proc.stderr


def test_serve_with_the_api_unreachable_names_the_url_without_the_token(tmp_path, built_home):
    port = free_port()                       # nothing listens there
    proc = run_serve(tmp_path, built_home, {"TELEGRAM_BOT_TOKEN": BAD_TOKEN,
                                             "CHUNAV_TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot"})
    assert proc.returncode == 1
    line = the_line(proc.stderr, "serve: ")
    assert f"cannot reach the Telegram Bot API at http://127.0.0.1:{port}/bot<token>/" in line
    assert BAD_TOKEN not in proc.stderr + proc.stdout


WEBHOOK_ENV = {"CHUNAV_TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": "s3cret-token_for-tests",
               "CHUNAV_TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram",
               "CHUNAV_TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1", "CHUNAV_TELEGRAM_FOLLOW_CHECK_S": "0"}


@pytest.mark.parametrize("problem, expect_rc, expect", [
    ("url port", 2, "Telegram posts webhooks only to ports 443, 80, 88, 8443"),
    ("url scheme", 2, "webhook mode needs [telegram] webhook_url"),
    ("url path", 2, "must end with /telegram"),
    ("port in use", 1, "cannot listen for the webhook on 127.0.0.1:"),
    ("refused by telegram", 1, "Telegram refused the webhook URL https://bot.example.org/telegram"),
])
def test_serve_webhook_url_and_port_problems_are_one_line(tmp_path, built_home, problem, expect_rc, expect):
    with FakeBotAPI() as fake, socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        env = {**WEBHOOK_ENV, "TELEGRAM_BOT_TOKEN": TOKEN, "CHUNAV_TELEGRAM_BASE_URL": fake.base_url,
               "CHUNAV_TELEGRAM_HEALTH_PORT": "0", "CHUNAV_TELEGRAM_WEBHOOK_PORT": str(free_port())}
        if problem == "url port":
            env["CHUNAV_TELEGRAM_WEBHOOK_URL"] = "https://bot.example.org:1234/telegram"
        elif problem == "url scheme":
            env["CHUNAV_TELEGRAM_WEBHOOK_URL"] = "http://bot.example.org/telegram"
        elif problem == "url path":
            env["CHUNAV_TELEGRAM_WEBHOOK_URL"] = "https://bot.example.org/hook"
        elif problem == "port in use":
            env["CHUNAV_TELEGRAM_WEBHOOK_PORT"] = str(busy.getsockname()[1])
        else:
            fake.errors["setWebhook"] = (400, "Bad Request: bad webhook: Failed to resolve host: Name or service "
                                              "not known")
        proc = run_serve(tmp_path, built_home, env)
    assert proc.returncode == expect_rc, proc.stderr[-3000:]
    line = the_line(proc.stderr, expect)
    assert line.startswith("serve: ") or expect_rc == 2
    assert TOKEN not in proc.stderr and "s3cret-token" not in proc.stderr


@pytest.fixture
def webhook_bot(tmp_path, fake, built_home):
    config, engine = real_engine(built_home, tmp_path, chunav_telegram_mode="webhook",
                                 chunav_telegram_webhook_url="https://bot.example.org/telegram",
                                 chunav_telegram_webhook_listen="127.0.0.1")
    with BotRunner(config, engine, fake, secret=WEBHOOK_ENV["TELEGRAM_WEBHOOK_SECRET"]) as runner:
        yield fake, runner


def post_raw(port: int, body: bytes, secret: str | None, length: int | None = None) -> int:
    """POST `body` to the webhook (Content-Length `length` if given) and return the status."""
    headers = {"Content-Type": "application/json", "Content-Length": str(len(body) if length is None else length)}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as sock:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(f"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode() + body)
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_webhook_answers_403_and_413_without_reading_the_body(webhook_bot):
    _, runner = webhook_bot
    port, secret = runner.running.webhook_port, WEBHOOK_ENV["TELEGRAM_WEBHOOK_SECRET"]
    # headers announce 60 MB and no byte of it is sent: the answer must come from the headers alone
    assert post_raw(port, b"", None, length=60_000_000) == 403
    assert post_raw(port, b"", "wrong", length=60_000_000) == 403
    assert post_raw(port, b"", secret, length=60_000_000) == 413
    assert post_raw(port, b"{" + b" " * 1_000_000 + b"}", secret) == 413          # over max_update_bytes
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as sock:    # chunked, no length given
        chunk = b" " * 260_000                     # 1.04 MB in all
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(4)) + b"0\r\n\r\n"
        sock.sendall(b"POST /telegram HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"X-Telegram-Bot-Api-Secret-Token: " + secret.encode() + b"\r\n\r\n" + body)
        assert sock.makefile("rb").readline().split()[1] == b"413"
    assert post_raw(port, json.dumps({"update_id": 5}).encode(), secret) == 200


BAD_BODIES = [b"[]", b"null", b'"x"', b"123", b"not json", b"\xff\xfe", b'{"update_id":9,"message":"hi"}',
              b'{"update_id":"abc"}', b'{"update_id":-1}', b'{"update_id":true}', b'{"message":{}}',
              b'{"update_id":10,"message":{"text":"no chat"}}', b"[" * 100_000 + b"]" * 100_000,
              b'{"update_id":11,"x":' + b"[" * 40 + b"]" * 40 + b"}"]


def test_webhook_refuses_what_is_not_an_update_with_400(webhook_bot, caplog):
    fake, runner = webhook_bot
    port, secret = runner.running.webhook_port, WEBHOOK_ENV["TELEGRAM_WEBHOOK_SECRET"]
    with caplog.at_level(logging.INFO):
        statuses = [post_raw(port, body, secret) for body in BAD_BODIES]
    assert statuses == [400] * len(BAD_BODIES)
    assert "Traceback" not in caplog.text and "RecursionError" not in caplog.text
    update = json.dumps({"update_id": 12, **fake.message(42, 42, "Who won the Kairana seat?")}).encode()
    assert post_raw(port, update, secret) == 200                      # still serving
    (sent,) = fake.wait_sent(1, chat_id=42)
    assert sent.params["text"].startswith(KAIRANA_WON)


def test_webhook_drops_a_repeated_update_id(webhook_bot):
    fake, runner = webhook_bot
    port, secret = runner.running.webhook_port, WEBHOOK_ENV["TELEGRAM_WEBHOOK_SECRET"]
    update = json.dumps({"update_id": 77, **fake.message(42, 42, "Who won the Kairana seat?")}).encode()
    assert post_raw(port, update, secret) == 200 and post_raw(port, update, secret) == 200   # Telegram re-posting
    again = json.dumps({"update_id": 78, **fake.message(42, 42, "Who won the Noorpur seat?")}).encode()
    assert post_raw(port, again, secret) == 200
    fake.wait_sent(2, chat_id=42)
    time.sleep(0.5)
    texts = [c.params["text"] for c in fake.sent(chat_id=42)]
    assert len(texts) == 2 and texts[0].startswith(KAIRANA_WON) and texts[1].startswith(NOORPUR_WON)


def test_sigterm_with_a_backlog_of_group_replies_exits_within_8_s(tmp_path, built_home):
    import signal

    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    with FakeBotAPI() as fake:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CHUNAV_"))},
               "PYTHONPATH": str(REPO), "TELEGRAM_BOT_TOKEN": TOKEN, "CHUNAV_TELEGRAM_BASE_URL": fake.base_url,
               "CHUNAV_TELEGRAM_HEALTH_PORT": str(free_port()), "CHUNAV_TELEGRAM_DUPLICATE_REPLY": "full",
               "CHUNAV_TELEGRAM_FOLLOW_CHECK_S": "0"}
        argv = [sys.executable, "-m", "bot", "--home", str(home), "serve"]
        with subprocess.Popen(argv, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True) as bot:
            try:
                assert fake.wait_for(lambda f: f.counts.get("setMyCommands", 0) >= 2, timeout=60)
                group = -100_888
                handle = f"@{fake.username}"
                fake.push_many([fake.message(group, 600 + n, f"/ask{handle} who won {SEATS[n % len(SEATS)]}?")
                                for n in range(80)])
                assert fake.wait_sent(3, chat_id=group, timeout=WAIT)   # answering, 1 a second, then 20 a minute
                signalled = time.monotonic()
                bot.send_signal(signal.SIGTERM)
                _, err = bot.communicate(timeout=8)
                took = time.monotonic() - signalled
            finally:
                if bot.poll() is None:
                    bot.kill()
            after = len(fake.sent(chat_id=group))
    assert bot.returncode == 0, err[-3000:]
    assert took < 8
    assert "queued updates dropped" in err and "Traceback" not in err
    assert after < 80
