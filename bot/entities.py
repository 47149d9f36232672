"""Finding seats, parties, alliances, states and candidates named in a question.

Names come from the store (gazetteer tables and results) and from data/gazetteer/alliances.csv,
in both scripts. A span of the question matches a name exactly after `names.norm`, or by its
`names.sound_key` (transliteration variants), or, for seats and candidates, closely enough by
rapidfuzz (typos such as "kairna").
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process

from store.datafiles import read_toml
from store.lru import LRU
from store.text import DEVANAGARI, Token, Transliterator, norm, skeleton, sound_key, strip_possessive, tokenize

log = logging.getLogger(__name__)
MAX_NGRAM = 5
KINDS = ("constituency", "party", "alliance", "state", "candidate")
# Which kinds may match loosely (fuzzy); abbreviations like "SP" or "AAP" must match exactly.
FUZZY_KINDS = ("constituency", "candidate", "state")
SKELETON_MIN_SCORE = 70
MAX_SPANS_CACHED = 200_000   # spans' exact lookups kept per linker (a few tens of MB at most)
Refs = set[tuple[str, str]] | frozenset[tuple[str, str]]
MAX_TYPOS_CACHED = 20_000    # spans' fuzzy lookups kept per linker
_NONE: frozenset[tuple[str, str]] = frozenset()   # rapidfuzz ratio between Latin keys of the same consonants


@dataclass(frozen=True)
class Match:
    kind: str          # constituency, party, alliance, state, candidate
    ref: str           # constituency id (as text), party abbr, alliance name, state name_en, candidate name
    surface: str       # the words of the question it matched
    start: int         # token span in the question
    end: int
    score: float       # 100 for an exact match
    partial: bool = False   # a seat whose name only begins with these words ("Jamshedpur" of "Jamshedpur East")


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


# the Linker's indexes kept in its cache file; bump CACHE_VERSION when what they hold changes
CACHE_VERSION = 10
_CACHED = ("exact", "loose", "cross", "prefix", "fuzzy_keys", "cross_keys", "names", "exact_case", "skeleton",
           "name_words")


def _cache_path(db: sqlite_utils.Database) -> Path | None:
    """linker-cache.pickle beside the store's file (none for a store in memory)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file).parent / "linker-cache.pickle"
    return None


class _Packed(dict):
    """A name index read from the cache: key -> its (kind, ref) pairs packed in one string, unpacked
    when looked up (one string a key loads ten times faster than a set of tuples)."""

    def __getitem__(self, key: str) -> set[tuple[str, str]]:
        return {tuple(item.split("\x1e", 1)) for item in dict.__getitem__(self, key).split("\x1f")}  # type: ignore[misc]

    def get(self, key: str, default: object = None) -> object:
        return self[key] if key in self else default

    @staticmethod
    def pack(index: dict[str, set[tuple[str, str]]]) -> dict[str, str]:
        return {key: "\x1f".join(f"{kind}\x1e{ref}" for kind, ref in sorted(refs)) for key, refs in index.items() if refs}


_PACKED = ("exact", "loose", "cross", "prefix")


class _PackedWords(dict):
    """The skeleton index read from the cache: key -> its cross keys packed in one string (93,000
    sets of a national store load in a third of a second; strings in a tenth)."""

    def get(self, key: str, default: object = None) -> object:
        return set(dict.__getitem__(self, key).split("\x1f")) if key in self else default

    @staticmethod
    def pack(index: dict[str, set[str]]) -> dict[str, str]:
        return {key: "\x1f".join(sorted(words)) for key, words in index.items() if words}


def _read_cache(path: Path | None, digest: str) -> dict | None:
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            saved = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("digest") != digest:
        return None
    state = saved["state"]
    for name in _PACKED:
        state[name] = _Packed(state[name])
    state["skeleton"] = _PackedWords(state["skeleton"])
    return state


def _write_cache(path: Path | None, digest: str, state: dict) -> None:
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            packed = {name: _Packed.pack(value) if name in _PACKED else value for name, value in state.items()}
            packed["skeleton"] = _PackedWords.pack(state["skeleton"])
            pickle.dump({"digest": digest, "state": packed}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)      # readers see the old file or the new one, never half of one
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        log.warning("could not write the name index cache %s: %s (names are indexed anew each start)", path, exc)


