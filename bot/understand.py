"""From question text to a `Question`: language, intent and the entities it names.

Intent patterns and election vocabulary live in data/lexicon/intents.toml; names come from
the `Linker` (the store's gazetteer and results).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.ambiguity import narrow as narrow_seats
from bot.entities import Linker, Match
from bot.language import LanguageGuesser
from bot.types import Question
from store.datafiles import read_toml

_MARKUP = re.compile(r"<[^<>]{0,200}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_TOKEN = re.compile(r"[\w()\[\].\-]+")      # a word as written, with its brackets and dots ("NCP(SP)")
_NUMBER = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{2,3})*(?![\d,])|\d+")


@dataclass(frozen=True)
class Lexicon:
    order: tuple[str, ...]
    intents: dict[str, tuple[re.Pattern[str], ...]]
    election_words: tuple[re.Pattern[str], ...]
    kinds: dict[str, tuple[re.Pattern[str], ...]]
    months: dict[str, int]
    cues: dict[str, tuple[re.Pattern[str], ...]]
    ordinals: dict[str, int]
    table_cues: dict[str, tuple[re.Pattern[str], ...]]     # questions over whole tables (bot/tables.py)

    @classmethod
    def from_data(cls, data_dir: Path) -> Lexicon:
        lexicon = data_dir / "lexicon"
        raw = read_toml(lexicon / "intents.toml")
        months = read_toml(lexicon / "months.toml")

        def compile_all(patterns: list[str], where: str, file: str = "intents.toml") -> tuple[re.Pattern[str], ...]:
            try:
                return tuple(re.compile(p) for p in patterns)
            except re.error as exc:
                raise ValueError(f"{lexicon / file}: {where}: bad pattern: {exc}") from None

        return cls(
            order=tuple(raw["order"]),
            intents={k: compile_all(v, f"patterns.{k}") for k, v in raw["patterns"].items()},
            election_words=compile_all(raw["election_words"]["patterns"], "election_words"),
            kinds={k: compile_all(v, f"election_kinds.{k}") for k, v in raw["election_kinds"].items()},
            months={k.casefold(): int(v) for k, v in months.items()},
            cues={k: compile_all(v, f"cues.{k}") for k, v in raw.get("cues", {}).items()},
            ordinals={k.casefold(): int(v) for k, v in read_toml(lexicon / "evidence.toml")["ordinals"].items()},
            table_cues={k: compile_all(v, f"cues.{k}", "tables.toml")
                        for k, v in read_toml(lexicon / "tables.toml").get("cues", {}).items()},
        )

    def intent(self, low: str) -> str | None:
        for name in self.order:
            if any(p.search(low) for p in self.intents.get(name, ())):
                return name
        return None

    def has(self, kind: str, low: str) -> bool:
        return any(p.search(low) for p in self.kinds.get(kind, ()))

    def cues_in(self, low: str, table: bool = False) -> frozenset[str]:
        """The cue groups (intents.toml, or tables.toml) whose patterns the lower-cased text matches."""
        groups = self.table_cues if table else self.cues
        return frozenset(name for name, patterns in groups.items() if any(p.search(low) for p in patterns))


@dataclass(frozen=True)
class Understanding:
    question: Question
    matches: tuple[Match, ...]


def understand(text: str, linker: Linker, lexicon: Lexicon, guesser: LanguageGuesser,
               lang: str | None = None) -> Understanding:
    """Read a question. `lang` forces the reply language (a chat's /lang setting)."""
    text = _MARKUP.sub(" ", text)   # pasted HTML tags and entities are not words of the question
    low = text.casefold()
    reply_lang = lang or guesser.guess(text)
    matches = linker.find(text)
    intent = lexicon.intent(low)

    seats: list[tuple[int, ...]] = []
    for span in sorted({(m.start, m.end) for m in matches if m.kind == "constituency"}):
        seats.append(tuple(sorted(int(m.ref) for m in matches if m.kind == "constituency" and (m.start, m.end) == span)))
    states = tuple(dict.fromkeys(m.ref for m in matches if m.kind == "state"))
    # A name that is both a state and a seat (Nagaland) is the seat when the question asks
    # about a seat; the state then only narrows nothing.
    house = "lok_sabha" if lexicon.has("lok_sabha", low) else "assembly" if lexicon.has("assembly", low) else None
    resolved: list[int] = []
    ambiguous: list[tuple[int, ...]] = []
    partial = {int(m.ref) for m in matches if m.kind == "constituency" and m.partial}
    if lexicon.has("local_body", low):
        seats = []      # "Lucknow's mayor": the city, not the Lucknow seats
    for ids in seats:
        narrowed = narrow_seats(ids, lambda i: linker.display("constituency", str(i)), states, house,
                                linker.with_results, partial, covered=linker.covered)
        if len(narrowed) == 1:
            resolved.append(narrowed[0])
        else:
            ambiguous.append(tuple(narrowed))
    seat_states = {linker.display("constituency", str(i)).get("state") for i in resolved}
    state_only = tuple(
        s for s in states
        if s not in seat_states and not any(norm_eq(m.surface, linker, s) for m in matches if m.kind == "constituency")
    )

    years = [int(y) for y in _YEAR.findall(text)]
    month = None
    for word, number in lexicon.months.items():
        if word in ("may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr"):
            # Short or ambiguous English month words count only beside a year ("May 2018").
            if re.search(rf"\b{word}\b\.?\s*,?\s*(19|20)\d\d", low):
                month = number
        elif re.search(rf"(?<![\w\u0900-\u097F]){re.escape(word)}(?![\w\u0900-\u097F])", low):
            month = number
    numbers = tuple(int(n.replace(",", "")) for n in _NUMBER.findall(text) if int(n.replace(",", "")) not in years)

    from bot.entities import tokenize
    from bot.names import norm as _norm
    from bot.names import words as _words

    tokens = tokenize(text)
    in_names = {i for m in matches for i in range(m.start, m.end)}
    content = tuple(
        w for i, t in enumerate(tokens)
        if i not in in_names and (w := _norm(re.sub(r"(?i)['’]s$", "", t.text))) not in linker.stopwords
        and len(w) > 2 and not w.isdigit()
    )
    names = _name_runs(text, low, tokens, in_names, linker, lexicon)
    names = tuple(dict.fromkeys((*candidates_of(matches), *names)))
    kind = "bye" if lexicon.has("bye", low) else "general" if lexicon.has("general", low) else None
    parties = tuple(dict.fromkeys(m.ref for m in matches if m.kind in ("party", "alliance")))
    if intent == "history" and not parties:
        intent = None       # "how many times has Modi visited Varanasi": no party's record in a seat
    candidates = tuple(dict.fromkeys(m.ref for m in matches if m.kind == "candidate"))
    question = Question(
        text=text,
        lang=reply_lang,
        intent=intent or "",
        constituencies=tuple(dict.fromkeys(resolved)),
        parties=parties,
        candidates=candidates,
        states=state_only,
        year=years[0] if years else None,
        month=month,
        numbers=numbers,
        election_kind=kind,
        house=house,
        content_words=content,
        election_words=any(p.search(low) for p in lexicon.election_words),
        ambiguous=tuple(ambiguous),
        names=names,
        round=_round(low, numbers, lexicon),
        cues=lexicon.cues_in(low),
        table_cues=lexicon.cues_in(low, table=True),
        words=tuple(_words(text)),
        tokens=tuple(_TOKEN.findall(text)),
    )
    return Understanding(question, tuple(matches))


def candidates_of(matches: list[Match]) -> list[str]:
    """Candidates the question names, as the store spells them and as the question does."""
    return [name for m in matches if m.kind == "candidate" for name in (m.ref, m.surface)]


def _name_runs(text: str, low: str, tokens: list, in_names: set[int], linker: Linker, lexicon: Lexicon) -> list[str]:
    """Runs of words that may be a person's name: not a known seat, party or state, not a
    function word, not part of what an intent or cue pattern matched ("how many votes"). In an
    English question with capitals, only capitalised words count."""
    covered: set[int] = set()
    patterns = [p for ps in lexicon.intents.values() for p in ps] + list(lexicon.election_words)
    patterns += [p for ps in lexicon.kinds.values() for p in ps] + [p for ps in lexicon.cues.values() for p in ps]
    for p in patterns:
        for m in p.finditer(low):
            covered.update(range(m.start(), m.end()))
    caps = any(t.text[:1].isupper() for t in tokens[1:]) and not any("\u0900" <= ch <= "\u097f" for ch in text)
    from bot.names import norm as _norm

    runs: list[list[str]] = [[]]
    for i, t in enumerate(tokens):
        word = _norm(t.text)
        ok = (i not in in_names and len(word) >= 3 and not word.isdigit() and word not in linker.stopwords
              and not covered.intersection(range(t.start, t.end)) and (not caps or t.text[:1].isupper()))
        if ok:
            runs[-1].append(t.text.removesuffix("'s").removesuffix("’s"))
        elif runs[-1]:
            runs.append([])
    return [" ".join(r) for r in runs if r]


def _round(low: str, numbers: tuple[int, ...], lexicon: Lexicon) -> int | None:
    """The counting round a question asks about: "after round 5", "fifth round", "14 राउंड"."""
    m = re.search(r"(?:round|राउंड|chakra|चक्र)\s*(?:no\.?\s*)?(\d{1,2})\b|(\d{1,2})\s*(?:st|nd|rd|th|वें|वे)?\s*(?:rounds?|राउंड|चक्र)", low)
    if m:
        return int(m.group(1) or m.group(2))
    for word, n in lexicon.ordinals.items():
        if re.search(rf"(?<![\w\u0900-\u097f]){re.escape(word)}\s*(?:round|राउंड|चक्र)", low):
            return n
    return None


def norm_eq(surface: str, linker: Linker, state: str) -> bool:
    """Whether a seat's matched words are also the state's name (Nagaland the seat and the state)."""
    from bot.names import norm

    return (("state", state) in linker.exact.get(norm(surface), set()))
