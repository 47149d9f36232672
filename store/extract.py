"""Reading results out of an ingested article (English and Hindi) into the store.

`extract_article(db, article_id)` runs inside the ingestion transaction: it removes what an
earlier run extracted from the article, then reads each sentence and files the results it
states clearly, each with the exact sentence as provenance.

How a sentence is read: numbers, party names, states, seats and person names are found and
replaced by tokens (⟨M0⟩, ⟨P1⟩, ⟨T2⟩, ⟨S3⟩, ⟨N4⟩), then patterns over that template find who
won, lost, leads or trails (words come from data/patterns/lexicon.toml). Precision before
recall: a sentence that names two seats without saying which result is whose, or that dates its
result to an earlier election it does not name, gives nothing.

Decisions (documented here because answering relies on them):
- results.origin='extracted'; review='accepted' when confidence >= 0.8, else 'pending'.
  Extracted rows never touch curated or imported rows; they sit beside them.
- Elections: a bypoll result goes to `YYYY-MM-bypolls` from the counting date (the article
  date, moved back to the weekday the text names: "on Thursday"). A bye election already in the
  store with a contest for the same seat and a date up to 45 days before the article is reused.
  An undated article uses the one bye election in the store holding that seat (in the year the
  text names, if it names one); failing that, with a year stated in the text ("the 2018
  bypolls"), `YYYY-bypolls` at confidence <= 0.7 (pending); with no year, nothing is filed.
  A sentence naming an earlier election ("in 2017 Assembly elections") is filed under that
  general election: `ls-YYYY` or `<state-slug>-YYYY`.
- A seat missing from the gazetteer is added (origin='extracted', needs_review=1) only when
  the text marks it as a seat ("X seat", "X constituency", "X bypoll", "X विधानसभा सीट").
- Tallies ("won 73 of 80 seats") are never seat results.
- Vote counts ("X polled 4,56,437 votes", "the winner polled ...", "को 79 हजार वोट मिले") never file a
  row: they name and number the one row another claim of the article filed ("the SP won by 21,961"
  + "SP candidate X got ..." -> X won by 21,961). "N more votes than" is not read as votes.
- Finishing places ("came third", "Despite coming second in 2014, the SP", "तीसरे स्थान पर रहे") file a
  lost row with its position; a bare year dates only the place and only to an election (year, house)
  the article names somewhere ("the 2014 Lok Sabha elections"). Sentences right after one naming an
  earlier election that go on in the past perfect or name only that year stay with that election.
- A Hindi reason detail goes to contests.reason_detail_hi and is never written to reason_detail
  (English templates read it); the reason code is set either way.
"""
from __future__ import annotations

import csv
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
REASON_FIELD = "reason:extracted"   # provenance.field of a bypoll reason the extractor read
ACCEPT_AT = 0.8          # confidence from which an extracted row is accepted without review
REUSE_DAYS = 45          # a bye election this many days before the article still matches it
CARRY_SENTENCES = 3      # sentences after one naming an earlier election that may go on about it

_DEV = "\u0900-\u097f"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS_EN = ["", "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_MONTHS_HI = ["", "जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
              "अक्टूबर", "नवंबर", "दिसंबर"]


# ---------------------------------------------------------------- language data


@dataclass(frozen=True)
class PartyForm:
    form: str
    keys: tuple[str, ...]    # abbreviations to look up in the parties table, best first


@dataclass(frozen=True)
class Lexicon:
    en: dict
    hi: dict
    reasons: dict
    party_forms: tuple[PartyForm, ...]
    states: tuple[dict, ...]     # name_en, slug, name_hi, aliases (list)


def load_lexicon(folder: Path = PATTERNS_DIR) -> Lexicon:
    """The extractor's word lists, party forms and states from `folder`."""
    with open(folder / "lexicon.toml", "rb") as fh:
        lex = tomllib.load(fh)
    forms: list[PartyForm] = []
    for row in _read_csv(folder / "parties.csv"):
        keys = tuple(k.strip() for k in row["keys"].split("|") if k.strip())
        for form in row["forms"].split("|"):
            if form.strip():
                forms.append(PartyForm(unicodedata.normalize("NFC", form.strip()), keys or (row["abbr"],)))
    states = []
    for row in _read_csv(folder / "states.csv"):
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        states.append({"name_en": row["name_en"], "slug": row["slug"], "name_hi": row["name_hi"],
                       "aliases": aliases})
    return Lexicon(lex["en"], lex["hi"], lex["reasons"], tuple(forms), tuple(states))


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _alt(words, spaces: bool = True) -> str:
    """A regex alternation of `words`, longest first; spaces match one space (templates are squeezed)."""
    uniq = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in uniq) + ")"


# ---------------------------------------------------------------- numbers


def parse_number(text: str, lex: Lexicon | None = None) -> tuple[int, str] | None:
    """'over 5,678' -> (5678, 'over'); '4,56,437' -> (456437, ''); '79 हजार' -> (79000, 'around')."""
    lex = lex or load_lexicon()
    m = _number_re(lex).fullmatch(text.strip())
    return _number_value(m, lex) if m else None


def _number_re(lex: Lexicon) -> re.Pattern:
    quals = _alt(list(lex.en["qualifiers"]) + list(k for k in lex.hi["qualifiers"] if not k.startswith("से")))
    units = _alt(list(lex.en["units"]) + list(lex.hi["units"]))
    after = _alt([k for k in lex.hi["qualifiers"] if k.startswith("से")])
    return re.compile(
        rf"(?:(?P<q>{quals})\s+)?(?P<n>\d{{1,3}}(?:,\s?\d{{2,3}})+(?![\d])|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<u>{units})(?![a-z{_DEV}]))?(?:\s(?P<qa>{after})(?![{_DEV}]))?",
        re.IGNORECASE,
    )


def _number_value(m: re.Match, lex: Lexicon) -> tuple[int, str] | None:
    digits = re.sub(r"[,\s]", "", m.group("n"))
    try:
        value = float(digits)
    except ValueError:
        return None
    qualifier = ""
    quals = {**{k.lower(): v for k, v in lex.en["qualifiers"].items()}, **lex.hi["qualifiers"]}
    if m.group("q"):
        qualifier = quals.get(m.group("q").lower(), "")
    if m.group("qa"):
        qualifier = quals.get(m.group("qa"), qualifier)
    if m.group("u"):
        units = {**{k.lower(): v for k, v in lex.en["units"].items()}, **lex.hi["units"]}
        value *= units.get(m.group("u").lower(), 1)
        qualifier = qualifier or "around"       # "79 हजार", "1.2 lakh" are rounded figures
    elif "." in digits:
        return None
    return int(round(value)), qualifier


# ---------------------------------------------------------------- sentences


_ABBREV = re.compile(r"(?:\b[A-Z]|\bDr|\bMr|\bMrs|\bMs|\bShri|\bSmt|\bSt|\bNo|\bvs|\bLt|\bGen|\bCol|\bPvt|\bLtd|\bJr|\bSr)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`: ends at . ! ? । and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?।]+(?=[\s\"'”’)\]]|$)|\n|\\n", text):
        end = m.end()
        if m.group().startswith(".") and _ABBREV.search(text[max(0, m.start() - 5):m.start()]):
            continue
        if m.group() in ("\n", "\\n") and re.match(r"[ \t]*[a-z]", text[m.end():]):
            continue   # a line broken mid-sentence ("45,000\nvotes after 19 rounds")
        if m.group() not in ("\n", "\\n"):
            while end < len(text) and text[end] in "\"'”’)]":
                end += 1
        else:
            end = m.start()
        _add_span(text, start, end, spans)
        start = m.end() if m.group() in ("\n", "\\n") else end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start] in " \t\n\"'":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if end - start >= 12:
        spans.append((start, end))


# ---------------------------------------------------------------- the store's names


@dataclass
class Names:
    """Lookup tables built once per article from the store and the lexicon."""

    lex: Lexicon
    party_forms: dict[str, tuple[str, ...]]          # surface form -> keys
    party_ids: dict[str, tuple[int, str]]            # key (upper) -> (id, abbr)
    seats: dict[str, list[dict]]                     # normalised name -> constituency rows
    seat_max_words: int
    states: dict[str, str]                           # state surface (lower) -> name_en
    state_slugs: dict[str, str]
    state_hi: dict[str, str]
    number_re: re.Pattern
    party_re: re.Pattern | None


