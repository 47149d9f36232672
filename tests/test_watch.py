"""Counting day end to end: `watch` polls a local results site on 127.0.0.1 -> the store -> the
Engine's answers in three languages -> a followed seat's card edited over the fake Bot API.

The site serves real ECI pages (tests/fixtures/eci/). No real mid-count candidate-wise page
exists anywhere, so the Habra page at rounds 3 and 12 is the real final page with its round, its
status classes and words (won -> leading, lost -> trailing, as the page's own CSS defines them),
its vote counts and its time rewritten here; the state-wise list's Habra row and the party-wise
BJP row likewise. Every page is dated today, as on counting day.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import make_config
from fake_bot_api import FakeBotAPI
from test_eci_pages import as_national
from test_telegram_app import WAIT, BotRunner, ask

from bot.engine import Engine
from bot.live_answers import IST, source_label
from bot.templates import Templates
from store.settings import WatchSettings
from store.watch import Watcher

FIXTURES = Path(__file__).parent / "fixtures" / "eci"
HABRA = (FIXTURES / "ResultAcGenMay2026_candidateswise-S25100.htm").read_text(encoding="utf-8")
PARTYWISE = (FIXTURES / "ResultAcGenMay2026_partywiseresult-S25.htm").read_text(encoding="utf-8")
STATEWISE = (FIXTURES / "ResultAcGenMay2026_statewiseS256.htm").read_text(encoding="utf-8")
TODAY = datetime.now(IST)
DAY = TODAY.strftime("%d/%m/%Y")


def dated(html: str, clock: str) -> str:
    return html.replace("04:18 PM On 05/05/2026", f"{clock} On {DAY}")


def habra(rnd: int, clock: str) -> str:
    """The Habra page after `rnd` of 19 rounds: votes and margins scaled, boxes leading/trailing."""
    if rnd == 19:
        return dated(HABRA, clock)
    html = HABRA.replace("Status of EVM Round: <span>19</span>/19", f"Status of EVM Round: <span>{rnd}</span>/19")
    html = html.replace("'status won'", "'status leading'").replace("'status lost'", "'status trailing'")
    html = html.replace(">won</div>", ">leading</div>").replace(">lost</div>", ">trailing</div>")

    def scale(m: re.Match) -> str:
        return f"<div>{int(m[1]) * rnd // 19} <span>({m[2]}{int(m[3]) * rnd // 19})</span></div>"
    return dated(re.sub(r"<div>(\d+) <span>\(([+ -]+)(\d+)\)</span></div>", scale, html), clock)


def statewise(rnd: int, margin: int, clock: str) -> str:
    """Page 6 of the West Bengal list with Habra's row at round `rnd` (others as declared), one page."""
    start = STATEWISE.index("<td align='left'>HABRA</td>")
    end = STATEWISE.index("Result Declared", start)
    row = STATEWISE[start:end].replace("<td align='right'>31462</td>", f"<td align='right'>{margin}</td>")
    row = row.replace("<td align='right'>19/19</td>", f"<td align='right'>{rnd}/19</td>")
    status = "Result Declared" if rnd == 19 else "Result in Progress"
    html = STATEWISE[:start] + row + status + STATEWISE[end + len("Result Declared"):]
    html = re.sub(r"<ul class='pagination pagination-sm'>.*?</ul>", "<ul class='pagination pagination-sm'>"
                  "<li><a class='page-link' href='statewiseS256.htm'>6</a></li></ul>", html, flags=re.S)
    return dated(html, clock)


def partywise(won: int, leading: int, clock: str) -> str:
    start = PARTYWISE.index("Bharatiya Janata Party - BJP")
    end = PARTYWISE.index("</tr>", start)
    row = PARTYWISE[start:end].replace(">207</a>", f">{won}</a>")
    row = re.sub(r"(<td style=\"text-align:right\">\s*)0(\s*</td>)", rf"\g<1>{leading}\g<2>", row, count=1)
    row = row.replace('<td style="text-align:right">207</td>', f'<td style="text-align:right">{won + leading}</td>')
    return dated(PARTYWISE[:start] + row + PARTYWISE[end:], clock)


