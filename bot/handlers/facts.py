"""Answers from article sentences: the quoted sentence that states a seat's or a party's figure
when the tables are silent, and facts, reasons and comparisons only the articles hold."""
from __future__ import annotations

import re
from typing import Any

from bot.counts import states_a_count
from bot.extreme_evidence import find_extreme, which_extreme
from bot.lookup import elections_matching
from bot.names import norm
from bot.party_seats import WinCues, seats_won
from bot.reply import Reply, unit_citation
from bot.report_time import not_later_reports
from bot.templates import Templates
from bot.types import Question
from index.evidence import YEAR, Found, Target, Unit, of_count


class FactAnswers:
    """Evidence from articles (a part of `bot.answer.Answerer`)."""

    def _asks_why_outcome(self, q: Question) -> bool:
        """A why question about the result ("why did JD(U) lose Jokihat?"), not about the poll."""
        return q.cue("why_outcome") and not q.cue("why_held")


    # -- evidence: article sentences when the tables are silent -------------------------------
    def _passage_hits(self, q: Question, seats: tuple[int, ...] = (), parties: tuple[str, ...] = (),
                      k: int = 60) -> list[Any]:
        if self._retriever is None:
            return []
        from index.retrieve import Filters

        key = (q.text, seats, parties, k)
        cached = self._recent_hits.get(key)
        if cached is not None:
            return cached
        found = self._retriever().retrieve(q.text, Filters(constituency_ids=seats, parties=parties), k=k)
        hits = list({h.id: h for h in found if h.kind == "passage"}.values())
        self._recent_hits[key] = hits
        return hits

    def _seat_target(self, seat: int) -> Target:
        cached = self._targets.get(("seat", str(seat)))
        if cached is None:
            cached = self._targets[("seat", str(seat))] = self._make_seat_target(seat)
        return cached

    def _make_seat_target(self, seat: int) -> Target:
        row = self.linker.display("constituency", str(seat))
        aliases = row.get("aliases") or "[]"
        import json

        names = [row.get("name_en"), row.get("name_hi"), *json.loads(aliases)]
        # "Nagpur South West" is also "नागपुर दक्षिण पश्चिम": each qualifying word in its other spellings
        spellings: dict[str, list[str]] = {}
        for spelling, english in self.linker.qualifiers.items():
            spellings.setdefault(english, []).append(spelling)
        for name in list(names):
            parts = norm(name or "").split()
            if len(parts) >= 2 and parts[-1] in spellings:
                k = len(parts) - 1
                while k > 1 and parts[k - 1] in spellings:
                    k -= 1
                head, tail = parts[:k], parts[k:]
                for word in ("hi", "latin"):
                    alt = [next((sp for sp in spellings[t] if (word == "hi") == bool(re.search("[\u0900-\u097f]", sp))), t)
                           for t in tail]
                    for first in {" ".join(head), *[self.linker.translit.latin(h) for h in head if word == "hi"]}:
                        names.append(" ".join([first, *alt]) if first else "")
        # a seat written twice in the store (the gazetteer's and one an article added) is one seat
        same = self.linker.seats_named(row.get("name_en"))
        return self.reader.target("seat", [n for n in names if n], refs=[str(seat), *same])

    def _person_target(self, q: Question) -> Target | None:
        names = list(q.names)
        for name in q.candidates:
            row = self.linker.display("candidate", name)
            names += [row.get("candidate_hi")] if row.get("candidate_hi") else []
        return self.reader.target("person", names, refs=q.candidates) if names else None

    def _party_target(self, party: str) -> Target:
        cached = self._targets.get(("party", party))
        if cached is None:
            cached = self._targets[("party", party)] = self._make_party_target(party)
        return cached

    def _make_party_target(self, party: str) -> Target:
        row = self.linker.display("party", party) or self.linker.display("alliance", party)
        names = [party, row.get("name_en"), row.get("name_hi"), row.get("abbr_hi"), row.get("name")]
        raw = row.get("aliases") or ""
        if raw.startswith("["):
            import json

            names += json.loads(raw)
        else:
            names += raw.split("|")
        # an alliance's own parties are not its rivals ("Mahayuti, of the BJP, Shiv Sena and NCP, won 235")
        members = [abbr for (kind, abbr), other in self.linker.names.items()
                   if kind == "party" and (other.get("alliance") or "").casefold() == party.casefold()]
        return self.reader.target("party", [n for n in names if n], refs=[party, *members])

    def _word_keys(self, q: Question) -> list[frozenset[str]]:
        keys_of = self.linker.translit.keys
        return [keys_of(w) for w in q.content_words]

    def seat_evidence(self, q: Question, seat: int, T: Templates, found_only: bool = False,
                      year: int | None = None, held: str | None = None) -> Any:
        """A seat question answered from the sentence that names the seat and states what was asked
        (in the reports of the election held on `held`, when given)."""
        if self.reader is None:
            return None
        units = of_count(_of_year(self.reader.units(self._passage_hits(q, (seat,))), q.year), held)
        if year:    # a sentence naming only earlier years is about an earlier election
            units = [u for u in units if not (years := {int(y) for y in YEAR.findall(u.text)}) or max(years) >= year]
            units = not_later_reports(units, year)
        if not units:
            return None
        where = self._seat_target(seat)
        person = self._person_target(q)
        words = self._word_keys(q)
        intent = q.intent or "winner"
        found: Found | None = None
        exclude = set(q.numbers)
        if intent == "leading" or q.round is not None:
            found = self.reader.figure(units, [where], "margin", True, q.round, exclude=exclude)
            if found is None and q.round is None:
                found = self.reader.statement(units, [where], lambda u: u.interim, lambda u: _overlap(u, words), True)
        elif intent == "margin":
            found = self.reader.figure(units, [where], "margin", False, exclude=exclude)
        elif intent == "votes":
            if person is None:
                return None
            found = self.reader.figure(units, [person], "votes", False, exclude=exclude, context=where)
        elif intent in ("winner", "runner_up", "party", "candidate"):
            if q.cue("asks_number"):
                return None     # "how many women candidates contested": a result sentence does not count them
            if intent == "candidate" and q.parties:
                # "the BJP candidate": a sentence naming the party beside a result rarely says whose
                # candidate won or lost ("... after Kumar joined hands with the BJP"); results rows answer it
                return None

            def need(u: Unit) -> bool:
                if intent == "party":
                    return bool(person and self.reader.mentions(u, person)) and any(
                        n[0] in ("party", "alliance") for n in self.reader.names_in(u.nfc))
                if intent == "runner_up":       # "X 63,324, Y 54,523": the second name is the runner-up
                    return u.result or sum("votes" in n.kinds for n in u.numbers) >= 2
                return u.result

            def bonus(u: Unit) -> tuple[bool, int]:
                return bool(person and self.reader.mentions(u, person)), _overlap(u, words)
            found = self.reader.statement(units, [where], need, bonus, False)
        if found is None or found_only:
            return found
        return self._evidence_reply(found, q, T)

    def tally_evidence(self, q: Question, T: Templates, found_only: bool = False) -> Any:
        """Seats a party or alliance won, as the articles state it (the figure most reports give)."""
        if self.reader is None or not q.parties:
            return None
        hits = self._of_states(self._passage_hits(q, parties=q.parties[:1]), q)
        units = _of_year(self.reader.units(hits), q.year)
        if q.month or q.election_kind == "bye":
            # "in the July 2024 bypolls": not the Lok Sabha count reported the month before
            held = [e.date for e in elections_matching(self.db, q.year, q.month, q.election_kind, q.house) if e.date]
            units = of_count(units, min(held, default=None))
        found = self.reader.figure(units, [self._party_target(q.parties[0])], "seats", False,
                                   reader=self.reader.tally_of, exclude=set(q.numbers))
        if found_only:
            return found
        return self._evidence_reply(found, q, T) if found else None

    def _extreme_evidence(self, q: Question, T: Templates) -> Reply | None:
        """The narrowest (widest) margin of the election as an article states it, with the seat it
        names beside that figure (bot/extreme_evidence.py); None when no article does."""
        which = which_extreme(q.table_cues)
        if which is None or self.reader is None:
            return None
        units = _of_year(self.reader.units(self._of_states(self._passage_hits(q), q)), q.year)
        found = find_extreme(self.reader, units, which, self._seat_target,
                             lambda s: not q.states or self.linker.display("constituency", str(s)).get("state") in q.states)
        if found is None:
            return None
        hit = found.stated.hit
        text = T(f"extreme_{which}_evidence", seat=self.seat_name(found.seat, T), margin=T.votes(found.margin),
                 source=hit.publisher or hit.title or hit.source, date=T.date(hit.published))
        units = [found.stated] if found.named is found.stated else [found.stated, found.named]
        text += "".join(T("combined_quote", quote=u.text) for u in units)
        return Reply(text, [unit_citation(u) for u in units],
                     [{"table": "passages", "id": u.hit.id, "value": found.margin, "seat": found.seat} for u in units])

    def _won_seats_evidence(self, q: Question, T: Templates) -> Reply | None:
        """The seats articles say a party won, each with its margin (bot/party_seats.py)."""
        if self.reader is None or not q.parties:
            return None
        party = q.parties[0]
        units = _of_year(self.reader.units(self._of_states(self._passage_hits(q, parties=(party,)), q)), q.year)
        wins = seats_won(self.reader, units, self._party_target(party), WinCues.of(self.reader), self._seat_target,
                         lambda s: not q.states or self.linker.display("constituency", str(s)).get("state") in q.states)
        if not wins:
            return None
        parts = [T("seat_won_by", seat=self.seat_name(w.seat, T), margin=T.votes(w.margin))
                 + (T("counts_difference", a=T.number(w.counts[0]), b=T.number(w.counts[1])) if w.counts else "")
                 for w in wins]
        hit = wins[0].units[0].hit
        units = list({(u.hit.id, u.text): u for w in wins for u in w.units}.values())
        text = T("won_seats_evidence", party=self._group_name(party, T), seats=T.join(parts),
                 source=hit.publisher or hit.title or hit.source, date=T.date(hit.published))
        text += "".join(T("combined_quote", quote=u.text) for u in units)
        return Reply(text, [unit_citation(u) for u in units],
                     [{"table": "passages", "id": u.hit.id, "seat": w.seat, "value": w.margin} for w in wins for u in w.units])

    def _of_election_asked(self, u: Unit, q: Question) -> bool:
        """Whether a sentence can be about the whole election a question asks about: published in
        its month (or the next), from a bypoll report when a bypoll is asked, not naming the other
        house, naming no state when a Lok Sabha question names none (a state's share of a national
        count). The kinds' words are the question's own (data/lexicon/intents.toml election_kinds)."""
        kinds = self.reader.cues.kinds
        if q.month and (u.hit.published or "")[5:7] not in (f"{q.month:02d}", f"{q.month % 12 + 1:02d}"):
            return False
        if q.election_kind == "bye" and not any(
                p.search((u.hit.text + " " + (u.hit.title or "")).casefold()) for p in kinds.get("bye", ())):
            return False
        other = {"lok_sabha": "assembly", "assembly": "lok_sabha"}.get(q.house or "")
        if other and any(p.search(u.low) for p in kinds.get(other, ())):
            return False        # "out of 288 Maharashtra assembly seats" does not answer for the Lok Sabha
        if q.house == "lok_sabha" and not q.states and any(n[0] == "state" for n in self.reader.names_in(u.nfc)):
            return False
        return True

    def _of_states(self, hits: list[Any], q: Question) -> list[Any]:
        """The passages that name a state the question names (all when it names none)."""
        if not q.states:
            return hits
        names = [n for st in q.states for n in (st, self.linker.display("state", st).get("name_hi")) if n]
        return [h for h in hits if any(norm(n) in norm(h.text + " " + (h.title or "")) for n in names)]

    def _evidence_reply(self, found: Found, q: Question, T: Templates) -> Reply:
        u = found.unit
        hit = u.hit
        source = hit.publisher or hit.title or hit.source
        key = "evidence_interim" if found.interim else "evidence"
        text = T(key, source=source, date=T.date(hit.published), quote=u.text)
        cites = [unit_citation(u)]
        if found.value is not None and str(found.value) not in re.sub(r"[,\s]", "", u.text):
            text += T("evidence_figure", value=T.number(found.value))    # "1 लाख 29 हजार 401" is 1,29,401
        if found.others:
            text += T("evidence_others", others=T.join(
                [T("also_said", value=T.number(v), source=o.hit.publisher or o.hit.source) for v, o in found.others]))
            cites += [unit_citation(o) for _, o in found.others]
        cites += [unit_citation(s) for s in found.support]
        facts = [{"table": "passages", "id": hit.id, "value": found.value, "interim": found.interim}]
        return Reply(text, cites, facts)

    # -- passages ---------------------------------------------------------------------------
    def fact(self, q: Question, T: Templates) -> Reply:
        """Answer from the best sentence of the retrieved passages, quoted verbatim.

        Nothing is embedded here: a sentence scores by its passage's retrieval score, the
        question's content words it contains (seat and party names count less: the passages were
        found by them), and cue words for the kind of question (a reason for "why", a figure for
        "how many", a date for "when"). It must be about what the question names: the seat (in the
        sentence, or in its passage when the sentence names no other seat) and the party.
        """
        no_data = Reply(T("no_data", coverage="{coverage}"), status="no_data")
        if self._retriever is None or self.reader is None:
            return no_data
        hits = self._passage_hits(q, tuple(q.constituencies), q.parties[:1])[:40]
        if not hits:
            return no_data
        units = _of_year(self.reader.units(hits), q.year)
        keys_of = self.linker.translit.keys
        content = [keys_of(w) for w in q.content_words]
        content_keys = {k for alts in content for k in alts}
        names = [alts for w in dict.fromkeys(q.words) if w not in self.linker.stopwords
                 if not (alts := keys_of(w)) & content_keys]
        why = q.intent == "why"
        asks_number = q.cue("asks_number")
        asks_when = q.cue("asks_when")
        asks_margin = q.intent == "margin" or q.cue("asks_margin")
        person = self._person_target(q)
        seats = [self._seat_target(s) for s in q.constituencies]
        parties = [self._party_target(p) for p in q.parties[:2]]
        top = max(h.score for h in hits) or 1.0
        states = [n for st in q.states for n in (st, self.linker.display("state", st).get("name_hi")) if n]
        scored: list[tuple[tuple[float, int], Unit]] = []
        about_seat = [{h.article_id for h in hits if self.reader.passage_names(h, t)} for t in seats]
        about_party = [{h.article_id for h in hits if self.reader.passage_names(h, t)} for t in parties]
        for u in units:
            # a sentence about another state's election does not answer for this one
            if states and not any(norm(n) in norm(u.hit.text) for n in states):
                continue
            # a sentence about another seat does not answer for this one; one naming none may, when its
            # passage or its article (another retrieved passage of it) names the seat
            have = u.keys()
            # (a surname alone counts only where no other candidate of that surname is named)
            names_person = person is not None and (self.reader.mentions(u, person) or (any(
                len(name) > 1 and name[-1] & have for name in person.names) and not self.reader.rivals(u, person)))
            # (a reason must name the seat or the person asked about: a passage holds many reasons)
            # and a sentence (or pair) naming the seat beside another seat may state the other's figure or
            # reason ("repoll on 73 booths of Kairana"): precision first, it does not answer either
            if seats and not any((self.reader.mentions(u, t) or (
                    (self.reader.in_passage(u, t) and (names_person or not why))
                    or (names_person and u.hit.article_id in about_seat[i])))
                    and not self.reader.rivals(u, t) for i, t in enumerate(seats)):
                continue
            # a question about one year is not answered by a report of another
            # a question naming a person is answered by a sentence naming that person (not a rival's)
            if person is not None and not names_person:
                continue
            # (a reason for a party's win in a state may be told of the state's result, not the party)
            if parties and not (why and states) and not any(
                    self.reader.mentions(u, t) or self.reader.in_passage(u, t) or u.hit.article_id in about_party[i]
                    for i, t in enumerate(parties)):
                continue
            if why and not u.reason:
                continue
            if asks_number and not states_a_count(u, q.intent, asks_margin):
                continue
            if asks_when and not (u.numbers and self._dated(u)):
                continue
            if asks_margin and not any("margin" in n.kinds for n in u.numbers):
                continue
            if asks_margin and parties and not any(self.reader.owned(u, t, "margin") for t in parties):
                continue        # the margin must be the party's, not another's in the same sentence
            have = u.keys()
            overlap = sum(1 for alts in content if alts & have or any(
                k.startswith(c[:5]) for c in alts if len(c) >= 6 for k in have))
            named = sum(1 for alts in names if alts & have)
            # what an English question asks beyond the names must be in the sentence (a "why"
            # sentence giving a reason in a passage about the names will do)
            enough = overlap + named if why else overlap if content else named
            # a question asking two things beyond the names ("which parties supported X") needs both
            if enough < (1 if why else max(1, min(2, len(content)))):
                continue
            score = 0.05 * u.hit.score / top + 0.03 * overlap + 0.01 * named - 0.02 * u.pair
            if seats:
                # a sentence about several other seats is less about this one
                score -= 0.02 * min(3, len({r for t in seats[:1] for r in self.reader.rivals(u, t)}))
            if names_person:
                score += 0.03       # the person the question names, or their surname ("..., Adityanath stressed")
            if q.intent == "list" and any(n[0] == "constituency" for n in self.reader.names_in(u.nfc)):
                score += 0.03       # "which seat did X win": a sentence naming a seat
            key = (score, -u.rank)
            scored.append((key, u))
        if not scored:
            return no_data
        scored.sort(key=lambda ku: ku[0], reverse=True)
        best_key, best = scored[0]
        hit = best.hit
        text = T("fact", source=hit.publisher or hit.title or hit.source, quote=best.text)
        cites = [unit_citation(best)]
        if why:
            # a reason seldom stands alone: the next best reason of another sentence, quoted too
            more = next((u for _, u in scored[1:] if not _overlaps(u, best)), None)
            if more is not None:
                text += T("fact_more", source=more.hit.publisher or more.hit.title or more.hit.source, quote=more.text)
                cites.append(unit_citation(more))
        return Reply(text, cites, [{"table": "passages", "id": hit.id, "score": round(best_key[0], 3)}])

    def _dated(self, u: Unit) -> bool:
        """Whether a sentence states a date (a month's name beside a number)."""
        months = self.templates["en"].t["months"] + self.templates["hi"].t["months"]
        return any(m.casefold() in u.low for m in months)




def _of_year(units: list[Unit], year: int | None) -> list[Unit]:
    """The units that can be about `year`: a report of that year, or a sentence naming it (a
    question about 2022 is not answered by a 2018 report)."""
    if not year:
        return units
    y = str(year)
    return [u for u in units if y in u.text or (u.hit.published or "").startswith(y)]


def _overlaps(a: Unit, b: Unit) -> bool:
    """Whether two units share text of one passage (a sentence and the pair holding it)."""
    if a.hit.id != b.hit.id:
        return a.text in b.text or b.text in a.text
    sa, sb = a.hit.text.find(a.text), b.hit.text.find(b.text)
    return sa < sb + len(b.text) and sb < sa + len(a.text)


def _overlap(u: Unit, keys: list[frozenset[str]]) -> int:
    have = u.keys()
    return sum(1 for k in keys if k & have)


