"""The curated results bundled in data/results/: elections, results, bypoll reasons, seat tallies.

Every row carries the article(s) and the exact sentence(s) that state it; loading checks each
quote against the ingested article's cleaned text, so articles must be ingested first.
See data/results/README.md for the columns and conventions.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from store.gazetteer import GazetteerError, GazetteerIndex, read_csv, split_list
from store.results_writer import Batch, Election, Provenance, ResultRow, ResultsWriter, Tally

STATUSES = ("won", "lost", "leading", "trailing")
QUALIFIERS = ("", "over", "more_than", "around", "nearly")
REASONS = ("death", "resignation", "defection", "other")
KINDS = ("general", "bye")
HOUSES = ("assembly", "lok_sabha", "mixed")
MIN_QUOTE = 20

ELECTION_COLUMNS = ("key", "name_en", "name_hi", "date", "year", "kind", "house", "state")
RESULT_COLUMNS = ("election", "constituency", "state", "house", "candidate", "candidate_hi", "party", "votes",
                  "votes_qualifier", "position", "status", "margin", "margin_qualifier", "rounds_counted",
                  "as_of", "source", "quote")
CONTEST_COLUMNS = ("election", "constituency", "state", "reason", "reason_detail", "source", "quote")
TALLY_COLUMNS = ("election", "party", "seats", "seats_of", "seats_qualifier", "as_of", "source", "quote")


class CuratedError(ValueError):
    """A curated file is wrong: the message names file:line, the field and what to do."""


@dataclass(frozen=True)
class Cite:
    """One quote resolved in the store: the article, the passage holding it, the exact text."""

    source: str
    quote: str
    article_id: int
    passage_id: int | None


class _Articles:
    """Ingested articles by source name, with their passages' spans, for resolving quotes."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._cache: dict[str, tuple[int, str, list[int], list[tuple[int, int, int]]] | None] = {}

    def _get(self, source: str) -> tuple[int, str, list[int], list[tuple[int, int, int]]] | None:
        if source not in self._cache:
            row = self.db.execute("SELECT id, text FROM articles WHERE source = ?", [source]).fetchone()
            if row is None:
                self._cache[source] = None
            else:
                spans = [tuple(r) for r in self.db.execute(
                    'SELECT start, "end", id FROM passages WHERE article_id = ? ORDER BY start, "end"', [row[0]])]
                self._cache[source] = (row[0], row[1], [s[0] for s in spans], spans)  # type: ignore[misc]
        return self._cache[source]

    def cite(self, where: str, column: str, source: str, quote: str) -> Cite:
        article = self._get(source)
        if article is None:
            raise CuratedError(
                f"{where}: field 'source' is {source!r}, an article not in the store; ingest data/articles "
                "(or the file holding it) before loading curated results, or fix the file name")
        if len(quote) < MIN_QUOTE:
            raise CuratedError(f"{where}: field '{column}' {quote!r} is shorter than {MIN_QUOTE} characters; "
                               "quote the whole sentence that states the row")
        article_id, text, starts, spans = article
        offset = text.find(quote)
        if offset < 0:
            raise CuratedError(
                f"{where}: field '{column}' is not an exact substring of the cleaned text of {source}: {quote[:80]!r}; "
                "copy the sentence from the article as ingested (articles.text), within one paragraph, "
                "without changing spelling, punctuation or spaces")
        end = offset + len(quote)
        # The passage that holds the whole quote, else the one where it starts.
        passage_id = None
        candidates = [s for s in spans[: bisect.bisect_right(starts, offset)] if s[0] <= offset < s[1]]
        for _start, stop, pid in candidates:
            if stop >= end:
                passage_id = pid
                break
        if passage_id is None and candidates:
            passage_id = candidates[-1][2]
        return Cite(source, quote, article_id, passage_id)

    def cites(self, where: str, row: dict[str, str]) -> list[Cite]:
        """The row's quotes: `quote` holds one or more quotes separated by "|"; `source` holds one
        article (for all quotes) or one per quote, in the same order."""
        sources, quotes = split_list(row.get("source")), split_list(row.get("quote"))
        if not quotes:
            raise CuratedError(f"{where}: field 'quote' is empty; give the sentence that states the row")
        if len(sources) == 1:
            sources = sources * len(quotes)
        if len(sources) != len(quotes):
            raise CuratedError(f"{where}: field 'source' lists {len(sources)} articles for {len(quotes)} quotes; "
                               "give one article for all quotes or one per quote, in order")
        return [self.cite(where, "quote", s, q) for s, q in zip(sources, quotes, strict=True)]


def _int(where: str, row: dict[str, str], column: str, required: bool = False) -> int | None:
    value = row.get(column, "").replace(",", "").replace(" ", "")
    if not value:
        if required:
            raise CuratedError(f"{where}: field '{column}' is empty; give a whole number")
        return None
    if not value.isdigit():
        raise CuratedError(f"{where}: field '{column}' is {row[column]!r}, not a whole number")
    return int(value)