def load_names(db: sqlite_utils.Database, lex: Lexicon) -> Names:
    forms: dict[str, tuple[str, ...]] = {pf.form: pf.keys for pf in lex.party_forms}
    party_ids: dict[str, tuple[int, str]] = {}
    for pid, abbr, name_en, name_hi, abbr_hi, aliases in db.execute(
        "SELECT id, abbr, name_en, name_hi, abbr_hi, aliases FROM parties"
    ).fetchall():
        party_ids[abbr.upper()] = (pid, abbr)
        for surface in [abbr, name_en, name_hi, abbr_hi, *_json_list(aliases)]:
            if surface and len(surface) >= 2:
                surface = unicodedata.normalize("NFC", surface)
                forms[surface] = (abbr,) + tuple(k for k in forms.get(surface, ()) if k != abbr)
    seats: dict[str, list[dict]] = {}
    max_words = 1
    for cid, name_en, name_hi, aliases, state, house in db.execute(
        "SELECT id, name_en, name_hi, aliases, state, house FROM constituencies"
    ).fetchall():
        row = {"id": cid, "name_en": name_en, "state": state, "house": house}
        for surface in {name_en, name_hi, *_json_list(aliases)}:
            key = norm_name(re.sub(r"\s*\((?:SC|ST|GEN)\)\s*$", "", surface or "", flags=re.I))
            if key:
                seats.setdefault(key, []).append(row)
                max_words = max(max_words, len(key.split()))
    states: dict[str, str] = {}
    slugs: dict[str, str] = {}
    state_hi: dict[str, str] = {}
    for st in lex.states:
        slugs[st["name_en"]] = st["slug"]
        state_hi[st["name_en"]] = st["name_hi"]
        for surface in [st["name_en"], st["name_hi"], *st["aliases"]]:
            states[surface.lower()] = st["name_en"]
    for name_en, name_hi, aliases in db.execute("SELECT name_en, name_hi, aliases FROM states").fetchall():
        for surface in [name_en, name_hi, *_json_list(aliases)]:
            if surface:
                states.setdefault(surface.lower(), name_en)
        if name_hi:
            state_hi.setdefault(name_en, name_hi)
    for form in [f for f in forms if "'" in f or "’" in f]:
        forms.setdefault(form.replace("'", "’"), forms[form])
        forms.setdefault(form.replace("’", "'"), forms[form])
    for word in lex.hi.get("not_party", []):
        forms.pop(word, None)
    party_re = None
    if forms:
        party_re = re.compile(
            rf"(?<![A-Za-z{_DEV}\-])(?:{'|'.join(re.escape(f) for f in sorted(forms, key=len, reverse=True))})"
        )
    return Names(lex, forms, party_ids, seats, max_words, states, slugs, state_hi, _number_re(lex), party_re)


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def norm_name(text: str) -> str:
    """A name for comparing: lower case, NFC, dots/hyphens/apostrophes as spaces, spaces squeezed."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = re.sub(r"[\s\-\.’'`,]+", " ", text)
    return text.strip()


def resolve_party(names: Names, form: str) -> tuple[int | None, str]:
    """(parties.id or None, abbreviation or the form as written) for a party surface form."""
    keys = names.party_forms.get(form, ())
    for key in keys:
        if key.upper() in names.party_ids:
            return names.party_ids[key.upper()]
    if form.upper() in names.party_ids:
        return names.party_ids[form.upper()]
    return None, (keys[0] if keys else form)


# ---------------------------------------------------------------- tagging


@dataclass
class Token:
    kind: str        # P party, N person, S seat, M number, T state
    surface: str
    value: object = None


@dataclass
class Tagged:
    text: str               # the sentence as in the article
    template: str           # tokens in place of names and numbers, whitespace squeezed
    tokens: list[Token]
    hindi: bool


@dataclass
class ArticleMemory:
    """What earlier reading of the article learnt: seats marked as seats, who stands for whom."""

    seat_names: dict[str, str | None] = field(default_factory=dict)    # surface -> house hint
    person_party: dict[str, set[str]] = field(default_factory=dict)    # norm name -> party forms
    hindi_names: set[str] = field(default_factory=set)
    canon: dict[str, str] = field(default_factory=dict)                # party form -> abbreviation
    people: set[str] = field(default_factory=set)                      # full English names seen


def _mask(template: str, spans: list[tuple[int, int, Token]], tokens: list[Token]) -> str:
    spans = sorted(spans, key=lambda s: s[0])
    kept: list[tuple[int, int, Token]] = []
    last = -1
    for s in spans:
        if s[0] >= last:
            kept.append(s)
            last = s[1]
    for start, end, tok in reversed(kept):
        tokens.append(tok)
        template = template[:start] + f"⟨{tok.kind}{len(tokens) - 1}⟩" + template[end:]
    return template


def tag_sentence(text: str, names: Names, memory: ArticleMemory) -> Tagged:
    lex = names.lex
    hindi = bool(re.search(f"[{_DEV}]", text)) and len(re.findall(f"[{_DEV}]", text)) > len(re.findall("[A-Za-z]", text))
    template = re.sub(r"\\n", " ", text)
    template = re.sub(r"\s+", " ", template)
    tokens: list[Token] = []
    # numbers
    spans = []
    for m in names.number_re.finditer(template):
        if re.match(r"[A-Za-z]", template[m.end():m.end() + 1] or " ") and not m.group("u"):
            continue   # "2-2", "4G": not a figure
        val = _number_value(m, lex)
        if val is not None:
            spans.append((m.start(), m.end(), Token("M", m.group(), val)))
    template = _mask(template, spans, tokens)
    # parties (possessive and glued forms: BJPs, BJP's, RLDsymbol, Shiv Senas)
    spans = []
    if names.party_re:
        for m in names.party_re.finditer(template):
            form, end = m.group(), m.end()
            rest = template[end:]
            dev = bool(re.search(f"[{_DEV}]", form))
            if dev:
                if re.match(f"[{_DEV}]", rest):
                    continue
            else:
                suffix = re.match(r"['’]s(?![A-Za-z])|s(?![A-Za-z])", rest) or (
                    re.match(r"['’](?= )", rest) if form.endswith("s") else None)
                glued = re.match(r"[a-z]+(?![A-Za-z])", rest) if re.search(r"[A-Z\)]$", form) else None
                if suffix:
                    end += suffix.end()
                elif glued and form.isupper():
                    end += glued.end()
                elif re.match(r"[A-Za-z]", rest):
                    continue
            spans.append((m.start(), end, Token("P", template[m.start():end], form)))
    template = _mask(template, spans, tokens)
    # states
    spans = []
    for surface in sorted(names.states, key=len, reverse=True):
        if len(surface) < 2:
            continue
        for m in re.finditer(rf"(?<![A-Za-z{_DEV}⟨]){re.escape(surface)}(?:['’]s)?(?![A-Za-z{_DEV}])",
                             template, flags=0 if surface.isupper() or len(surface) <= 3 else re.I):
            if surface in ("up",) and not m.group().isupper():
                continue
            spans.append((m.start(), m.end(), Token("T", m.group(), names.states[surface])))
    template = _mask(template, spans, tokens)
    template = _tag_seats(template, tokens, names, memory, hindi)
    template = _tag_people(template, tokens, names, memory, hindi)
    return Tagged(text, template, tokens, hindi)


_HOUSE_WORDS_EN = r"(?:assembly|Assembly|Lok Sabha|parliamentary|Parliamentary|Vidhan Sabha|LS)"


def _tag_seats(template: str, tokens: list[Token], names: Names, memory: ArticleMemory, hindi: bool) -> str:
    lex = names.lex
    not_name = set(lex.en["not_name"])
    markers = _alt(lex.en["seat_markers"])
    cap = r"(?:[A-Z][a-zA-Z]*(?:-[A-Z][a-zA-Z]*)*)"
    spans = []
    # "X seat", "X Lok Sabha seat", "X assembly constituency", "X bypoll"
    for m in re.finditer(rf"(?<![\w⟨])(?P<name>{cap}(?: {cap}){{0,4}})(?P<h>(?: {_HOUSE_WORDS_EN})?)"
                         rf"(?: (?:assembly |Assembly )?(?:constituency|segment))?? (?P<mk>{markers})(?![\w-])",
                         template):
        words = m.group("name").split(" ")
        house = _house_of(m.group("h") or "")
        while words and (words[-1] in ("Lok", "Sabha", "Assembly", "Parliamentary", "Vidhan", "LS")):
            house = house or _house_of(" ".join(words[-2:]))
            words.pop()
        start = m.start()
        while words and words[0] in not_name:
            start += len(words[0]) + 1
            words.pop(0)
        name = " ".join(words)
        if not name or any(w in not_name for w in words) or name.lower() in names.states:
            continue
        kind = "bye" if re.match(r"by|bye", m.group("mk"), re.I) else None
        spans.append((start, m.end(), Token("S", m.group()[start - m.start():], {
            "name": name, "house": house, "kind": kind, "marked": True})))
        memory.seat_names.setdefault(name, house)
    if hindi:
        not_seat = set(lex.hi["not_seat"])
        for m in re.finditer(rf"(?<![{_DEV}])(?P<name>[{_DEV}]+)(?P<h> (?:विधानसभा|लोकसभा))? "
                             rf"(?P<mk>सीट|निर्वाचन क्षेत्र|उपचुनाव|संसदीय सीट)(?![{_DEV}])", template):
            name, start = m.group("name"), m.start()
            # a gazetteer name of several words ending here ("रामपुर खास सीट")
            for n in (3, 2):
                words = re.findall(rf"[{_DEV}]+", template[:m.end("name")])[-n:]
                longer = " ".join(words)
                if len(words) == n and norm_name(longer) in names.seats:
                    name, start = longer, template.rfind(longer, 0, m.end("name"))
                    break
            if name in not_seat or name.lower() in names.states:
                continue
            house = {"विधानसभा": "assembly", "लोकसभा": "lok_sabha", None: None}[(m.group("h") or "").strip() or None]
            kind = "bye" if m.group("mk") == "उपचुनाव" else None
            spans.append((m.start(), m.end(), Token("S", m.group(), {
                "name": name, "house": house, "kind": kind, "marked": True})))
            memory.seat_names.setdefault(name, house)
    for m in re.finditer(rf"⟨T(\d+)⟩(?P<h> (?:Lok Sabha|parliamentary|Parliamentary)) (?P<mk>{markers})(?![\w-])",
                         template):
        name = tokens[int(m.group(1))].value
        if m.group("mk").endswith("s"):
            continue
        kind = "bye" if re.match(r"by|bye", m.group("mk"), re.I) else None
        spans.append((m.start(), m.end(), Token("S", m.group(), {
            "name": name, "house": _house_of(m.group("h") or ""), "kind": kind, "marked": True})))
    template = _mask(template, spans, tokens)
    # "Silli and ⟨S⟩", "Kairana Lok Sabha and ⟨S⟩": a name coordinated with a marked seat
    spans = []
    for m in re.finditer(rf"(?<![\w⟨])(?P<name>{cap}(?: {cap}){{0,2}})(?P<h> {_HOUSE_WORDS_EN})?(?: and|,| &) ⟨S(\d+)⟩",
                         template):
        words = m.group("name").split(" ")
        if any(w in not_name for w in words) or m.group("name").lower() in names.states:
            continue
        ref = tokens[int(m.group(3))].value
        house = _house_of(m.group("h") or "") or ref["house"]
        end = m.end("h") if m.group("h") else m.end("name")
        spans.append((m.start(), end, Token("S", template[m.start():end], {
            "name": m.group("name"), "house": house, "kind": ref["kind"], "marked": True})))
        memory.seat_names.setdefault(m.group("name"), house)
    template = _mask(template, spans, tokens)
    # the gazetteer's names and names the article marked as seats elsewhere
    spans = []
    parts = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s,;:()\"“”]+", template)]
    known = {norm_name(k): k for k in memory.seat_names}
    i = 0
    while i < len(parts):
        hit = None
        for n in range(min(names.seat_max_words, len(parts) - i), 0, -1):
            start, end = parts[i][0], parts[i + n - 1][1]
            surface = template[start:end]
            surface_clean = re.sub(r"(?:['’]s|[.'’])$", "", surface)
            if "⟨" in surface:
                continue
            key = norm_name(surface_clean)
            if key and (key in names.seats or key in known) and key not in names.states:
                if not hindi and not _whole_capital_run(template, start, start + len(surface_clean), lex):
                    continue
                if not hindi and not surface_clean[:1].isupper():
                    continue
                hit = (start, start + len(surface_clean), n, surface_clean)
                break
        if hit:
            start, end, n, surface = hit
            house = memory.seat_names.get(known.get(norm_name(surface), ""), None)
            spans.append((start, end, Token("S", surface, {"name": surface, "house": house, "kind": None,
                                                            "marked": False})))
            i += n
        else:
            i += 1
    return _mask(template, spans, tokens)


def _whole_capital_run(template: str, start: int, end: int, lex: Lexicon) -> bool:
    """A seat name must not be part of a longer capitalised run (a person's name, a road)."""
    before = re.search(r"([A-Za-z][\w]*)[ -]$", template[:start])
    after = re.match(r"[ -]([A-Za-z][\w]*)", template[end:])
    ok_words = set(lex.en["not_name"]) | {"Lok", "Sabha", "Assembly"}
    if before and before.group(1)[0].isupper() and before.group(1) not in ok_words:
        return False
    if template[end:end + 1] == "-" and after:
        return False
    if after and after.group(1)[0].isupper() and after.group(1) not in ok_words:
        return False
    return True


def _house_of(words: str) -> str | None:
    w = words.strip().lower()
    if not w:
        return None
    if w in ("lok sabha", "parliamentary", "ls") or "lok sabha" in w or "parliament" in w or "लोकसभा" in w:
        return "lok_sabha"
    if "assembly" in w or "vidhan" in w or "विधानसभा" in w:
        return "assembly"
    return None


def _tag_people(template: str, tokens: list[Token], names: Names, memory: ArticleMemory, hindi: bool) -> str:
    lex = names.lex
    spans = []
    if not hindi:
        not_name = set(lex.en["not_name"])
        word = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.?)"
        for m in re.finditer(rf"(?<![\w⟨\-]){word}(?: {word}){{0,5}}(?![\w\-])", template):
            words = m.group().split(" ")
            start = m.start()
            while words and words[0].rstrip(".") in not_name:
                start += len(words[0]) + 1
                words.pop(0)
            dropped = []
            while words and words[-1].rstrip(".") in not_name:
                dropped.append(words.pop())
            if any(w in ("Party", "Front", "Alliance", "Bloc", "Congress") for w in dropped):
                continue   # "Bhartiya Janata Party": an organisation, not a person
            if len(words) == 1 and len(words[0]) > 2 and words[0] not in not_name:
                full = _short_name(words[0], memory)
                if full:     # "Lokendra, who died ...": the one person the article calls Lokendra Singh
                    spans.append((start, start + len(words[0]), Token("N", words[0], full)))
                continue
            if len(words) < 2 or any(w.rstrip(".") in not_name for w in words):
                continue
            if all(len(w.rstrip(".")) == 1 for w in words) or " ".join(words).lower() in names.states:
                continue
            surface = " ".join(words)
            spans.append((start, start + len(surface), Token("N", surface, surface)))
    else:
        known = sorted(memory.hindi_names, key=len, reverse=True)
        for name in known:
            for m in re.finditer(rf"(?<![{_DEV}]){re.escape(name)}(?![{_DEV}])", template):
                spans.append((m.start(), m.end(), Token("N", name, name)))
    return _mask(template, spans, tokens)


