"""Article files -> raw articles: detect the kind of a file from its content and parse it.

Kinds: `dump` (lines `ID;b'...'`, Python bytes literals as scraped), `text` (plain text, with an
optional leading ` date YYYY-MM-DD` line), `jsonl` (one JSON object per line; a JSON array is
also read), `csv` (a header row naming the fields) and `html` (one page = one article).
Nothing here touches the store; cleaning is store/clean.py's job.
"""
from __future__ import annotations

import ast
import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from store.settings import IngestSettings


@dataclass(frozen=True)
class Failure:
    """One thing that could not be ingested: where (file, line) and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class RawArticle:
    """An article as read from its file, before cleaning."""

    source: str                  # citable name: file name, or the row's id, or "file:line"
    path: str
    text: str
    kind: str
    line: int | None = None
    external_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD when parseable, else as written
    language: str | None = None   # as the file states it, if it does


class FormatError(ValueError):
    """A whole file cannot be read (binary, unknown encoding...)."""


# Accepted field names for JSON Lines / CSV, first match wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "uid"),
    "text": ("text", "content", "body", "article", "article_text", "passage"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "href", "source_url"),
    "published": ("published", "date", "published_at", "publish_date", "pub_date", "datetime", "published_date"),
    "publisher": ("source", "source_domain", "publisher", "site", "outlet", "domain"),
    "language": ("lang", "language"),
}

_DUMP_LINE = re.compile(r"^\s*(?P<id>[^;\s]{1,64});(?P<lit>b(?P<q>['\"]).*)$", re.DOTALL)
_DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})[ \t]*(?:\n)?")
_PUBLISHED_IN_TEXT = re.compile(
    r"\b(?P<label>Published|Updated|Posted|Last Updated)\s*(?:on)?\s*:?\s*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]{2,8},? \d{4})|(?:\d{4}-\d{2}-\d{2}))"
)
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_.\-]{0,40}")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "मई": 5, "जून": 6, "जुलाई": 7,
    "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11,
    "दिसंबर": 12, "दिसम्बर": 12,
}


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """Bytes -> text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FormatError(f"UTF-16 text with a bad byte at offset {exc.start}") from None
    if b"\x00" in data:
        raise FormatError("binary file (contains NUL bytes): not an article, or UTF-16 text without a "
                          "byte-order mark; save articles as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 or UTF-16 text (undecodable byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8"
        ) from None


def decode_bytes_literal(literal: str) -> str:
    """The text inside a Python bytes literal `b'...'` (escapes decoded, bytes read as UTF-8)."""
    literal = literal.strip()
    try:
        value = ast.literal_eval(literal)
        raw = value if isinstance(value, bytes) else None
    except (SyntaxError, ValueError):
        raw = None
    if raw is None:
        # Truncated or otherwise broken literal: drop the b'...' wrapper and decode the escapes by hand.
        body = literal[2:]
        if body.endswith(literal[1]):
            body = body[:-1]
        raw = codecs.escape_decode(body.encode("utf-8"))[0]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


# ---------------------------------------------------------------- dates


def parse_date(value: object) -> str | None:
    """A date as written in metadata or text -> YYYY-MM-DD, or None when it cannot be read."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])", s)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{4})(\d{2})(\d{2})$", s)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", s)
    if m:  # Indian sources write day first
        return _ymd(int(m[3]), int(m[2]), int(m[1]))
    # "June 1, 2018", "Jun 1 2018 5:35 am"
    m = re.match(r"^(?:[A-Za-z]+,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", s)
    if m and _month(m[1]):
        return _ymd(int(m[3]), _month(m[1]), int(m[2]))
    # "1 June 2018", "01 जून 2018", "Fri, 01 Jun 2018"
    m = re.match(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b", s)
    if m and _month(m[2]):
        return _ymd(int(m[3]), _month(m[2]), int(m[1]))
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _month(name: str) -> int | None:
    name = name.lower()
    return _MONTHS.get(name) or _MONTHS.get(name[:3]) if name.isascii() else _MONTHS.get(name)


def _ymd(year: int, month: int | None, day: int) -> str | None:
    try:
        return date(year, month or 0, day).isoformat()
    except ValueError:
        return None


def published_in_text(text: str) -> str | None:
    """A "Published: June 1, 2018 ..." line near the start of an article's text."""
    found = [(m["label"].lower() not in ("published", "posted"), m.start(), parse_date(m["date"]))
             for m in _PUBLISHED_IN_TEXT.finditer(text[:2000])]
    found = sorted(f for f in found if f[2])  # a publication date before an update date
    return found[0][2] if found else None


def title_in_text(text: str) -> str | None:
    """A headline at the start of scraped text: "Headline | | Published: ..." or a short first line."""
    first = text.lstrip().split("\n", 1)[0]
    if " | " in first:
        head = first.split(" | ", 1)[0].strip()
        if 10 <= len(head) <= 200:
            return head
    return None


