"""What the pictures show, read from the store: a seat's result card, the seats each party won
(and leads) in an election, the caption text beside each picture, a cache of rendered PNGs.

Nothing here knows about Telegram; bot/pictures.py draws, the adapter sends.
"""
from __future__ import annotations

import hashlib
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from bot import cards
from bot.lookup import Election, NameKey, elections_with_seat_results, seat_leaders
from bot.names import sound_key
from bot.pictures import Bar, CardPicture, TallyPicture, TallyRow
from bot.templates import group_digits
from bot.types import Question

MAX_BARS = 8            # candidates drawn on a card; the rest are counted in a line
MAX_PARTIES = 12        # parties drawn on a tally chart


@dataclass(frozen=True)
class Tally:
    """Seats per party in one election (optionally some states of it), counted from seat results."""

    election_id: int
    election: str                   # its name in the reader's language
    states: tuple[str, ...]
    parties: tuple[tuple[str, int, int], ...]    # (party, won, leading), most seats first
    seats: int                      # seats with a winner or a leader
    as_of: str | None

    @property
    def key(self) -> str:
        return hashlib.sha256(repr((self.parties, self.seats, self.as_of)).encode()).hexdigest()[:16]


# ---- a seat's card ------------------------------------------------------------------------

def card_picture(db: sqlite_utils.Database, constituency_id: int, messages: dict[str, dict[str, Any]],
                 lang: str = "en", digit_grouping: str = "indian", unreviewed: bool = True,
                 key: NameKey = sound_key) -> CardPicture | None:
    """The card of a seat's latest election with a winner or leader; None when it has none."""
    w = cards.words(messages, lang)
    hi = lang == "hi"
    seat = cards.get_seat(db, constituency_id)
    rows = cards._seat_rows(db, constituency_id, unreviewed) if seat else []
    for contest_id in dict.fromkeys(r["contest_id"] for r in rows):
        candidates = cards.best_rows(db, contest_id, unreviewed, key)
        top = next((r for r in candidates if r.status in ("won", "leading")), None)
        if top is not None:
            break
    else:
        return None
    first = next(r for r in rows if r["contest_id"] == contest_id)
    abbr_hi = dict(db.execute("SELECT abbr, abbr_hi FROM parties WHERE abbr_hi IS NOT NULL").fetchall())
    election = (first["election_hi"] if hi and first["election_hi"] else first["election_en"])
    if first["election_date"]:
        election += f" · {first['election_date']}"
    as_of = max((r.as_of for r in candidates if r.as_of), default=None)
    if top.status == "won":
        status = w["pic_won"]
    else:
        status = " ".join(filter(None, [w["pic_leading"],
                                        w["pic_round"].format(n=top.rounds_counted) if top.rounds_counted else ""]))
    if as_of:
        status += " · " + w["pic_as_of"].format(as_of=as_of)
    bars = []
    for r in candidates[:MAX_BARS]:
        name = (r.candidate_hi if hi else None) or r.candidate or w["card_unnamed"]
        party = (abbr_hi.get(r.party) if hi else None) or r.party
        label = name + (f" ({party})" if party else "")
        if r.votes is not None:
            shown = _number(w, r.votes, r.votes_qualifier, digit_grouping)
        else:
            shown = w["status"].get(r.status, r.status)
        bars.append(Bar(label=label, party=r.party, votes=r.votes, votes_text=shown, status=r.status))
    margin = ""
    if top.margin is not None:
        margin = f"{w['card_margin']}: {_number(w, top.margin, top.margin_qualifier, digit_grouping)}"
    citations = cards._citations(db, [r["id"] for r in rows if r["contest_id"] == contest_id], 2)
    source = "; ".join(" · ".join(filter(None, [c.publisher or c.title or c.source, c.date])) for c in citations)
    place = ", ".join(filter(None, [w["houses"].get(seat["house"], seat["house"]), _state_name(db, seat.get("state"), lang)]))
    more = len(candidates) - len(bars)
    return CardPicture(
        title=cards.seat_name(seat, lang), place=place, election=election, status=top.status, status_text=status,
        bars=tuple(bars), margin_text=margin, source_text=w["pic_source"].format(source=source or "—"),
        more_text=w["pic_more"].format(n=more) if more > 0 else "")


def _number(w: dict[str, Any], n: int, qualifier: str | None, digit_grouping: str) -> str:
    """4,56,437 with its qualifier in the reader's words ("over 5,678", "5,678 से अधिक")."""
    words = w["qualifier"].get(qualifier, f"{qualifier} ") if qualifier else ""
    return w["pic_number"].format(n=group_digits(n, digit_grouping), qualifier=words)


def _state_name(db: sqlite_utils.Database, state: str | None, lang: str) -> str | None:
    if lang == "hi" and state:
        row = db.execute("SELECT name_hi FROM states WHERE name_en = ?", [state]).fetchone()
        if row and row[0]:
            return str(row[0])
    return state


def card_key(db: sqlite_utils.Database, constituency_id: int, lang: str, unreviewed: bool = True,
             key: NameKey = sound_key) -> tuple:
    """The cache key of a seat's card: the seat, what its card shows (as-of included), the language."""
    return ("seat", constituency_id, cards.seat_fingerprint(db, constituency_id, unreviewed, key), lang)


# ---- seats per party ----------------------------------------------------------------------