def _short_name(word: str, memory: ArticleMemory) -> str | None:
    """The one full name in the article whose first or last word is `word`, else None."""
    hits = {full for full in memory.people if word in (full.split(" ")[0], full.split(" ")[-1])}
    return hits.pop() if len(hits) == 1 else None


def _person(tok: Token) -> str:
    """A person token's name: the full name a one-word reference stands for."""
    return tok.value if isinstance(tok.value, str) else tok.surface


def learn_from(tagged: Tagged, names: Names, memory: ArticleMemory) -> None:
    """Who stands for which party ("RLDs Tabassum Hasan", "Naeemul Hasan of SP", "सपा के नईमुल हसन")."""
    t = tagged.template
    if not tagged.hindi:
        memory.people.update(_person(tok) for tok in tagged.tokens if tok.kind == "N" and " " in _person(tok))
    pairs: list[tuple[str, str]] = []
    for m in re.finditer(r"⟨P(\d+)⟩(?:['’]s)? (?:[a-z]+ )?(?:candidate |nominee )?⟨N(\d+)⟩", t):
        pairs.append((m.group(2), m.group(1)))
    for m in re.finditer(r"⟨N(\d+)⟩ (?:of|from) (?:the )?⟨P(\d+)⟩|⟨N(\d+)⟩ \(⟨P(\d+)⟩\)", t):
        pairs.append((m.group(1) or m.group(3), m.group(2) or m.group(4)))
    # "Kamlesh Thakur's win in Dehra marks a significant victory for the Congress"
    victory_for = _alt(names.lex.en["victory_for"])
    for m in re.finditer(rf"⟨N(\d+)⟩['’]s (?:[a-z]+ ){{0,2}}?{_alt(names.lex.en['win_nouns'])}(?: (?:in|from) "
                         rf"(?:the )?⟨S\d+⟩)? (?:marks|is|was|has been|means|makes) (?:a |an )?(?:[a-z]+ ){{0,2}}?"
                         rf"{victory_for} (?:the )?⟨P(\d+)⟩", t):
        pairs.append((m.group(1), m.group(2)))
    for n, p in pairs:
        memory.person_party.setdefault(norm_name(_person(tagged.tokens[int(n)])), set()).add(
            tagged.tokens[int(p)].value)
    if tagged.hindi:
        not_name = set(names.lex.hi["not_name"])
        after = _alt(["ने", "और", "को", "के बीच", "के", "की", *names.lex.hi["positions"]])
        for m in re.finditer(rf"⟨P(\d+)⟩ (?:के|की) (?P<name>[{_DEV}]+(?: [{_DEV}]+){{1,5}}?)"
                             rf"(?= {after}(?![{_DEV}])|,)", t):
            words = m.group("name").split(" ")
            while words and words[0] in not_name:
                words.pop(0)
            if len(words) < 2 or len(words) > 4 or any(w in not_name for w in words):
                continue
            name = " ".join(words)
            memory.hindi_names.add(name)
            memory.person_party.setdefault(norm_name(name), set()).add(tagged.tokens[int(m.group(1))].value)