# ---------------------------------------------------------------- detection


def detect_kind(text: str, path: Path) -> str:
    """The file's kind from its content; the extension only breaks ties."""
    head = text.lstrip()[:4096]
    first = head.split("\n", 1)[0]
    ext = path.suffix.lower()
    if _DUMP_LINE.match(first):
        return "dump"
    if head.startswith("{") or (head.startswith("[") and ext in (".json", ".jsonl", ".ndjson")):
        return "jsonl"
    if head.startswith("[") and _looks_like_json_array(head):
        return "jsonl"
    low = head.lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and re.search(r"<(body|p|div|article|head|title)\b", low)
    ):
        return "html"
    if _csv_header(first) is not None or ext in (".csv", ".tsv"):
        return "csv"
    return "text"


def _looks_like_json_array(head: str) -> bool:
    return bool(re.match(r"\[\s*(\{|\])", head))


def _csv_header(first_line: str) -> str | None:
    """The delimiter when the line is a CSV header naming a text field."""
    text_names = set(FIELDS["text"])
    if len(first_line) > 1000:
        return None
    for delim in (",", "\t", ";", "|"):
        if delim in first_line:
            names = [c.strip().strip('"').strip().lower() for c in first_line.split(delim)]
            # Field names, not prose: "Body, mind and soul" is a sentence, not a header.
            if all(_FIELD_NAME.fullmatch(n) for n in names) and set(names) & text_names:
                return delim
    return None


# ---------------------------------------------------------------- reading


