"""Structured results written as short sentences (English and Hindi) for the search indexes.

"Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (SP) won, defeating Avni Singh
(BJP) by 5,678 votes". The wording lives in data/templates/sentences.toml; Hindi sentences use
the gazetteer's Hindi names (name_hi, abbr_hi, candidate_hi) where known. Each sentence is a
row of result_sentences keeping its result's id; rejected results get none.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from store.datafiles import read_toml

LANGS = ("en", "hi")
STATUSES = ("won", "lost", "leading", "trailing")
# won/lost rows name the winner/loser as the other side; leading/trailing likewise
OPPOSITE = {"won": "lost", "lost": "won", "leading": "trailing", "trailing": "leading"}
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{(\w+)\}")


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Templates:
    langs: dict[str, dict[str, Any]]
    path: Path

    @classmethod
    def load(cls, path: Path) -> Templates:
        raw = read_toml(path, TemplateError)
        needed = ("head", "who", "party_only", "date", "months", "house", "kind", "qualifier", *STATUSES)
        for lang in LANGS:
            table = raw.get(lang)
            if not isinstance(table, dict):
                raise TemplateError(f"{path}: missing table [{lang}]")
            missing = [k for k in needed if k not in table]
            if missing:
                raise TemplateError(f"{path}: [{lang}] lacks {', '.join(missing)}")
            if len(table["months"]) != 12:
                raise TemplateError(f"{path}: [{lang}] months must list 12 names")
        return cls({lang: raw[lang] for lang in LANGS}, path)


def fill(template: str, values: dict[str, str | None]) -> str:
    """Fill {fields}; drop each [optional part] whose fields are not all known (non-empty)."""

    def optional(match: re.Match[str]) -> str:
        part = match.group(1)
        if all(values.get(name) for name in _FIELD.findall(part)):
            return _FIELD.sub(lambda m: str(values[m.group(1)]), part)
        return ""

    text = _OPTIONAL.sub(optional, template)
    try:
        return _FIELD.sub(lambda m: str(values[m.group(1)] or ""), text)
    except KeyError as exc:
        raise TemplateError(f"template {template!r} uses an unknown field {exc}") from None


def _number(n: int | None, qualifier: str, table: dict[str, Any]) -> str | None:
    if n is None:
        return None
    text = f"{n:,}"
    pattern = table["qualifier"].get(qualifier) if qualifier else None
    return pattern.replace("{n}", text) if pattern else text


def _date(iso: str | None, table: dict[str, Any]) -> str | None:
    if not iso:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso
    year, month, day = m.group(1), table["months"][int(m.group(2)) - 1], m.group(3)
    if not day:
        return f"{month} {year}"
    return fill(table["date"], {"day": str(int(day)), "month": month, "year": year})


_ROWS_SQL = """
SELECT r.id, r.contest_id, r.candidate, r.candidate_hi, r.party_raw, r.votes, r.votes_qualifier,
       r.position, r.status, r.margin, r.margin_qualifier, r.as_of,
       p.abbr AS party, p.abbr_hi AS party_abbr_hi, p.name_hi AS party_name_hi,
       c.name_en AS seat, c.name_hi AS seat_hi, c.state, c.house, s.name_hi AS state_hi,
       e.kind, e.year
FROM results r
JOIN contests k ON k.id = r.contest_id
JOIN constituencies c ON c.id = k.constituency_id
JOIN elections e ON e.id = k.election_id
LEFT JOIN parties p ON p.id = r.party_id
LEFT JOIN states s ON s.name_en = c.state
WHERE r.review != 'rejected'
ORDER BY r.contest_id, r.id
"""


def _other(row: dict[str, Any], contest: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The other side of a row: the winner for a loser, the best loser for a winner."""
    want = OPPOSITE[row["status"]]
    me = row["candidate"].strip().casefold()
    rivals = [r for r in contest if r["status"] == want and r["candidate"].strip().casefold() != me]
    if row["as_of"]:
        same_time = [r for r in rivals if r["as_of"] == row["as_of"]]
        rivals = same_time or rivals
    if not rivals:
        return None
    if want in ("won", "leading"):
        return rivals[-1]
    # the runner-up: position 2 if known, else the most votes
    return min(rivals, key=lambda r: (r["position"] or 99, -(r["votes"] or 0)))


def _who(row: dict[str, Any], lang: str, table: dict[str, Any]) -> str:
    if lang == "hi":
        name = row["candidate_hi"] or row["candidate"]
        party = row["party_abbr_hi"] or row["party_name_hi"] or row["party"] or row["party_raw"]
    else:
        name, party = row["candidate"], row["party"] or row["party_raw"]
    if not (name or "").strip():
        return fill(table["party_only"], {"party": party})
    return fill(table["who"], {"name": name, "party": party})


def render(row: dict[str, Any], other: dict[str, Any] | None, lang: str, templates: Templates) -> str:
    """One result as a sentence in `lang`."""
    table = templates.langs[lang]
    hi = lang == "hi"
    head = fill(
        table["head"],
        {
            "seat": (row["seat_hi"] if hi else None) or row["seat"],
            "state": (row["state_hi"] if hi else None) or row["state"],
            "house": table["house"].get(row["house"], row["house"]),
            "kind": table["kind"].get(row["kind"], row["kind"]),
            "year": str(row["year"]),
        },
    )
    margin, margin_q = row["margin"], row["margin_qualifier"]
    if margin is None and other is not None and row["status"] in ("lost", "trailing"):
        margin, margin_q = other["margin"], other["margin_qualifier"]
    values = {
        "head": head,
        "who": _who(row, lang, table),
        "other": _who(other, lang, table) if other else None,
        "margin": _number(margin, margin_q, table),
        "votes": _number(row["votes"], row["votes_qualifier"], table),
        "as_of": _date(row["as_of"], table),
    }
    return " ".join(fill(table[row["status"]], values).split())


def render_all(db: sqlite_utils.Database, templates: Templates) -> dict[tuple[int, str], str]:
    """(result id, lang) -> sentence, for every result not rejected."""
    contests: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in db.query(_ROWS_SQL):
        contests[row["contest_id"]].append(row)
    out: dict[tuple[int, str], str] = {}
    for rows in contests.values():
        for row in rows:
            other = _other(row, rows)
            for lang in LANGS:
                out[(row["id"], lang)] = render(row, other, lang, templates)
    return out


@dataclass(frozen=True)
class SentenceChanges:
    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def sync_sentences(db: sqlite_utils.Database, templates: Templates) -> SentenceChanges:
    """Make result_sentences hold exactly the rendered sentences (one transaction)."""
    wanted = render_all(db, templates)
    have = {
        (rid, lang): (sid, text)
        for sid, rid, lang, text in db.execute("SELECT id, result_id, lang, text FROM result_sentences")
    }
    stale = [sid for key, (sid, _) in have.items() if key not in wanted]
    changed = [(wanted[key], sid) for key, (sid, text) in have.items() if key in wanted and wanted[key] != text]
    new = [(rid, lang, text) for (rid, lang), text in wanted.items() if (rid, lang) not in have]
    if stale or changed or new:
        with db.conn:
            db.conn.executemany("DELETE FROM result_sentences WHERE id = ?", [(s,) for s in stale])
            db.conn.executemany("UPDATE result_sentences SET text = ? WHERE id = ?", changed)
            db.conn.executemany("INSERT INTO result_sentences (result_id, lang, text) VALUES (?, ?, ?)", new)
    return SentenceChanges(len(new), len(changed), len(stale))
