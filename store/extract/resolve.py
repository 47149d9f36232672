"""Linking claims to the store: seats, elections, contests."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlite_utils
from rapidfuzz.distance import Levenshtein

from . import thresholds as th
from .lexicon import _DEV, _house_of
from .names import Names, norm_name
from .tagging import ArticleMemory, Tagged
from .thresholds import REUSE_DAYS
from .timeframes import TimeFrame

# ---------------------------------------------------------------- linking and writing

_HOUSE_AFTER = re.compile(r" (Lok Sabha|[Aa]ssembly|[Pp]arliamentary|Vidhan Sabha|विधानसभा|लोकसभा)"
                          r" (?:constituency|seat|segment|सीट|क्षेत्र)(?![\w\u0900-\u097f])")


@dataclass
class Context:
    db: sqlite_utils.Database
    names: Names
    article_id: int
    source: str
    published: date | None
    counting: date | None
    year: int | None
    year_stated: bool
    article_states: set[str]
    article_house: str | None
    memory: ArticleMemory
    general_stated: bool = False     # the article names this year's general election
    general_named: bool = False      # the article names a general election of its own time ("the assembly polls")
    round_wide: bool = False         # the article is about a whole round of bypolls (several states)
    only_seat: dict | None = None    # the one seat the article names, if it names one
    named_elections: set[tuple[int, str]] = field(default_factory=set)   # (year, house) the article names
    kin: re.Pattern | None = None            # kin words around a name (claims.kin_pattern)
    earlier: re.Pattern | None = None        # cue words of an earlier election of unstated year
    house_named: re.Pattern | None = None    # "Lok Sabha polls", "विधानसभा चुनाव": an election a sentence names
    tails: object | None = None              # claims.Tails: what a result clause goes on to say about others
    last_people: list[str] = field(default_factory=list)   # who the sentence before (same paragraph) filed rows for


def _states_in(tagged: Tagged) -> list[str]:
    return [tok.value for tok in tagged.tokens if tok.kind == "T"]


def resolve_seat(ctx: Context, tagged: Tagged, index: int, other_states: list[str]) -> tuple[dict | None, float]:
    """The constituency row for seat token `index` (creating a flagged one for a marked unknown seat)."""
    tok = tagged.tokens[index]
    info = tok.value
    t = tagged.template
    house = info["house"] or ctx.memory.seat_names.get(info["name"])
    state = None
    here = f"⟨S{index}⟩"
    pos = t.find(here)
    if house is None:     # "Palghar bypoll Lok Sabha constituency": the house words after the seat's marker
        after = _HOUSE_AFTER.match(t, pos + len(here))
        house = _house_of(after.group(1)) if after else None
    m = re.search(r"⟨T(\d+)⟩['’]?s? $", t[:pos]) or re.match(r" (?:in|,) ⟨T(\d+)⟩", t[pos + len(here):])
    if m:
        state = tagged.tokens[int(m.group(1))].value
    sentence_states = _states_in(tagged)
    candidates = ctx.names.seats.get(norm_name(info["name"]), [])
    if house:
        same_house = [c for c in candidates if c["house"] == house]
        if not same_house and candidates:
            # a name the gazetteer gives only the other house's seat ("बारामती विधानसभा क्षेत्र": only the Lok
            # Sabha seat has the Hindi name): the seat of that English name in this house, never a new seat
            same_house = [r for c in candidates for r in ctx.names.seats.get(norm_name(c["name_en"]), [])
                          if r["house"] == house]
        candidates = same_house
    elif len({c["house"] for c in candidates}) > 1 and (held := _counted_then(ctx, candidates)):
        # an assembly seat and a Lok Sabha seat of one name (Araria): the one whose election was counted
        # on the article's day (its bypoll, a general election imported or reported)
        candidates = held
    elif ctx.article_house and len({c["house"] for c in candidates}) > 1:
        # an assembly seat and a Lok Sabha seat of one name (Baramati): the one house the article speaks of
        candidates = [c for c in candidates if c["house"] == ctx.article_house]
    if len(candidates) > 1:
        for pool in ([state] if state else [], other_states, sentence_states, sorted(ctx.article_states)):
            narrowed = [c for c in candidates if c["state"] in pool]
            if len(narrowed) >= 1 and len({c["id"] for c in narrowed}) == 1:
                candidates = narrowed[:1]
                break
            if narrowed:
                candidates = narrowed
    if len({c["id"] for c in candidates}) == 1:
        return candidates[0], 0.0
    if candidates or not info["marked"]:
        return None, 0.0
    # a marked seat the gazetteer lacks: add it, flagged for review
    state = state or (sentence_states[0] if len(set(sentence_states)) == 1 else None) \
        or (next(iter(ctx.article_states)) if len(ctx.article_states) == 1 else None)
    house = house or ctx.article_house
    if house is None:
        return None, 0.0
    near = _spelled_alike(ctx.names, info["name"], state, house)
    if near is not None:       # "Seraikela" for the gazetteer's "Seraikella": one letter apart, same state
        return near, -th.STEP_SOFT
    hindi_name = info["name"] if re.search(f"[{_DEV}]", info["name"]) else None
    row = ctx.db.execute("SELECT id, name_en, state, house FROM constituencies WHERE name_en = ? AND "
                         "state IS ? AND house = ?", [info["name"], state, house]).fetchone()
    if row is None:
        cur = ctx.db.execute(
            "INSERT INTO constituencies (name_en, name_hi, aliases, state, house, origin, needs_review) "
            "VALUES (?, ?, '[]', ?, ?, 'extracted', 1)", [info["name"], hindi_name, state, house])
        row = (cur.lastrowid, info["name"], state, house)
        entry = {"id": row[0], "name_en": row[1], "state": row[2], "house": row[3]}
        ctx.names.seats.setdefault(norm_name(info["name"]), []).append(entry)
    return {"id": row[0], "name_en": row[1], "state": row[2], "house": row[3]}, -th.STEP_NEW_SEAT


def _counted_then(ctx: Context, candidates: list[dict]) -> list[dict]:
    """The candidate seats (of one state) with an election counted within REUSE_DAYS of the
    article's counting day, when that is one seat; else none."""
    if ctx.counting is None or len({c["state"] for c in candidates}) > 1:
        return []
    held = [c for c in candidates if any(_within(when, year, ctx.counting) for when, year in ctx.db.execute(
        "SELECT e.date, e.year FROM elections e JOIN contests k ON k.election_id = e.id "
        "WHERE k.constituency_id = ?", [c["id"]]).fetchall())]
    return held if len({c["id"] for c in held}) == 1 else []


