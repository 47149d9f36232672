"""How answers name things: seats, states, parties, alliances, candidates and elections in the
asker's language, what the store covers, and the citations of result rows."""
from __future__ import annotations

import re

import sqlite_utils

from bot.display_names import shown_name
from bot.entities import Linker
from bot.lookup import Contest, Standing, covered_elections, file_citation, results_of, standings
from bot.reply import to_citation
from bot.settings import AnswerSettings
from bot.templates import Templates
from bot.types import Citation
from store.records import Result, Source


class Naming:
    """Names and citations, shared by every handler (a part of `bot.answer.Answerer`)."""

    db: sqlite_utils.Database
    linker: Linker
    settings: AnswerSettings

    def standings_of(self, contest_id: int) -> list[Standing]:
        """A contest's candidates as every answer groups them (a name compared across scripts)."""
        return standings(results_of(self.db, contest_id, self.settings.unreviewed), self.linker.translit.sound_key)

    def seat_name(self, seat: int, T: Templates) -> str:
        row = self.linker.display("constituency", str(seat))
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or "?"
        state = self.state_name(row.get("state"), T)
        return T("seat", name=name, state=state) if state and state != name else name

    def state_name(self, state: str | None, T: Templates) -> str:
        if not state:
            return ""
        row = self.linker.display("state", state)
        return (row.get("name_hi") if T.lang == "hi" else None) or state

    def party_short(self, abbr: str | None, T: Templates) -> str:
        if not abbr:
            return "?"
        row = self.linker.display("party", abbr)
        if T.lang == "hi":
            return row.get("abbr_hi") or row.get("name_hi") or abbr
        return abbr

    def party_long(self, abbr: str | None, T: Templates) -> str:
        row = self.linker.display("party", abbr or "")
        if not row:
            return abbr or "?"
        name = (row.get("name_hi") if T.lang == "hi" else None) or row.get("name_en") or abbr
        short = self.party_short(abbr, T)
        return T("party", name=name, abbr=short) if name != short else short

    def who(self, s: Standing, T: Templates, full: bool = False) -> str:
        name = (s.name_hi if T.lang == "hi" else None) or self._shown(s, T)
        party = s.best.party
        if not name:
            return T("unnamed_candidate", party=self.party_short(party, T))
        if not party:
            return name
        if full and T.lang == "en":
            row = self.linker.display("party", party)
            if row.get("name_en") and row["name_en"] != party:
                return T("winner_party", name=name, party=party, party_name=row["name_en"])
        return T("candidate", name=name, party=self.party_short(party, T))

    @staticmethod
    def _shown(s: Standing, T: Templates) -> str:
        """A name from a results file in capitals, in title case, with the shorter form an article
        gives the same candidate ("Ajit Anantrao Pawar (Ajit Pawar)")."""
        name, common = shown_name(s.name, (r.candidate for r in s.rows))
        return T("known_as", full=name, common=common) if common else name

    def election_name(self, c: Contest, T: Templates) -> str:
        return (c.election_hi if T.lang == "hi" else None) or c.election_en

    def coverage(self, T: Templates) -> str:
        """The newest elections the store has results of, named in the reply language."""
        return T.join([e.name(T.lang) for e in covered_elections(self.db, self.settings.unreviewed)])

    # -- citations --------------------------------------------------------------------------
    def cite(self, rows: list[Result], lang: str, numbers: tuple[int, ...] = ()) -> list[Citation]:
        want = "hi" if lang == "hi" else "en"
        seen: set[tuple[str, str]] = set()
        ranked: list[tuple[tuple, Source]] = []
        for order, row in enumerate(rows):
            for src in row.sources:
                if not src.quote or len(src.quote) < 20 or (src.source, src.quote) in seen:
                    continue
                seen.add((src.source, src.quote))
                digits = re.sub(r"[,\s]", "", src.quote)
                has_number = any(str(n) in digits for n in numbers)
                ranked.append(((not has_number, src.language != want, order), src))
        ranked.sort(key=lambda pair: pair[0])
        # rows imported from results files cite the file and row, after every quoted sentence
        files = list(dict.fromkeys(f for row in rows for src in row.sources if (f := file_citation(src))))
        return [to_citation(src) for _, src in ranked] + [Citation(source=f, quote=q) for f, q in files]


    def _party_set(self, name: str) -> set[str]:
        """A party's abbreviation, or every party of an alliance."""
        if ("party", name) in self.linker.names:
            return {name}
        return {abbr for (kind, abbr), row in self.linker.names.items()
                if kind == "party" and (row.get("alliance") or "").casefold() == name.casefold()}


    def _names_of(self, party: str) -> list[str]:
        row = self.linker.display("party", party) or self.linker.display("alliance", party)
        names = [row.get("name_en"), row.get("name"), row.get("abbr")]
        return [n for n in names if n]

    def _group_name(self, party: str, T: Templates) -> str:
        if ("party", party) in self.linker.names:
            return self.party_long(party, T)
        row = self.linker.display("alliance", party)
        return (row.get("name_hi") if T.lang == "hi" else None) or row.get("name") or party

