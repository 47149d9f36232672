"""Turn an Answer into text for people: plain text (console) and JSON.

Telegram HTML rendering lives beside these (render_html), added with the Telegram adapter.
"""
from __future__ import annotations

import json

from bot.types import Answer


def citation_line(n: int, c) -> str:
    parts = [c.source]
    if c.title:
        parts.append(c.title)
    if c.publisher:
        parts.append(c.publisher)
    if c.date:
        parts.append(c.date)
    if c.url:
        parts.append(c.url)
    return f"[{n}] " + " · ".join(parts) + f'\n    "{c.quote}"'


def render_plain(answer: Answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("")
        lines.extend(citation_line(n, c) for n, c in enumerate(answer.citations, 1))
    return "\n".join(lines)


def render_json(answer: Answer) -> str:
    return json.dumps(answer.to_dict(), ensure_ascii=False, indent=2)
