"""Reading results from the store for answering: contests of a seat, the rows of a contest
with their sources, and which row to believe when several describe one candidate.

Precedence (why): a final report beats an interim one; curated beats imported beats extracted;
a later report beats an earlier one; then the extractor's confidence.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from bot.names import sound_key
from bot.types import Citation
from store.live import LIVE_METHOD, LIVE_ORIGIN
from store.records import Result, Source

ORIGIN_RANK = {"curated": 2, "imported": 1, "extracted": 0}
FINAL = ("won", "lost")


@dataclass(frozen=True)
class Contest:
    id: int
    election_key: str
    election_en: str
    election_hi: str | None
    date: str | None
    year: int
    kind: str
    house: str | None
    constituency_id: int
    reason: str | None
    reason_detail: str | None
    reason_detail_hi: str | None = None


@dataclass(frozen=True)
class Standing:
    """One candidate in one contest: the row to believe, and every row that describes them."""

    best: Result
    rows: tuple[Result, ...]

    @property
    def name(self) -> str:
        return self.best.candidate or next((r.candidate for r in self.rows if r.candidate), "")

    @property
    def name_hi(self) -> str | None:
        return self.best.candidate_hi or next((r.candidate_hi for r in self.rows if r.candidate_hi), None)


def rank(row: Result) -> tuple:
    return (row.status in FINAL, ORIGIN_RANK.get(row.origin, 0), row.as_of or "", row.confidence)


_CONTEST_SQL = """
SELECT c.id, e.key, e.name_en, e.name_hi, e.date, e.year, e.kind, e.house, c.constituency_id,
       c.reason, c.reason_detail, c.reason_detail_hi
FROM contests c JOIN elections e ON e.id = c.election_id
WHERE c.constituency_id = ?
  AND EXISTS (SELECT 1 FROM results r WHERE r.contest_id = c.id AND r.review IN (?, ?))
"""


def file_citation(src: Source) -> tuple[str, str] | None:
    """(file name, "row N") for a row imported from a results file, else None."""
    if src.quote or src.article_id is not None or src.line is None:
        return None
    return src.source, f"row {src.line}"


def review_states(unreviewed: bool) -> tuple[str, str]:
    """The review states an answer may use: extracted rows awaiting review too, or accepted only."""
    return ("accepted", "pending") if unreviewed else ("accepted", "accepted")


def has_election_year(db: sqlite_utils.Database, year: int) -> bool:
    """Whether the store has any election of that year."""
    return db.execute("SELECT 1 FROM elections WHERE year = ?", [year]).fetchone() is not None


def contests_for_seat(db: sqlite_utils.Database, constituency_id: int, unreviewed: bool = True) -> list[Contest]:
    """The seat's contests that have results, latest election first."""
    rows = [Contest(*row) for row in db.execute(_CONTEST_SQL, [constituency_id, *review_states(unreviewed)])]
    return sorted(rows, key=lambda c: (c.date or str(c.year), c.year), reverse=True)


def reason_sources(db: sqlite_utils.Database, contest_id: int) -> list[Source]:
    return _sources(db, "contests", [contest_id]).get(contest_id, [])


def _sources(db: sqlite_utils.Database, table: str, ids: list[int]) -> dict[int, list[Source]]:
    found: dict[int, list[Source]] = {}
    if not ids:
        return found
    marks = ",".join("?" * len(ids))
    sql = f"""
        SELECT p.row_id, p.source, p.quote, p.article_id, p.passage_id, a.title, a.publisher, a.url,
               a.published, a.language, p.field, p.line
        FROM provenance p LEFT JOIN articles a ON a.id = p.article_id
        WHERE p.row_table = ? AND p.row_id IN ({marks})
        ORDER BY p.id
    """
    for row in db.execute(sql, [table, *ids]).fetchall():
        found.setdefault(row[0], []).append(Source(
            source=row[1], quote=row[2], article_id=row[3], passage_id=row[4], title=row[5],
            publisher=row[6], url=row[7], date=row[8], language=row[9], line=row[11],
        ))
    return found


