"""Answer templates (data/templates/<lang>.toml) and the formatting of names, numbers and dates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.datafiles import read_toml

LANG_FILES = {"en": "en.toml", "hi": "hi.toml", "hi-Latn": "hi-Latn.toml"}


def group_digits(n: int, style: str = "indian") -> str:
    """4,56,437 (indian) or 456,437 (western)."""
    sign, digits = ("-", str(-n)) if n < 0 else ("", str(n))
    if style != "indian" or len(digits) <= 3:
        return sign + f"{int(digits):,}"
    head, tail = digits[:-3], digits[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    if head:
        parts.insert(0, head)
    return sign + ",".join(parts + [tail])


@dataclass(frozen=True)
class Templates:
    lang: str
    t: dict[str, Any]
    grouping: str = "indian"

    @classmethod
    def load(cls, data_dir: Path, lang: str, grouping: str = "indian") -> Templates:
        path = data_dir / "templates" / LANG_FILES[lang]
        return cls(lang, read_toml(path), grouping)

    def __call__(self, key: str, **values: Any) -> str:
        try:
            return self.t[key].format(**values)
        except KeyError as exc:
            raise KeyError(f"template {key!r} in {LANG_FILES[self.lang]}: missing {exc}") from None

    def number(self, n: int) -> str:
        return group_digits(n, self.grouping)

    def votes(self, n: int, qualifier: str = "") -> str:
        return self("votes_n", n=self.number(n), qualifier=self.t["qualifier"].get(qualifier or "", ""))

    def date(self, iso: str | None) -> str:
        if not iso:
            return "?"
        parts = iso.split("-")
        year = parts[0]
        if len(parts) < 2:
            return year
        month = self.t["months"][int(parts[1]) - 1]
        if len(parts) < 3:
            return f"{month} {year}"
        return self("date", day=int(parts[2]), month=month, year=year)

    def join(self, items: list[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return self.t["list_sep"].join(items[:-1]) + self.t["list_last"] + items[-1]
