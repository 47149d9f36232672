"""Hybrid retrieval: dense (FAISS) and lexical (FTS5) rankings fused by reciprocal rank fusion.

Query expansion: words of the question that name a seat in the gazetteer (exactly, or within
[retrieval] expand_min_score by rapidfuzz, so "nurpur" finds Noorpur) add that seat's English
and Hindi names to both the lexical and the dense query, which is what lets a Hinglish or
misspelt question reach Devanagari and English passages.

Seats found this way also join the candidates (rows mentioning them, scored exactly) and
multiply the score of hits that mention them by (1 + [retrieval] seat_boost), unless the
caller's filters name seats themselves.

Filters (constituency, election, party, language), mode "filter" keeps only matching hits,
mode "boost" multiplies a hit's score by (1 + [retrieval] boost) per matching facet. Passages
have no structured tags, so their facets are derived:
  - constituency: the passage text mentions the seat's name_en, name_hi or an alias;
  - party: the passage's tokens contain the party's abbr, abbr_hi, name_en, name_hi or an alias;
  - election: the article supports a row of that election (provenance), or was published in
    the election's year;
  - language: the passage's language (else its article's).
Result sentences use their result's contest (seat, election), party and sentence language.
Matching rows that neither retriever ranked are added as candidates (found by FTS5 phrase
search for the names and by the results tables), scored exactly against the query vector.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import faiss
import numpy as np
import sqlite_utils

from index import lexical
from index.embed import Embedder, make_embedder
from index.settings import IndexConfig
from index.sync import store_keys, store_signature, sync_index
from index.vectors import IndexMeta, VectorIndex, check_model, load, read_meta, score_vectors, split_key
from store import passage_seats
from store.lru import LRU

log = logging.getLogger(__name__)

FACET_CANDIDATES = 100     # rows per facet added to the candidate pool
MAX_FORMS_CACHED = 50_000   # passages whose folded text and tokens are kept for the facets (least recent dropped)
MAX_NEAR_CACHED = 50_000    # typed words whose nearest seat name is kept (least recent dropped)
MAX_QUERY_CHARS = 2000     # a longer paste is cut: its tail adds cost, not meaning
ROW_BATCH = 16             # candidate rows fetched at a time while picking the best k (at least 2k): with
                           # k = 8 the first 16 nearly always settle it, and each row costs a fetch and a facet test


@dataclass(frozen=True)
class Filters:
    constituency_ids: tuple[int, ...] = ()
    election_keys: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    mode: str = "boost"  # boost or filter

    @property
    def empty(self) -> bool:
        return not (self.constituency_ids or self.election_keys or self.parties or self.languages)


@dataclass(frozen=True)
class Hit:
    kind: str                       # 'passage' | 'result'
    id: int                         # passage id or result id
    text: str
    score: float
    retrievers: tuple[str, ...]     # 'dense', 'lexical'
    article_id: int | None = None
    source: str | None = None       # article source name (or the results file of a curated row)
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    start: int | None = None        # passage offsets in the article text
    end: int | None = None
    result_id: int | None = None


@dataclass(frozen=True)
class _Seat:
    id: int
    names: tuple[str, ...]          # name_en, name_hi, aliases
    folded: tuple[str, ...]         # the same, normalised for substring tests


@dataclass(frozen=True)
class _Gazetteer:
    seats: dict[int, _Seat]
    by_name: dict[str, tuple[int, ...]]     # normalised name -> seat ids
    parties: dict[str, tuple[str, ...]]     # abbr (casefolded) -> names


def _load_gazetteer(db: sqlite_utils.Database) -> _Gazetteer:
    seats: dict[int, _Seat] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for cid, name_en, name_hi, aliases in db.execute("SELECT id, name_en, name_hi, aliases FROM constituencies"):
        names = [name_en, name_hi, *_json_list(aliases)]
        names = [n for n in names if n]
        unique = tuple(dict.fromkeys(names))
        seats[cid] = _Seat(cid, unique, tuple(lexical.normalise(n) for n in unique))
        for n in names:
            key = " ".join(lexical.tokens(n))
            if key and cid not in by_name[key]:
                by_name[key].append(cid)
    parties: dict[str, tuple[str, ...]] = {}
    for abbr, name_en, name_hi, abbr_hi, aliases in db.execute(
        "SELECT abbr, name_en, name_hi, abbr_hi, aliases FROM parties"
    ):
        names = [abbr, abbr_hi, name_en, name_hi, *_json_list(aliases)]
        parties[abbr.casefold()] = tuple(dict.fromkeys(n for n in names if n))
    return _Gazetteer(seats, {k: tuple(v) for k, v in by_name.items()}, parties)


def _json_list(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _contains_phrase(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


class Retriever:
    def __init__(self, config: IndexConfig, db: sqlite_utils.Database, embedder: Embedder,
                 vindex: VectorIndex, meta: IndexMeta) -> None:
        self.config = config
        self.db = db
        self.embedder = embedder
        self._state: tuple[VectorIndex, IndexMeta] = (vindex, meta)
        self._stopwords = lexical.Stopwords.load(config.data / "templates" / "stopwords.toml")
        self._gazetteer: _Gazetteer | None = None
        self._lock = threading.Lock()
        # a passage's folded text and tokens, which every question's facets test: (text, folded, tokens)
        self._forms: LRU[int, tuple[str, str, list[str]]] = LRU(MAX_FORMS_CACHED)
        # typo -> seats, for the gazetteer it was looked up in
        self._near: tuple[_Gazetteer, LRU[str, tuple[int, ...] | None]] | None = None
        self._with_results: tuple[tuple[int, int], frozenset[int]] | None = None   # (store mark, seats)
        self._query_lock = threading.Lock()
        # one worker: queries take turns (_query_lock), each runs its full-text side there
        self._lexical_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="retrieve-lexical")

    # -- index files -------------------------------------------------------------------------
    @property
    def meta(self) -> IndexMeta:
        return self._state[1]

    @property
    def vectors(self) -> VectorIndex:
        return self._state[0]

    def reload(self) -> None:
        """Reopen the index files (another process saved a new generation) and the gazetteer."""
        loaded = load(self.config.index_dir, self.config.index)
        if loaded is None:
            raise FileNotFoundError(f"no index in {self.config.index_dir}: run `python -m bot reindex`")
        check_model(loaded[1], self.embedder.name, self.embedder.dim, self.config.index_dir)
        self._state = loaded
        self._gazetteer = None

    def gazetteer(self) -> _Gazetteer:
        with self._lock:
            if self._gazetteer is None:
                self._gazetteer = _load_gazetteer(self.db)
            return self._gazetteer

    def _seats_with_results(self) -> frozenset[int]:
        # read again only when the store changed (another connection's commit moves data_version,
        # this one's writes total_changes): a national store's join takes a tenth of a second
        mark = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes)
        cached = self._with_results
        if cached is None or cached[0] != mark:
            cached = self._with_results = (mark, frozenset(cid for (cid,) in self.db.execute(
                "SELECT DISTINCT c.constituency_id FROM contests c WHERE EXISTS (SELECT 1 FROM results r "
                "WHERE r.contest_id = c.id AND r.review != 'rejected')")))
        return cached[1]

    def read_ahead(self, passages: Iterable[tuple[int, str]], pause: Callable[[], None] = lambda: None) -> None:
        """The seat names and the passages' folded text and tokens, ahead of any question."""
        self.gazetteer()
        for n, (key, text) in enumerate(passages):
            if n % 100 == 0:
                pause()
            self._text_forms(key, text or "")

    def _text_forms(self, key: int, text: str) -> tuple[str, list[str]]:
        """A passage's folded text and search tokens, kept between questions (bounded)."""
        forms = self._forms.get(key)
        if forms is None or forms[0] != text:
            forms = self._forms[key] = (text, lexical.normalise(text), lexical.tokens(text))
        return forms[1], forms[2]

    # -- query expansion -----------------------------------------------------------------------
    def expand(self, query: str) -> list[int]:
        """Ids of the seats the question names (exact or near spelling), in order of mention."""
        gaz = self.gazetteer()
        if not gaz.by_name:
            return []

        words = [t for t in lexical.tokens(query) if t not in self._stopwords.words]
        found: dict[int, None] = {}
        used: set[int] = set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                if any(j in used for j in range(i, i + size)):
                    continue
                gram = " ".join(words[i : i + size])
                ids = gaz.by_name.get(gram)
                if ids is None and size <= 2 and len(gram) >= 4 and self.config.retrieval.expand_min_score <= 100:
                    ids = self._near_name(gaz, gram)
                if ids and len(ids) > 1:
                    # one name, several seats of the national gazetteer (Noorpur UP, Nurpur HP):
                    # those the store has results for, when it has any
                    ids = tuple(c for c in ids if c in self._seats_with_results()) or ids
                if ids:
                    used.update(range(i, i + size))
                    for cid in ids:
                        found.setdefault(cid, None)
        return list(found)

    def _near_name(self, gaz: _Gazetteer, gram: str) -> tuple[int, ...] | None:
        """The seats of the name closest to `gram` (a typo), remembered per gazetteer: the scan
        reads every seat name (~10,000 on the national gazetteer)."""
        from rapidfuzz import fuzz, process

        cache = self._near
        if cache is None or cache[0] is not gaz:
            cache = self._near = (gaz, LRU(MAX_NEAR_CACHED))
        if gram not in cache[1]:
            best = process.extractOne(gram, gaz.by_name.keys(), scorer=fuzz.ratio,
                                      score_cutoff=self.config.retrieval.expand_min_score)
            cache[1][gram] = gaz.by_name[best[0]] if best else None
        return cache[1].get(gram)

    def expansion(self, query: str, seats: Sequence[int] = ()) -> tuple[list[int], list[str]]:
        """The seats asked about (at most 3: `seats`, a caller's, e.g. from the conversation, then
        those the question names) and the names they add to the query: each seat's first two names
        (English, Hindi), but not one the question already spells so (it adds nothing, and every
        token costs the query embedding about a millisecond). Nothing when [retrieval]
        expand_query is off."""
        if not self.config.retrieval.expand_query:
            return [], []
        gaz = self.gazetteer()
        query = query[:MAX_QUERY_CHARS]
        seats = [cid for cid in dict.fromkeys([*seats, *self.expand(query)]) if cid in gaz.seats][:3]
        asked = lexical.normalise(query)
        return seats, [name for cid in seats
                       for name, folded in zip(gaz.seats[cid].names[:2], gaz.seats[cid].folded[:2], strict=True)
                       if folded not in asked]

    def dense_text(self, query: str, seats: Sequence[int] = ()) -> str:
        """The text the dense side embeds for a question: the question, then the seat names its
        expansion adds (benchmarks time the embedding of this, not of the bare question)."""
        query = query[:MAX_QUERY_CHARS]
        return _with_names(query, self.expansion(query, seats)[1])

    # -- retrieval -----------------------------------------------------------------------------
    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None) -> list[Hit]:
        """The k best passages and result sentences for a question. Calls from several threads
        take turns: they share the embedder (one C engine) and the SQLite connection."""
        return self.retrieve_with_vector(query, filters, k)[0]

    def retrieve_with_vector(self, query: str, filters: Filters | None = None,
                             k: int | None = None) -> tuple[list[Hit], np.ndarray | None]:
        """`retrieve`, plus the query's embedding (None for a blank query), so that a caller
        scoring sentences against the question need not embed it a second time."""
        with self._query_lock:
            return self._retrieve(query, filters, k)

    def _retrieve(self, query: str, filters: Filters | None, k: int | None) -> tuple[list[Hit], np.ndarray | None]:
        filters = filters or Filters()
        if filters.mode not in ("boost", "filter"):
            raise ValueError(f"Filters.mode must be 'boost' or 'filter', not {filters.mode!r}")
        settings = self.config.retrieval
        k = k or settings.k
        vindex = self.vectors
        query = query[:MAX_QUERY_CHARS]
        named_seats, names = self.expansion(query, filters.constituency_ids)
        terms = lexical.query_terms(query, self._stopwords, extra=names)
        dense_text = _with_names(query, names)

        def lexical_side() -> tuple[list[tuple[int, float]], set[int], list[int], tuple[np.ndarray, np.ndarray]]:
            """Full-text ranking, the facet candidates and their vectors: no query embedding needed,
            so all of it runs while the query is embedded."""
            chosen = lexical.selective(self.db, terms, settings.lexical_max_df)
            lex = lexical.search(self.db, chosen, settings.lexical_k)
            found = {key for key, _ in lex}
            extra = self._facet_candidates(filters) if not filters.empty else []
            if named_seats and not filters.constituency_ids:
                extra += self._facet_candidates(Filters(constituency_ids=tuple(named_seats)))
            extra = [key for key in dict.fromkeys(extra) if key not in found]
            if extra:
                lex = sorted(lex + lexical.search_within(self.db, chosen, extra), key=lambda ks: ks[1])
            return lex, found, extra, vindex.vectors_of(extra)

        # the query's embedding (C, GIL released) and the full-text side (SQLite) run side by side
        lexical_job = self._lexical_pool.submit(lexical_side)
        try:
            qv = self.embedder.embed_queries([dense_text])[0] if query.strip() else None
            dense = vindex.search(qv, settings.dense_k) if qv is not None else []
        finally:
            lex, lex_found, extra, (extra_keys, extra_vectors) = lexical_job.result()
        if len(extra_keys) and qv is not None:
            # the facet candidates neither retriever ranked, scored exactly against the query
            seen = {key for key, _ in dense} | lex_found
            unseen = np.fromiter((key not in seen for key in extra_keys.tolist()), dtype=bool, count=len(extra_keys))
            dense = sorted(dense + score_vectors(qv, extra_keys[unseen], extra_vectors[unseen]),
                           key=lambda ks: -ks[1])

        fused: dict[int, float] = defaultdict(float)
        found_by: dict[int, list[str]] = defaultdict(list)
        for name, ranking in (("dense", dense), ("lexical", lex)):
            # passages and result sentences are ranked apart: many short sentences must not push
            # every passage down a retriever's list (nor the reverse)
            ranks = [0, 0]
            for key, _ in ranking:
                ranks[key % 2] += 1
                fused[key] += 1.0 / (settings.rrf_k + ranks[key % 2])
                found_by[key].append(name)
        seat_filter = None
        if named_seats and not filters.constituency_ids:
            # the question names a seat: rank what mentions it higher (as a boost, never a filter)
            seat_filter = Filters(constituency_ids=tuple(named_seats))
        return self._best(fused, found_by, filters, seat_filter, k), qv

    def passages_naming(self, names: Sequence[str], seat: int, k: int = 60) -> list[Hit]:
        """Passages naming the seat (any of its names) and one of `names`, by full text only: no
        query embedding (a follow-up lookup of reports by candidates' names, bot/handlers/seats.py)."""
        gaz = self.gazetteer()
        seat_names = gaz.seats[seat].names if seat in gaz.seats else ()
        with self._query_lock:
            ranked = lexical.passages_naming(self.db, [seat_names, names], k)
            rows = self._rows([key for key, _ in ranked])
        return [_hit(rows[key], -score, ("lexical",)) for key, score in ranked if key in rows]

    def passages_of_seats(self, seats: Sequence[int], limit: int = 200) -> list[Hit]:
        """Passages naming any of the seats, in any script (the store's passage_seats table, filled
        at ingest: store/passage_seats.py), the newest articles first: a lookup that neither
        embeds nor depends on what a cache holds."""
        with self._query_lock:
            ids = passage_seats.passages_naming(self.db, seats, limit)
            rows = self._rows([2 * i for i in ids])
        return [_hit(rows[2 * i], 0.0, ("seat",)) for i in ids if 2 * i in rows]

    def _best(self, fused: dict[int, float], found_by: dict[int, list[str]], filters: Filters,
              seat_filter: Filters | None, k: int) -> list[Hit]:
        """The k best hits after boosts, filters and de-duplication. Rows are fetched and their
        facets tested in order of fused score, a batch at a time, only until no row left can
        reach the k-th hit's score even with every boost (most candidates never are)."""
        settings = self.config.retrieval
        most = 1.0 + settings.seat_boost if seat_filter else 1.0
        if filters.mode == "boost" and not filters.empty:
            facets = sum(map(bool, (filters.constituency_ids, filters.election_keys, filters.parties,
                                    filters.languages)))
            most *= 1.0 + settings.boost * facets
        order = sorted(fused, key=lambda x: -fused[x])
        rows: dict[int, dict[str, Any]] = {}
        scored: dict[int, float] = {}
        hits: list[Hit] = []
        batch = max(ROW_BATCH, 2 * k)
        memo: dict[Any, Any] = {}       # what the facets read once per question, not once per row
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            rows.update(self._rows(chunk))
            for key in chunk:
                row = rows.get(key)
                if row is None:           # deleted from the store since the index was saved
                    continue
                score = fused[key]
                if seat_filter and self._facets(row, seat_filter, memo)[0]:
                    score *= 1.0 + settings.seat_boost
                if not filters.empty:
                    matched, total = self._facets(row, filters, memo)
                    if filters.mode == "filter" and matched < total:
                        continue
                    if filters.mode == "boost":
                        score *= 1.0 + settings.boost * matched
                scored[key] = score
            hits = self._dedup(scored, rows, found_by, k)
            rest = start + batch
            if rest >= len(order) or (len(hits) >= k and hits[-1].score > fused[order[rest]] * most):
                break
        return hits

    @staticmethod
    def _dedup(scored: dict[int, float], rows: dict[int, dict[str, Any]], found_by: dict[int, list[str]],
               k: int) -> list[Hit]:
        hits: list[Hit] = []
        seen_results: set[int | str] = set()
        for key in sorted(scored, key=lambda x: -scored[x]):
            row = rows[key]
            if row["kind"] == "result":
                # one hit per result, and one per wording (two sources may state the same row)
                if row["result_id"] in seen_results or row["text"] in seen_results:
                    continue
                seen_results.update((row["result_id"], row["text"]))
            hits.append(_hit(row, scored[key], tuple(found_by[key])))
            if len(hits) >= k:
                break
        return hits

    # -- metadata and facets -------------------------------------------------------------------
    def _rows(self, keys: Sequence[int]) -> dict[int, dict[str, Any]]:
        passage_ids = [split_key(k)[1] for k in keys if split_key(k)[0] == "passage"]
        sentence_ids = [split_key(k)[1] for k in keys if split_key(k)[0] == "sentence"]
        rows: dict[int, dict[str, Any]] = {}
        for chunk in _chunks(passage_ids):
            marks = ",".join("?" * len(chunk))
            for r in self.db.query(
                f"""SELECT p.id, p.text, coalesce(p.language, a.language) AS language, p.start, p."end",
                       a.id AS article_id, a.source, a.title, a.published, a.url, a.publisher
                    FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({marks})""",
                chunk,
            ):
                rows[2 * r["id"]] = {**r, "kind": "passage", "result_id": None}
        for chunk in _chunks(sentence_ids):
            marks = ",".join("?" * len(chunk))
            for r in self.db.query(
                f"""SELECT rs.id, rs.result_id, rs.text, rs.lang AS language, k.constituency_id,
                       e.key AS election_key, lower(coalesce(pa.abbr, r.party_raw, '')) AS party,
                       a.id AS article_id, coalesce(a.source, pv.source) AS source, a.title, a.published,
                       a.url, a.publisher
                    FROM result_sentences rs
                    JOIN results r ON r.id = rs.result_id
                    JOIN contests k ON k.id = r.contest_id
                    JOIN elections e ON e.id = k.election_id
                    LEFT JOIN parties pa ON pa.id = r.party_id
                    LEFT JOIN provenance pv ON pv.id = (
                        SELECT id FROM provenance WHERE row_table = 'results' AND row_id = r.id
                        ORDER BY article_id IS NULL, id LIMIT 1)
                    LEFT JOIN articles a ON a.id = pv.article_id
                    WHERE rs.id IN ({marks})""",
                chunk,
            ):
                rows[2 * r["id"] + 1] = {**r, "kind": "result", "start": None, "end": None}
        return rows

    def _facets(self, row: dict[str, Any], f: Filters, memo: dict[Any, Any] | None = None) -> tuple[int, int]:
        """(facets matched, facets asked) for one candidate row; `memo` keeps what does not
        depend on the row between the rows of one question."""
        memo = {} if memo is None else memo
        matched = total = 0
        gaz = self.gazetteer()
        if f.constituency_ids:
            total += 1
            if row["kind"] == "result":
                matched += row["constituency_id"] in f.constituency_ids
            else:
                text = self._text_forms(row["id"], row["text"] or "")[0]
                matched += any(n in text for cid in f.constituency_ids if cid in gaz.seats
                               for n in gaz.seats[cid].folded)
        if f.election_keys:
            total += 1
            if row["kind"] == "result":
                matched += row["election_key"] in f.election_keys
            else:
                key = ("elections", f.election_keys)
                if key not in memo:
                    memo[key] = self._election_articles(f.election_keys)
                matched += row["article_id"] in memo[key]
        if f.parties:
            total += 1
            wanted = {p.casefold() for p in f.parties}
            if row["kind"] == "result" and row["party"] in wanted:
                matched += 1
            else:
                key = ("parties", f.parties)
                if key not in memo:
                    memo[key] = [lexical.tokens(n) for p in wanted for n in gaz.parties.get(p, (p,))]
                toks = (self._text_forms(row["id"], row["text"] or "")[1] if row["kind"] == "passage"
                        else lexical.tokens(row["text"]))
                matched += any(_contains_phrase(toks, name) for name in memo[key])
        if f.languages:
            total += 1
            matched += (row["language"] or "") in f.languages
        return matched, total

    def _election_articles(self, keys: tuple[str, ...]) -> set[int]:
        marks = ",".join("?" * len(keys))
        linked = self.db.execute(
            f"""SELECT DISTINCT pv.article_id FROM provenance pv
                JOIN results r ON pv.row_table = 'results' AND r.id = pv.row_id
                JOIN contests k ON k.id = r.contest_id JOIN elections e ON e.id = k.election_id
                WHERE pv.article_id IS NOT NULL AND e.key IN ({marks})
                UNION
                SELECT DISTINCT pv.article_id FROM provenance pv
                JOIN contests k ON pv.row_table = 'contests' AND k.id = pv.row_id
                JOIN elections e ON e.id = k.election_id WHERE pv.article_id IS NOT NULL AND e.key IN ({marks})
                UNION
                SELECT DISTINCT pv.article_id FROM provenance pv
                JOIN tallies t ON pv.row_table = 'tallies' AND t.id = pv.row_id
                JOIN elections e ON e.id = t.election_id WHERE pv.article_id IS NOT NULL AND e.key IN ({marks})
                UNION
                SELECT a.id FROM articles a JOIN elections e ON substr(a.published, 1, 4) = CAST(e.year AS TEXT)
                WHERE e.key IN ({marks})""",
            [*keys, *keys, *keys, *keys],
        ).fetchall()
        return {r[0] for r in linked}

    def _facet_candidates(self, f: Filters) -> list[int]:
        """Keys of rows matching the seat / party facets that the retrievers may have missed."""
        gaz = self.gazetteer()
        keys: list[int] = []
        phrases: list[str] = []
        for cid in f.constituency_ids:
            phrases += list(gaz.seats[cid].names) if cid in gaz.seats else []
        for p in f.parties:
            phrases += list(gaz.parties.get(p.casefold(), (p,)))
        match = " OR ".join('"' + " ".join(lexical.tokens(n)).replace('"', '""') + '"'
                            for n in phrases if lexical.tokens(n))
        if match:
            keys += [r[0] for r in self.db.execute(
                # the newest mentions (a seat named in 40,000 rows cannot all be candidates)
                f"SELECT rowid FROM {lexical.FTS_TABLE} WHERE {lexical.FTS_TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?",
                [match, FACET_CANDIDATES * 2],
            )]
        conds, params = [], []
        if f.constituency_ids:
            conds.append(f"k.constituency_id IN ({','.join('?' * len(f.constituency_ids))})")
            params += list(f.constituency_ids)
        if f.election_keys:
            conds.append(f"e.key IN ({','.join('?' * len(f.election_keys))})")
            params += list(f.election_keys)
        if conds:
            keys += [2 * r[0] + 1 for r in self.db.execute(
                f"""SELECT rs.id FROM result_sentences rs JOIN results r ON r.id = rs.result_id
                    JOIN contests k ON k.id = r.contest_id JOIN elections e ON e.id = k.election_id
                    WHERE {' AND '.join(conds)} LIMIT ?""",
                [*params, FACET_CANDIDATES],
            )]
        return list(dict.fromkeys(keys))


