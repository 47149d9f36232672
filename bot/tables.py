"""Questions over whole results tables: party tallies (won N, leading in M), vote shares, the
largest and smallest margins, margins below or above a figure, candidates in the fray, women
winners, deposits lost, independents; and a seat's history across elections (how many times a
party won it, since when it holds it).

Answers come from the rows imported from results files (one file per contest: the one with a
declared result, else the latest), each figure citing the file and row it comes from. Cue words
live in data/lexicon/tables.toml, wording in data/templates/tables.toml. `Tables.answer` returns
None for a question it does not recognise, so the caller's other handlers go on.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import sqlite_utils

from bot.display_names import title_case as _display
from bot.entities import Linker
from bot.lookup import Election, contests_for_seat, results_of, review_states, standings
from bot.templates import Templates
from bot.types import Citation, Question
from store.datafiles import read_toml
from store.delimitation import Era, seat_eras, state_periods
from store.lineage import load_lineage, predecessors
from store.lru import LRU

MAX_LISTED = 12
_LETTERS = re.compile(r"[^\W\d_]+")
_NAME_SKIP = {"of", "the", "and", "&"}


@dataclass(frozen=True)
class TableReply:
    text: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    status: str = "answered"


# elections whose rows are kept between questions, and how many rows are read ahead at start
# (a national store: ~160,000 rows of 93 elections, ~50 MB)
MAX_ELECTIONS_CACHED = 128
MAX_WARM_ROWS = 300_000


class TableRow(NamedTuple):
    """One candidate of one contest, as imported (the fields table questions need). A named
    tuple: an election's 8,000 rows are built at every first question about it."""

    id: int
    contest_id: int
    seat_id: int
    seat: str
    state: str | None
    candidate: str
    party: str | None            # abbreviation when linked, else as written
    party_raw: str | None
    votes: int | None
    position: int | None
    status: str
    margin: int | None
    sex: str | None
    deposit_lost: int | None
    nota: int | None


def acronym(name: str) -> str:
    """'COMMUNIST PARTY OF INDIA (MARXIST-LENINIST) (LIBERATION)' -> 'cpimll'; 'CPI(ML) Liberation' ->
    'cpimll': an all-capitals word gives its letters, any other word its initial."""
    out = []
    words = _LETTERS.findall(name)
    for word in words:
        if word.casefold() in _NAME_SKIP and not word.isupper():
            continue
        if word.isupper() and len(word) <= 5 and (not name.isupper() or len(words) == 1):
            out.append(word.casefold())
        elif word.casefold() not in _NAME_SKIP:
            out.append(word[0].casefold())
    return "".join(out)


