"""Turn an Answer into text for people: plain text (console), JSON, and Telegram HTML."""
from __future__ import annotations

import html
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


TELEGRAM_LIMIT = 4096
QUOTE_CHARS = 300               # evidence quotes are cut to this before anything else is trimmed


def _utf16_len(text: str) -> int:
    # Telegram counts message length in UTF-16 code units; counting the markup too keeps us safe.
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(chars - 1, 0)].rstrip() + "…"


def citation_html(n: int, c, quote_chars: int | None = QUOTE_CHARS) -> str:
    """`[n]` linking to the article (or the source name when there is no url), title, date, quote."""
    label = html.escape(c.title or c.source, quote=False)
    url = c.url or ""
    if url.startswith(("https://", "http://")):
        head = f'<a href="{html.escape(url, quote=True)}">[{n}]</a> {label}'
    else:
        head = f"[{n}] {label}" + (f" ({html.escape(c.source, quote=False)})" if c.title else "")
    extra = [html.escape(x, quote=False) for x in (c.publisher, c.date) if x]
    if extra:
        head += " · " + " · ".join(extra)
    if quote_chars and c.quote:
        head += f"\n<i>“{html.escape(_cut(' '.join(c.quote.split()), quote_chars), quote=False)}”</i>"
    return head


def render_html(answer: Answer, limit: int = TELEGRAM_LIMIT) -> str:
    """Telegram HTML (parse_mode=HTML), every dynamic string escaped, never over `limit`.

    Evidence is trimmed first (quotes shortened, then dropped, then citations from the end);
    the answer text itself is cut only if it alone exceeds the limit.
    """
    body = html.escape(answer.text, quote=False)

    def build(cites: list[str]) -> str:
        return body + ("\n\n" + "\n".join(cites) if cites else "")

    for quote_chars in (QUOTE_CHARS, 120, None):
        cites = [citation_html(n, c, quote_chars) for n, c in enumerate(answer.citations, 1)]
        text = build(cites)
        if _utf16_len(text) <= limit:
            return text
    while cites:
        cites.pop()
        text = build(cites)
        if _utf16_len(text) <= limit:
            return text
    # The answer alone is too long: cut it on a character boundary, never inside an entity.
    out = answer.text
    while _utf16_len(html.escape(out, quote=False)) > limit:
        out = _cut(out, len(out) - max(1, (_utf16_len(html.escape(out, quote=False)) - limit)))
    return html.escape(out, quote=False)