def _choice(where: str, row: dict[str, str], column: str, allowed: tuple[str, ...]) -> str:
    value = row.get(column, "")
    if value not in allowed:
        shown = ", ".join(a or '""' for a in allowed)
        raise CuratedError(f"{where}: field '{column}' is {value!r}; use one of {shown}")
    return value


def _date(where: str, row: dict[str, str], column: str) -> str | None:
    value = row.get(column, "")
    if value and not (len(value) in (7, 10) and value[:4].isdigit()):
        raise CuratedError(f"{where}: field '{column}' is {value!r}; write YYYY-MM-DD (or YYYY-MM)")
    return value or None


def load_curated(db: sqlite_utils.Database, folder: Path) -> dict[str, int]:
    """Load elections.csv, results.csv, contests.csv and tallies.csv from `folder`.

    Validates everything first (a bad row raises CuratedError naming file:line and field, and
    nothing is written); then, in one transaction, replaces the curated rows of the elections
    it loads, so loading twice gives the same store. Returns counts per table."""
    folder = Path(folder)
    gaz = GazetteerIndex.build(db)
    articles = _Articles(db)
    try:
        elections = _read_elections(folder / "elections.csv", gaz)
        results = _read_results(folder / "results.csv", gaz, articles, elections)
        contests = _read_contests(folder / "contests.csv", gaz, articles, elections)
        tallies = _read_tallies(folder / "tallies.csv", gaz, articles, elections)
    except GazetteerError as exc:  # header problems found by read_csv
        raise CuratedError(str(exc)) from None

    counts = {"elections": len(elections), "results": 0, "contests": 0, "tallies": 0, "provenance": 0}
    writer = ResultsWriter(db)

    def sources(cites: list[Cite], column: str | None) -> tuple[Provenance, ...]:
        return tuple(Provenance(source=c.source, quote=c.quote, article_id=c.article_id, passage_id=c.passage_id,
                                field=column) for c in cites)

    with db.conn:
        election_ids = {key: writer.election(Election(**e), update=True) for key, e in elections.items()}
        rows = []
        for r, cites in results:
            cid = writer.contest(election_ids[r["election"]], r["constituency_id"])
            rows.append(ResultRow(
                contest_id=cid, candidate=r["candidate"], candidate_hi=r["candidate_hi"], party_id=r["party_id"],
                party_raw=r["party_raw"], votes=r["votes"], votes_qualifier=r["votes_qualifier"],
                position=r["position"], status=r["status"], margin=r["margin"],
                margin_qualifier=r["margin_qualifier"], rounds_counted=r["rounds_counted"], as_of=r["as_of"],
                origin="curated", method="curated", sources=sources(cites, None)))
            counts["provenance"] += len(cites)
        writer.replace(Batch(origin="curated", election_ids=tuple(election_ids.values())), rows)
        counts["results"] = len(rows)
        for c, cites in contests:
            cid = writer.contest(election_ids[c["election"]], c["constituency_id"])
            writer.reason(cid, c["reason"], c["reason_detail"], c["reason_detail_hi"], sources(cites, "reason"))
            counts["contests"] += 1
            counts["provenance"] += len(cites)
        counts["tallies"] = writer.replace_tallies("curated", election_ids.values(), [
            Tally(election_id=election_ids[t["election"]], party=t["party"], seats=t["seats"], seats_of=t["seats_of"],
                  seats_qualifier=t["seats_qualifier"], as_of=t["as_of"], origin="curated",
                  sources=sources(cites, "seats"))
            for t, cites in tallies])
        counts["provenance"] += sum(len(cites) for _, cites in tallies)
    return counts


def _read_elections(path: Path, gaz: GazetteerIndex) -> dict[str, dict]:
    elections: dict[str, dict] = {}
    for line, row in read_csv(path, ELECTION_COLUMNS):
        where = f"{path.name}:{line}"
        key = row["key"]
        if not key:
            raise CuratedError(f"{where}: field 'key' is empty; e.g. 2018-05-bypolls, ls-2024, uttar-pradesh-2017")
        if key in elections:
            raise CuratedError(f"{where}: field 'key' {key!r} is listed twice; keep one row per election")
        if not row["name_en"]:
            raise CuratedError(f"{where}: field 'name_en' is empty; name the election in English")
        state = None
        if row["state"]:
            state = gaz.state(row["state"])
            if state is None:
                raise CuratedError(f"{where}: field 'state' {row['state']!r} is not in the gazetteer's states.csv")
        elections[key] = {
            "key": key, "name_en": row["name_en"], "name_hi": row["name_hi"] or None,
            "date": _date(where, row, "date"), "year": _int(where, row, "year", required=True),
            "kind": _choice(where, row, "kind", KINDS), "house": _choice(where, row, "house", HOUSES),
            "state": state,
        }
    return elections


