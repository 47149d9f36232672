"""Replies that are not a lookup: help, asking which seat an ambiguous name means, no data and
out of scope."""
from __future__ import annotations

from typing import Any

from bot.templates import Templates
from bot.types import Answer, Question


def common_name(names: list[str]) -> str:
    """The words the seats' names share at their start ("Malegaon" of Malegaon Central and Outer),
    else the first name."""
    split = [n.split() for n in names if n]
    common: list[str] = []
    for column in zip(*split, strict=False):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return " ".join(common) or (names[0] if names else "")


def clarify(a: Any, q: Question, T: Templates) -> tuple[Answer, None]:
    ids = q.ambiguous[0]
    options = []
    for seat in ids:
        row = a.linker.display("constituency", str(seat))
        house = {"assembly": "assembly", "lok_sabha": "Lok Sabha"}.get(row.get("house"), "")
        options.append(f"{a.seat_name(seat, T)}, {house}" if house else a.seat_name(seat, T))
    names = []
    for seat in ids:
        row = a.linker.display("constituency", str(seat))
        names.append((row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or "")
    name = common_name(names)
    answer = Answer(text=T("clarify", name=name, options=T.join(options)), status="clarify", lang=q.lang,
                    intent=q.intent or None, options=options)
    return answer, None