_RESULTS_SQL = """
SELECT r.id, e.key, e.name_en, e.kind, e.year, k.id, k.name_en, k.name_hi, k.state, k.house,
       r.candidate, r.candidate_hi, COALESCE(p.abbr, r.party_raw), r.votes, r.votes_qualifier,
       r.position, r.status, r.margin, r.margin_qualifier, r.rounds_counted, r.as_of, r.origin,
       r.confidence, r.rounds_total, r.method
FROM results r
JOIN contests c ON c.id = r.contest_id
JOIN elections e ON e.id = c.election_id
JOIN constituencies k ON k.id = c.constituency_id
LEFT JOIN parties p ON p.id = r.party_id
WHERE r.contest_id = ? AND r.review IN (?, ?)
"""


def results_of(db: sqlite_utils.Database, contest_id: int, unreviewed: bool = True) -> list[Result]:
    rows = db.execute(_RESULTS_SQL, [contest_id, *review_states(unreviewed)]).fetchall()
    sources = _sources(db, "results", [r[0] for r in rows])
    return [Result(*row[:-2], sources=tuple(sources.get(row[0], ())), rounds_total=row[-2], method=row[-1])
            for row in rows]


NameKey = Callable[[str], str]     # folds a candidate's name for comparing (the linker's transliterating key)


def standings(results: list[Result], key: NameKey = sound_key) -> list[Standing]:
    """Group a contest's rows by candidate (party first: one candidate per party per seat),
    choose the row to believe for each, winners and leaders first, then by votes. `key` folds a
    name for comparing (the linker's transliterating key makes "कल्पना सोरेन" and "Kalpana Soren"
    one candidate)."""
    if any((r.method or "").startswith(LIVE_METHOD) for r in results):
        # the Election Commission's own count (store/live.py) is the record while it runs: an
        # article's "X wins" must not outrank its "X leads after round 12"
        results = [r for r in results if r.origin != "extracted"]
    groups: list[list[Result]] = []
    for row in sorted(results, key=rank, reverse=True):
        for group in groups:
            if any(_same_candidate(g, row, key) for g in group):
                group.append(row)
                break
        else:
            groups.append([row])
    groups = _join_short_names(groups, key)
    found = [Standing(best=g[0], rows=tuple(g)) for g in groups]
    order = {"won": 0, "leading": 1, "lost": 2, "trailing": 3}
    # a loser of unknown place ranks after a stated runner-up and before a stated third ("pushing
    # Yashoda Devi to a distant third" does not make her the one defeated by the margin)
    return sorted(found, key=lambda s: (order[s.best.status], s.best.position or 2.5, -(s.best.votes or 0)))


def _same_candidate(a: Result, b: Result, key: Callable[[str], str] = sound_key) -> bool:
    if a.party and b.party:
        return a.party == b.party
    if a.candidate and b.candidate:
        return fuzz.ratio(key(a.candidate), key(b.candidate)) >= 85
    return False


def _join_short_names(groups: list[list[Result]], key: Callable[[str], str]) -> list[list[Result]]:
    """A candidate named by one word only ("Kalpana was trailing") is the one candidate of the
    contest whose name has that word, when exactly one has it and no party says otherwise."""
    def words(g: list[Result]) -> set[str]:
        return {key(w) for r in g if r.candidate for w in r.candidate.split()}

    def party(g: list[Result]) -> str | None:
        return next((r.party for r in g if r.party), None)

    out = [list(g) for g in groups]
    for g in list(out):
        names = {r.candidate for r in g if r.candidate}
        if not names or any(len(n.split()) != 1 for n in names):
            continue
        word = key(next(iter(names)))
        hosts = [h for h in out if h is not g and len(words(h)) > 1
                 and any(fuzz.ratio(word, w) >= 90 for w in words(h))]
        if len(hosts) == 1 and (party(g) is None or party(hosts[0]) in (None, party(g))):
            hosts[0].extend(g)
            hosts[0].sort(key=rank, reverse=True)
            out.remove(g)
    return out


def matches_candidate(standing: Standing, name: str) -> bool:
    key = sound_key(name)
    for row in standing.rows:
        for own in (row.candidate, row.candidate_hi):
            if own and (fuzz.ratio(sound_key(own), key) >= 85 or fuzz.partial_ratio(key, sound_key(own)) >= 95):
                return True
    return False


