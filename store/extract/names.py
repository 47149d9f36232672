"""Lookup tables of the store's names (parties, seats, states) for one article."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import sqlite_utils

from store.numbers import NumberWords
from store.text import latin_sound_key, skeleton

from .lexicon import _DEV, Lexicon
from .numbers import _number_re, number_words

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
    numbers: NumberWords         # qualifiers, units, number words (store.numbers)
    groups: frozenset[str] = frozenset()    # alliance spellings (lower case): never a person's one-word name
    seats_sound: dict[str, list[dict]] = field(default_factory=dict)   # sound key -> seats with no Hindi name
    seats_skeleton: dict[str, list[dict]] = field(default_factory=dict)   # its consonant skeleton -> those seats


def load_names(db: sqlite_utils.Database, lex: Lexicon) -> Names:
    forms: dict[str, tuple[str, ...]] = {pf.form: pf.keys for pf in lex.party_forms}
    party_ids: dict[str, tuple[int, str]] = {}
    for pid, abbr, name_en, name_hi, abbr_hi, aliases, origin in db.execute(
        "SELECT id, abbr, name_en, name_hi, abbr_hi, aliases, origin FROM parties"
    ).fetchall():
        party_ids[abbr.upper()] = (pid, abbr)
        surfaces = [abbr, name_en, name_hi, abbr_hi, *_json_list(aliases)]
        if origin == "registered":
            # the ~2,500 parties the results files name (parties_registered.csv): their abbreviations are
            # words and titles too ("MP" in "Rajya Sabha MP", "IND", "AAM"); only a full name of two words
            # or more is read in text ("Azad Samaj Party")
            surfaces = [name_en] if name_en and name_en != abbr and " " in name_en.strip() else []
        for surface in surfaces:
            if surface and len(surface) >= 2:
                surface = unicodedata.normalize("NFC", surface)
                forms[surface] = (abbr,) + tuple(k for k in forms.get(surface, ()) if k != abbr)
    seats: dict[str, list[dict]] = {}
    seats_sound: dict[str, list[dict]] = {}
    seats_skeleton: dict[str, list[dict]] = {}
    max_words = 1
    for cid, name_en, name_hi, aliases, state, house in db.execute(
        "SELECT id, name_en, name_hi, aliases, state, house FROM constituencies"
    ).fetchall():
        row = {"id": cid, "name_en": name_en, "state": state, "house": house}
        if not name_hi and not re.search(f"[{_DEV}]", aliases or ""):
            seats_sound.setdefault(latin_sound_key(name_en), []).append(row)
            seats_skeleton.setdefault(skeleton(latin_sound_key(name_en)), []).append(row)
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
    for form in [f for f in forms if "(" in f]:      # "NCP(SP)" is also written "NCP (SP)", and back
        forms.setdefault(re.sub(r"\s*\(", " (", form), forms[form])
        forms.setdefault(re.sub(r"\s+\(", "(", form), forms[form])
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
    from store.gazetteer import alliance_names  # store.gazetteer imports this package's norm_name
    groups = frozenset(s.lower() for spellings in alliance_names(db).values() for s in spellings)
    return Names(lex, forms, party_ids, seats, max_words, states, slugs, state_hi, _number_re(lex), party_re,
                 number_words(lex), groups, seats_sound, seats_skeleton)


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def norm_name(text: str) -> str:
    """A name for comparing: lower case, NFC, dots/hyphens/apostrophes as spaces, spaces squeezed."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = re.sub(r"[\s\-\.’'`,()]+", " ", text)
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