def _election(where: str, row: dict[str, str], elections: dict[str, dict]) -> str:
    key = row["election"]
    if key not in elections:
        raise CuratedError(f"{where}: field 'election' {key!r} is not in elections.csv; add it there or fix the key")
    return key


def _constituency(where: str, row: dict[str, str], gaz: GazetteerIndex, house: str | None) -> dict:
    name, state = row["constituency"], row.get("state") or None
    if not name:
        raise CuratedError(f"{where}: field 'constituency' is empty")
    if state and gaz.state(state) is None:
        raise CuratedError(f"{where}: field 'state' {state!r} is not in the gazetteer's states.csv")
    matches = gaz.constituencies_named(name, state, house)
    if len(matches) != 1:
        what = "is not in" if not matches else "matches several rows of"
        raise CuratedError(
            f"{where}: field 'constituency' {name!r} ({state or 'any state'}, {house or 'any house'}) {what} the "
            "gazetteer; add it to data/gazetteer/constituencies.csv or give its state and house")
    return matches[0]


def _read_results(path: Path, gaz: GazetteerIndex, articles: _Articles,
                  elections: dict[str, dict]) -> list[tuple[dict, list[Cite]]]:
    rows = []
    for line, row in read_csv(path, RESULT_COLUMNS):
        where = f"{path.name}:{line}"
        election = _election(where, row, elections)
        house = _choice(where, row, "house", ("assembly", "lok_sabha"))
        constituency = _constituency(where, row, gaz, house)
        party_raw = row["party"]
        party = gaz.party(party_raw)
        if party is None and (not party_raw or gaz.alliance(party_raw) is None):
            raise CuratedError(
                f"{where}: field 'party' {party_raw!r} is not a party in data/gazetteer/parties.csv nor an alliance "
                "in alliances.csv; add it there or use its abbreviation")
        if not row["candidate"] and not party_raw:
            raise CuratedError(f"{where}: fields 'candidate' and 'party' are both empty; a row needs one of them")
        status = _choice(where, row, "status", STATUSES)
        position = _int(where, row, "position")
        if status == "won" and position not in (None, 1):
            raise CuratedError(f"{where}: field 'position' is {position} for a winner; use 1 or leave it empty")
        rows.append(({
            "election": election, "constituency_id": constituency["id"],
            "candidate": row["candidate"], "candidate_hi": row["candidate_hi"] or None,
            "party_id": party["id"] if party else None, "party_raw": party_raw or None,
            "votes": _int(where, row, "votes"), "votes_qualifier": _choice(where, row, "votes_qualifier", QUALIFIERS),
            "position": position, "status": status,
            "margin": _int(where, row, "margin"), "margin_qualifier": _choice(where, row, "margin_qualifier", QUALIFIERS),
            "rounds_counted": _int(where, row, "rounds_counted"), "as_of": _date(where, row, "as_of"),
        }, articles.cites(where, row)))
    return rows


def _read_contests(path: Path, gaz: GazetteerIndex, articles: _Articles,
                   elections: dict[str, dict]) -> list[tuple[dict, list[Cite]]]:
    rows = []
    for line, row in read_csv(path, CONTEST_COLUMNS):
        where = f"{path.name}:{line}"
        election = _election(where, row, elections)
        house = row.get("house") or elections[election]["house"]     # optional column: a bypoll round spans houses
        constituency = _constituency(where, row, gaz, None if house == "mixed" else house)
        rows.append(({
            "election": election, "constituency_id": constituency["id"],
            "reason": _choice(where, row, "reason", REASONS), "reason_detail": row["reason_detail"] or None,
            "reason_detail_hi": row.get("reason_detail_hi") or None,   # optional column
        }, articles.cites(where, row)))
    return rows


def _read_tallies(path: Path, gaz: GazetteerIndex, articles: _Articles,
                  elections: dict[str, dict]) -> list[tuple[dict, list[Cite]]]:
    rows = []
    for line, row in read_csv(path, TALLY_COLUMNS):
        where = f"{path.name}:{line}"
        election = _election(where, row, elections)
        label = row["party"]
        # A label is a party, an alliance or group, or parties joined with "+" ("BJP+Apna Dal").
        for part in label.split("+") if label else [""]:
            if gaz.party(part) is None and gaz.alliance(part) is None:
                raise CuratedError(
                    f"{where}: field 'party' {part!r} is not a party or alliance of the gazetteer; "
                    "add it to data/gazetteer/parties.csv or alliances.csv")
        rows.append(({
            "election": election, "party": label, "seats": _int(where, row, "seats", required=True),
            "seats_of": _int(where, row, "seats_of"),
            "seats_qualifier": _choice(where, row, "seats_qualifier", QUALIFIERS), "as_of": _date(where, row, "as_of"),
        }, articles.cites(where, row)))
    return rows