# ---------------------------------------------------------------- patterns


@dataclass
class Side:
    candidate: str = ""
    party: str | None = None      # party surface form (a key of Names.party_forms)
    role: str = ""                # "winner" for "the winner polled ...": whoever the article says won


@dataclass
class Claim:
    method: str
    status: str
    side: Side
    seat_tokens: list[int]
    seat_how: str                # match, clause, sentence, previous
    margin: tuple[int, str] | None = None
    votes: tuple[int, str] | None = None
    rounds: int | None = None
    confidence: float = 0.9
    position: int | None = None
    frame: TimeFrame | None = None   # the claim's own election ("coming second in 2014"), else the sentence's
    rank: str = ""                   # for a vote count: "first" / "second" when the sentence says who was ahead


def build_patterns(lex: Lexicon) -> list[tuple[str, str, re.Pattern]]:
    """(method, role layout, regex over templates)."""
    en, hi = lex.en, lex.hi
    P, N = r"⟨P\d+⟩", r"⟨N\d+⟩"
    rel = rf"(?: who [a-z ]{{0,40}}?(?:on|with) (?:the |a )?{P}(?: ?symbol| ticket)?)?"

    def ch(g: str) -> str:
        return (rf"(?P<{g}>(?:the )?(?:{P}(?: \({P}\))?(?:['’]s)? (?:[a-z]+ )?(?:candidate |nominee )?{N}{rel}"
                rf"|(?:[A-Za-z\-]+ ){{0,3}}?(?:candidate|nominee) {N}{rel}"
                rf"|{N}(?: (?:of|from) (?:the )?{P}| \({P}\))?{rel}"
                rf"|{P}(?: \({P}\))?(?:['’]s)?(?: candidate| nominee)?(?! {N})|the party(?:['’]s candidate)?))")

    app = (r"(?:, [^,⟨]{0,60}(?:⟨[NT]\d+⟩[^,⟨]{0,30}){0,3},| under ⟨N\d+⟩['’]s leadership|,? led by ⟨N\d+⟩,?)?")
    adv = r"(?: (?:has|have|had|also|today|now|comfortably|easily|finally|eventually|again|once again|narrowly|convincingly|who|on [A-Z][a-z]+day|[A-Z][a-z]+day)){0,3}"
    adv_lead = r"(?: (?:has|have|had|also|today|now|comfortably|easily|still|again|currently|on [A-Z][a-z]+day)){0,3}"
    rival = rf"(?:(?:his|her|their|the) )?(?:{_alt(en['rival'])},? )?"
    won, defeated, lost = _alt(en["won"]), _alt(en["defeated"]), _alt(en["lost"])
    seat = r"(?:in |from |at )?(?:the )?(?:⟨T\d+⟩ )?(?P<s>⟨S\d+⟩)"
    anaphora = r" (?:the )?(?:seat|bypoll|by-poll|by-election|constituency)\b"
    end_ok = r"(?=$|[,.;:]| by | with | after | on | in (?!⟨S)| comfortably| handsomely)"
    defeat_tail = rf"(?:(?: [^⟨,.;]{{0,30}})?,? {defeated} {rival}{ch('b')})?"
    lead = _alt([w for w in en["leading"] if not w.endswith("ahead of")])
    ahead = _alt([w for w in en["leading"] if w.endswith("ahead of")])
    hch = rf"(?:{P} (?:के|की) {N}|{P} (?:उम्मीदवार|प्रत्याशी) {N}|{N}|{P})"
    M = r"⟨M\d+⟩"
    votes_verb = _alt(en["votes_verbs"])
    finished = _alt(en["finished"])
    place = rf"(?:on |at |in )?(?:the |a )?(?:distant |close |poor |respectable )?(?P<pos>{_alt(en['positions'])})" \
            rf"(?: position| place| spot)?"
    winner = r"(?P<w>(?:the |The )?(?:winner|winning candidate|victor))"
    return [
        # "The BJP lost X while scoring a consolation win in <seat>"
        ("pattern:win-noun", "a-won", re.compile(
            rf"{ch('a')}{adv}(?: [^;.]{{0,60}}?,?)? (?:while |after |by |but )?{_alt(en['scoring'])} (?:a |an )?"
            rf"(?:[a-z]+ )?{_alt(en['win_nouns'])} (?:in|from) (?:the )?(?P<s>⟨S\d+⟩)")),
        # finishing places: "Despite coming second in 2014, the SP ...", "X had come third (in 2014)"
        ("pattern:position", "b-position", re.compile(
            rf"^(?:Despite|Though|Although|After|Having|Even after) {finished} {place} in (?P<y>{M}),? "
            rf"(?:the )?{ch('b')}")),
        ("pattern:position", "b-position", re.compile(
            rf"{ch('b')}(?:{app}|,)?{adv} {finished} {place}(?: in (?P<y>{M})(?![\w]))?(?![\w-])")),
        ("pattern:hi-position", "b-position", re.compile(
            rf"(?P<b>{hch}) (?:[^⟨।]{{0,20}} )?(?P<pos>{_alt(hi['positions'])}) {_alt(hi['sthan'])}(?![{_DEV}])")),
        # vote counts: they name and number a row another claim files, they never file one themselves
        ("pattern:votes", "a-more-votes-b", re.compile(
            rf"{ch('a')}{adv} {votes_verb} (?:{M} )?more votes than {rival}{ch('b')}")),
        ("pattern:votes", "a-votes", re.compile(
            rf"(?:{ch('a')}|{winner})(?:{app}|, who [^,⟨]{{0,100}},|,)?{adv} {votes_verb} (?P<v>{M}) votes?\b")),
        ("pattern:votes", "a-votes-elided", re.compile(
            rf"(?:while|whereas|and) {ch('a')} {votes_verb} (?P<v>{M})(?=$|[.,;])")),
        ("pattern:hi-votes", "a-votes", re.compile(
            rf"(?P<a>{hch}) को (?:[{_DEV}]+ ){{0,2}}?(?P<v>{M}) {_alt(hi['votes'])}(?![{_DEV}])")),
        ("pattern:hi-votes", "a-votes", re.compile(
            rf"(?P<a>{hch}) ने (?:[{_DEV}]+ ){{0,2}}?(?P<v>{M}) {_alt(hi['votes_ne'])}(?![{_DEV}])")),
        ("pattern:hi-haar", "b-lost", re.compile(
            rf"(?:(?P<s>⟨S\d+⟩) (?:में|से|पर) (?:[^⟨।]{{0,30}} )?)?(?P<b>{hch}) (?:[^⟨।]{{0,20}} )?"
            rf"{_alt(hi['haar'])}(?![{_DEV}])")),
        ("pattern:seat-list", "a-won-list", re.compile(
            rf"{ch('a')}{adv} {won} (?:the )?(?P<sl>⟨S\d+⟩(?: in ⟨T\d+⟩)?(?:, ⟨S\d+⟩(?: in ⟨T\d+⟩)?)*,? and ⟨S\d+⟩(?: in ⟨T\d+⟩)?)")),
        ("pattern:won", "a-won", re.compile(
            rf"{ch('a')}{app}{adv} {won}(?: {seat}|{anaphora}|{end_ok}){defeat_tail}")),
        ("pattern:defeated", "a-beat-b", re.compile(rf"{ch('a')}{app}{adv} {defeated} {rival}{ch('b')}")),
        ("pattern:lost-to", "b-lost-a", re.compile(
            rf"{ch('b')}{adv} {lost} (?:the )?(?P<s>⟨S\d+⟩)(?: in ⟨T\d+⟩)? to (?:the )?{ch('a')}")),
        ("pattern:wrested", "a-wrested-b", re.compile(
            rf"{ch('a')}{adv} {_alt(en['wrested'])} (?:the )?(?P<s>⟨S\d+⟩)(?: in ⟨T\d+⟩)? from (?:the )?{ch('b')}")),
        ("pattern:win-noun", "a-won", re.compile(
            rf"{ch('a')}['’]s (?:[a-z]+ ){{0,2}}?{_alt(en['win_nouns'])} (?:in|from) (?:the )?(?P<s>⟨S\d+⟩)")),
        ("pattern:leading", "a-leads-b", re.compile(rf"{ch('a')}{app}{adv_lead} {ahead} {rival}{ch('b')}")),
        ("pattern:leading", "a-leads", re.compile(rf"{ch('a')}{app}{adv_lead} {lead}(?![a-z])")),
        ("pattern:trailing", "b-trails", re.compile(rf"{ch('b')}{adv_lead} {_alt(en['trailing'])}(?![a-z])")),
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<a>{hch}) ने (?:(?P<b>{hch}) {_alt(hi['harake'])} )?(?:[^⟨।]{{0,25}}? )?{_alt(hi['jeet'])}")),
        ("pattern:hi-haraya", "a-beat-b", re.compile(
            rf"(?P<a>{hch}) ने (?P<b>{hch}) को (?:(?P<m>⟨M\d+⟩) (?:वोटों|मतों) (?:के अंतर )?से )?{_alt(hi['haraya'])}")),
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<a>{hch}) {_alt(hi['jeet_short'])}(?![{_DEV}])")),
        ("pattern:hi-aage", "a-leads", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<a>{hch}) (?:[{_DEV}]+ )?{_alt(hi['aage'])}(?![{_DEV}])")),
        ("pattern:hi-peeche", "b-trails", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<b>{hch}) (?:[{_DEV}]+ )?{_alt(hi['peeche'])}(?![{_DEV}])")),
    ]