# -- elections, tallies and seats: what answers about many seats read -------------------------
@dataclass(frozen=True)
class Election:
    id: int
    key: str
    name_en: str
    name_hi: str | None
    date: str | None
    year: int
    kind: str
    house: str | None
    state: str | None

    def name(self, lang: str) -> str:
        """The election's name in the reply language (Hindi when the store has it)."""
        return (self.name_hi if lang == "hi" else None) or self.name_en


@dataclass(frozen=True)
class SeatTally:
    """A reported tally: how many seats a party (or alliance) won or leads in one election."""

    id: int
    party: str
    seats: int
    seats_of: int | None = None
    seats_qualifier: str | None = None
    status: str = "won"
    as_of: str | None = None


_ELECTION_COLUMNS = "e.id, e.key, e.name_en, e.name_hi, e.date, e.year, e.kind, e.house, e.state"


def elections_matching(db: sqlite_utils.Database, year: int | None = None, month: int | None = None,
                       kind: str | None = None, house: str | None = None) -> list[Election]:
    """Elections of that year, month, kind (general or bye) and house, newest first."""
    sql = f"SELECT {_ELECTION_COLUMNS} FROM elections e WHERE 1=1"
    args: list[Any] = []
    if year:
        sql += " AND year = ?"
        args.append(year)
    if month:
        sql += " AND substr(date, 6, 2) = ?"
        args.append(f"{month:02d}")
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    if house and kind != "bye":
        sql += " AND (house = ? OR house = 'mixed' OR house IS NULL)"
        args.append(house)
    sql += " ORDER BY date DESC, year DESC"
    return [Election(*row) for row in db.execute(sql, args).fetchall()]


_SEAT_RESULT_ELECTIONS_SQL = f"""
SELECT {_ELECTION_COLUMNS}
FROM elections e
WHERE EXISTS (SELECT 1 FROM contests c JOIN results r ON r.contest_id = c.id
              JOIN constituencies k ON k.id = c.constituency_id
              WHERE c.election_id = e.id AND r.review IN (?, ?) AND r.status IN ('won', 'leading') {{state}})
ORDER BY COALESCE(e.date, e.year) DESC, e.id DESC
"""


def elections_with_seat_results(db: sqlite_utils.Database, states: tuple[str, ...] = (),
                                unreviewed: bool = True) -> list[Election]:
    """Elections with a seat won or led (in those states), newest first."""
    state = f"AND k.state IN ({','.join('?' * len(states))})" if states else ""
    rows = db.execute(_SEAT_RESULT_ELECTIONS_SQL.format(state=state), [*review_states(unreviewed), *states]).fetchall()
    return [Election(*row) for row in rows]


def covered_elections(db: sqlite_utils.Database, unreviewed: bool = True, limit: int = 8) -> list[Election]:
    """The newest elections the store has results of (what the bot can answer about)."""
    sql = (f"SELECT {_ELECTION_COLUMNS} FROM elections e WHERE EXISTS (SELECT 1 FROM contests c "
           "JOIN results r ON r.contest_id = c.id WHERE c.election_id = e.id AND r.review IN (?, ?)) "
           "ORDER BY e.date DESC, e.year DESC LIMIT ?")
    return [Election(*row) for row in db.execute(sql, [*review_states(unreviewed), limit]).fetchall()]