def _with_names(query: str, names: list[str]) -> str:
    return " ".join([query, *names]) if names else query


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _hit(row: dict[str, Any], score: float, retrievers: tuple[str, ...]) -> Hit:
    is_result = row["kind"] == "result"
    return Hit(
        kind=row["kind"], id=row["result_id"] if is_result else row["id"], text=row["text"], score=score,
        retrievers=retrievers, article_id=row["article_id"], source=row["source"], title=row["title"],
        published=row["published"], url=row["url"], publisher=row["publisher"], language=row["language"],
        start=row["start"], end=row["end"], result_id=row["result_id"],
    )


def _index_in_step(config: IndexConfig, db: sqlite_utils.Database, vindex: VectorIndex, meta: IndexMeta) -> bool:
    """Cheap check on open: same ids as the store and the same store signature."""
    keys = store_keys(db)
    if len(keys) != vindex.count or not np.array_equal(keys, vindex.keys):
        missing = int((~np.isin(keys, vindex.keys)).sum())
        extra = int((~np.isin(vindex.keys, keys)).sum())
        log.warning(
            "index in %s is out of step with the store: %d vectors for %d rows (%d missing, %d no longer in the "
            "store); repairing", config.index_dir, vindex.count, len(keys), missing, extra,
        )
        return False
    if meta.store_signature != store_signature(config, db):
        log.info("store changed since the index was saved; syncing")
        return False
    fts = db.execute(f"SELECT count(*) FROM sqlite_master WHERE name = '{lexical.FTS_TABLE}'").fetchone()[0]
    return bool(fts)


def open_retriever(config: IndexConfig, db: sqlite_utils.Database, embedder: Embedder | None = None) -> Retriever:
    """Load the embedder (unless given) and the index; sync first if it is missing or stale.

    Raises IndexMismatch when the index was built with another model: run `python -m bot reindex`.
    """
    embedder = embedder or make_embedder(config.embedding)
    faiss.omp_set_num_threads(max(1, config.index.search_threads))   # process-wide FAISS setting
    meta = read_meta(config.index_dir)
    if meta is not None:
        check_model(meta, embedder.name, embedder.dim, config.index_dir)
    loaded = load(config.index_dir, config.index) if meta is not None else None
    if loaded is None or not _index_in_step(config, db, *loaded):
        if loaded is None:
            log.info("no index in %s yet: building it", config.index_dir)
        log.info("index: %s", sync_index(config, db, embedder=embedder))
        loaded = load(config.index_dir, config.index)
        if loaded is None:
            raise FileNotFoundError(f"index in {config.index_dir} was not saved")
    return Retriever(config, db, embedder, *loaded)