class Tables:
    def __init__(self, db: sqlite_utils.Database, linker: Linker, data_dir: Path, unreviewed: bool = True) -> None:
        self.db = db
        self.linker = linker
        self.unreviewed = unreviewed
        raw = read_toml(data_dir / "lexicon" / "tables.toml")
        self.cue_names = tuple(raw["cues"])     # the question's table_cues are read by bot/understand.py
        self.independent = {x.casefold() for x in raw.get("independent", {}).get("labels", ())}
        self.phrases = read_toml(data_dir / "templates" / "tables.toml")
        self.lineage = load_lineage(data_dir / "gazetteer" / "party_lineage.csv")
        self._cache: LRU[tuple, tuple[tuple[int, int], list[TableRow]]] = LRU(MAX_ELECTIONS_CACHED)
        self._periods: dict[tuple, tuple[tuple[int, int], list[tuple[str, int]]]] = {}
        self._derived_of: LRU[int, _Derived] = LRU(MAX_ELECTIONS_CACHED)   # id(rows) -> their contests, winners, party labels

    # -- entry ------------------------------------------------------------------------------
    def answer(self, q: Question, T: Templates) -> TableReply | None:
        has = {k: k in q.table_cues for k in self.cue_names}
        if q.constituencies and (has["times"] or has["since"]) and (q.parties or has["independents"]):
            return self._history(q, T, q.constituencies[0], "times" if has["times"] else "since", has)
        if q.constituencies and not (has["candidates"] and has["how_many"]):
            return None
        election = self._election(q, seats=q.constituencies)
        if election is None:
            return None
        rows = self._rows(election, q.states)
        if not rows:
            return None
        contests = self._derived(rows).contests
        if q.constituencies:
            ids = set(q.constituencies)
            seat_rows = [r for r in rows if r.seat_id in ids]
            if not seat_rows:
                return None
            return self._say(T, "candidates_seat", seat_rows[:1], n=len(seat_rows),
                             seat=self._seat(seat_rows[0], T), election=self._ename(election, T))
        winners = self._derived(rows).winners
        if has["margin"] and (has["largest"] or has["smallest"]) and not has["how_many"]:
            return self._extreme(T, election, winners, "largest" if has["largest"] else "smallest")
        if has["margin"] and (has["below"] or has["above"]) and q.numbers:
            return self._threshold(T, election, winners, q.numbers[0], "below" if has["below"] else "above")
        if has["women"]:
            return self._women(T, election, rows, winners)
        if has["deposits"]:
            known = [r for r in rows if r.deposit_lost is not None]
            if not known:
                return self._say(T, "no_deposits", [], election=self._ename(election, T), status="no_data")
            lost = [r for r in known if r.deposit_lost]
            return self._say(T, "deposits", lost[:3], n=len(lost), total=len(known), election=self._ename(election, T))
        # "how many independent candidates won": the winners among them, not everyone in the fray
        if has["candidates"] and has["how_many"] and not (has["held"] and (has["independents"] or q.parties)):
            return self._say(T, "candidates_all", [], n=len(rows), seats=len(contests),
                             election=self._ename(election, T))
        # "निर्दलीय" may also be read as the party IND: still the independents' list
        if has["independents"] and all(p.casefold() in self.independent for p in q.parties):
            return self._tally(T, election, rows, winners, contests, None, listed=True, q=q)
        parties = self._parties(q, rows)
        if not parties:
            return None
        earlier = {p: e for p, e in predecessors(self.lineage, parties).items() if e.holds(election.year)}
        parties = parties | set(earlier)        # INC(I) in 1980 is the Congress
        # "which seat did X win, and by how many votes": the seats and their margins, not X's votes
        seats_margins = q.intent == "list" and has["asks_margin"]
        reply = None
        if has["vote_share"] or (has["party_votes"] and not q.candidates and not seats_margins):
            reply = self._vote_share(T, election, rows, contests, parties, q)
        elif q.intent in ("tally", "list") or (has["how_many"] and has["seats"]):
            reply = self._tally(T, election, rows, winners, contests, parties, listed=q.intent == "list", q=q)
        used = {w.party for w in winners if w.party in earlier}
        if reply is not None and used:
            reply = replace(reply, text=reply.text + self._lineage_note(T, [(p, election.year) for p in sorted(used)]))
        return reply

    def narrow(self, q: Question) -> Question:
        """A seat name shared by several seats (Amethi the assembly seat and the Lok Sabha seat)
        names the one that had an election in the year asked, when only one did."""
        if not q.ambiguous:
            return q
        if not q.year:
            return self._current_seats(q)
        resolved, still = list(q.constituencies), []
        for ids in q.ambiguous:
            marks = ",".join("?" * len(ids))
            held = [r[0] for r in self.db.execute(
                f"SELECT DISTINCT c.constituency_id FROM contests c JOIN elections e ON e.id = c.election_id "
                f"WHERE c.constituency_id IN ({marks}) AND e.year = ? AND EXISTS (SELECT 1 FROM results r "
                f"WHERE r.contest_id = c.id)", [*ids, q.year])]
            if len(held) == 1:
                resolved.append(held[0])
            else:
                still.append(ids)
        return replace(q, constituencies=tuple(dict.fromkeys(resolved)), ambiguous=tuple(still))

    def _current_seats(self, q: Question) -> Question:
        """With no year asked, a seat only results files know (not in the gazetteer) whose last
        election came before the first of a gazetteer seat of that name and house is an earlier
        seat (Gurgaon, Punjab, 1962, before Haryana was made): the asker means the seat there is
        now. A year asked still reaches the earlier one (`narrow`)."""
        resolved, still = list(q.constituencies), []
        for ids in q.ambiguous:
            marks = ",".join("?" * len(ids))
            info = {r[0]: r[1:] for r in self.db.execute(
                f"SELECT s.id, s.origin, s.house, MIN(e.year), MAX(e.year) FROM constituencies s "
                f"LEFT JOIN contests c ON c.constituency_id = s.id LEFT JOIN elections e ON e.id = c.election_id "
                f"WHERE s.id IN ({marks}) GROUP BY s.id", list(ids))}

            keep = [i for i in ids if not _earlier_seat(i, info)] or list(ids)
            if len(keep) == 1:
                resolved.append(keep[0])
            else:
                still.append(tuple(keep))
        return replace(q, constituencies=tuple(dict.fromkeys(resolved)), ambiguous=tuple(still))

    # -- which election, which rows -----------------------------------------------------------
    def _election(self, q: Question, seats: tuple[int, ...] = ()) -> Election | None:
        """The newest election with imported rows that fits the year, kind, house and state asked
        (and was held in the seats named, if any)."""
        fits = self.fitting(q, seats)
        return fits[0] if fits else None

    def fitting(self, q: Question, seats: tuple[int, ...] = ()) -> list[Election]:
        """The elections with imported rows that fit the question, the one it most likely means first."""
        where = f" AND c.constituency_id IN ({','.join('?' * len(seats))})" if seats else ""
        found = [Election(*r) for r in self.db.execute(
            "SELECT id, key, name_en, name_hi, date, year, kind, house, state FROM elections e WHERE EXISTS ("
            "SELECT 1 FROM contests c JOIN results r ON r.contest_id = c.id WHERE c.election_id = e.id "
            f"AND r.origin = 'imported'{where})", list(seats)).fetchall()]
        fits = []
        for e in found:
            if q.year and e.year != q.year:
                continue
            if q.election_kind and e.kind != q.election_kind:
                continue
            if q.house and e.house not in (q.house, "mixed", None):
                continue
            if q.states and e.house == "assembly" and e.state not in q.states:
                continue
            fits.append(e)
        # a state named with no house means its assembly; no state means the Lok Sabha; general first
        def order(e: Election) -> tuple:
            house_pref = (e.house == "assembly") if q.states and not q.house else (e.house == "lok_sabha")
            return (house_pref, e.kind == "general" if not q.election_kind else True, e.year, e.id)
        return sorted(fits, key=order, reverse=True)

    def winners(self, election: Election, states: tuple[str, ...] = ()) -> list[TableRow]:
        """Each contest's declared winner (else its leader) among the election's imported rows."""
        return [w for rs in _by_contest(self._rows(election, states)).values() if (w := _winner(rs))]

    def contested(self, election: Election, states: tuple[str, ...] = ()) -> set[str]:
        """The parties (as rows carry them) that had candidates in the election."""
        return {r.party for r in self._rows(election, states) if r.party}

    def file_citations(self, rows: list[TableRow]) -> list[Citation]:
        """The results file and row of each row (of the first 20)."""
        ids = [r.id for r in rows[:20]]
        lines: dict[int, tuple[str, int]] = {}
        if ids:
            for rid, source, line in self.db.execute(
                    "SELECT row_id, source, line FROM provenance WHERE row_table = 'results' AND line IS NOT NULL "
                    f"AND row_id IN ({','.join('?' * len(ids))})", ids):
                lines.setdefault(rid, (source, line))
        return list(dict.fromkeys(Citation(source=lines[i][0], quote=f"row {lines[i][1]}") for i in ids if i in lines))

    def _rows(self, election: Election, states: tuple[str, ...]) -> list[TableRow]:
        """The imported rows of an election (of `states` only, for a Lok Sabha election): per contest
        those of one file, the one with a declared result, else the latest report."""
        # the rows of an election are read once and kept while the store does not change
        # (data_version moves when another connection commits, total_changes when this one writes)
        version = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes)
        key = (election.id, states if election.house != "assembly" else ())
        cached = self._cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        sql = """
        SELECT r.id, r.contest_id, c.constituency_id, r.candidate, r.party_id, r.party_raw, r.votes, r.position,
               r.status, r.margin, r.sex, r.deposit_lost, c.nota_votes, r.import_file, r.as_of
        FROM contests c JOIN results r ON r.contest_id = c.id
        WHERE c.election_id = ? AND r.origin = 'imported' AND r.review IN (?, ?)
        """
        # plain columns only, names and parties from small tables: the joins cost more than the rows
        seats = {i: (n, st) for i, n, st in self.db.execute(
            "SELECT k.id, k.name_en, k.state FROM constituencies k WHERE k.id IN "
            "(SELECT constituency_id FROM contests WHERE election_id = ?)", [election.id])}
        abbr = dict(self.db.execute("SELECT id, abbr FROM parties").fetchall())
        wanted = set(states) if states and election.house != "assembly" else None
        by_file: dict[tuple[int, str | None], list[tuple]] = {}
        for r in self.db.execute(sql, [election.id, *review_states(self.unreviewed)]):
            by_file.setdefault((r[1], r[13]), []).append(r)
        best: dict[int, tuple[tuple, list[tuple]]] = {}
        for (contest, _), group in by_file.items():
            rank = (any(g[8] == "won" for g in group), max(g[14] or "" for g in group), max(g[0] for g in group))
            if contest not in best or rank > best[contest][0]:
                best[contest] = (rank, group)
        rows = []
        for _, group in best.values():
            for (rid, contest, seat, cand, pid, raw, votes, pos, status, margin, sex, dep, nota, _, _) in group:
                name, state = seats.get(seat, ("?", None))
                if wanted is not None and state not in wanted:
                    continue
                rows.append(TableRow(rid, contest, seat, name, state, cand, abbr.get(pid) or raw, raw, votes, pos,
                                     status, margin, sex, dep, nota))
        self._cache[key] = (version, rows)
        return rows

    def warm(self, stop: Callable[[], bool] = lambda: False, pause: Callable[[], None] = lambda: None) -> int:
        """Read the imported rows of the store's elections (newest first, up to MAX_WARM_ROWS rows)
        ahead of any question, so that the first question about an election only looks them up.
        `pause` is called before each election (to let answers run first). Returns how many rows were read."""
        elections = [Election(*r) for r in self.db.execute(
            "SELECT id, key, name_en, name_hi, date, year, kind, house, state FROM elections e WHERE EXISTS ("
            "SELECT 1 FROM contests c JOIN results r ON r.contest_id = c.id WHERE c.election_id = e.id "
            "AND r.origin = 'imported') ORDER BY year DESC, id DESC").fetchall()]
        n = 0
        for election in elections[:MAX_ELECTIONS_CACHED - 1]:
            pause()
            if stop() or n >= MAX_WARM_ROWS:
                break
            rows = self._rows(election, ())
            self._derived(rows)
            n += len(rows)
        return n

    def _derived(self, rows: list[TableRow]) -> _Derived:
        """What every question over these rows reads from them, worked out once while the rows are
        kept (8,000 rows of a general election take ~10 ms to group, every question)."""
        found = self._derived_of.get(id(rows))
        if found is None or found.rows is not rows:
            found = self._derived_of[id(rows)] = _Derived.of(rows)
        return found

    def _parties(self, q: Question, rows: list[TableRow]) -> set[str] | None:
        """The party labels (as rows carry them) the question names: a party the file writes out
        in full and the question abbreviates ("CPI(ML) Liberation") wins over a shorter party name
        the linker found inside it."""
        derived = self._derived(rows)
        labels, by_acronym = derived.labels, derived.by_acronym
        tokens = list(q.tokens)
        best: tuple[int, set[str]] = (0, set())
        for n in range(min(4, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                span = " ".join(tokens[i:i + n])
                if n == 1 and not re.search(r"[A-Z].*[A-Z]", span):
                    continue        # one word counts only as an abbreviation in capitals
                if n > 1 and _question_words(tokens[i:i + n], self.linker.stopwords):
                    continue        # "How many seats" is no Hindu Mahasabha (HMS)
                found = by_acronym.get(acronym(span))
                if found and n > best[0]:
                    best = (n, found)
        if q.parties:
            wanted: set[str] = set()
            for name in q.parties:
                wanted |= self._party_set(name)
            linked = {label for label in labels if label in wanted}
            if best[0] > 1 and not (best[1] & linked):
                return set(best[1])     # a copy: the acronyms' sets are shared by every question
            if linked or not best[1]:
                return linked or wanted
        return set(best[1]) or None

    def _party_set(self, name: str) -> set[str]:
        if ("party", name) in self.linker.names:
            return {name}
        return {abbr for (kind, abbr), row in self.linker.names.items()
                if kind == "party" and (row.get("alliance") or "").casefold() == name.casefold()}

    # -- answers ----------------------------------------------------------------------------
    def _extreme(self, T: Templates, election: Election, winners: list[TableRow], which: str) -> TableReply | None:
        known = [w for w in winners if w.margin is not None]
        if not known:
            return None
        pick = (max if which == "largest" else min)(known, key=lambda w: w.margin or 0)
        return self._say(T, which, [pick], seat=self._seat(pick, T), election=self._ename(election, T),
                         who=self._who(pick, T), margin=T.number(pick.margin or 0))

    def _threshold(self, T: Templates, election: Election, winners: list[TableRow], limit: int,
                   which: str) -> TableReply | None:
        known = [w for w in winners if w.margin is not None]
        if not known:
            return None
        chosen = sorted((w for w in known if (w.margin or 0) < limit) if which == "below"
                        else (w for w in known if (w.margin or 0) > limit), key=lambda w: w.margin or 0)
        if not chosen:
            return self._say(T, "none_below", [], election=self._ename(election, T), limit=T.number(limit))
        listed = [self._p(T, "seat_margin", seat=self._seat(w, T, short=True), margin=T.number(w.margin or 0))
                  for w in chosen[:MAX_LISTED]]
        text_list = T.join(listed) + (" …" if len(chosen) > MAX_LISTED else "")
        key = "below" if which == "below" else "above"
        return self._say(T, key, chosen, n=len(chosen), election=self._ename(election, T), limit=T.number(limit),
                         list=text_list, list_part=(": " + text_list) if len(chosen) <= MAX_LISTED else "")

    def _women(self, T: Templates, election: Election, rows: list[TableRow], winners: list[TableRow]) -> TableReply:
        if not any(r.sex for r in rows):
            return self._say(T, "no_sex", [], election=self._ename(election, T), status="no_data")
        women = [w for w in winners if w.sex == "F"]
        if not women:
            return self._say(T, "women_none", [], election=self._ename(election, T))
        listed = T.join([self._who_at(w, T) for w in women[:MAX_LISTED]]) + (" …" if len(women) > MAX_LISTED else "")
        return self._say(T, "women", women, n=len(women), election=self._ename(election, T), list=listed)

    def _vote_share(self, T: Templates, election: Election, rows: list[TableRow], contests: dict[int, list[TableRow]],
                    parties: set[str], q: Question) -> TableReply | None:
        total = sum(r.votes or 0 for r in rows) + sum((rs[0].nota or 0) for rs in contests.values())
        mine = [r for r in rows if r.party in parties]
        if not total or not mine:
            return None
        votes = sum(r.votes or 0 for r in mine)
        share = f"{100 * votes / total:.2f}"
        return self._say(T, "vote_share", mine[:3], party=self._party_name(parties, q, T), share=share,
                         votes=T.number(votes), total=T.number(total), election=self._ename(election, T))

    def _tally(self, T: Templates, election: Election, rows: list[TableRow], winners: list[TableRow],
               contests: dict[int, list[TableRow]], parties: set[str] | None, listed: bool, q: Question) -> TableReply:
        if parties is None:     # independents
            mine = [w for w in winners if (w.party or "").casefold() in self.independent]
            if not mine:
                return self._say(T, "independents_none", [], election=self._ename(election, T))
            text_list = T.join([self._who_at(w, T) for w in mine[:MAX_LISTED]])
            return self._say(T, "independents", mine, n=len(mine), election=self._ename(election, T), list=text_list)
        mine = [w for w in winners if w.party in parties]
        name = self._party_name(parties, q, T)
        won = [w for w in mine if w.status == "won"]
        leading = [w for w in mine if w.status == "leading"]
        base = {"party": name, "total": len(contests), "election": self._ename(election, T)}
        if not mine:
            return self._say(T, "tally_none", [], **base)
        if leading:
            return self._say(T, "tally_leading", mine, n=len(won), m=len(leading), **base)
        if listed or len(mine) <= MAX_LISTED:
            with_margin = "asks_margin" in q.table_cues
            text_list = T.join([self._p(T, "seat_margin", seat=self._seat(w, T, short=True), margin=T.number(w.margin))
                                if with_margin and w.margin is not None else self._seat(w, T, short=True)
                                for w in mine])       # a list asked for is given whole (Telegram cuts it to fit)
            return self._say(T, "tally_list", mine, n=len(mine), list=text_list, **base)
        return self._say(T, "tally", mine, n=len(mine), **base)

    def _history(self, q: Question, T: Templates, seat: int, which: str, has: dict[str, bool]) -> TableReply | None:
        parties: set[str] = set()
        for name in q.parties:
            parties |= self._party_set(name)
        contests = [c for c in contests_for_seat(self.db, seat, self.unreviewed)
                    if not q.election_kind or c.kind == q.election_kind]
        contests, note = self._one_seat(q, T, seat, contests, which)
        if isinstance(note, TableReply):
            return note         # two seats have had this name: which one?
        if which == "times" and q.year and has.get("from_year"):
            contests = [c for c in contests if c.year >= q.year]      # "how many times since 1980"
        history = []     # (contest, winner standing), oldest first
        for c in sorted(contests, key=lambda c: (c.date or str(c.year), c.year)):
            st = standings(results_of(self.db, c.id, self.unreviewed), self.linker.translit.sound_key)
            winner = next((s for s in st if s.best.status == "won"), None)
            if winner is not None:
                history.append((c, winner))
        if not history:
            return None
        indep = has["independents"] and not parties
        earlier = {} if indep else predecessors(self.lineage, parties)

        def is_ours(c: Any, s: Any) -> bool:
            party = s.best.party or ""
            if indep:
                return party.casefold() in self.independent
            return party in parties or (party in earlier and earlier[party].holds(c.year))

        def lineage_note(counted: list[tuple[Any, Any]]) -> str:
            used = [(s.best.party, c.year) for c, s in counted if s.best.party in earlier and is_ours(c, s)]
            return self._lineage_note(T, used) if used else ""

        seat_text = self._seat_id(seat, T)
        party_text = self._p(T, "independent") if indep else self._party_name(parties or set(q.parties), q, T)
        rows = [s.best for c, s in history if is_ours(c, s)]
        if which == "times":
            years = [self._year(T, c) for c, s in history if is_ours(c, s)]
            note = note or self._span_note(T, seat, [c.id for c, _ in history])
            if not years:
                return self._say_rows(T, "times_none", [s.best for _, s in history[-1:]], party=party_text,
                                      seat=seat_text, m=len(history), first=history[0][0].year,
                                      last=history[-1][0].year, note=note)
            return self._say_rows(T, "times", rows, party=party_text, seat=seat_text, n=len(years),
                                  m=len(history), years=T.join(years), note=lineage_note(history) + note)
        last_c, last_w = history[-1]
        if not is_ours(last_c, last_w):
            return self._say_rows(T, "not_held", [last_w.best], party=party_text, seat=seat_text,
                                  who=f"{_display(last_w.name)} ({last_w.best.party or '?'})",
                                  election=(last_c.election_hi if T.lang == "hi" else None) or last_c.election_en,
                                  note=note)
        run = []
        for c, s in reversed(history):
            if not is_ours(c, s):
                break
            run.append((c, s))
        run.reverse()
        key = "since_first" if len(run) == len(history) else "since"
        note = note or self._span_note(T, seat, [c.id for c, _ in run])
        return self._say_rows(T, key, [s.best for _, s in run], party=party_text, seat=seat_text,
                              year=run[0][0].year, years=T.join([self._year(T, c) for c, _ in run]),
                              note=lineage_note(run) + note)

    def _year(self, T: Templates, c: Any) -> str:
        """An election's year in a seat's history, a bypoll marked as one ("1980, 1980 bypoll")."""
        return self._p(T, "bye_year", year=c.year) if c.kind == "bye" else str(c.year)

    def _lineage_note(self, T: Templates, used: list[tuple[str, int]]) -> str:
        """" (including INC(I) in 1980)": the earlier party names a count took in, with their years."""
        by_label: dict[str, list[str]] = {}
        for label, year in used:
            by_label.setdefault(label, []).append(str(year))
        items = [self._p(T, "lineage_item", party=label, years=T.join(list(dict.fromkeys(years))))
                 for label, years in by_label.items()]
        return self._p(T, "lineage", list=T.join(items))

    # -- one seat name over several delimitations (store/delimitation.py) ---------------------
    def _one_seat(self, q: Question, T: Templates, seat: int, contests: list[Any],
                  which: str) -> tuple[list[Any], str | TableReply]:
        """The contests of the one seat the question is about, when different seats have had its
        name (abolished, then created again by a later delimitation), and a sentence saying which
        seat it is; a "which one?" reply when the question does not decide it (a year does; "since
        when" is about the seat there is now)."""
        eras = seat_eras(self.db, seat, {c.id for c in contests}, self._state_periods)
        if len(eras) < 2:
            return contests, ""
        era = None
        if q.year:
            era = next((e for e in eras if e.holds(q.year)), None) or next(
                (e for e in reversed(eras) if e.first <= q.year), eras[0])
        elif which == "since" and eras[-1].current:
            era = eras[-1]
        name = self._seat_id(seat, T)
        if era is None:
            periods = T.join([self._period(T, e) for e in eras])
            text = self._p(T, "delim_which", seat=name, n=len(eras), periods=periods, year=eras[-1].last)
            return contests, TableReply(text[:1].upper() + text[1:], status="clarify")
        others = T.join([self._period(T, e) for e in eras if e is not era])
        note = self._p(T, "delim_other", seat=name, period=self._period(T, era), others=others)
        return [c for c in contests if c.id in era.contest_ids], note

    def _span_note(self, T: Templates, seat: int, contest_ids: list[int]) -> str:
        """A sentence naming the delimitations the contests answered for span, when more than one."""
        eras = seat_eras(self.db, seat, set(contest_ids), self._state_periods)
        periods = [p for e in eras for p in e.periods]
        if len(periods) < 2:
            return ""
        # the reservation too where it changed (Rae Bareli: SC in 1962, general since 1967)
        reserved = len({p.reserved for p in periods}) > 1
        return self._p(T, "delim_span", n=len(periods), periods=", ".join(
            (f"{p.first}–{p.last}" if p.last != p.first else str(p.first))
            + (f" {'/'.join(p.reserved)}" if reserved and p.reserved else "") for p in periods))

    def _state_periods(self, state: str | None, house: str) -> list[tuple[str, int]]:
        """A state's delimitations, read once while the store does not change (as _rows)."""
        version = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes)
        cached = self._periods.get((state, house))
        if cached is None or cached[0] != version:
            cached = self._periods[(state, house)] = (version, state_periods(self.db, state, house))
        return cached[1]

    def _period(self, T: Templates, era: Era) -> str:
        if era.current:
            return self._p(T, "period_since", first=era.first)
        return self._p(T, "period_range" if era.last != era.first else "period_year", first=era.first, last=era.last)

    # -- wording and citations ----------------------------------------------------------------
    def _p(self, T: Templates, key: str, **values: Any) -> str:
        table = self.phrases.get(T.lang) or self.phrases["en"]
        return str(table[key]).format(**values)

    def _say(self, T: Templates, key: str, cited: list[TableRow], status: str = "answered",
             **values: Any) -> TableReply:
        text = self._p(T, key, **values)
        citations = self.file_citations(cited)
        facts = [{"table": "results", "id": r.id, "constituency": r.seat, "candidate": r.candidate,
                  "party": r.party, "votes": r.votes, "margin": r.margin, "status": r.status} for r in cited[:20]]
        return TableReply(text[:1].upper() + text[1:], citations, facts, status)

    def _say_rows(self, T: Templates, key: str, rows: list[Any], note: str = "", **values: Any) -> TableReply:
        """For answers built from lookup Results (seat history): cite their files or sentences."""
        text = self._p(T, key, **values) + note
        citations: list[Citation] = []
        for r in rows:
            for src in r.sources:
                c = (Citation(source=src.source, quote=src.quote, title=src.title, url=src.url, date=src.date,
                              language=src.language) if src.quote
                     else Citation(source=src.source, quote=f"row {src.line}") if src.line else None)
                if c and c not in citations:
                    citations.append(c)
        facts = [{"table": "results", "id": r.id, "election": r.election_key, "candidate": r.candidate,
                  "party": r.party, "status": r.status} for r in rows[:20]]
        return TableReply(text[:1].upper() + text[1:], citations, facts)

    def _ename(self, e: Election, T: Templates) -> str:
        return e.name(T.lang)

    def _seat_id(self, seat: int, T: Templates) -> str:
        row = self.linker.display("constituency", str(seat))
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or "?"
        return name

    def _seat(self, r: TableRow, T: Templates, short: bool = False) -> str:
        name = self._seat_id(r.seat_id, T) if self.linker.display("constituency", str(r.seat_id)) else r.seat
        if short or not r.state or r.state == name:
            return name
        state = self.linker.display("state", r.state)
        return f"{name} ({(state.get('name_hi') if T.lang == 'hi' else None) or r.state})"

    def _who(self, r: TableRow, T: Templates) -> str:
        return f"{_display(r.candidate)} ({self._party_label(r.party, T)})"

    def _who_at(self, r: TableRow, T: Templates) -> str:
        return f"{_display(r.candidate)} ({self._party_label(r.party, T)}, {self._seat(r, T, short=True)})"

    def _party_label(self, party: str | None, T: Templates) -> str:
        if not party:
            return "?"
        row = self.linker.display("party", party)
        if T.lang == "hi" and row:
            return row.get("abbr_hi") or row.get("name_hi") or party
        return party if row or len(party) <= 12 else _display(party)

    def _party_name(self, parties: set[str], q: Question, T: Templates) -> str:
        # the party by its name now, not by an earlier name counted with it (BLD for the JNP)
        parties = parties - {e.party for e in self.lineage if e.same_as in parties} or parties
        if q.parties and len(parties) > 1:
            row = self.linker.display("alliance", q.parties[0])
            if row:
                return (row.get("name_hi") if T.lang == "hi" else None) or row.get("name") or q.parties[0]
        party = sorted(parties)[0]
        row = self.linker.display("party", party)
        if not row:     # a party the gazetteer lacks: an abbreviation as written, a long name tidied
            return party if " " not in party and len(party) <= 12 else _display(party)
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or party
        short = self._party_label(party, T)
        return f"{name} ({short})" if name != short else short


def _question_words(span: list[str], stopwords: set[str] | frozenset[str]) -> bool:
    """Whether a span of question words is no party's name written out: it begins or ends with a
    function word, or holds one in lower case ("How many seats", "won by the"; "Bharatiya Lok Dal"
    and "Communist Party of India" pass)."""
    def stop(t: str) -> bool:
        return t.casefold() in stopwords and t.casefold() not in _NAME_SKIP
    return stop(span[0]) or stop(span[-1]) or any(stop(t) and not t[:1].isupper() for t in span)


def _earlier_seat(i: int, info: dict[int, tuple]) -> bool:
    """Seat `i` (origin, house, first year, last year in `info`) is known only from results files
    and its elections all came before a gazetteer seat of its house began."""
    origin, house, _, last = info.get(i, (None, None, None, None))
    return origin != "gazetteer" and last is not None and any(
        o == "gazetteer" and h == house and first is not None and last < first
        for j, (o, h, first, _) in info.items() if j != i)


@dataclass(frozen=True)
class _Derived:
    """An election's kept rows grouped: per contest, each contest's winner, the party labels and
    their acronyms (read-only: shared by every question over the rows)."""
    rows: list[TableRow]
    contests: dict[int, list[TableRow]]
    winners: list[TableRow]
    labels: set[str]
    by_acronym: dict[str, set[str]]

    @classmethod
    def of(cls, rows: list[TableRow]) -> _Derived:
        contests = _by_contest(rows)
        raw_of: dict[str, str] = {}
        for r in rows:
            if r.party and r.party not in raw_of:
                raw_of[r.party] = r.party_raw or r.party
        by_acronym: dict[str, set[str]] = {}
        for label, raw in raw_of.items():
            for form in {label, raw}:
                key = acronym(form)
                if len(key) >= 3:
                    by_acronym.setdefault(key, set()).add(label)
        return cls(rows, contests, [w for rs in contests.values() if (w := _winner(rs))], set(raw_of), by_acronym)


def _by_contest(rows: list[TableRow]) -> dict[int, list[TableRow]]:
    out: dict[int, list[TableRow]] = {}
    for r in rows:
        out.setdefault(r.contest_id, []).append(r)
    return out


def _winner(rows: list[TableRow]) -> TableRow | None:
    """The contest's declared winner, else its leader."""
    for status in ("won", "leading"):
        found = [r for r in rows if r.status == status]
        if found:
            return min(found, key=lambda r: r.position or 99)
    return None