def election_year(db: sqlite_utils.Database, key: str | None) -> int | None:
    row = db.execute("SELECT year FROM elections WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def election_date(db: sqlite_utils.Database, key: str | None) -> str | None:
    """The election's date as stored (ISO, or a year or month alone, or None)."""
    row = db.execute("SELECT date FROM elections WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def tallies_of(db: sqlite_utils.Database, election_id: int, *, live: bool = False,
               largest: int | None = None) -> list[SeatTally]:
    """An election's reported tallies: seats won as articles or curated data state them, or (live)
    the Election Commission's party-wise won and leading counts; `largest`: only the biggest few."""
    if live:
        rows = db.execute("SELECT id, party, seats, NULL, NULL, status, as_of FROM tallies "
                          "WHERE election_id = ? AND origin = ?", [election_id, LIVE_ORIGIN]).fetchall()
        return [SeatTally(*row) for row in rows]
    sql = ("SELECT id, party, seats, seats_of, seats_qualifier, status, as_of FROM tallies "
           "WHERE election_id = ? AND origin != ? AND status = 'won'")
    if largest is not None:
        sql += f" ORDER BY seats DESC, id LIMIT {int(largest)}"
    return [SeatTally(*row) for row in db.execute(sql, [election_id, LIVE_ORIGIN]).fetchall()]


def tally_citations(db: sqlite_utils.Database, tally_id: int) -> list[Citation]:
    """The quoted sentences a reported tally rests on."""
    sources = db.execute(
        "SELECT p.source, p.quote, a.title, a.publisher, a.url, a.published, a.language FROM provenance p "
        "LEFT JOIN articles a ON a.id = p.article_id WHERE p.row_table = 'tallies' AND p.row_id = ?",
        [tally_id]).fetchall()
    return [Citation(s, qt, ti, pu, u, d, lg) for s, qt, ti, pu, u, d, lg in sources if qt]


def tally_sources(db: sqlite_utils.Database, ids: list[int]) -> list[tuple[str, str | None]]:
    """(source, quote) of tallies' provenance rows, in the order they were written."""
    marks = ",".join("?" * len(ids))
    return [tuple(row) for row in db.execute(
        f"SELECT source, quote FROM provenance WHERE row_table = 'tallies' AND row_id IN ({marks}) ORDER BY id",
        ids).fetchall()]


def election_contests(db: sqlite_utils.Database, election_id: int,
                      states: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """(contest id, seat id) of every contest of an election (in those states)."""
    sql = ("SELECT c.id, c.constituency_id FROM contests c JOIN constituencies k ON k.id = c.constituency_id "
           "WHERE c.election_id = ?")
    if states:    # "in Uttar Pradesh": that state's seats only
        sql += f" AND k.state IN ({','.join('?' * len(states))})"
    return [(contest_id, seat) for contest_id, seat in db.execute(sql, [election_id, *states]).fetchall()]


def election_results(db: sqlite_utils.Database, election_id: int, states: tuple[str, ...] = (),
                     unreviewed: bool = True) -> list[Result]:
    """Every result row of an election (in those states), without their sources."""
    sql = _RESULTS_SQL.replace("WHERE r.contest_id = ?", "WHERE c.election_id = ?")
    args: list[Any] = [election_id, *review_states(unreviewed)]
    if states:
        sql += f" AND k.state IN ({','.join('?' * len(states))})"
        args += list(states)
    return [Result(*row[:-2], rounds_total=row[-2], method=row[-1]) for row in db.execute(sql, args).fetchall()]


def seat_leaders(db: sqlite_utils.Database, election_id: int, states: tuple[str, ...] = (),
                 unreviewed: bool = True, key: NameKey = sound_key) -> list[Standing]:
    """Each seat's winner (else leader) in an election, by the answers' precedence (`standings`),
    rows of every origin; seats with neither are left out."""
    by_seat: dict[int, list[Result]] = {}
    for result in election_results(db, election_id, states, unreviewed):
        by_seat.setdefault(result.constituency_id, []).append(result)
    return [top for results in by_seat.values()
            if (top := next((s for s in standings(results, key) if s.best.status in ("won", "leading")), None))]


def seats_in_states(db: sqlite_utils.Database, states: tuple[str, ...]) -> list[int]:
    return [r[0] for r in db.execute(
        f"SELECT id FROM constituencies WHERE state IN ({','.join('?' * len(states))})", list(states)).fetchall()]


def seats_of_candidate(db: sqlite_utils.Database, name: str, unreviewed: bool = True) -> list[int]:
    """The seats where a candidate of that name (English or Hindi, as stored) stood."""
    return [seat for (seat,) in db.execute(
        "SELECT DISTINCT c.constituency_id FROM results r JOIN contests c ON c.id = r.contest_id "
        "WHERE (r.candidate = ? OR r.candidate_hi = ?) AND r.review IN (?, ?)",
        [name, name, *review_states(unreviewed)]).fetchall()]