INDEX = """<html><body><a href="partywiseresult-S25.htm">West Bengal</a> <a href='statewiseS256.htm'>list</a>
<a href="statewiseS257.htm">next</a> <a href="https://elsewhere.example/statewiseS011.htm">other</a>
<a href="hi/partywiseresult-S25.htm">हिंदी</a></body></html>"""
BROKEN = "<html><body><h1>Site maintenance</h1><table><tr><td>nothing here</td></tr></table></body></html>"


class Site:
    """A results folder on 127.0.0.1: pages by name, ETags, 304s, and statuses to answer next."""

    def __init__(self, folder: str = "ResultAcGenMay2026") -> None:
        self.pages: dict[str, str] = {"index.htm": INDEX, "statewiseS257.htm": BROKEN}
        self.fail: dict[str, list[int]] = {}
        self.requests: list[tuple[str, dict[str, str], int]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:   # noqa: N802 - http.server's name
                name = self.path.split("?")[0].rsplit(f"/{folder}/", 1)[-1]
                status, body, headers = site.answer(name, self.headers.get("If-None-Match"))
                site.requests.append((name, dict(self.headers), status))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                data = body.encode("utf-8")
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/{folder}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, name: str, etag: str | None) -> tuple[int, str, dict[str, str]]:
        if self.fail.get(name):
            status = self.fail[name].pop(0)
            return status, "Too Many Requests", {"Retry-After": "7"} if status == 429 else {}
        if name not in self.pages:
            return 404, "Not Found", {}
        body = self.pages[name]
        tag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
        if etag == tag:
            return 304, "", {"ETag": tag}
        return 200, body, {"ETag": tag}

    def stage(self, rnd: int, clock: str, won: int, leading: int, margin: int) -> None:
        self.pages["candidateswise-S25100.htm"] = habra(rnd, clock)
        self.pages["statewiseS256.htm"] = statewise(rnd, margin, clock)
        self.pages["partywiseresult-S25.htm"] = partywise(won, leading, clock)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


