"""Reading article files of each kind into raw articles, and refusing what is not an article."""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from store.formats import Failure, RawArticle, decode_bytes_literal, detect_kind, parse_date, read_articles
from store.settings import IngestSettings

SETTINGS = IngestSettings()
BODY = "Samajwadi Party candidate Naeemul Hasan won the Noorpur seat by 5,678 votes on Thursday."


def read(path: Path, settings: IngestSettings = SETTINGS) -> list[RawArticle | Failure]:
    return list(read_articles(path, settings))


def only_article(path: Path) -> RawArticle:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


@pytest.mark.parametrize("content, kind", [
    ("34192584985;b'Bypoll results\\n\\nMore text'", "dump"),
    (" date 2024-07-13 INDIA bloc candidate won.", "text"),
    ("Plain article text.\nSecond line.", "text"),
    ('{"id": "a1", "text": "x"}\n{"id": "a2", "text": "y"}', "jsonl"),
    ('[{"id": "a1", "text": "x"}]', "jsonl"),
    ("id,title,text\n1,T,Body", "csv"),
    ("headline\tcontent\nT\tBody", "csv"),
    ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
    ("<html lang='hi'><head><title>t</title></head></html>", "html"),
    ("Body, mind and soul: the text of a speech.\nSecond line.", "text"),
])
def test_detect_kind_from_content_whatever_the_extension(content: str, kind: str) -> None:
    assert detect_kind(content, Path("article.txt")) == kind


@pytest.mark.parametrize("literal, text", [
    ("b'Line one\\n\\nLine two'", "Line one\n\nLine two"),
    ("b'It\\'s 44,618 votes'", "It's 44,618 votes"),
    ("b'\\xe0\\xa4\\xa8\\xe0\\xa4\\x88 \\xe0\\xa4\\xa6\\xe0\\xa4\\xbf\\xe0\\xa4\\xb2\\xe0\\xa5\\x8d\\xe0\\xa4\\xb2\\xe0\\xa5\\x80'", "नई दिल्ली"),
    ("b'truncated scrape with \\n no closing quote", "truncated scrape with \n no closing quote"),
    ('b"double quoted \\t tab"', "double quoted \t tab"),
])
def test_decode_bytes_literal(literal: str, text: str) -> None:
    assert decode_bytes_literal(literal) == text


@pytest.mark.parametrize("value, expected", [
    ("2018-06-01", "2018-06-01"),
    ("2018-05-31T18:45:00+05:30", "2018-05-31"),
    ("June 1, 2018 5:35:10 am", "2018-06-01"),
    ("Jun 1 2018", "2018-06-01"),
    ("1 June 2018", "2018-06-01"),
    ("Thursday, May 31, 2018", "2018-05-31"),
    ("31/05/2018", "2018-05-31"),
    ("31 मई 2018", "2018-05-31"),
    ("Fri, 01 Jun 2018 05:35:10 +0530", "2018-06-01"),
    ("20180601", "2018-06-01"),
    ("2018-02-30", None),
    ("last Thursday", None),
    ("", None),
    (None, None),
])
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_seed_style_bytes_dump(tmp_path: Path) -> None:
    path = tmp_path / "000_abc.txt"
    path.write_text("34192584985;b'Bypoll results 2018: Opposition take 11 of 14 seats | | Published: June 1, 2018 "
                    "5:35:10 am RLD workers celebrate.\\n\\n" + BODY + " More Top News Share your thoughts'",
                    encoding="utf-8")
    art = only_article(path)
    assert art.source == "000_abc.txt" and art.external_id == "34192584985"
    assert art.published == "2018-06-01"
    assert art.title == "Bypoll results 2018: Opposition take 11 of 14 seats"
    assert "\n\n" + BODY in art.text and "\\n" not in art.text


def test_published_date_prefers_publication_over_update(tmp_path: Path) -> None:
    path = tmp_path / "upd.txt"
    path.write_text("Kairana result | | Updated: June 2, 2018 9:00 am | Published: June 1, 2018 5:35:10 am\n" + BODY,
                    encoding="utf-8")
    assert only_article(path).published == "2018-06-01"


def test_file_of_several_dump_lines_cites_each_by_its_id(tmp_path: Path) -> None:
    path = tmp_path / "dumps.txt"
    path.write_text(f"111;b'{BODY}'\n222;b'{BODY} Again.'\nnot a dump line\n", encoding="utf-8")
    items = read(path)
    assert [a.source for a in items if isinstance(a, RawArticle)] == ["111", "222"]
    assert [(f.line, "ID;b" in f.reason) for f in items if isinstance(f, Failure)] == [(3, True)]


def test_date_line_text(tmp_path: Path) -> None:
    path = tmp_path / "001.txt"
    path.write_text(" date 2024-07-13 INDIA bloc candidate Kamlesh Thakur won Dehra.\n\nSecond paragraph.",
                    encoding="utf-8")
    art = only_article(path)
    assert art.published == "2024-07-13"
    assert art.text.startswith("INDIA bloc candidate") and "date" not in art.text[:10]


def test_plain_text_utf8_bom_and_utf16(tmp_path: Path) -> None:
    hindi = "नूरपुर विधानसभा सीट पर हुए उपचुनाव में समाजवादी पार्टी ने जीत दर्ज की है."
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + hindi.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(hindi.encode("utf-16"))
    assert only_article(tmp_path / "bom.txt").text == hindi
    assert only_article(tmp_path / "u16.txt").text == hindi