def tally_elections(db: sqlite_utils.Database, q: Question | None, unreviewed: bool = True) -> list[Election]:
    """Elections with seat results that fit what the question names (year, month, kind, house,
    states), newest first; every election with results when it names none."""
    states = tuple(q.states) if q else ()
    rows = elections_with_seat_results(db, states, unreviewed)
    if q is None:
        return rows

    def fits(e: Election) -> bool:
        return ((q.year is None or e.year == q.year) and (q.month is None or (e.date or "")[5:7] == f"{q.month:02d}")
                and (q.election_kind is None or e.kind == q.election_kind))
    return [e for e in rows if fits(e)]


def count_tally(db: sqlite_utils.Database, election: Election, lang: str = "en", states: tuple[str, ...] = (),
                unreviewed: bool = True, key: NameKey = sound_key) -> Tally:
    """Each seat's winner (or leader) by the answers' precedence (bot.lookup.seat_leaders), per party."""
    won: Counter[str] = Counter()
    leading: Counter[str] = Counter()
    as_of: list[str] = []
    for top in seat_leaders(db, election.id, states, unreviewed, key):
        party = top.best.party or "IND"
        (won if top.best.status == "won" else leading)[party] += 1
        as_of += [r.as_of for r in top.rows if r.as_of]
    parties = sorted(set(won) | set(leading), key=lambda p: (-(won[p] + leading[p]), -won[p], p))
    name = election.name(lang)
    return Tally(election_id=election.id, election=name, states=states,
                 parties=tuple((p, won[p], leading[p]) for p in parties),
                 seats=sum(won.values()) + sum(leading.values()), as_of=max(as_of, default=None))


def tally_picture(db: sqlite_utils.Database, tally: Tally, messages: dict[str, dict[str, Any]],
                  lang: str = "en") -> TallyPicture:
    w = cards.words(messages, lang)
    labels = _party_labels(db, lang)
    rows = tuple(TallyRow(party=p, label=labels.get(p, p), won=n_won, leading=n_lead,
                          text=_row_text(w, n_won, n_lead)) for p, n_won, n_lead in tally.parties[:MAX_PARTIES])
    where = tally.election + (f" · {', '.join(_state_name(db, s, lang) or s for s in tally.states)}" if tally.states else "")
    subtitle = w["tally_subtitle"].format(election=where, count=tally.seats)
    if tally.as_of:
        subtitle += " · " + w["pic_as_of"].format(as_of=tally.as_of)
    more = len(tally.parties) - len(rows)
    return TallyPicture(title=w["tally_title"], subtitle=subtitle, rows=rows, won_label=w["tally_won"],
                        leading_label=w["tally_leading"], source_text=w["tally_source"],
                        more_text=w["tally_more"].format(n=more) if more > 0 else "")


def tally_text(db: sqlite_utils.Database, tally: Tally, messages: dict[str, dict[str, Any]], lang: str = "en") -> str:
    """The tally as text: the caption of its chart, or the whole answer where pictures are off."""
    w = cards.words(messages, lang)
    labels = _party_labels(db, lang)
    where = tally.election + (f" · {', '.join(_state_name(db, s, lang) or s for s in tally.states)}" if tally.states else "")
    lines = [w["tally_caption"].format(title=w["tally_title"], election=where, count=tally.seats)]
    lines += [f"• {labels.get(p, p)}: {_row_text(w, n_won, n_lead)}" for p, n_won, n_lead in tally.parties]
    tail = w["tally_source"] + (" · " + w["pic_as_of"].format(as_of=tally.as_of) if tally.as_of else "")
    return "\n".join([*lines, "", tail])


def _row_text(w: dict[str, Any], won: int, leading: int) -> str:
    if leading and not won:
        return w["tally_row_leading_only"].format(leading=leading)
    return w["tally_row_leading"].format(won=won, leading=leading) if leading else w["tally_row"].format(won=won)


def _party_labels(db: sqlite_utils.Database, lang: str) -> dict[str, str]:
    if lang != "hi":
        return {}
    return dict(db.execute("SELECT abbr, abbr_hi FROM parties WHERE abbr_hi IS NOT NULL").fetchall())


def tally_key(tally: Tally, lang: str) -> tuple:
    return ("tally", tally.election_id, tally.states, tally.key, lang)


# ---- rendered pictures, once per key --------------------------------------------------------

class PictureCache:
    """PNG bytes (and the Telegram file id once uploaded) per key, least recently used dropped first.
    Renders of one key never run twice at once: a busy group costs one render."""

    def __init__(self, max_items: int = 256) -> None:
        self.max_items = max_items
        self._png: OrderedDict[tuple, bytes] = OrderedDict()
        self._file_ids: dict[tuple, str] = {}
        self._lock = threading.Lock()
        self._rendering: dict[tuple, threading.Lock] = {}
        self.renders = 0

    def get(self, key: tuple, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._png:
                self._png.move_to_end(key)
                return self._png[key]
            gate = self._rendering.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._png:
                    return self._png[key]
            png = render()
            with self._lock:
                self.renders += 1
                self._png[key] = png
                self._rendering.pop(key, None)
                while len(self._png) > self.max_items:
                    old, _ = self._png.popitem(last=False)
                    self._file_ids.pop(old, None)
            return png

    def file_id(self, key: tuple) -> str | None:
        with self._lock:
            return self._file_ids.get(key)

    def remember_file_id(self, key: tuple, file_id: str) -> None:
        with self._lock:
            if key in self._png:
                self._file_ids[key] = file_id