_MARGIN = re.compile(
    r"(?:(?:by|with) (?:a |an )?(?:[a-z]+ ){0,2}?(?:margin|amargin|lead|majority|difference) of (?P<m1>⟨M\d+⟩)"
    r"|(?:margin|amargin|a difference|lead) of (?P<m2>⟨M\d+⟩)|\bby (?P<m3>⟨M\d+⟩) votes"
    r"|(?P<m4>⟨M\d+⟩) (?:वोटों|मतों) (?:के अंतर )?से)")
_ROUNDS = re.compile(r"(?:after|in) (?:the )?⟨M(\d+)⟩ (?:rounds?|of \d+ rounds)|⟨M(\d+)⟩ (?:राउंड|दौर)")
_CLAUSE_BREAK = re.compile(r"; | while | whereas | but |, with |, and (?=⟨[PN])| और (?=⟨[PN])")


def _side(tagged: Tagged, chunk: str, memory: ArticleMemory, at: int = 0) -> Side | None:
    if chunk.startswith("the party"):
        # anaphora: the one party the sentence named before it
        before = {tagged.tokens[int(i)].value for i in re.findall(r"⟨P(\d+)⟩", tagged.template[:at])}
        return Side("", before.pop()) if len(before) == 1 else None
    toks = [(k, int(i)) for k, i in re.findall(r"⟨([PN])(\d+)⟩", chunk)]
    people = [_person(tagged.tokens[i]) for k, i in toks if k == "N"]
    parties = [tagged.tokens[i].value for k, i in toks if k == "P"]
    if len(people) > 1 or len({memory.canon.get(p, p) for p in parties}) > 1:
        return None
    candidate = people[0] if people else ""
    party = parties[0] if parties else None
    if candidate and party is None:
        known = memory.person_party.get(norm_name(candidate), set())
        if len(known) == 1:
            party = next(iter(known))
    if not candidate and party is None:
        return None
    return Side(candidate, party)


def claims_in(tagged: Tagged, patterns, memory: ArticleMemory, positions: dict[str, int] | None = None) -> list[Claim]:
    """The claims a tagged sentence makes; `positions` maps place words ("third", "तीसरे") to numbers."""
    t = tagged.template
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for method, layout, rx in patterns:
        for m in rx.finditer(t):
            if any(m.start() < e and s < m.end() for s, e in taken if (s, e) != (m.start(), m.end())) \
                    and layout in ("a-beat-b", "a-leads", "b-trails") and _inside(m, taken):
                continue
            got = _claims_for(tagged, m, method, layout, memory, positions or {})
            if got:
                taken.append((m.start(), m.end()))
                claims.extend(got)
    return claims


def rounds_in(template: str) -> bool:
    """Counting is still on: "after 19 rounds", "12 राउंड"."""
    return bool(re.search(r"⟨M\d+⟩ (?:rounds?|of \d+ rounds)|राउंड", template))


def _inside(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() and m.end() <= e for s, e in taken)


def _claims_for(tagged: Tagged, m: re.Match, method: str, layout: str, memory: ArticleMemory,
                positions: dict[str, int]) -> list[Claim]:
    t = tagged.template
    groups = m.groupdict()
    tail_end = len(t)
    brk = _CLAUSE_BREAK.search(t, m.end())
    if brk:
        tail_end = brk.start()
    tail = t[m.end():tail_end]
    seats: list[int] = []
    how = "match"
    if groups.get("sl"):
        seats = [int(i) for i in re.findall(r"⟨S(\d+)⟩", groups["sl"])]
    elif groups.get("s"):
        seats = [int(groups["s"][2:-1])]
    else:
        near = re.match(r"(?:[^⟨]{0,12}?|[^;]{0,60}?(?:votes|वोटों से|⟨N\d+⟩)) (?:in|from|at|for) (?:the )?⟨S(\d+)⟩",
                        tail)
        if near:
            seats, how = [int(near.group(1))], "clause"
        elif layout in ("a-leads", "b-trails", "a-leads-b") and re.match(
                r" in (?:the )?(?:[a-z]+ )?(?:other|more|several|many|all|both|most|⟨M\d+⟩|two|three|four|five|six|seven|eight|nine|ten)\b",
                tail):
            return []      # "leading in three other seats": not the seat this sentence names
        else:
            how = "sentence"
    for g in ("a", "b"):
        if groups.get(g) and re.search(r"(?:(?:daughter|son|wife|husband|father|mother|brother|sister|widow|niece|"
                                       r"nephew) of (?:the )?|⟨[NP]\d+⟩,? and |⟨N\d+⟩, )$", t[:m.start(g)]):
            return []      # "daughter of X won": X is not who won; "X and Y won A and B": whose is which?
    if groups.get("sl") and re.search(r"\brespectively\b", t):
        return []
    a = _side(tagged, groups["a"], memory, m.start("a")) if groups.get("a") else None
    b = _side(tagged, groups["b"], memory, m.start("b")) if groups.get("b") else None
    if (groups.get("a") or "").startswith("the party") or (groups.get("b") or "").startswith("the party"):
        how = "anaphora"
    if (groups.get("a") and a is None) or (groups.get("b") and b is None):
        return []
    if groups.get("w"):
        a = Side(role="winner")
    margin = None
    mm = _MARGIN.search(tail) if not groups.get("m") else None
    mtok = groups.get("m") or (next(g for g in mm.groups() if g) if mm else None)
    if mtok:
        margin = tagged.tokens[int(mtok[2:-1])].value
    rounds = None
    rm = _ROUNDS.search(t)
    if rm:
        rounds = tagged.tokens[int(rm.group(1) or rm.group(2))].value[0]
    conf = {"match": 0.9, "clause": 0.9, "sentence": 0.85}.get(how, 0.75)
    out: list[Claim] = []
    frame = None
    if groups.get("y"):
        tok = tagged.tokens[int(groups["y"][2:-1])]
        if not re.fullmatch(r"(?:19|20)\d\d", tok.surface):
            return []
        frame = TimeFrame("general", tok.value[0], None, True)
    if layout == "b-position" and b:
        position = positions.get(groups["pos"].lower()) or positions.get(groups["pos"])
        vm = re.match(r"[^⟨;]{0,12}?\b(?:by|with|after) (?:bagging|polling|securing|getting|receiving|garnering) "
                      r"(⟨M\d+⟩) votes|[^⟨;]{0,6}?\bwith (⟨M\d+⟩) votes", tail)
        votes = tagged.tokens[int((vm.group(1) or vm.group(2))[2:-1])].value if vm else None
        status = "trailing" if rounds_in(t) else "lost"
        return [Claim(method, status, b, seats, how, None, votes, None, conf - 0.05, position, frame)]
    if layout in ("a-votes", "a-votes-elided", "a-more-votes-b"):
        if layout == "a-votes-elided" and not re.search(r"⟨M\d+⟩ votes", t[:m.start()]):
            return []      # "while the BJP candidate secured 283,183": a count only after "N votes"
        votes = tagged.tokens[int(groups["v"][2:-1])].value if groups.get("v") else None
        if a:
            out.append(Claim(method, "votes", a, seats, how, None, votes, None, conf, None, frame,
                             "first" if layout == "a-more-votes-b" else ""))
        if b:
            out.append(Claim(method, "votes", b, seats, how, None, None, None, conf, None, frame, "second"))
        return out
    if layout == "b-lost" and b:
        if rounds_in(t):
            return []
        return [Claim(method, "lost", b, seats, how, None, None, None, conf - 0.05)]
    if layout in ("a-won", "a-won-list", "a-beat-b", "b-lost-a", "a-wrested-b"):
        if rounds_in(t):
            return []      # counting still on: a "won" here would overstate
        if a:
            out.append(Claim(method + ("-margin" if margin and method == "pattern:won" else ""), "won", a,
                             seats, how, margin, None, None, conf))
        if b:
            out.append(Claim(method, "lost", b, seats, how, None, None, None, conf))
    elif layout in ("a-leads", "a-leads-b"):
        if a:
            out.append(Claim(method, "leading", a, seats, how, margin, None, rounds, conf))
        if b:
            out.append(Claim(method, "trailing", b, seats, how, None, None, rounds, conf))
    elif layout == "b-trails" and b:
        out.append(Claim(method, "trailing", b, seats, how, None, None, rounds, conf - 0.05))
    return out