def test_jsonl_with_alternative_field_names(tmp_path: Path) -> None:
    rows = [
        # the shape of a scraped news-passages file
        {"id": "np0001", "event": "2018-05 Kairana LS bypoll", "lang": "en", "date": "2018-05-31",
         "url": "http://example.org/a", "source_domain": "example.org", "text": BODY, "note": None, "query": "q"},
        {"article_id": "x7", "content": BODY, "headline": "Noorpur", "link": "http://e.org/b",
         "published_at": "May 31, 2018", "publisher": "Example Times", "language": "EN"},
        {"body": BODY, "title": "No id", "source": "Daily"},
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b, c = read(path)
    assert (a.source, a.line, a.publisher, a.published, a.language, a.url) == (
        "np0001", 1, "example.org", "2018-05-31", "en", "http://example.org/a")
    assert (b.source, b.title, b.url, b.published, b.publisher, b.language) == (
        "x7", "Noorpur", "http://e.org/b", "2018-05-31", "Example Times", "en")
    assert (c.source, c.external_id, c.publisher) == ("news.jsonl:3", None, "Daily")


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps([{"id": "j1", "text": BODY}, {"id": "j2", "text": BODY + " More."}]), encoding="utf-8")
    assert [a.source for a in read(path)] == ["j1", "j2"]


def test_csv_rows_with_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('id,headline,body,link,date,publisher\n'
                    f'c1,Kairana,"{BODY}\n\nSecond paragraph.",http://e.org/1,2018-05-31,Example\n'
                    f'c2,Noorpur,"{BODY}",http://e.org/2,31/05/2018,Example\n', encoding="utf-8")
    a, b = read(path)
    assert (a.source, a.line, a.title, a.url, a.published) == ("c1", 2, "Kairana", "http://e.org/1", "2018-05-31")
    assert a.text.endswith("\n\nSecond paragraph.")
    assert (b.source, b.line, b.published) == ("c2", 5, "2018-05-31")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html lang="en-IN"><head>
<title>Site | Kairana result</title>
<meta property="og:title" content="RLD wins Kairana">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2018-05-31T18:30:00+05:30">
<link rel="canonical" href="https://example.org/kairana">
<style>p { color: red }</style><script>var ad = "Also in script";</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/politics">Politics</a></nav></header>
<article><h1>RLD wins Kairana</h1>
<p>RLD candidate Tabassum Hasan defeated BJP&#39;s Mriganka Singh
   by a margin of 44,618 votes.</p>
<aside>Related: other stories</aside>
<p>The BSP had come <b>third</b> in 2014.</p></article>
<footer>Copyright Example News</footer></body></html>"""
    path = tmp_path / "kairana.page"
    path.write_text(page, encoding="utf-8")
    art = only_article(path)
    assert art.kind == "html" and art.source == "kairana.page"
    assert (art.title, art.publisher, art.url, art.published, art.language) == (
        "RLD wins Kairana", "Example News", "https://example.org/kairana", "2018-05-31", "en")
    assert "RLD candidate Tabassum Hasan defeated BJP's Mriganka Singh by a margin of 44,618 votes." in art.text
    assert "The BSP had come third in 2014." in art.text
    for junk in ("Home", "Related", "Copyright", "color", "Also in script"):
        assert junk not in art.text


def test_html_date_from_time_element(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><body><main><time datetime='2024-07-13'>13 July</time><p>" + BODY + "</p></main>"
                    "</body></html>", encoding="utf-8")
    assert only_article(path).published == "2024-07-13"


@pytest.mark.parametrize("name, data, reason", [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Sh. Naeemul Hasan won — by 5,678 votes".encode("cp1252"), "not UTF-8"),
    ("empty.txt", b"   \n\n", "empty"),
])
def test_unreadable_files_are_reported(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    [failure] = read(tmp_path / name)
    assert isinstance(failure, Failure) and failure.path.endswith(name) and reason in failure.reason


def test_huge_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 20, encoding="utf-8")
    [failure] = read(path, IngestSettings(max_file_bytes=1000))
    assert isinstance(failure, Failure) and "max_file_bytes=1000" in failure.reason


def test_malformed_jsonl_and_csv_rows_are_reported_by_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text(json.dumps({"id": "ok1", "text": BODY}) + "\n{\"id\": \"broken\", \"text\": \n"
                     + json.dumps({"id": "notext", "title": "T"}) + "\n[1, 2]\n"
                     + json.dumps({"id": "ok2", "text": BODY}) + "\n", encoding="utf-8")
    items = read(jsonl)
    assert [a.source for a in items if isinstance(a, RawArticle)] == ["ok1", "ok2"]
    assert [(f.line, f.reason.split(" ")[0]) for f in items if isinstance(f, Failure)] == [
        (2, "malformed"), (3, "no"), (4, "not")]
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text(f'id,text\nr1,"{BODY}"\nr2,\nr3,"{BODY}",extra\n', encoding="utf-8")
    items = read(csv_path)
    assert [a.source for a in items if isinstance(a, RawArticle)] == ["r1"]
    assert [f.line for f in items if isinstance(f, Failure)] == [3, 4]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("candidate,votes\nA,1\n", encoding="utf-8")
    [failure] = read(path)
    assert isinstance(failure, Failure) and failure.line == 1 and "text column" in failure.reason
