"""The extractor's word lists, party forms and states, read from data/patterns/."""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from store.text import Transliterator

_DEV = "\u0900-\u097f"    # the Devanagari block, for character classes
_DEV_LETTER = "\u0900-\u0963\u0966-\u097f"    # the block without the danda (।, ॥), which ends a word


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
    calendar: dict = field(default_factory=dict)    # months_en, months_hi, weekdays
    translit: Transliterator | None = None          # data/lexicon/translit.toml: Hindi seat names in Latin letters


def load_lexicon(folder: Path) -> Lexicon:
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
    # the transliteration table beside data/patterns: a Hindi seat name meets a seat the gazetteer spells
    # only in English ("साकोली" = Sakoli)
    table = folder.parent / "lexicon" / "translit.toml"
    translit = Transliterator.load(table) if table.exists() else None
    return Lexicon(lex["en"], lex["hi"], lex["reasons"], tuple(forms), tuple(states), lex.get("calendar", {}),
                   translit)


def bundled_patterns() -> Path:
    """The repository's data/patterns: only for callers without a configuration (tests, benchmarks);
    the bot passes its configured data folder (`[paths] data`)."""
    return Path(__file__).resolve().parents[2] / "data" / "patterns"


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _alt(words, spaces: bool = True) -> str:
    """A regex alternation of `words`, longest first; spaces match one space (templates are squeezed)."""
    uniq = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ") for w in uniq) + ")"


def _house_of(words: str) -> str | None:
    w = words.strip().lower()
    if not w:
        return None
    if w in ("lok sabha", "parliamentary", "ls") or "lok sabha" in w or "parliament" in w or "लोकसभा" in w:
        return "lok_sabha"
    if "assembly" in w or "vidhan" in w or "विधानसभा" in w:
        return "assembly"
    return None