# ---------------------------------------------------------------- time


@dataclass
class TimeFrame:
    """Which election a sentence's results belong to."""

    kind: str                   # bye or general
    year: int | None
    house: str | None = None    # from the sentence, for a general election
    earlier: bool = False       # an earlier election the sentence names


def _article_dates(text: str, published: str | None) -> tuple[date | None, int | None]:
    """(counting date, bypoll year) of the article."""
    day = None
    if published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            day = None
    if day:
        low = text.lower()
        for i, name in enumerate(_WEEKDAYS):
            if re.search(rf"\b(?:on |last )?{name}\b", low) and not re.search(r"\btoday\b", low[:400]):
                back = (day.weekday() - i) % 7
                if back:
                    return day - timedelta(days=back), day.year
                break
        return day, day.year
    years = {int(y) for y in re.findall(
        r"\b((?:19|20)\d\d)(?:['’]s)? (?:assembly |Assembly |Lok Sabha |LS )?(?:bypoll|by-poll|by-election|bye-election|byelection)s?",
        text)}
    years |= {int(y) for y in re.findall(r"(?:bypoll|by-election|bye-election)s? results?:? ((?:19|20)\d\d)\b", text, re.I)}
    years |= {int(y) for y in re.findall(rf"((?:19|20)\d\d) (?:के |में )?(?:[{_DEV}]+ )?उपचुनाव", text)}
    return None, (years.pop() if len(years) == 1 else None)


