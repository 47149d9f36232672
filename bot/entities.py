"""Finding seats, parties, alliances, states and candidates named in a question.

Names come from the store (gazetteer tables and results) and from data/gazetteer/alliances.csv,
in both scripts. A span of the question matches a name exactly after `names.norm`, or by its
`names.sound_key` (transliteration variants), or, for seats and candidates, closely enough by
rapidfuzz (typos such as "kairna").
"""
from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process

from bot.names import DEVANAGARI, norm, sound_key
from bot.translit import Transliterator

_TOKEN = re.compile(r"[\w\u0900-\u097F]+(?:[.'’][\w]+)*", re.UNICODE)
MAX_NGRAM = 5
KINDS = ("constituency", "party", "alliance", "state", "candidate")
# Which kinds may match loosely (fuzzy); abbreviations like "SP" or "AAP" must match exactly.
FUZZY_KINDS = ("constituency", "candidate", "state")


@dataclass(frozen=True)
class Match:
    kind: str          # constituency, party, alliance, state, candidate
    ref: str           # constituency id (as text), party abbr, alliance name, state name_en, candidate name
    surface: str       # the words of the question it matched
    start: int         # token span in the question
    end: int
    score: float       # 100 for an exact match


@dataclass(frozen=True)
class Token:
    text: str
    start: int         # character offsets in the question
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _load_exact_case(path: Path) -> dict[str, str]:
    """Names that count only when written exactly so: their normal form -> that spelling."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            found.update((norm(w), w) for w in line.split())
    return found


def _in_compound(text: str, token: Token) -> bool:
    """Whether the token is hyphen-joined to a neighbouring word ("runner-up", "by-poll")."""
    before = token.start >= 2 and text[token.start - 1] == "-" and text[token.start - 2].isalpha()
    after = token.end + 1 < len(text) and text[token.end] == "-" and text[token.end + 1].isalpha()
    return before or after


def _strip_possessive(word: str) -> str:
    # "BJP's", "BJPs" (as the seeds write it) -> "BJP"; only for Latin words.
    return re.sub(r"(?i)['’]s$", "", word)


_CACHE_VERSION = "3"
_SIGNATURE_SQL = (
    "SELECT count(*), max(id), total(length(name_en) + coalesce(length(name_hi), 0) + length(aliases)"
    " + coalesce(length(state), 0) + length(house)) FROM constituencies",
    "SELECT count(*), total(length(abbr) + length(name_en) + coalesce(length(name_hi), 0) + length(aliases)"
    " + coalesce(length(abbr_hi), 0) + coalesce(length(alliance), 0)) FROM parties",
    "SELECT count(*), total(length(name_en) + coalesce(length(name_hi), 0) + length(aliases)) FROM states",
    "SELECT count(*), max(id), total(length(candidate) + coalesce(length(candidate_hi), 0)),"
    " total(review = 'rejected') FROM results",
)


def _cache_path(db: sqlite_utils.Database) -> Path | None:
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2] + ".names.pickle") if row and row[2] else None


def _signature(db: sqlite_utils.Database, data_dir: Path) -> str:
    h = hashlib.sha256(_CACHE_VERSION.encode())
    for sql in _SIGNATURE_SQL:
        h.update(repr(db.execute(sql).fetchone()).encode())
    for name in ("gazetteer/alliances.csv", "lexicon/stopwords.txt", "lexicon/caps_only.txt", "lexicon/translit.toml"):
        path = data_dir / name
        h.update(path.read_bytes() if path.exists() else b"")
    h.update(Path(__file__).read_bytes())     # a change to how names are keyed invalidates the cache
    return h.hexdigest()


def _read_cache(path: Path, signature: str) -> tuple | None:
    # the home is the bot's own state (like store.db); a cache from another version is rebuilt
    try:
        with path.open("rb") as fh:
            if pickle.load(fh) != signature:     # the signature first: a stale cache is not read further
                return None
            gc.disable()     # a few million small objects: the collector would walk them over and over
            try:
                return pickle.load(fh)
            finally:
                gc.enable()
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError, TypeError):
        return None


def cache_is_current(db: sqlite_utils.Database, data_dir: Path) -> bool:
    """Whether the saved name index matches the store (reads only its signature)."""
    path = _cache_path(db)
    try:
        with path.open("rb") as fh:   # type: ignore[union-attr]
            return pickle.load(fh) == _signature(db, data_dir)
    except (OSError, AttributeError, pickle.PickleError, EOFError, ValueError, TypeError):
        return False


def _write_cache(path: Path, signature: str, state: tuple) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            pickle.dump(signature, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


_SEP = "\x1f"


def _join(table: dict[str, str], key: str, name: str) -> None:
    have = table.get(key)
    if have is None:
        table[key] = name
    elif name not in have.split(_SEP):
        table[key] = have + _SEP + name


def load_words(path: Path) -> set[str]:
    found: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            found.update(norm(w) for w in line.split())
    return found


class Linker:
    """An index of every name the store knows, for matching spans of questions."""

    def __init__(self, db: sqlite_utils.Database, data_dir: Path, fuzzy_min_score: int = 84) -> None:
        self.fuzzy_min_score = fuzzy_min_score
        self.stopwords = load_words(data_dir / "lexicon" / "stopwords.txt")
        self.exact_case = _load_exact_case(data_dir / "lexicon" / "caps_only.txt")
        self.translit = Transliterator.load(data_dir / "lexicon" / "translit.toml")
        self.exact: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.loose: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.fuzzy_keys: dict[str, list[str]] = defaultdict(list)   # kind -> sound keys
        self.names: dict[tuple[str, str], dict] = {}                 # (kind, ref) -> row facts
        # Candidates (100k+ with national results) are kept apart in plain str -> str tables (names
        # joined by _SEP): a few million small sets and tuples would take seconds to load.
        self.cand_exact: dict[str, str] = {}
        self.cand_loose: dict[str, str] = {}
        self.cand_hi: dict[str, str] = {}                            # every candidate -> Hindi name or ""
        # A store holding national results knows ~120k candidates: working out their keys takes
        # ~10 s, so the built index is kept beside the store and reused while nothing it reads changed.
        cache, signature = _cache_path(db), _signature(db, data_dir)
        state = _read_cache(cache, signature) if cache else None
        if state is not None:
            (self.exact, self.loose, self.fuzzy_keys, self.names, self.cand_exact, self.cand_loose,
             self.cand_hi) = state
            return
        self._load(db, data_dir)
        for kind in FUZZY_KINDS:
            self.fuzzy_keys[kind] = sorted(
                {k for k, refs in self.loose.items() if any(r[0] == kind for r in refs) and len(k) >= 5}
            )
        self.fuzzy_keys["candidate"] = sorted(k for k in self.cand_loose if len(k) >= 5)
        if cache:
            _write_cache(cache, signature, (self.exact, self.loose, self.fuzzy_keys, self.names, self.cand_exact,
                                            self.cand_loose, self.cand_hi))

    # -- building -----------------------------------------------------------------------
    def _add(self, kind: str, ref: str, *surfaces: str | None) -> None:
        for surface in surfaces:
            if not surface or not surface.strip():
                continue
            self.exact[norm(surface)].add((kind, ref))
            key = sound_key(surface)
            if len(key) >= 3:
                self.loose[key].add((kind, ref))

    def _load(self, db: sqlite_utils.Database, data_dir: Path) -> None:
        for row in db.query("SELECT id, name_en, name_hi, aliases, state, house FROM constituencies"):
            ref = str(row["id"])
            self.names[("constituency", ref)] = row
            self._add("constituency", ref, row["name_en"], row["name_hi"], *json.loads(row["aliases"] or "[]"))
        for row in db.query("SELECT abbr, name_en, name_hi, abbr_hi, aliases, alliance FROM parties"):
            self.names[("party", row["abbr"])] = row
            self._add("party", row["abbr"], row["abbr"], row["name_en"], row["name_hi"], row["abbr_hi"],
                      *json.loads(row["aliases"] or "[]"))
        for row in db.query("SELECT name_en, name_hi, aliases FROM states"):
            self.names[("state", row["name_en"])] = row
            self._add("state", row["name_en"], row["name_en"], row["name_hi"], *json.loads(row["aliases"] or "[]"))
        alliances = data_dir / "gazetteer" / "alliances.csv"
        if alliances.exists():
            with alliances.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    self.names[("alliance", row["name"])] = row
                    self._add("alliance", row["name"], row["name"], row.get("name_hi"),
                              *(row.get("aliases") or "").split("|"))
        self._load_candidates(db)

    def _load_candidates(self, db: sqlite_utils.Database) -> None:
        rows = list(db.query(
            "SELECT DISTINCT candidate, candidate_hi FROM results WHERE candidate != '' AND review != 'rejected'"
        ))
        # A single word of a name ("Tabassum") stands for the candidate only when no other
        # candidate shares it and it is not a common surname ("Singh").
        word_owners: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for word in norm(row["candidate"]).split():
                word_owners[sound_key(word)].add(row["candidate"])
        for row in rows:
            name = row["candidate"]
            if not self.cand_hi.get(name):
                self.cand_hi[name] = row["candidate_hi"] or ""
            for surface in (name, row["candidate_hi"]):
                if surface and surface.strip():
                    _join(self.cand_exact, norm(surface), name)
                    key = sound_key(surface)
                    if len(key) >= 3:
                        _join(self.cand_loose, key, name)
            for word in norm(name).split():
                if len(word) >= 5 and len(word_owners[sound_key(word)]) == 1 and word not in self.stopwords:
                    _join(self.cand_exact, word, name)

    # -- matching -----------------------------------------------------------------------
    def find(self, text: str, fuzzy: bool = True) -> list[Match]:
        """Every name in `text`, longest spans first, spans not overlapping; `fuzzy=False` takes
        exact and transliteration matches only (for article sentences: fast, and no typo guessing)."""
        tokens = tokenize(text)
        words = [_strip_possessive(t.text) for t in tokens]
        taken = [False] * len(tokens)
        found: list[Match] = []
        for n in range(min(MAX_NGRAM, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                if any(taken[i : i + n]):
                    continue
                if n == 1 and len(words[i]) <= 3 and _in_compound(text, tokens[i]):
                    continue    # the "up" of "runner-up" is not Uttar Pradesh
                if n == 1 and (self.exact_case.get(norm(words[i]), words[i]) != words[i]
                               or (norm(words[i]) in self.exact_case and DEVANAGARI.search(words[i]))):
                    continue    # "aap" / "आप" (you), "India" (the country): not the party or the alliance
                span = " ".join(words[i : i + n])
                surface = text[tokens[i].start : tokens[i + n - 1].end]
                refs, score = self._lookup(span, n, fuzzy)
                if not refs:
                    continue
                for kind, ref in sorted(refs):
                    found.append(Match(kind, ref, surface, i, i + n, score))
                for j in range(i, i + n):
                    taken[j] = True
        return found

    def _lookup(self, span: str, n: int, fuzzy: bool = True) -> tuple[set[tuple[str, str]], float]:
        key = norm(span)
        if refs := self._refs(self.exact, self.cand_exact, key):
            return refs, 100.0
        if n == 1 and key in self.stopwords:
            return set(), 0.0
        loose = sound_key(span)
        if refs := self._refs(self.loose, self.cand_loose, loose):
            return refs, 99.0
        # a name written in Devanagari that the store has only in Latin letters (most extracted and
        # imported candidates): compare its Latin spelling
        latin = sound_key(" ".join(self.translit.latin(w) for w in key.split())) if DEVANAGARI.search(key) else ""
        if latin and (refs := self._refs(self.loose, self.cand_loose, latin)):
            return refs, 95.0
        parts = key.split()
        # a misspelt name neither starts nor ends with a function word ("won Kagal, and" is not Nagaland)
        if not fuzzy or n > 3 or len(loose) < 5 or all(w in self.stopwords for w in parts) or (
                n > 1 and (parts[0] in self.stopwords or parts[-1] in self.stopwords)):
            return set(), 0.0
        best: set[tuple[str, str]] = set()
        best_score = 0.0
        for kind in FUZZY_KINDS:
            for probe in filter(None, (loose, latin)):
                hit = process.extractOne(probe, self._fuzzy_choices(kind, probe), scorer=fuzz.ratio,
                                         score_cutoff=self.fuzzy_min_score)
                if hit and hit[1] > best_score:
                    best_score = hit[1]
                    best = {r for r in self._refs(self.loose, self.cand_loose, hit[0]) if r[0] == kind}
        return best, best_score

    def _fuzzy_choices(self, kind: str, probe: str) -> list[str]:
        """The sound keys a misspelt name is compared with. Candidates (100k+ with national results)
        only among keys of the same first letter: a typo rarely hits the first letter, and comparing
        with every key took ~10 ms a word."""
        keys = self.fuzzy_keys[kind]
        if kind != "candidate" or len(keys) < 5000:
            return keys
        buckets = self.__dict__.get("_buckets")
        if buckets is None:
            buckets = defaultdict(list)
            for key in keys:
                buckets[key[:1]].append(key)
            self._buckets = buckets
        return buckets.get(probe[:1], [])

    @staticmethod
    def _refs(table: dict[str, set[tuple[str, str]]], candidates: dict[str, str], key: str) -> set[tuple[str, str]]:
        refs = set(table.get(key, ()))
        if names := candidates.get(key):
            refs.update(("candidate", n) for n in names.split(_SEP))
        return refs

    def display(self, kind: str, ref: str) -> dict:
        if kind == "candidate":
            hi = self.cand_hi.get(ref)
            return {} if hi is None else {"candidate": ref, "candidate_hi": hi or None}
        return self.names.get((kind, ref), {})