def read_articles(path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    """Every article in one file, or a Failure per file/row that cannot be read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield Failure(where, None, f"file is {size} bytes, over max_file_bytes={settings.max_file_bytes}; "
                                       "split it or raise [ingest] max_file_bytes")
            return
        text = decode_bytes(path.read_bytes())
    except FormatError as exc:
        yield Failure(where, None, str(exc))
        return
    except OSError as exc:
        yield Failure(where, None, f"cannot read: {exc.strerror or exc}")
        return
    if not text.strip():
        yield Failure(where, None, "empty file")
        return
    kind = detect_kind(text, path)
    reader = {"dump": _read_dump, "jsonl": _read_jsonl, "csv": _read_csv, "html": _read_html}.get(kind, _read_text)
    yield from reader(text, path, settings)


def _read_text(text: str, path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    published = None
    m = _DATE_LINE.match(text)
    if m:
        published = parse_date(m["date"]) or m["date"]
        text = text[m.end():]
    yield RawArticle(
        source=path.name, path=str(path), text=text, kind="text",
        title=title_in_text(text), published=published or published_in_text(text),
    )


def _read_dump(text: str, path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    single = len(lines) == 1
    for n, line in lines:
        m = _DUMP_LINE.match(line)
        if not m:
            yield Failure(str(path), n, "not an `ID;b'...'` line like the others in this file")
            continue
        body = decode_bytes_literal(m["lit"])
        published = None
        dm = _DATE_LINE.match(body)
        if dm:
            published = parse_date(dm["date"])
            body = body[dm.end():]
        yield RawArticle(
            source=path.name if single else m["id"], path=str(path), text=body, kind="dump",
            line=None if single else n, external_id=m["id"], title=title_in_text(body),
            published=published or published_in_text(body),
        )


def _pick(row: dict[str, object], field: str) -> str | None:
    """The first non-empty value among a field's accepted names (keys compared case-insensitively)."""
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in FIELDS[field]:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip() if field != "text" else str(value)
    return None


def _from_row(row: dict[str, object], path: Path, line: int, kind: str) -> RawArticle | Failure:
    text = _pick(row, "text")
    if text is None:
        return Failure(str(path), line, f"no article text: expected a field named one of {', '.join(FIELDS['text'])}")
    ext_id = _pick(row, "id")
    published_raw = _pick(row, "published")
    lang = _pick(row, "language")
    return RawArticle(
        source=ext_id or f"{path.name}:{line}", path=str(path), text=text, kind=kind, line=line,
        external_id=ext_id, title=_pick(row, "title"), publisher=_pick(row, "publisher"), url=_pick(row, "url"),
        published=parse_date(published_raw) or published_raw,
        language=lang.lower() if lang and re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?", lang) else None,
    )


def _read_jsonl(text: str, path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(str(path), exc.lineno, f"malformed JSON array: {exc.msg}")
            return
        for i, item in enumerate(items, 1):
            if isinstance(item, dict):
                yield _from_row(item, path, i, "json")
            else:
                yield Failure(str(path), i, f"item {i} is not a JSON object")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(str(path), n, f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line")
            continue
        if not isinstance(row, dict):
            yield Failure(str(path), n, "not a JSON object")
            continue
        yield _from_row(row, path, n, "jsonl")


def _read_csv(text: str, path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    first = text.split("\n", 1)[0]
    delim = _csv_header(first) or ("\t" if path.suffix.lower() == ".tsv" else ",")
    # csv's default field limit (128 KiB) is below max_article_chars; articles are allowed that long.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_file_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delim)
    if not reader.fieldnames or not {f.strip().lower() for f in reader.fieldnames if f} & set(FIELDS["text"]):
        yield Failure(str(path), 1, f"CSV header has no text column: expected one of {', '.join(FIELDS['text'])}")
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(str(path), line, f"malformed CSV: {exc}")
            return
        if None in row:  # more cells than header names
            yield Failure(str(path), line, f"row has {len(reader.fieldnames) + len(row[None])} cells, "
                                           f"the header {len(reader.fieldnames)}")
            continue
        yield _from_row(row, path, line, "csv")


# ---------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe",
              "button", "template", "select", "figure", "menu", "dialog"}
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article", "section",
               "main", "tr", "table", "blockquote", "pre", "dd", "dt", "hr", "body", "figcaption"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col", "area", "base", "embed"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
              "pubdate", "date", "dc.date.issued", "dc.date", "sailthru.date", "article.published", "parsely-pub-date")


class _PageParser(HTMLParser):
    """Collects the readable text of <article> (else <main>, else <body>) and the page's metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.lang: str | None = None
        self.canonical: str | None = None
        self.time_datetime: str | None = None
        self.h1 = ""
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self._stack: list[str] = []
        self._skip = 0
        self._in: dict[str, int] = {"article": 0, "main": 0, "body": 0, "title": 0, "h1": 0, "ld": 0}
        self.ld_json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower():
            self.canonical = a.get("href")
        elif tag == "time" and a.get("datetime") and self.time_datetime is None:
            self.time_datetime = a["datetime"]
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._newline()
            return
        self._stack.append(tag)
        if tag == "script" and "ld+json" in a.get("type", ""):
            self._in["ld"] += 1
            self.ld_json.append("")
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in self._in:
            self._in[tag] += 1
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or tag not in self._stack:
            return
        while self._stack:  # close anything left open inside (sloppy HTML)
            open_tag = self._stack.pop()
            if open_tag in _SKIP_TAGS:
                self._skip -= 1
            if open_tag == "script" and self._in["ld"]:
                self._in["ld"] -= 1
            if open_tag in self._in and open_tag != "ld":
                self._in[open_tag] = max(0, self._in[open_tag] - 1)
            if open_tag in _BLOCK_TAGS:
                self._newline()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in["ld"]:
            self.ld_json[-1] += data
            return
        if self._in["title"]:
            self.title += data
            return
        if self._skip:
            return
        if self._in["h1"]:
            self.h1 += data
        data = re.sub(r"\s+", " ", data)  # source line breaks are not text breaks; block tags are
        for part in ("article", "main", "body"):
            if self._in[part]:
                self.parts[part].append(data)

    def _newline(self) -> None:
        for part in ("article", "main", "body"):
            if self._in[part]:
                self.parts[part].append("\n")


def _html_text(pieces: list[str]) -> str:
    # HTML whitespace is not significant: collapse it within a block, keep block breaks as lines.
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _read_html(text: str, path: Path, settings: IngestSettings) -> Iterator[RawArticle | Failure]:
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser is lenient; this is very broken markup
        yield Failure(str(path), None, f"cannot parse HTML: {exc}")
        return
    body = next((_html_text(parser.parts[p]) for p in ("article", "main", "body") if _html_text(parser.parts[p])),
                "")
    if not body:
        body = _html_text([re.sub(r"<[^>]*>", "\n", text)]) if "<body" not in text.lower() else ""
    meta = parser.meta
    published = None
    for key in _DATE_META:
        if meta.get(key):
            published = parse_date(meta[key])
            if published:
                break
    if not published:
        for candidate in [parser.time_datetime, *re.findall(r'"datePublished"\s*:\s*"([^"]+)"', "".join(parser.ld_json))]:
            published = parse_date(candidate)
            if published:
                break
    title = meta.get("og:title") or meta.get("twitter:title") or parser.title.strip() or parser.h1.strip() or None
    lang = (parser.lang or meta.get("og:locale") or "").split("-")[0].split("_")[0].lower() or None
    yield RawArticle(
        source=path.name, path=str(path), text=body, kind="html",
        title=re.sub(r"\s+", " ", title).strip() if title else None,
        publisher=meta.get("og:site_name") or meta.get("publisher") or None,
        url=meta.get("og:url") or parser.canonical or None,
        published=published or published_in_text(body),
        language=lang if lang and re.fullmatch(r"[a-z]{2,3}", lang) else None,
    )