SETTINGS = WatchSettings(every_s=30, jitter=0.2, request_gap_s=0, timeout_s=5, max_backoff_s=600)
ROUND3 = dict(rnd=3, clock="09:40 AM", won=0, leading=60, margin=31462 * 3 // 19)
ROUND12 = dict(rnd=12, clock="11:42 AM", won=31, leading=17, margin=31462 * 12 // 19)
DECLARED = dict(rnd=19, clock="04:18 PM", won=207, leading=0, margin=31462)


def habra_rows(db, method: str = "eci-live:candidates") -> list[tuple]:
    return db.execute(
        "SELECT r.candidate, r.party_raw, r.votes, r.status, r.margin, r.rounds_counted, r.rounds_total, r.as_of "
        "FROM results r JOIN contests c ON c.id = r.contest_id JOIN constituencies k ON k.id = c.constituency_id "
        "WHERE k.name_en = 'Habra' AND r.method = ? ORDER BY r.position", [method]).fetchall()


@pytest.fixture
def engine(tmp_path):
    return Engine(make_config(tmp_path / "home"), open_index=False)


def test_watch_follows_a_seat_from_round_3_to_declared(site, engine):
    db = engine.db
    assert engine.answer("Who is leading in Habra?", chat_id=1).status != "answered"   # nothing yet
    watcher = Watcher(db, site.url, SETTINGS, log=lambda line: None)

    site.stage(**ROUND3)
    report = watcher.run_round()
    assert report.refused is None and report.tallies_written == 6
    # the broken list page is reported with its URL and what was missing; the other seats' pages are absent
    assert any("statewiseS257.htm" in p and "seats table" in p for p in report.problems), report.problems
    rows = habra_rows(db)
    assert rows[0] == ("Debdas Mondal", "BJP", 104645 * 3 // 19, "leading", 31462 * 3 // 19, 3, 19,
                       f"{TODAY:%Y-%m-%d}T09:40")
    assert rows[1][3] == "trailing" and len(rows) == 13                   # NOTA is not a candidate
    names = {r[0] for r in site.requests}
    assert "hi/partywiseresult-S25.htm" not in names and not any("elsewhere" in n for n in names)
    ua = next(h for n, h, _ in site.requests if n == "index.htm")["User-Agent"]
    assert ua.startswith("Mozilla/5.0")

    # nothing changed: every page is asked for conditionally and answered 304
    before = len(site.requests)
    report = watcher.run_round()
    again = site.requests[before:]
    assert report.seats_written == 0 and report.tallies_written == 0
    assert {s for n, _, s in again if n != "statewiseS257.htm"} == {304}
    assert all("If-None-Match" in h for n, h, _ in again)

    # the site refuses: the round stops, nothing is lost, and the next wait backs off (Retry-After honoured)
    site.stage(**ROUND12)
    site.fail["partywiseresult-S25.htm"] = [429]
    report = watcher.run_round()
    assert report.refused is not None and (report.refused.status, report.refused.retry_after) == (429, 7.0)
    assert habra_rows(db)[0][5] == 3 and len(habra_rows(db)) == 13
    site.fail["partywiseresult-S25.htm"] = [503]
    waits: list[float] = []
    lines: list[str] = []
    watcher.sleep, watcher.log = waits.append, lines.append
    assert watcher.run(rounds=2) == 0          # refused, waits twice the interval, then reads round 12
    assert waits == [60.0]
    assert any("HTTP 503" in line and "waiting 60 s" in line for line in lines), lines
    rows = habra_rows(db)
    assert rows[0][3:8] == ("leading", 31462 * 12 // 19, 12, 19, f"{TODAY:%Y-%m-%d}T11:42")

    # a changed layout of the seat's page: reported, and its earlier rows stay
    site.pages["candidateswise-S25100.htm"] = BROKEN
    site.pages["statewiseS256.htm"] = statewise(13, 20001, "12:05 PM")
    report = watcher.run_round()
    assert any("candidateswise-S25100.htm" in p and "candidate boxes" in p for p in report.problems)
    assert habra_rows(db)[0][5] == 12 and len(habra_rows(db)) == 13
    assert habra_rows(db, "eci-live:statewise")[0][3:6] == ("leading", 20001, 13)

    site.stage(**DECLARED)
    watcher.run_round()
    rows = habra_rows(db)
    assert rows[0][:4] == ("Debdas Mondal", "BJP", 104645, "won") and rows[1][3] == "lost"


def answers(engine: Engine, questions: list[str]) -> list[str]:
    return [engine.answer(q, chat_id=f"t{i}").text for i, q in enumerate(questions)]


def test_running_engine_answers_each_update_in_three_languages(site, engine):
    """One Engine, created before the first page is read, answers from every update (no restart)."""
    watcher = Watcher(engine.db, site.url, SETTINGS, log=lambda line: None)
    site.stage(**ROUND12)
    watcher.run_round()
    en = answers(engine, ["Who is leading in Habra?", "Has Debdas Mondal won?",
                          "How many seats has the BJP won so far?"])
    lead = "Debdas Mondal (BJP) leads Jyoti Priya Mallick (TMC) by 19,870 votes after round 12 of 19"
    assert en[0] == f"{lead} in Habra (West Bengal) (Election Commission, 11:42)."
    assert en[1].startswith(f"Not yet: {lead} in Habra") and "counting is not over" in en[1]
    assert en[2] == ("The Bharatiya Janata Party (BJP) has won 31 and is leading in 17 in the 2026 West Bengal "
                     "assembly election so far (Election Commission, 11:42).")
    # ECI writes AITC; the gazetteer (and the asker) say TMC or Trinamool
    tmc = engine.answer("How many seats has the Trinamool won so far?", chat_id="tmc").text
    assert "has won 80 and is leading in 0" in tmc and "(TMC)" in tmc
    hi = answers(engine, ["हबरा में कौन आगे है?", "भाजपा ने अब तक कितनी सीटें जीतीं?"])
    assert "19,870 वोट से आगे हैं, 19 में से 12 राउंड के बाद" in hi[0] and "(चुनाव आयोग, 11:42)" in hi[0]
    assert "अब तक 31 सीटें जीती हैं और 17 पर आगे है (चुनाव आयोग, 11:42)" in hi[1]
    latn = answers(engine, ["Habra mein kaun aage hai?", "BJP ne ab tak kitni seat jeeti?"])
    assert "19,870 votes se aage hain, 19 mein se 12 round ke baad (Chunav Aayog, 11:42)" in latn[0]
    assert "ab tak 31 seats jeeti hain aur 17 par aage hai (Chunav Aayog, 11:42)" in latn[1]
    cited = engine.answer("Who is leading in Habra?", chat_id="c")
    assert any(c.source.endswith("candidateswise-S25100.htm#100") for c in cited.citations)

    # declared: the final result beats every earlier lead
    site.stage(**DECLARED)
    watcher.run_round()
    en = answers(engine, ["Who is leading in Habra?", "Has Debdas Mondal won?", "Who won Habra?",
                          "How many seats has the BJP won so far?"])
    assert all(a.startswith("Debdas Mondal (BJP") and "won Habra" in a and "31,462" in a for a in en[:3]), en
    assert "leads" not in " ".join(en[:3])
    assert en[3] == ("The Bharatiya Janata Party (BJP) has won 207 seats in the 2026 West Bengal assembly election "
                     "(Election Commission, 16:18).")
    assert "जीत" in engine.answer("हबरा में कौन जीता?", chat_id="h").text


def test_national_partywise_page_of_a_lok_sabha_count(engine):
    """A Lok Sabha count: index.htm is the national party-wise table (tests/test_eci_pages.py
    as_national says how it is made from the real West Bengal page), one state's page beside it."""
    site = Site("PcResultGenJune2029")
    try:
        lok_sabha = "Parliamentary Constituencies: Trends & Results June-2029"

        def stage(won: int, leading: int, clock: str, wb_won: int, wb_leading: int) -> None:
            site.pages["index.htm"] = as_national(partywise(won, leading, clock), lok_sabha) + (
                '<a href="partywiseresult-S25.htm">West Bengal</a>')
            # the state's page as it is (its seat list and list pages dropped: this site serves only these two)
            state = partywise(wb_won, wb_leading, clock).replace("Assembly Constituencies: Trends & Results May-2026",
                                                                 lok_sabha)
            state = re.sub(r"<select class='custom-select'.*?</select>", "", state, flags=re.S)
            site.pages["partywiseresult-S25.htm"] = state.replace('href="statewiseS251.htm"', 'href="#"')
        site.pages.pop("statewiseS257.htm")
        watcher = Watcher(engine.db, site.url, SETTINGS, log=lambda line: None)
        stage(31, 17, "11:42 AM", 5, 3)
        report = watcher.run_round()
        assert report.refused is None and report.problems == [] and report.tallies_written == 12, report
        db = engine.db
        keys = dict(db.execute("SELECT key, state FROM elections WHERE key LIKE 'ls-2029%'").fetchall())
        assert keys == {"ls-2029": None, "ls-2029-west-bengal": "West Bengal"}
        en = engine.answer("How many seats has the BJP won so far?", chat_id="n1")
        assert en.text == ("The Bharatiya Janata Party (BJP) has won 31 and is leading in 17 in the 2029 Lok Sabha "
                           "election so far (Election Commission, 11:42)."), en.text
        assert en.citations[0].url == site.url + "index.htm" and "Won 31, Leading 17" in en.citations[0].quote
        hi = engine.answer("भाजपा ने अब तक कितनी सीटें जीतीं?", chat_id="n2").text
        assert "2029 लोकसभा चुनाव में" in hi and "अब तक 31 सीटें जीती हैं और 17 पर आगे है (चुनाव आयोग, 11:42)" in hi
        latn = engine.answer("BJP ne ab tak kitni seat jeeti?", chat_id="n3").text
        assert "ab tak 31 seats jeeti hain aur 17 par aage hai (Chunav Aayog, 11:42)" in latn
        wb = engine.answer("How many seats has the BJP won so far in West Bengal?", chat_id="n4").text
        assert "has won 5 and is leading in 3" in wb and "West Bengal" in wb, wb

        # the national page changes layout: reported, and the count stays
        good = site.pages["index.htm"]
        site.pages["index.htm"] = good.replace(">Leading<", ">Ahead<")
        report = watcher.run_round()
        assert any("index.htm" in p and "party table" in p for p in report.problems), report.problems
        assert "has won 31 and is leading in 17" in engine.answer("How many seats has the BJP won so far?",
                                                                  chat_id="n5").text
        # declared everywhere: the final count, no lead
        stage(240, 0, "09:05 PM", 12, 0)
        watcher.run_round()
        done = engine.answer("How many seats has the BJP won so far?", chat_id="n6").text
        assert done == ("The Bharatiya Janata Party (BJP) has won 240 seats in the 2029 Lok Sabha election "
                        "(Election Commission, 21:05)."), done
    finally:
        site.close()


def article_row(db, candidate: str, party: str, status: str, margin: int, as_of: str) -> None:
    """A row read from an article (origin extracted) about Habra, as the extractor would write it."""
    contest = db.execute("SELECT c.id FROM contests c JOIN constituencies k ON k.id = c.constituency_id "
                         "WHERE k.name_en = 'Habra'").fetchone()[0]
    with db.conn:
        db.execute("INSERT INTO results (contest_id, candidate, party_raw, status, margin, as_of, origin, confidence, "
                   "method, review) VALUES (?, ?, ?, ?, ?, ?, 'extracted', 0.9, 'pattern:test', 'accepted')",
                   [contest, candidate, party, status, margin, as_of])


def test_a_final_result_beats_an_article_lead(site, engine):
    """An article (extracted) saying another candidate leads loses to the Election Commission's result."""
    site.stage(**DECLARED)
    Watcher(engine.db, site.url, SETTINGS, log=lambda line: None).run_round()
    article_row(engine.db, "Jyoti Priya Mallick", "AITC", "leading", 5000, f"{TODAY:%Y-%m-%d}T17:00")
    text = engine.answer("Who is leading in Habra?", chat_id=9).text
    assert text.startswith("Debdas Mondal (BJP") and "won Habra" in text


def test_an_article_win_does_not_outrank_the_live_count(site, engine):
    """An article (extracted) calling the leader the winner mid-count: the answer still says 'leads'."""
    site.stage(**ROUND12)
    Watcher(engine.db, site.url, SETTINGS, log=lambda line: None).run_round()
    article_row(engine.db, "Debdas Mondal", "BJP", "won", 30000, f"{TODAY:%Y-%m-%d}")
    text = engine.answer("Has Debdas Mondal won?", chat_id=9).text
    assert text.startswith("Not yet: Debdas Mondal (BJP) leads") and "30,000" not in text


def test_source_label_names_the_day_when_not_today():
    from bot.config import REPO
    T = Templates.load(REPO / "data", "en")
    assert source_label(T, "2026-05-05T11:42", today="2026-05-05") == "Election Commission, 11:42"
    assert source_label(T, "2026-05-05T11:42", today="2026-05-06") == "Election Commission, 11:42, 5 May 2026"


def test_local_folder_of_saved_pages(tmp_path, engine):
    for name in ("ResultAcGenMay2026_partywiseresult-S25.htm", "ResultAcGenMay2026_candidateswise-S25100.htm",
                 "ResultAcGenMay2026_statewiseS256.htm"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "ResultAcGenMay2026_candidateswise-S2599.htm").write_text(BROKEN, encoding="utf-8")
    watcher = Watcher(engine.db, str(tmp_path), SETTINGS, log=lambda line: None)
    report = watcher.run_round()
    assert report.fetched == 4 and report.tallies_written == 6 and report.seats_written == 21
    assert [p for p in report.problems if "S2599" in p] and len(report.problems) == 1
    assert watcher.run_round().fetched == 0 + 4 and watcher.run_round().seats_written == 0   # unchanged files
    assert habra_rows(engine.db)[0][:4] == ("Debdas Mondal", "BJP", 104645, "won")


def test_local_folder_with_saved_index_pages(tmp_path, engine):
    """A saved national page counts; a saved index of links (an assembly round's) is no problem."""
    lok_sabha = tmp_path / "ls"
    lok_sabha.mkdir()
    (lok_sabha / "PcResultGenJune2029_index.htm").write_text(
        as_national(dated(PARTYWISE, "10:15 AM"), "Parliamentary Constituencies: Trends & Results June-2029"),
        encoding="utf-8")
    (lok_sabha / "ResultAcGenMay2026_index.htm").write_text(INDEX, encoding="utf-8")
    report = Watcher(engine.db, str(lok_sabha), SETTINGS, log=lambda line: None).run_round()
    assert report.fetched == 2 and report.tallies_written == 6 and report.problems == [], report
    text = engine.answer("How many seats has the BJP won so far?", chat_id="saved").text
    assert text == ("The Bharatiya Janata Party (BJP) has won 207 seats in the 2029 Lok Sabha election "
                    "(Election Commission, 10:15)."), text


def test_watch_refused_site_says_so(site, engine):
    site.pages.pop("index.htm")
    lines: list[str] = []
    waits: list[float] = []
    watcher = Watcher(engine.db, site.url, SETTINGS, log=lines.append, sleep=waits.append)
    site.fail["index.htm"] = [403, 429, 403]
    assert watcher.run(rounds=3) == 1
    assert any("HTTP 403" in line and "refuses this client" in line for line in lines), lines
    assert waits == [60.0, 120.0]          # the back-off doubles while the site refuses


# ---- the Telegram bot beside `watch` ----------------------------------------------------------

@pytest.fixture
def fake():
    with FakeBotAPI() as server:
        yield server


def test_followed_seat_card_is_edited_as_watch_writes(tmp_path, site, fake):
    config = make_config(tmp_path / "home", chunav_telegram_rate_limit="false", chunav_telegram_follow_check_s="1")
    engine = Engine(config, open_index=False)
    watcher = Watcher(engine.db, site.url, SETTINGS, log=lambda line: None)
    site.stage(**ROUND3)
    watcher.run_round()
    with BotRunner(config, engine, fake):
        (card,) = ask(fake, fake.message(42, 42, "/follow Habra"), 42)
        text = card.params["text"]
        assert "Debdas Mondal (BJP) — 16,522 votes — leading" in text and "Round 3 of 19" in text
        site.stage(**ROUND12)
        watcher.run_round()                                   # another process, in real life
        (edit,) = fake.wait_sent(1, "editMessageText", chat_id=42, timeout=WAIT)
        assert int(edit.params["message_id"]) == card.message["message_id"]
        assert "Round 12 of 19" in edit.params["text"] and "66,091 votes — leading" in edit.params["text"]
        time.sleep(1.5)
        assert len(fake.sent("editMessageText")) == 1         # nothing new: no edit
        site.stage(**DECLARED)
        watcher.run_round()
        edits = fake.wait_sent(2, "editMessageText", chat_id=42, timeout=WAIT)
        assert "Debdas Mondal (BJP) — 1,04,645 votes — won" in edits[1].params["text"]
        assert "Round 19 of 19" not in edits[1].params["text"]       # no round line once declared
        assert len(fake.sent(chat_id=42)) == 1                # edited, never sent again