def _spelled_alike(names: Names, name: str, state: str | None, house: str) -> dict | None:
    """The one gazetteer seat of `state` and `house` whose name is one edit from `name` (names of six
    letters or more): a spelling variant, not a new seat."""
    key = norm_name(name)
    if state is None or len(key) < 6:
        return None
    hits = {row["id"]: row for other, rows in names.seats.items() if abs(len(other) - len(key)) <= 1
            and Levenshtein.distance(other, key, score_cutoff=1) <= 1
            for row in rows if row["state"] == state and row["house"] == house}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _slug(names: Names, state: str | None) -> str | None:
    """uttar-pradesh for Uttar Pradesh: the slug of assembly election keys (uttar-pradesh-2017)."""
    if not state:
        return None
    return names.state_slugs.get(state) or re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-")


def resolve_election(ctx: Context, frame: TimeFrame, seat: dict, general: bool = False) -> tuple[int | None, float]:
    """The elections.id a result belongs to (get-or-create), and a confidence adjustment.

    A general election is one per (house, state for an assembly, year): the one imported results or
    earlier articles created, whatever its key, else a new one keyed as the importer keys it
    (maharashtra-2024, ls-2024). Its year is the article's (its date) unless the sentence names an
    earlier election; an undated article files a general election only when it names it. `general`: the
    caller knows it is a general election the article does not name (a tally of hundreds of seats)."""
    db = ctx.db
    if frame.kind == "general":
        year = frame.year
        if year is None:
            return None, 0.0
        house = frame.house or seat["house"]
        if not frame.earlier and ctx.article_house and ctx.article_house != house:
            return None, 0.0   # an article about the other house's election: which contest is this?
        state = None if house == "lok_sabha" else seat["state"]
        if house != "lok_sabha" and state is None:
            return None, 0.0
        found = general_election(db, house, state, year)
        bye = _bye_of_seat(db, seat, frame, ctx, found)
        if bye is not None:
            # the seat's bypoll counted that day (curated, imported or a report calling it one): a
            # report that does not say "bypoll" is of it, not of a general election nobody held then
            return bye, 0.0
        if found is not None:
            return found, 0.0
        if not frame.earlier and not ctx.general_stated and ctx.counting is None:
            return None, 0.0   # undated, no bypoll word, no general election named: do not guess
        if not frame.earlier and house == "lok_sabha" and not (ctx.general_stated or ctx.general_named or general):
            # a country-wide general election is always named by the reports of it ("the Lok Sabha
            # elections"); a Lok Sabha seat's result in an article naming none is a bypoll the text does
            # not call one ("regained the lead in Araria Lok Sabha seat"): do not guess
            return None, 0.0
        if house == "lok_sabha":
            key, name_en, name_hi = f"ls-{year}", f"{year} Lok Sabha election", f"{year} लोकसभा चुनाव"
        else:
            key = f"{_slug(ctx.names, state)}-{year}"
            name_en = f"{year} {state} assembly election"
            name_hi = f"{year} {ctx.names.state_hi.get(state, state)} विधानसभा चुनाव"
        when = ctx.counting.isoformat() if ctx.counting and not frame.earlier and ctx.counting.year == year else str(year)
        return _get_or_create_election(db, key, name_en, name_hi, when, year, "general", house, state), 0.0
    # a bypoll word on the day the seat's whole state (or house) is counted is that general election
    # (a report calling a general-election seat a bypoll): no bypoll is counted in a house being elected
    if ctx.counting:
        general = same_day_general(db, seat, ctx.counting)
        if general is not None:
            return general, -th.STEP_SOFT
    # a bypoll: reuse a bye election that already holds this seat when the dates agree
    existing = db.execute(
        "SELECT e.id, e.key, e.date, e.year FROM elections e JOIN contests c ON c.election_id = e.id "
        "WHERE e.kind = 'bye' AND c.constituency_id = ?", [seat["id"]]).fetchall()
    if ctx.counting:
        near = [r for r in existing if _within(r[2], r[3], ctx.counting)]
        if len(near) == 1:
            return near[0][0], 0.0
        key = f"{ctx.counting:%Y-%m}-bypolls"
        return _bye(ctx, key, f"{ctx.counting:%Y-%m}", ctx.counting.year, ctx.counting.month, seat), 0.0
    pool = [r for r in existing if ctx.year is None or r[3] == ctx.year]
    if len(pool) == 1:
        return pool[0][0], -th.STEP_SOFT
    if pool or ctx.year is None:
        return None, 0.0
    return _bye(ctx, f"{ctx.year}-bypolls", str(ctx.year), ctx.year, None, seat), -th.STEP_YEAR_ONLY


