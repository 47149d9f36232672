"""Plain functions over the store behind the chat adapters: result cards, the sources listing and
seat fingerprints for follows.

Nothing here knows about Telegram; the engine's ChatViews (bot/views.py) calls these over its
store, and the adapter renders the Answers they return with bot.render.render_html.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.chats import Follow
from bot.lookup import NameKey, results_of, review_states, standings
from bot.names import sound_key
from bot.templates import group_digits
from bot.types import Answer, Citation
from store.datafiles import read_toml
from store.records import Result


def load_messages(data_dir: Path) -> dict[str, dict[str, Any]]:
    """The bot's own words per language, from data/telegram/messages.toml."""
    path = Path(data_dir) / "telegram" / "messages.toml"
    messages = read_toml(path)
    missing = set(messages["en"]) - set(messages.get("hi", {}))
    if missing:
        raise ValueError(f"{path}: [hi] lacks key(s) {', '.join(sorted(missing))} that [en] has")
    return messages


def words(messages: dict[str, dict[str, Any]], lang: str | None) -> dict[str, Any]:
    """Labels for an answer language: Devanagari Hindi gets [hi]; English and Hinglish get [en]."""
    return messages["hi"] if lang == "hi" else messages["en"]


# ---- seats and their results ------------------------------------------------------------

def seat_name(seat: dict[str, Any], lang: str | None) -> str:
    if lang == "hi" and seat.get("name_hi"):
        return str(seat["name_hi"])
    return str(seat["name_en"])