_EXPLICIT = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)(?:['’]s)? (?:[A-Z][A-Za-z\.]* ){0,2}?(?P<h>Lok Sabha|Assembly|assembly|general|"
               r"parliamentary|Vidhan Sabha|state|LS) (?:polls?|elections?)\b"),
    re.compile(r"\b(?P<h>Lok Sabha|Assembly|assembly|general|parliamentary) (?:polls?|elections?) (?:of |in )(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"(?P<y>(?:19|20)\d\d) (?:के|में|का|की) (?:[{_DEV}]+ ){{0,2}}?(?P<h>विधानसभा|लोकसभा|आम) चुनाव"),
]
_RELATIVE = [
    re.compile(r"\b(?:last|previous) year['’]?s? (?:[A-Z][A-Za-z]* )?(?P<h>Lok Sabha|Assembly|assembly) (?:polls?|elections?)"
               r"|\b(?P<h2>Lok Sabha|Assembly|assembly) (?:polls?|elections?) (?:held )?last year"),
    re.compile(rf"पिछले साल (?:[{_DEV}]+ ){{0,4}}?(?P<h>विधानसभा|लोकसभा) चुनाव"),
]
_PAST_PERFECT = re.compile(
    r"\bhad (?:won|defeated|beaten|lost|come|finished|remained|ended up|stood|got|polled|secured|bagged|received|"
    rf"trailed|led|been elected)\b|(?<![{_DEV}])(?:था|थी|थे)(?![{_DEV}])")
_CONCESSIVE = re.compile(r"^\s*(?:Despite|Although|Though|Even though|Unlike|Having)\b")


def time_frame(sentence: str, bypoll_year: int | None, article_is_bypoll: bool, bypoll_words: str,
               past_perfect: bool = True) -> TimeFrame | None:
    """The election a sentence reports on, or None when it cannot be told (`past_perfect`: a sentence in
    the past perfect without a year counts as unknown: "had won the seat")."""
    for rx in _EXPLICIT:
        for m in rx.finditer(sentence):
            y = int(m.group("y"))
            if bypoll_year is not None and y >= bypoll_year:
                continue           # the coming general election, or this one
            if re.search(bypoll_words, sentence, re.I):
                return None        # an earlier election and a bypoll in one sentence: ambiguous
            return TimeFrame("general", y, _house_of(m.group("h")), True)
    for rx in _RELATIVE:
        m = rx.search(sentence)
        if m:
            if bypoll_year is None or re.search(bypoll_words, sentence, re.I):
                return None
            return TimeFrame("general", bypoll_year - 1, _house_of(m.group("h") or m.group("h2") or ""), True)
    for m in re.finditer(r"(?<!\d)(?<!\d,)((?:19|20)\d\d)(?!\d|,\d)", sentence):
        y = int(m.group(1))
        if bypoll_year is not None and y >= bypoll_year:
            continue
        segment = sentence[:m.start()].rsplit(",", 1)[-1]
        if _CONCESSIVE.match(segment) and "," in sentence[m.end():]:
            continue   # "Despite coming second in 2014, ..." does not date the main clause
        return None
    if past_perfect and _PAST_PERFECT.search(sentence):
        return None     # past perfect without a year: an earlier result, year unknown
    kind = "bye" if article_is_bypoll or re.search(bypoll_words, sentence, re.I) else "general"
    return TimeFrame(kind, bypoll_year)


# ---------------------------------------------------------------- linking and writing


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
    named_elections: set[tuple[int, str]] = field(default_factory=set)   # (year, house) the article names


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
    m = re.search(r"⟨T(\d+)⟩['’]?s? $", t[:pos]) or re.match(r" (?:in|,) ⟨T(\d+)⟩", t[pos + len(here):])
    if m:
        state = tagged.tokens[int(m.group(1))].value
    sentence_states = _states_in(tagged)
    candidates = ctx.names.seats.get(norm_name(info["name"]), [])
    if house:
        candidates = [c for c in candidates if c["house"] == house] or ([] if candidates else [])
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
    return {"id": row[0], "name_en": row[1], "state": row[2], "house": row[3]}, -0.1


def _slug(names: Names, state: str | None) -> str | None:
    """uttar-pradesh for Uttar Pradesh: the slug of assembly election keys (uttar-pradesh-2017)."""
    if not state:
        return None
    return names.state_slugs.get(state) or re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-")


def resolve_election(ctx: Context, frame: TimeFrame, seat: dict) -> tuple[int | None, float]:
    """The elections.id a result belongs to (get-or-create), and a confidence adjustment."""
    db = ctx.db
    if frame.kind == "general":
        year = frame.year if frame.year is not None else None
        if year is None:
            return None, 0.0
        house = frame.house or seat["house"]
        if house == "lok_sabha":
            key = f"ls-{year}"
            name_en, name_hi, state = f"Lok Sabha election {year}", f"लोकसभा चुनाव {year}", None
        else:
            slug = _slug(ctx.names, seat["state"])
            if slug is None:
                return None, 0.0
            key = f"{slug}-{year}"
            state = seat["state"]
            name_en = f"{state} Assembly election {year}"
            name_hi = f"{ctx.names.state_hi.get(state, state)} विधानसभा चुनाव {year}"
        if not frame.earlier and not ctx.general_stated and db.execute(
                "SELECT 1 FROM elections WHERE key = ?", [key]).fetchone() is None:
            return None, 0.0   # no bypoll word, but no general election named either: do not guess
        return _get_or_create_election(db, key, name_en, name_hi, str(year), year, "general", house, state), 0.0
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
        return pool[0][0], -0.05
    if pool or ctx.year is None:
        return None, 0.0
    return _bye(ctx, f"{ctx.year}-bypolls", str(ctx.year), ctx.year, None, seat), -0.2


def _within(when: str | None, year: int, counting: date) -> bool:
    if not when:
        return False
    try:
        start = date.fromisoformat(when) if len(when) == 10 else date(int(when[:4]), int(when[5:7]), 1)
    except ValueError:
        return False
    return timedelta(days=-REUSE_DAYS) <= counting - start <= timedelta(days=REUSE_DAYS)


def _bye(ctx: Context, key: str, when: str, year: int, month: int | None, seat: dict) -> int:
    label_en = f"{_MONTHS_EN[month]} {year}" if month else str(year)
    label_hi = f"{_MONTHS_HI[month]} {year}" if month else str(year)
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


def clear_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Remove what an earlier extraction of the article wrote (results, tallies, bypoll reasons)."""
    rows = db.execute("SELECT DISTINCT p.row_id FROM provenance p JOIN results r ON r.id = p.row_id "
                      "WHERE p.row_table = 'results' AND p.article_id = ? AND r.origin = 'extracted'",
                      [article_id]).fetchall()
    ids = [r[0] for r in rows]
    for rid in ids:
        db.execute("DELETE FROM provenance WHERE row_table = 'results' AND row_id = ?", [rid])
        db.execute("DELETE FROM results WHERE id = ?", [rid])
    # the extractor's reason quotes are marked REASON_FIELD; the curated loader's ('reason') are never
    # touched, even when they quote this same article
    for (cid,) in db.execute("SELECT row_id FROM provenance WHERE row_table = 'contests' AND field = ? "
                             "AND article_id = ?", [REASON_FIELD, article_id]).fetchall():
        others = db.execute("SELECT 1 FROM provenance WHERE row_table = 'contests' AND row_id = ? "
                            "AND field IN ('reason', ?) AND NOT (field = ? AND article_id IS ?)",
                            [cid, REASON_FIELD, REASON_FIELD, article_id]).fetchone()
        if others is None:      # another article's (or the curated) reason stays
            db.execute("UPDATE contests SET reason = NULL, reason_detail = NULL, reason_detail_hi = NULL WHERE id = ?",
                       [cid])
    db.execute("DELETE FROM provenance WHERE row_table = 'contests' AND field = ? AND article_id = ?",
               [REASON_FIELD, article_id])


def extract_article(db: sqlite_utils.Database, article_id: int) -> list[int]:
    """Extract the results article `article_id` states; return the new results ids.

    Runs inside the caller's transaction: executes statements, never commits."""
    art = db.execute("SELECT source, text, published FROM articles WHERE id = ?", [article_id]).fetchone()
    if art is None:
        raise ValueError(f"extract_article: no article with id {article_id}")
    clear_article(db, article_id)
    source, text, published = art
    lex = load_lexicon()
    names = load_names(db, lex)
    passages = [tuple(r) for r in db.execute(
        'SELECT id, start, "end" FROM passages WHERE article_id = ? ORDER BY ord', [article_id]).fetchall()]
    memory = ArticleMemory(canon={form: resolve_party(names, form)[1] for form in names.party_forms})
    spans = split_sentences(text)
    # first pass: learn seats the article marks and who stands for which party
    tagged = [tag_sentence(text[s:e], names, memory) for s, e in spans]
    for tg in tagged:
        learn_from(tg, names, memory)
    # second pass, with that knowledge
    tagged = [tag_sentence(text[s:e], names, memory) for s, e in spans]
    counting, year = _article_dates(text, published)
    pub = None
    if published:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    bypoll_words = _alt(lex.en["bypoll"] + lex.hi["bypoll"])
    article_is_bypoll = bool(re.search(bypoll_words, text, re.I))
    houses = {h for h in (_house_of(w) for w in re.findall(
        r"Lok Sabha|[Aa]ssembly|parliamentary|विधानसभा|लोकसभा", text)) if h}
    article_states = {s for tg in tagged for s in _states_in(tg)}
    ctx = Context(db, names, article_id, source, pub, counting, year, year is not None, article_states,
                  next(iter(houses)) if len(houses) == 1 else None, memory)
    if year is not None:
        ctx.general_stated = bool(re.search(
            rf"{year}(?:['’]s)? (?:Lok Sabha|[Aa]ssembly|general|parliamentary) (?:polls|elections?)|"
            rf"(?:Lok Sabha|[Aa]ssembly|general) (?:polls|elections?),? {year}|"
            rf"{year} (?:के )?(?:लोकसभा|विधानसभा|आम) चुनाव|(?:लोकसभा|विधानसभा) चुनाव {year}", text))
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            ctx.named_elections.add((int(m.group("y")), _house_of(m.group("h")) or "lok_sabha"))
    patterns = build_patterns(lex)
    rows: list[Row] = []
    previous_focus: list[dict] = []
    previous_para_end = -1
    carry: Carry | None = None
    for (start, end), tg in zip(spans, tagged, strict=True):
        same_paragraph = "\n\n" not in text[previous_para_end:start] if previous_para_end >= 0 else False
        focus, used = _sentence(ctx, tg, start, end, patterns, passages, rows,
                                previous_focus if same_paragraph else [], bypoll_words, article_is_bypoll, carry)
        if used is not None and used.earlier and focus:
            carry = Carry(used, focus, CARRY_SENTENCES)
        elif carry is not None:
            carry.left -= 1
            if carry.left <= 0 or (used is not None and not used.earlier) or re.search(bypoll_words, tg.text, re.I):
                carry = None
        _reason(ctx, tg, start, end, passages, focus or (previous_focus if same_paragraph else []),
                bypoll_words, lex)
        previous_focus = focus
        previous_para_end = end
    return _write(ctx, rows)


@dataclass
class Carry:
    """An earlier election a passage is recalling, for the sentences that go on about it."""

    frame: TimeFrame
    seats: list[dict]
    left: int            # sentences it still holds for


def _continues(sentence: str, carry: Carry | None, bypoll_words: str) -> bool:
    """Whether a sentence with no election of its own goes on about `carry`'s: it names only that
    year ("... secured 79,172 votes in 2017") or is in the past perfect ("had remained third")."""
    if carry is None or re.search(bypoll_words, sentence, re.I):
        return False
    years = {int(y) for y in re.findall(r"(?<![\d,])((?:19|20)\d\d)(?![\d,])", sentence)}
    if years:
        return years == {carry.frame.year}
    return bool(_PAST_PERFECT.search(sentence))


def _sentence(ctx: Context, tg: Tagged, start: int, end: int, patterns, passages, rows: list[Row],
              previous_focus: list[dict], bypoll_words: str, article_is_bypoll: bool,
              carry: Carry | None = None) -> tuple[list[dict], TimeFrame | None]:
    """File the claims of one sentence; return the seats it is about (for the next sentence) and the
    election its claims were filed under (None when it has none)."""
    seat_idx = [i for i, tok in enumerate(tg.tokens) if tok.kind == "S"]
    resolved: dict[int, tuple[dict | None, float]] = {}
    resolved_states = []
    for i in seat_idx:
        if tg.tokens[i].value["marked"] or len(seat_idx) == 1:
            continue
    for i in seat_idx:
        resolved[i] = resolve_seat(ctx, tg, i, resolved_states)
        if resolved[i][0]:
            resolved_states.append(resolved[i][0]["state"])
    mentioned = {r[0]["id"]: r[0] for r in resolved.values() if r[0]}
    claims = claims_in(tg, patterns, ctx.memory, {**ctx.names.lex.en["positions"], **ctx.names.lex.hi["positions"]})
    if not claims:
        return list(mentioned.values()), None
    frame = time_frame(tg.text, ctx.year, article_is_bypoll, bypoll_words)
    inherited = False
    if frame is None and _continues(tg.text, carry, bypoll_words):
        frame, inherited = carry.frame, True
    if frame is None and not any(c.frame for c in claims):
        return list(mentioned.values()), None
    focus: dict[int, dict] = {}
    passage_id = _passage_for(passages, start, end)
    # seats some claim names outright, and who that claim is about
    bound: dict[int, set[tuple[str, str | None]]] = {}
    for claim in claims:
        for i in claim.seat_tokens:
            if resolved.get(i, (None,))[0]:
                bound.setdefault(resolved[i][0]["id"], set()).add((norm_name(claim.side.candidate), claim.side.party))
    counted = re.search(r"⟨M\d+⟩ (?:[a-z]+ )?(?:seats|constituencies)|(?:other|remaining) (?:[a-z]+ )?seats|"
                        r"⟨M\d+⟩ (?:सीटों|सीटें)|बाकी", tg.template)
    # two different winners (or leaders) leaning on the one seat a sentence names: whose is it?
    # (a vote count files nothing by itself, and a claim dated to its own election is about another contest)
    leaning: dict[tuple, set] = {}
    for claim in claims:
        if not claim.seat_tokens and claim.status != "votes":
            leaning.setdefault((claim.status, claim.frame and claim.frame.year), set()).add(
                (norm_name(claim.side.candidate), claim.side.party))
    for claim in claims:
        if not claim.seat_tokens and len(leaning.get((claim.status, claim.frame and claim.frame.year), ())) > 1:
            continue
        if not claim.seat_tokens and counted:
            continue       # "won 2 other seats": the seat named is not this claim's
        if not claim.seat_tokens and len(mentioned) == 1:
            only = next(iter(mentioned))
            if bound.get(only) and (norm_name(claim.side.candidate), claim.side.party) not in bound[only]:
                continue   # that seat belongs to another claim of the sentence
        claim_frame = claim.frame or frame
        if claim_frame is None:
            continue
        if claim.frame and (re.search(bypoll_words, tg.text, re.I) or
                            (ctx.year is not None and claim.frame.year >= ctx.year)):
            continue       # "came second in 2018" in a 2018 bypoll story: which election?
        if claim.seat_tokens:
            seats = [resolved.get(i, (None, 0.0)) for i in claim.seat_tokens]
            adj = 0.0
        elif len(mentioned) == 1:
            seats, adj = [(next(iter(mentioned.values())), 0.0)], -0.05
        elif not mentioned and len(previous_focus) == 1:
            seats, adj = [(previous_focus[0], 0.0)], -0.25
        elif not mentioned and inherited and len(carry.seats) == 1:
            seats, adj = [(carry.seats[0], 0.0)], -0.25
        else:
            continue
        for seat, seat_adj in seats:
            if seat is None:
                continue
            if claim.frame and (claim.frame.year, seat["house"]) not in ctx.named_elections:
                continue   # a bare "in 2014": only an election of that year and house the article names
            election_id, el_adj = resolve_election(ctx, claim_frame, seat)
            if election_id is None:
                continue
            focus[seat["id"]] = seat
            contest_id = _contest(ctx.db, election_id, seat["id"])
            party_id, party_key = (None, None)
            if claim.side.party:
                party_id, party_key = resolve_party(ctx.names, claim.side.party)
            conf = round(min(claim.confidence + adj + seat_adj + el_adj - (0.05 if party_id is None and
                                                                           claim.side.party else 0.0), 0.99), 2)
            hindi = bool(re.search(f"[{_DEV}]", claim.side.candidate))
            rows.append(Row(contest_id, claim.side.candidate, claim.side.candidate if hindi else None, party_id,
                            party_key, claim.side.party, claim.status, claim.margin, claim.votes,
                            claim.rounds, conf, claim.method, [(passage_id, tg.text)],
                            claim.position or (1 if claim.status == "won" else None), claim.side.role, claim.rank))
    return list(focus.values()) or list(mentioned.values()), frame


def _reason(ctx: Context, tg: Tagged, start: int, end: int, passages, focus: list[dict], bypoll_words: str,
            lex: Lexicon) -> None:
    """Why a bypoll was held, when the sentence says so for the seat(s) it names."""
    text = tg.text
    trigger = re.search(r"necessitat|triggered|following|due to|because|caused by|fallen vacant|fell vacant|vacated|"
                        r"had to (?:be )?held|के बाद|के चलते|की वजह से|के कारण|चुनाव हुआ|चुनाव हुए|"
                        + bypoll_words, text, re.I)
    if not trigger:
        return
    found = None
    for reason, words in lex.reasons.items():
        m = re.search(rf"(?<![A-Za-z]){_alt(words)}(?![a-z])", text, re.I)
        if m and (found is None or m.start() < found[1].start()):
            found = (reason, m)
    if found is None or not focus:
        return
    if time_frame(text, ctx.year, True, bypoll_words, past_perfect=False) is None:
        return
    reason, m = found
    hindi = bool(re.search(f"[{_DEV}]", m.group()))
    if hindi:
        # Hindi puts the cause before its cue: "... में लोकेंद्र सिंह के निधन के बाद": from the last clause
        # boundary before the cue word to the cue word
        head = text[:m.end()]
        cut = max(head.rfind(", "), head.rfind(" पर "), head.rfind(": "))
        detail = re.sub(r"^(?:पर |, |: )?(?:बाद में |इससे पहले |दरअसल,? )?", "", head[cut + 1:] if cut >= 0 else head)
    else:
        detail_end = len(text)
        for stop in re.finditer(r"[,;।]| with | while ", text[m.end():]):
            detail_end = m.end() + stop.start()
            if detail_end - m.start() > 25:
                break
        detail = text[m.start():detail_end].strip()
    # English templates read reason_detail: Hindi text goes to reason_detail_hi, never into reason_detail
    column = "reason_detail_hi" if hindi else "reason_detail"
    passage_id = _passage_for(passages, start, end)
    for seat in focus:
        election_id, _ = resolve_election(ctx, TimeFrame("bye", ctx.year), seat)
        if election_id is None:
            continue
        contest_id = _contest(ctx.db, election_id, seat["id"])
        have = ctx.db.execute(f"SELECT reason{', ' + column if column else ''} FROM contests WHERE id = ?",
                              [contest_id]).fetchone()
        if have[0] and (have[0] != reason or not column or have[1]):
            continue       # a reason is there already (curated, or an earlier article's)
        if column:
            ctx.db.execute(f"UPDATE contests SET reason = ?, {column} = ? WHERE id = ?", [reason, detail, contest_id])
        else:
            ctx.db.execute("UPDATE contests SET reason = ? WHERE id = ?", [reason, contest_id])
        ctx.db.execute("INSERT INTO provenance (row_table, row_id, field, article_id, passage_id, source, quote) "
                       "VALUES ('contests', ?, ?, ?, ?, ?, ?)",
                       [contest_id, REASON_FIELD, ctx.article_id, passage_id, ctx.source, text])


def _absorb(into: Row, row: Row) -> None:
    """Figures and quotes of `row` that `into` (the same result) lacks."""
    into.margin = into.margin or row.margin
    into.votes = into.votes or row.votes
    into.rounds = into.rounds or row.rounds
    into.position = into.position or row.position
    into.quotes.extend(q for q in row.quotes if q not in into.quotes)


_RANK_STATUS = {"first": ("won", "leading"), "second": ("lost", "trailing"), "": ("won", "lost", "leading", "trailing")}


def _attach_count(count: Row, rows: list[Row]) -> None:
    """Name and number the one result a vote-count sentence is about; a count alone files nothing.

    "The winner polled N votes" -> the contest's one won row; "X (of P) got N votes" -> X's row, or
    the one unnamed row of P (which then takes the name); "the P candidate secured N" -> P's one row.
    Final rows (won/lost) are preferred to interim ones (leading/trailing)."""
    pool = [r for r in rows if r.contest_id == count.contest_id and r.status in _RANK_STATUS[count.rank]]
    if count.role == "winner":
        targets = [r for r in pool if r.status == "won"]
    elif count.candidate:
        targets = [r for r in pool if r.candidate and (norm_name(r.candidate) == norm_name(count.candidate))]
        if not targets and count.party_key:
            targets = [r for r in pool if not r.candidate and r.party_key == count.party_key]
    elif count.party_key:
        targets = [r for r in pool if r.party_key == count.party_key]
    else:
        targets = []
    final = [r for r in targets if r.status in ("won", "lost")]
    targets = final or targets
    if len(targets) != 1:
        return
    target = targets[0]
    if count.candidate and not target.candidate:
        target.candidate, target.candidate_hi = count.candidate, count.candidate_hi
    if count.votes and target.votes is None:
        target.votes = count.votes
    target.quotes.extend(q for q in count.quotes if q not in target.quotes)


def _write(ctx: Context, rows: list[Row]) -> list[int]:
    counts = [r for r in rows if r.status == "votes"]
    rows = [r for r in rows if r.status != "votes"]
    merged: dict[tuple, Row] = {}
    for row in rows:
        key = (row.contest_id, norm_name(row.candidate), row.party_key, row.status)
        have = merged.get(key)
        if have is None:
            merged[key] = row
            continue
        have.margin = have.margin or row.margin
        have.votes = have.votes or row.votes
        have.rounds = have.rounds or row.rounds
        have.position = have.position or row.position
        have.confidence = max(have.confidence, row.confidence)
        if row.margin and have.method in ("pattern:won", "pattern:hi-jeet"):
            have.method = row.method
        have.quotes.extend(q for q in row.quotes if q not in have.quotes)
    # a party-only row is dropped when a named row says the same of the same party (its figures go to
    # that row when it is the only one: "the SP won by 21,961" + "SP's X won")
    named: dict[tuple, list[Row]] = {}
    for r in merged.values():
        if r.candidate:
            named.setdefault((r.contest_id, r.party_key, r.status), []).append(r)
    final = []
    for r in merged.values():
        same = named.get((r.contest_id, r.party_key, r.status)) if not r.candidate else None
        if not same:
            final.append(r)
            continue
        if len(same) == 1:
            _absorb(same[0], r)
    for count in counts:
        _attach_count(count, final)
    # two different winners of one contest in one article: keep them, but for review
    winners: dict[int, set] = {}
    for r in final:
        if r.status == "won":
            winners.setdefault(r.contest_id, set()).add(r.party_key or norm_name(r.candidate))
    ids: list[int] = []
    as_of = (ctx.counting or ctx.published)
    for r in final:
        conf = min(r.confidence, 0.5) if len(winners.get(r.contest_id, ())) > 1 else r.confidence
        cur = ctx.db.execute(
            "INSERT INTO results (contest_id, candidate, candidate_hi, party_id, party_raw, votes, votes_qualifier, "
            "position, status, margin, margin_qualifier, rounds_counted, as_of, origin, confidence, method, review) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'extracted', ?, ?, ?)",
            [r.contest_id, r.candidate, r.candidate_hi, r.party_id, r.party_raw,
             r.votes[0] if r.votes else None, r.votes[1] if r.votes else "", r.position, r.status,
             r.margin[0] if r.margin else None, r.margin[1] if r.margin else "", r.rounds,
             as_of.isoformat() if as_of else None, conf, r.method, "accepted" if conf >= ACCEPT_AT else "pending"])
        for passage_id, quote in r.quotes:
            ctx.db.execute("INSERT INTO provenance (row_table, row_id, field, article_id, passage_id, source, quote) "
                           "VALUES ('results', ?, NULL, ?, ?, ?, ?)",
                           [cur.lastrowid, ctx.article_id, passage_id, ctx.source, quote])
        ids.append(cur.lastrowid)
    return ids