def _load_qualifiers(path: Path) -> dict[str, str]:
    """Each spelling of a seat-qualifying word -> its English word (data/lexicon/seat_qualifiers.toml)."""
    if not path.exists():
        return {}
    return {norm(spelling): word for word, spellings in read_toml(path).items() for spelling in [word, *spellings]}


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
        self.qualifiers = _load_qualifiers(data_dir / "lexicon" / "seat_qualifiers.toml")
        self.exact: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.loose: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # names in Latin letters across scripts: a Hindi name transliterated meets a seat
        # known only in English ("मालेगांव मध्य" -> Malegaon Central)
        self.cross: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # seats by their name without its last, qualifying word ("jamshedpur" -> East, West)
        self.prefix: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # cross keys by their consonants, for Hindi spellings whose vowels differ ("बारामती")
        self.skeleton: dict[str, set[str]] = defaultdict(set)
        self.fuzzy_keys: dict[str, list[str]] = {}   # script (deva, latin) -> sound keys
        self.cross_keys: dict[str, list[str]] = {}   # "latin" -> cross-script keys
        self.name_words: frozenset[str] = frozenset()  # sound keys of the words of seats', states', candidates' names
        self.names: dict[tuple[str, str], dict] = {}                 # (kind, ref) -> row facts
        self.with_results: frozenset[int] = frozenset()              # seats the store has results for
        self.covered: frozenset[tuple[str, str]] = frozenset()       # (state, house) the store has elections of
        # span -> its exact lookup and partial seats: an article's sentences are read again as pairs
        # and as the whole passage, and common words recur; bounded, cleared when full
        self._spans: LRU[str, tuple[Refs, float, Refs]] = LRU(MAX_SPANS_CACHED)
        self._seats_by_name: dict[str, list[str]] | None = None
        self._typos: LRU[str, tuple[Refs, float]] = LRU(MAX_TYPOS_CACHED)     # span -> its fuzzy lookup
        self._load(db, data_dir)

    # -- building -----------------------------------------------------------------------
    def _add(self, kind: str, ref: str, *surfaces: str | None) -> None:
        # the consonant skeleton reaches only names the store lacks in Devanagari: a Hindi word that
        # differs from a name's own Hindi spelling is another word ("किसने" is not किशनी, Kishni)
        latin_only = not any(s and DEVANAGARI.search(s) for s in surfaces)
        for surface in surfaces:
            if not surface or not surface.strip():
                continue
            self.exact[norm(surface)].add((kind, ref))
            key = sound_key(surface)
            if len(key) >= 3:
                self.loose[key].add((kind, ref))
            cross = self.cross_key(surface)
            if len(cross) >= 3:
                self.cross[cross].add((kind, ref))
                if kind in FUZZY_KINDS and latin_only and len(skeleton(cross)) >= 3:
                    self.skeleton[skeleton(cross)].add(cross)

    def cross_key(self, text: str) -> str:
        """The Latin sound key of a name in either script, its qualifying words read alike."""
        return self.translit.sound_key(" ".join(self.qualifiers.get(w, w) for w in norm(text).split()))

    def _add_prefixes(self, ref: str, *surfaces: str | None) -> None:
        for surface in filter(None, surfaces):
            words = norm(surface).split()
            if len(words) >= 2 and words[-1] in self.qualifiers:
                base = " ".join(words[:-1])
                for key in {sound_key(base), self.cross_key(base)}:
                    if len(key) >= 3:
                        self.prefix[key].add(("constituency", ref))

    def _load(self, db: sqlite_utils.Database, data_dir: Path) -> None:
        """Build the name indexes, or read them from the cache beside the store when neither the
        store's names nor the data files changed since (the national gazetteer has ~4,700 seats
        and ~30,000 spellings: building takes about half a second, reading the cache a tenth)."""
        queries = {
            "constituency": "SELECT id, name_en, name_hi, aliases, state, house FROM constituencies ORDER BY id",
            # the hand-kept parties, and of the ~2,500 others the results files name those the store's
            # results use (a registered party's code counts only in capitals: "JP", "SAP")
            "party": "SELECT abbr, name_en, name_hi, abbr_hi, aliases, alliance, origin FROM parties "
                     "WHERE origin = 'gazetteer' OR id IN (SELECT party_id FROM results WHERE party_id IS NOT NULL) "
                     "ORDER BY id",
            "state": "SELECT name_en, name_hi, aliases FROM states ORDER BY name_en",
            "candidate": "SELECT DISTINCT candidate, candidate_hi FROM results WHERE candidate != '' "
                         "AND review != 'rejected' ORDER BY candidate, candidate_hi",
        }
        self.with_results = frozenset(cid for (cid,) in db.execute(
            # per contest, one look-up in results_contest_review (not a scan of every result)
            "SELECT DISTINCT c.constituency_id FROM contests c WHERE EXISTS (SELECT 1 FROM results r "
            "WHERE r.contest_id = c.id AND r.review != 'rejected')"))
        # (state, house) of the elections the store knows, from imports or articles: a seat name
        # that is a Lok Sabha and an assembly seat of one state means the one the store covers
        self.covered = frozenset(
            (state, house) for state, house in db.execute(
                "SELECT state, house FROM elections WHERE state IS NOT NULL AND house IN ('assembly', 'lok_sabha') "
                "UNION SELECT co.state, co.house FROM contests c JOIN constituencies co ON co.id = c.constituency_id"))
        # the fingerprint of what the indexes are made of, concatenated by SQLite (no rows to Python)
        digest = hashlib.sha256(f"{CACHE_VERSION}|{self.fuzzy_min_score}".encode())
        for sql in queries.values():
            columns = sql.split(" FROM ")[0].removeprefix("SELECT ").removeprefix("DISTINCT ").split(", ")
            joined = " || char(30) || ".join(f"coalesce({c}, '')" for c in columns)
            (text,) = db.execute(f"SELECT group_concat({joined}, char(31)) FROM ({sql})").fetchone()
            digest.update((text or "").encode() + b"\x1d")
        for path in [data_dir / "gazetteer" / "alliances.csv",
                     *(data_dir / "lexicon" / n for n in ("stopwords.txt", "caps_only.txt", "translit.toml",
                                                           "seat_qualifiers.toml"))]:
            digest.update(path.read_bytes() if path.exists() else b"-")
        cache = _cache_path(db)
        state = _read_cache(cache, digest.hexdigest())
        if state is None:
            self._build({kind: [tuple(r) for r in db.execute(sql)] for kind, sql in queries.items()}, data_dir)
            _write_cache(cache, digest.hexdigest(), {name: getattr(self, name) for name in _CACHED})
        else:
            for name, value in state.items():
                setattr(self, name, value)

    def _build(self, raw: dict[str, list[tuple]], data_dir: Path) -> None:
        for cid, name_en, name_hi, aliases, state, house in raw["constituency"]:
            ref = str(cid)
            self.names[("constituency", ref)] = {"id": cid, "name_en": name_en, "name_hi": name_hi,
                                                 "aliases": aliases, "state": state, "house": house}
            surfaces = (name_en, name_hi, *json.loads(aliases or "[]"))
            self._add("constituency", ref, *surfaces)
            self._add_prefixes(ref, *surfaces)
        codes = {norm(row[0]) for row in raw["party"]}
        for abbr, name_en, name_hi, abbr_hi, aliases, alliance, origin in raw["party"]:
            self.names[("party", abbr)] = {"abbr": abbr, "name_en": name_en, "name_hi": name_hi, "abbr_hi": abbr_hi,
                                           "aliases": aliases, "alliance": alliance}
            if origin != "gazetteer" and len(abbr) <= 6:
                self.exact_case.setdefault(norm(abbr), abbr)
            # an alias that is another party's code differing only in case ("JnP", "JNP") is left to
            # that code: a question typed in lower case names the party whose code it is
            self._add("party", abbr, abbr, name_en, name_hi, abbr_hi,
                      *(a for a in json.loads(aliases or "[]") if norm(a) not in codes or norm(a) == norm(abbr)))
        for name_en, name_hi, aliases in raw["state"]:
            self.names[("state", name_en)] = {"name_en": name_en, "name_hi": name_hi, "aliases": aliases}
            self._add("state", name_en, name_en, name_hi, *json.loads(aliases or "[]"))
        alliances = data_dir / "gazetteer" / "alliances.csv"
        if alliances.exists():
            with alliances.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    self.names[("alliance", row["name"])] = row
                    self._add("alliance", row["name"], row["name"], row.get("name_hi"),
                              *(row.get("aliases") or "").split("|"))
        self._load_candidates([{"candidate": c, "candidate_hi": h} for c, h in raw["candidate"]])
        self.name_words = frozenset(
            k for (kind, _ref), row in self.names.items() if kind in FUZZY_KINDS
            for field_ in ("name_en", "name_hi", "candidate", "candidate_hi") for w in norm(row.get(field_)).split()
            if len(w) >= 3 for k in (sound_key(w), self.cross_key(w)))
        # one list per script, of the keys of every kind that may match loosely: a question's
        # Devanagari words are compared with Devanagari names and (in Latin letters) with the cross
        # keys, its Latin words with Latin names: two rapidfuzz scans at most per span
        fuzzy = [k for k, refs in self.loose.items() if len(k) >= 5 and any(r[0] in FUZZY_KINDS for r in refs)]
        self.fuzzy_keys = {"deva": sorted(k for k in fuzzy if DEVANAGARI.search(k)),
                           "latin": sorted(k for k in fuzzy if not DEVANAGARI.search(k))}
        self.cross_keys = {"latin": sorted(k for k, refs in self.cross.items()
                                           if len(k) >= 5 and any(r[0] in FUZZY_KINDS for r in refs))}

    def _load_candidates(self, rows: list[dict]) -> None:
        # A single word of a name ("Tabassum") stands for the candidate only when no other
        # candidate shares it and it is not a common surname ("Singh").
        word_owners: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            for word in norm(row["candidate"]).split():
                word_owners[sound_key(word)].add(row["candidate"])
        for row in rows:
            name = row["candidate"]
            self.names[("candidate", name)] = row
            self._add("candidate", name, name, row["candidate_hi"])
            for word in norm(name).split():
                if len(word) >= 5 and len(word_owners[sound_key(word)]) == 1 and word not in self.stopwords:
                    self.exact[word].add(("candidate", name))

    # -- matching -----------------------------------------------------------------------
    def find(self, text: str, fuzzy: bool = True) -> list[Match]:
        """Every name in `text`, longest spans first, spans not overlapping; `fuzzy=False` takes
        exact and transliteration matches only (for article sentences: fast, and no typo guessing)."""
        tokens = tokenize(text)
        words = [strip_possessive(t.text) for t in tokens]
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
                refs, score, partial = self._exact_span(span, n)
                if not refs and not partial and fuzzy and self._may_be_typo(words, i, n):
                    refs, score = self._typo_span(span, n)   # typos, once nothing else fits
                if not refs and not partial:
                    continue
                for kind, ref in sorted(refs):
                    found.append(Match(kind, ref, surface, i, i + n, score))
                for kind, ref in sorted(partial - refs):
                    found.append(Match(kind, ref, surface, i, i + n, min(score, 98.0) or 98.0, partial=True))
                for j in range(i, i + n):
                    taken[j] = True
        return found

    def _exact_span(self, span: str, n: int) -> tuple[Refs, float, Refs]:
        """`_lookup(span, n, fuzzy=False)` and `_partial` of it, remembered (they depend on the span alone)."""
        found = self._spans.get(span)
        if found is None:
            refs, score = self._lookup(span, n, fuzzy=False)
            # words of questions only ("kaun sa") begin no seat's name (not "Khonsa East")
            partial = set() if all(norm(w) in self.stopwords for w in span.split()) else self._partial(span, refs)
            # most spans name nothing: one shared empty set for them keeps the cache small
            found = self._spans[span] = (refs or _NONE, score, partial or _NONE)
        return found

    def _typo_span(self, span: str, n: int) -> tuple[Refs, float]:
        """`_lookup(span, n, fuzzy=True)`, remembered: a typo's scan reads every name's key (~100,000
        on a national store), and a group asks the same question many times."""
        found = self._typos.get(span)
        if found is None:
            refs, score = self._lookup(span, n, fuzzy=True)
            found = self._typos[span] = (refs or _NONE, score)
        return found

    def _may_be_typo(self, words: list[str], i: int, n: int) -> bool:
        """Whether words[i:i+n] is worth a fuzzy scan: one word not beside a word of a person's
        name ("purnima sahu", "Champai Soren" are names, not misspelt seats); several words of which
        one is a word of a known name ("nagpur south wset"; "good vada" is not Gudivada) and
        none a function word."""
        if n == 1:
            return not self._beside_unknown_word(words, i)
        span = [norm(w) for w in words[i : i + n]]
        return (not any(w in self.stopwords for w in span)
                and any(sound_key(w) in self.name_words or self.cross_key(w) in self.name_words for w in span))

    def _beside_unknown_word(self, words: list[str], i: int) -> bool:
        """Whether a word next to words[i] is neither a function word nor a known name, or is a
        word of a candidate's name: a guessed name then is more likely part of a person's name."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                w = norm(words[j])
                if not w or w.isdigit() or w in self.stopwords:
                    continue
                refs = self.exact.get(w)
                if not refs or all(kind == "candidate" for kind, _ in refs):
                    return True
        return False

    def _partial(self, span: str, refs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Seats whose names begin with the span and end with a qualifying word, unless the span
        names something other than a seat (a state: "Delhi" is not "Delhi Cantonment")."""
        if any(kind != "constituency" for kind, _ in refs):
            return set()
        found = self.prefix.get(sound_key(span), set()) | self.prefix.get(self.cross_key(span), set())
        if not found:
            return set()
        if refs:
            # a seat of that very name: only the seats of its state that begin with it
            states = {self.names[r].get("state") for r in refs}
            found = {r for r in found if self.names[r].get("state") in states}
        return found

    def _lookup(self, span: str, n: int, fuzzy: bool = True) -> tuple[set[tuple[str, str]], float]:
        key = norm(span)
        if n == 1 and key in self.stopwords or n > 1 and all(w in self.stopwords for w in key.split()):
            # a seat named like a common word of questions ("Raha", "kya raha?") or words of them
            # ("kaun sa" is not Khonsa) is not read as one; a party or state so named still is (they
            # are few and kept in caps_only.txt)
            return {r for r in self.exact.get(key, ()) if r[0] not in ("constituency", "candidate")}, 100.0
        if key in self.exact:
            return self.exact[key], 100.0
        loose = sound_key(span)
        if loose in self.loose:
            return self.loose[loose], 99.0
        # a name written in Devanagari that the store has only in Latin letters (seats without a
        # Hindi name, most extracted and imported candidates): compare its Latin spelling
        latin = self.cross_key(span) if DEVANAGARI.search(key) else ""
        if latin and latin in self.cross:
            return self.cross[latin], 95.0
        if not latin and self.qualifiers and any(w in self.qualifiers for w in key.split()):
            # romanized Hindi qualifying words ("jamshedpur purv", "malegaon madhya")
            cross = self.cross_key(span)
            if cross in self.cross:
                return self.cross[cross], 96.0
        if latin and n <= 3 and len(skeleton(latin)) >= 3 and not any(w in self.stopwords for w in key.split()):
            # the same consonants: the closest spelling of them, if close enough (closer for short names)
            cutoff = SKELETON_MIN_SCORE + (5 if len(skeleton(latin)) == 3 else 0)
            near = [(fuzz.ratio(latin, k), k) for k in self.skeleton.get(skeleton(latin), ())]
            near = [(score, k) for score, k in near if score >= cutoff]
            if near:
                score, best = max(near)
                return {r for r in self.cross[best] if r[0] in FUZZY_KINDS}, min(94.0, score)
        words = key.split()
        if not fuzzy or n > 3 or len(loose) < 5 or words[0] in self.stopwords or words[-1] in self.stopwords:
            return set(), 0.0   # a typo is guessed for a name, not for "jamshedpur ka"
        best: set[tuple[str, str]] = set()
        best_score = 0.0
        own = self.fuzzy_keys["deva" if DEVANAGARI.search(loose) else "latin"]
        for probe, keys, index in ((loose, own, self.loose), (latin, self.cross_keys["latin"], self.cross)):
            if not probe:
                continue
            hit = process.extractOne(probe, keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_min_score)
            if hit and hit[1] > best_score:
                best_score = hit[1]
                best = {r for r in index[hit[0]] if r[0] in FUZZY_KINDS}
        if n > 1 and best:
            # a guess over several words keeps one of the name's words ("nagpur south wset"), else
            # it is ordinary words that happen to spell like a name ("good vada" is not Gudivada)
            spoken = {k for w in words for k in (sound_key(w), self.cross_key(w))}
            best = {r for r in best if spoken & {k for w in self._name_words(r) for k in (sound_key(w), self.cross_key(w))}}
            # a word that is itself a party's, an alliance's or a state's name is that name, not part of a
            # misspelt seat ("bjp gorakhpur" is the BJP and Gorakhpur), unless the seat's name has it too
            named = [w for w in words if any(k in ("party", "alliance", "state") for k, _ in self.exact.get(w, ()))]
            if named:
                best = {r for r in best if all(w in self._name_words(r) for w in named)}
        return best, best_score if best else 0.0

    def _name_words(self, ref: tuple[str, str]) -> list[str]:
        row = self.names.get(ref, {})
        return [w for field_ in ("name_en", "name_hi", "candidate", "candidate_hi") for w in norm(row.get(field_)).split()]

    def seats_named(self, name_en: str | None) -> list[str]:
        """Refs of the seats whose English name is `name_en` (normalised), in the order of `names`;
        indexed on first use (a national store has ~4,700 seats among ~50,000 names)."""
        by_name = self._seats_by_name
        if by_name is None:
            by_name = {}
            for (kind, ref), row in self.names.items():
                if kind == "constituency":
                    by_name.setdefault(norm(row.get("name_en") or ""), []).append(ref)
            self._seats_by_name = by_name
        return list(by_name.get(norm(name_en or ""), ()))

    def display(self, kind: str, ref: str) -> dict:
        return self.names.get((kind, ref), {})