def _bye_of_seat(db, seat: dict, frame: TimeFrame, ctx: Context, general: int | None) -> int | None:
    """The one bye election holding the seat within REUSE_DAYS of the article's counting day, when
    the sentence is about this election (not an earlier one) and no general election of the seat's
    house (and state) is dated that day (the whole state counted then: `general`'s date decides)."""
    if frame.earlier or ctx.counting is None:
        return None
    if general is not None:
        row = db.execute("SELECT date, year FROM elections WHERE id = ?", [general]).fetchone()
        if row is not None and len(row[0] or "") == 10 and _within(row[0], row[1], ctx.counting):
            return None
    near = [r[0] for r in db.execute(
        "SELECT e.id, e.date, e.year FROM elections e JOIN contests c ON c.election_id = e.id "
        "WHERE e.kind = 'bye' AND c.constituency_id = ?", [seat["id"]]).fetchall()
        if _within(r[1], r[2], ctx.counting)]
    return near[0] if len(set(near)) == 1 else None


def general_election(db, house: str, state: str | None, year: int) -> int | None:
    """The one general election of `house` (and `state`, for an assembly) in `year`, or None."""
    if house == "lok_sabha":
        rows = db.execute("SELECT id FROM elections WHERE kind = 'general' AND house = 'lok_sabha' AND year = ?",
                          [year]).fetchall()
    else:
        rows = db.execute("SELECT id FROM elections WHERE kind = 'general' AND house = ? AND state = ? AND year = ?",
                          [house, state, year]).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def same_day_general(db, seat: dict, counting: date) -> int | None:
    """A general election of the seat's house (and state) dated within REUSE_DAYS of `counting`."""
    params: list = [seat["house"]]
    sql = "SELECT id, date, year FROM elections WHERE kind = 'general' AND house = ? AND date IS NOT NULL"
    if seat["house"] != "lok_sabha":
        sql += " AND state = ?"
        params.append(seat["state"])
    rows = [r[0] for r in db.execute(sql, params).fetchall() if len(r[1] or "") == 10 and _within(r[1], r[2], counting)]
    return rows[0] if len(rows) == 1 else None


