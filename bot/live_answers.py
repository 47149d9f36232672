"""Answers from the Election Commission's live pages (rows written by store/live.py).

While a seat is being counted: "A (party) leads B by N votes after round 12 of 20 in X (Election
Commission, 11:42)", and to "has A won?" "Not yet: ...". Party counts: "won 31 and leading in 17".
Only rows from a live source are read here (method eci-live:*, tallies of origin eci-live); a
declared result is a final row and is answered as any other result.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlite_utils

from bot.lookup import Election, Standing, tallies_of, tally_sources
from bot.templates import Templates
from bot.types import Citation, Question
from store.live import LIVE_METHOD, PUBLISHER
from store.records import Result

IST = timezone(timedelta(hours=5, minutes=30))   # the pages print Indian time


def is_live(row: Result) -> bool:
    return (row.method or "").startswith(LIVE_METHOD)


def source_label(T: Templates, as_of: str | None, today: str | None = None) -> str:
    """"Election Commission, 11:42" (the page's time), with the date when it is not today's."""
    if not as_of or "T" not in as_of:
        return T("live_source_dated", time="?", date=T.date(as_of)) if as_of else T("live_source_plain")
    today = today or datetime.now(IST).date().isoformat()
    time = as_of[11:16]
    return T("live_source", time=time) if as_of[:10] == today else T("live_source_dated", time=time, date=T.date(as_of))


def _rounds(T: Templates, row: Result) -> str:
    if not row.rounds_counted:
        return ""
    if row.rounds_total:
        return T("live_round", n=row.rounds_counted, total=row.rounds_total)
    return T("live_round_only", n=row.rounds_counted)


def leading_text(T: Templates, intent: str, top: Standing, standings: list[Standing],
                 who: Callable[[Standing], str], base: dict[str, Any]) -> tuple[str, list[Result]] | None:
    """The sentence for a seat whose best row is a live lead, and the rows it rests on; None when
    the lead is not from a live page (then the article wording applies)."""
    best = top.best
    if best.status != "leading" or not is_live(best):
        return None
    runner = next((s for s in standings if s is not top and s.best.status in ("trailing", "lost")), None)
    values = dict(who=who(top), rounds=_rounds(T, best), source=source_label(T, best.as_of), **base)
    rows = list(top.rows)
    if runner is not None and best.margin:
        key = "live_not_yet" if intent == "winner" else "live_leads"
        text = T(key, loser=who(runner), margin=T.votes(best.margin), **values)
        rows += list(runner.rows)
    else:
        text = T("live_not_yet_alone" if intent == "winner" else "live_leads_alone", **values)
    return text, rows


def tally_text(db: sqlite_utils.Database, q: Question, T: Templates, elections: list[Election],
               members: set[str], party_name: str) -> tuple[str, list[Citation], list[dict[str, Any]]] | None:
    """Seats won and leading for a party (or the parties of an alliance) from the live party-wise
    pages of the newest counting day the question allows (the national page when the question
    names no state); None when no live count fits."""
    live = []
    for e in elections:
        if q.states and e.state not in q.states:
            continue
        rows = tallies_of(db, e.id, live=True)
        if rows:
            live.append((e, rows))
    if not live:
        return None
    day = live[0][0].date
    counts = [item for item in live if item[0].date == day]
    if not q.states and any(e.state is None for e, _ in counts):
        # no state asked: the national count (a Lok Sabha election's index.htm), not each state's
        counts = [item for item in counts if item[0].state is None]
    parts, citations, facts = [], [], []
    for e, rows in counts[:4]:
        won = sum(r.seats for r in rows if r.party in members and r.status == "won")
        leading = sum(r.seats for r in rows if r.party in members and r.status == "leading")
        counting = any(r.status == "leading" and r.seats for r in rows)
        as_of = max((r.as_of for r in rows if r.as_of), default=None)
        ename = e.name(T.lang)
        values = dict(party=party_name, won=won, leading=leading, election=ename, source=source_label(T, as_of))
        if not won and not leading:
            parts.append(T("live_tally_none", **values))
        else:
            parts.append(T("live_tally" if counting else "live_tally_done", **values))
        ids = [r.id for r in rows if r.party in members]
        facts += [{"table": "tallies", "id": i} for i in ids]
        citations += _tally_citations(db, ids or [rows[0].id])
    return " ".join(p[:1].upper() + p[1:] for p in parts), citations, facts


def _tally_citations(db: sqlite_utils.Database, ids: list[int]) -> list[Citation]:
    found, seen = [], set()
    for source, quote in tally_sources(db, ids):
        if (source, quote) in seen:
            continue
        seen.add((source, quote))
        found.append(Citation(source=source, quote=quote or "", title=f"{PUBLISHER}: party-wise results",
                              publisher=PUBLISHER, url=source if source.startswith("http") else None))
    return found
