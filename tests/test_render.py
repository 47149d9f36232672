"""bot/render.py: plain, JSON and Telegram HTML."""
from __future__ import annotations

import html
import json
import re

import pytest

from bot.render import TELEGRAM_LIMIT, render_html, render_json, render_plain
from bot.types import Answer, Citation

CITE = Citation(source="000_be647b8b95c93bd2.txt", quote="Tabassum Hasan won the Kairana seat by 44,618 votes.",
                title="Bypoll results 2018", publisher="Indian Express", url="https://indianexpress.com/a?b=1&c=2",
                date="2018-06-01", language="en")
NO_URL = Citation(source="003_207d321f098a960e.txt", quote="नूरपुर में सपा जीती।", date="2018-06-01")


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize("text", [
    "RLD's Tabassum Hasan won Kairana by 44,618 votes.",
    "<b>not bold</b> & <script>alert(1)</script>",
    "*markdown* _under_ `code` [link](http://x)",
    "कैराना में रालोद की तबस्सुम हसन 44,618 वोटों से जीतीं।",
    "Kairana mein RLD jeeti 🎉🗳️",
])
def test_html_escapes_every_dynamic_string(text):
    answer = Answer(text=text, status="answered", lang="en", citations=[CITE, NO_URL])
    out = render_html(answer)
    assert visible(out).startswith(text)
    # only our own tags remain
    assert set(re.findall(r"</?([a-z]+)", out)) <= {"a", "i"}


def test_citations_are_numbered_links_with_date():
    out = render_html(Answer(text="Tabassum Hasan won.", status="answered", lang="en", citations=[CITE, NO_URL]))
    assert '<a href="https://indianexpress.com/a?b=1&amp;c=2">[1]</a> Bypoll results 2018 · Indian Express · 2018-06-01' in out
    assert "[2] 003_207d321f098a960e.txt · 2018-06-01" in out          # no url: the source name
    assert "“नूरपुर में सपा जीती।”" in out


def test_non_http_url_is_not_linked():
    bad = Citation(source="x.txt", quote="q", url="javascript:alert(1)")
    out = render_html(Answer(text="a", status="answered", lang="en", citations=[bad]))
    assert "href" not in out and "[1] x.txt" in out


def test_long_reply_trims_evidence_not_the_answer():
    text = "Answer line. " * 200                 # 2,600 characters
    long_quote = Citation(source="a.txt", quote="evidence " * 400, url="https://example.org/1", date="2018-06-01")
    answer = Answer(text=text.strip(), status="answered", lang="en", citations=[long_quote] * 12)
    out = render_html(answer)
    assert len(out) <= TELEGRAM_LIMIT
    assert visible(out).startswith(text.strip())
    assert "[1]" in out


def test_answer_longer_than_the_limit_is_cut():
    answer = Answer(text="वोट " * 3000, status="answered", lang="hi", citations=[CITE])
    out = render_html(answer)
    assert len(out.encode("utf-16-le")) // 2 <= TELEGRAM_LIMIT and out.endswith("…")


def test_emoji_count_as_two_units():
    answer = Answer(text="🗳" * 2100, status="answered", lang="en")   # 2,100 chars, 4,200 UTF-16 units
    out = render_html(answer)
    assert len(out.encode("utf-16-le")) // 2 <= TELEGRAM_LIMIT


def test_plain_and_json_still_work():
    answer = Answer(text="Tabassum Hasan won.", status="answered", lang="en", citations=[CITE])
    assert render_plain(answer).startswith("Tabassum Hasan won.\n\n[1] 000_be647b8b95c93bd2.txt")
    assert json.loads(render_json(answer))["citations"][0]["url"] == CITE.url