def _within(when: str | None, year: int, counting: date) -> bool:
    if not when:
        return False
    try:
        start = date.fromisoformat(when) if len(when) == 10 else date(int(when[:4]), int(when[5:7]), 1)
    except ValueError:
        return False
    return timedelta(days=-REUSE_DAYS) <= counting - start <= timedelta(days=REUSE_DAYS)


def _bye(ctx: Context, key: str, when: str, year: int, month: int | None, seat: dict) -> int:
    cal = ctx.names.lex.calendar
    label_en = f"{cal['months_en'][month - 1]} {year}" if month else str(year)
    label_hi = f"{cal['months_hi'][month - 1]} {year}" if month else str(year)
    eid = _get_or_create_election(ctx.db, key, f"By-elections, {label_en}", f"उपचुनाव, {label_hi}", when, year,
                                  "bye", seat["house"], None)
    house = ctx.db.execute("SELECT house FROM elections WHERE id = ?", [eid]).fetchone()[0]
    if house not in (seat["house"], "mixed"):
        ctx.db.execute("UPDATE elections SET house = 'mixed' WHERE id = ?", [eid])
    return eid


def _get_or_create_election(db, key, name_en, name_hi, when, year, kind, house, state) -> int:
    row = db.execute("SELECT id FROM elections WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    cur = db.execute("INSERT INTO elections (key, name_en, name_hi, date, year, kind, house, state) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [key, name_en, name_hi, when, year, kind, house, state])
    return cur.lastrowid


def _contest(db, election_id: int, constituency_id: int) -> int:
    db.execute("INSERT OR IGNORE INTO contests (election_id, constituency_id) VALUES (?, ?)",
               [election_id, constituency_id])
    return db.execute("SELECT id FROM contests WHERE election_id = ? AND constituency_id = ?",
                      [election_id, constituency_id]).fetchone()[0]


@dataclass
class Row:
    contest_id: int
    candidate: str
    candidate_hi: str | None
    party_id: int | None
    party_key: str | None
    party_raw: str | None
    status: str
    margin: tuple[int, str] | None
    votes: tuple[int, str] | None
    rounds: int | None
    confidence: float
    method: str
    quotes: list[tuple[int | None, str]]     # (passage_id, quote)
    position: int | None = None
    role: str = ""                           # "winner": a vote count for whoever won
    rank: str = ""                           # a vote count's "first" / "second"


def _passage_for(passages: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    best, overlap = None, 0
    for pid, ps, pe in passages:
        if ps <= start and end <= pe:
            return pid
        ov = min(end, pe) - max(start, ps)
        if ov > overlap:
            best, overlap = pid, ov
    return best