def get_seat(db: sqlite_utils.Database, constituency_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM constituencies WHERE id = ?", [constituency_id]))
    return rows[0] if rows else None


def _seat_rows(db: sqlite_utils.Database, constituency_id: int, unreviewed: bool = True) -> list[dict[str, Any]]:
    """A seat's result rows an answer may use (bot.lookup.review_states), newest election first."""
    return list(db.query(
        """
        SELECT r.*, c.id AS contest_id, c.reason, c.reason_detail,
               e.key AS election_key, e.name_en AS election_en, e.name_hi AS election_hi,
               e.date AS election_date, e.year, p.abbr AS party_abbr, p.abbr_hi AS party_abbr_hi
        FROM results r
        JOIN contests c ON c.id = r.contest_id
        JOIN elections e ON e.id = c.election_id
        LEFT JOIN parties p ON p.id = r.party_id
        WHERE c.constituency_id = ? AND r.review IN (?, ?)
        ORDER BY e.year DESC, COALESCE(e.date, '') DESC, e.id DESC, r.id
        """,
        [constituency_id, *review_states(unreviewed)],
    ))


def best_rows(db: sqlite_utils.Database, contest_id: int, unreviewed: bool = True,
              key: NameKey = sound_key) -> list[Result]:
    """One row per candidate, the one to believe, in finishing order: the same grouping and
    precedence as the answers (bot.lookup.standings), so a card never disagrees with an answer."""
    return [s.best for s in standings(results_of(db, contest_id, unreviewed), key)]


def seat_fingerprint(db: sqlite_utils.Database, constituency_id: int, unreviewed: bool = True,
                     key: NameKey = sound_key) -> str:
    """A hash of what a seat's result card shows: candidates, parties, status, votes, margin, as-of."""
    contests = {row["contest_id"]: row["election_key"] for row in _seat_rows(db, constituency_id, unreviewed)}
    shown = sorted(
        (election, r.candidate, r.party, r.status, r.votes, r.votes_qualifier, r.margin, r.margin_qualifier, r.as_of,
         r.rounds_counted)
        for contest_id, election in contests.items() for r in best_rows(db, contest_id, unreviewed, key)
    )
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


def _citations(db: sqlite_utils.Database, result_ids: list[int], limit: int) -> list[Citation]:
    if not result_ids:
        return []
    marks = ",".join("?" * len(result_ids))
    rows = db.query(
        f"""
        SELECT p.source, p.quote, a.title, a.publisher, a.url, a.published, a.language
        FROM provenance p LEFT JOIN articles a ON a.id = p.article_id
        WHERE p.row_table = 'results' AND p.row_id IN ({marks})
        ORDER BY p.article_id IS NULL, a.published, p.id
        """,
        result_ids,
    )
    seen: set[str] = set()
    out: list[Citation] = []
    for row in rows:
        if row["source"] in seen:
            continue
        seen.add(row["source"])
        out.append(Citation(source=row["source"], quote=row["quote"] or "", title=row["title"],
                            publisher=row["publisher"], url=row["url"], date=row["published"],
                            language=row["language"]))
        if len(out) >= limit:
            break
    return out


def result_card(
    db: sqlite_utils.Database,
    constituency_id: int,
    messages: dict[str, dict[str, Any]],
    lang: str = "en",
    digit_grouping: str = "indian",
    max_citations: int = 5,
    unreviewed: bool = True,
    key: NameKey = sound_key,
) -> Answer:
    """The full result of a seat's latest election: every candidate, votes, status, margin, as-of, sources."""
    w = words(messages, lang)
    answer_lang = lang if lang in ("en", "hi", "hi-Latn") else "en"
    seat = get_seat(db, constituency_id)
    if seat is None:
        raise KeyError(f"no constituency with id {constituency_id}")
    name = seat_name(seat, lang)
    rows = _seat_rows(db, constituency_id, unreviewed)
    if not rows:
        return Answer(text=w["no_results"].format(seat=name), status="no_data", lang=answer_lang, intent="result_card")
    latest = rows[0]["election_key"]
    contest = [r for r in rows if r["election_key"] == latest]
    candidates = best_rows(db, rows[0]["contest_id"], unreviewed, key)
    abbr_hi = dict(db.execute("SELECT abbr, abbr_hi FROM parties WHERE abbr_hi IS NOT NULL").fetchall())
    first = contest[0]
    hi = lang == "hi"
    place = ", ".join(filter(None, [w["houses"].get(seat["house"], seat["house"]), seat.get("state")]))
    election = (first["election_hi"] if hi and first["election_hi"] else first["election_en"])
    lines = [f"{name} ({place})", f"{election}" + (f", {first['election_date']}" if first["election_date"] else "")]
    if first["reason_detail"] or first["reason"]:
        lines.append(w["card_reason"].format(reason=first["reason_detail"] or first["reason"]))
    lines.append("")
    margin_row = None
    for n, r in enumerate(candidates, 1):
        cand = (r.candidate_hi if hi else None) or r.candidate or w["card_unnamed"]
        party = (abbr_hi.get(r.party) if hi else None) or r.party
        parts = [f"{n}. {cand}" + (f" ({party})" if party else "")]
        if r.votes is not None:
            qual = f"{r.votes_qualifier} " if r.votes_qualifier else ""
            parts.append(f"{qual}{group_digits(r.votes, digit_grouping)} {w['card_votes']}")
        parts.append(w["status"].get(r.status, r.status))
        lines.append(" — ".join(parts))
        if r.margin is not None and r.status in ("won", "leading") and margin_row is None:
            margin_row = r
    if margin_row is not None:
        qual = f"{margin_row.margin_qualifier} " if margin_row.margin_qualifier else ""
        lines.append(f"{w['card_margin']}: {qual}{group_digits(margin_row.margin, digit_grouping)}")
    counted = max((r for r in candidates if r.rounds_counted), key=lambda r: r.as_of or "", default=None)
    if counted is not None and any(r.status in ("leading", "trailing") for r in candidates):
        lines.append(w["card_round"].format(n=counted.rounds_counted, total=counted.rounds_total) if counted.rounds_total
                     else w["card_round_only"].format(n=counted.rounds_counted))
    as_of = max((r.as_of for r in candidates if r.as_of), default=None)
    if as_of:
        lines.append(f"{w['card_as_of']}: {as_of}")
    others = []
    for r in rows:
        label = r["election_hi"] if hi and r["election_hi"] else r["election_en"]
        if r["election_key"] != latest and label not in others:
            others.append(label)
    if others:
        lines.append(w["card_other"].format(names="; ".join(others)))
    citations = _citations(db, [r["id"] for r in contest], max_citations)
    facts = [{"id": r.id, "candidate": r.candidate, "status": r.status, "votes": r.votes, "margin": r.margin,
              "as_of": r.as_of} for r in candidates]
    return Answer(text="\n".join(lines), status="answered", lang=answer_lang, citations=citations,
                  facts=facts, intent="result_card")


def sources_listing(db: sqlite_utils.Database, messages: dict[str, dict[str, Any]], lang: str = "en",
                    unreviewed: bool = True) -> Answer:
    """The elections and articles the store covers (articles as numbered citations)."""
    w = words(messages, lang)
    answer_lang = lang if lang in ("en", "hi", "hi-Latn") else "en"
    elections = list(db.query(
        """
        SELECT e.name_en, e.name_hi, e.date, e.year, COUNT(DISTINCT c.id) AS seats
        FROM elections e
        LEFT JOIN contests c ON c.election_id = e.id
             AND EXISTS (SELECT 1 FROM results r WHERE r.contest_id = c.id AND r.review IN (?, ?))
        GROUP BY e.id ORDER BY e.year DESC, COALESCE(e.date, '') DESC
        """, review_states(unreviewed)
    ))
    articles = list(db.query(
        "SELECT source, title, publisher, url, published, language FROM articles ORDER BY published DESC, id"
    ))
    if not elections and not articles:
        return Answer(text=w["sources_none"], status="no_data", lang=answer_lang, intent="sources")
    lines = []
    if elections:
        lines.append(w["sources_elections"])
        for e in elections:
            label = e["name_hi"] if lang == "hi" and e["name_hi"] else e["name_en"]
            when = f" ({e['date']})" if e["date"] else ""
            lines.append(f"• {label}{when} — " + w["seats_with_results"].format(count=e["seats"]))
    if articles:
        if lines:
            lines.append("")
        lines.append(w["sources_articles"].format(count=len(articles)))
    citations = [Citation(source=a["source"], quote="", title=a["title"], publisher=a["publisher"], url=a["url"],
                          date=a["published"], language=a["language"]) for a in articles]
    return Answer(text="\n".join(lines), status="answered", lang=answer_lang, citations=citations, intent="sources")


def changed_follows(db: sqlite_utils.Database, follows: list[Follow],
                    unreviewed: bool = True, key: NameKey = sound_key) -> list[tuple[Follow, str]]:
    """The follows whose seat now shows something else than the chat last saw, with the new fingerprint."""
    prints: dict[int, str] = {}
    changed = []
    for f in follows:
        if f.constituency_id not in prints:
            prints[f.constituency_id] = seat_fingerprint(db, f.constituency_id, unreviewed, key)
        if prints[f.constituency_id] != f.fingerprint:
            changed.append((f, prints[f.constituency_id]))
    return changed
