"""Reading one article: sentence by sentence, claims linked to seats and elections."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from store.gazetteer import alliance_names

from . import thresholds as th
from .claims import build_patterns, build_tails, claims_in, kin_pattern
from .lexicon import _DEV, Lexicon, _alt, _house_of, bundled_patterns, load_lexicon
from .names import load_names, norm_name, resolve_party
from .resolve import Context, Row, _bye, _contest, _passage_for, _states_in, resolve_election, resolve_seat
from .sentences import split_sentences
from .tagging import Ambiguous, ArticleMemory, Tagged, learn_from, tag_sentence
from .tallies import TallyClaim, tally_claims, tally_patterns
from .tally_house import national_count, tally_house
from .thresholds import CARRY_SENTENCES
from .timeframes import _EXPLICIT, _PAST_PERFECT, BypollCue, TimeFrame, _article_dates, published_day, time_frame
from .write import REASON_FIELD, _write, write_tallies


def clear_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Remove what an earlier extraction of the article wrote (results, tallies, bypoll reasons)."""
    rows = db.execute("SELECT DISTINCT p.row_id FROM provenance p JOIN results r ON r.id = p.row_id "
                      "WHERE p.row_table = 'results' AND p.article_id = ? AND r.origin = 'extracted'",
                      [article_id]).fetchall()
    for (tid,) in db.execute("SELECT DISTINCT p.row_id FROM provenance p JOIN tallies t ON t.id = p.row_id "
                             "WHERE p.row_table = 'tallies' AND p.article_id = ? AND t.origin = 'extracted'",
                             [article_id]).fetchall():
        db.execute("DELETE FROM provenance WHERE row_table = 'tallies' AND row_id = ?", [tid])
        db.execute("DELETE FROM tallies WHERE id = ?", [tid])
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


def extract_article(db: sqlite_utils.Database, article_id: int, *, patterns: Path | None = None,
                    lexicon: Lexicon | None = None) -> list[int]:
    """Extract the results article `article_id` states; return the new results ids.

    `patterns` is the configured data/patterns folder (`lexicon`, when given, is its loaded form: load
    it once for many articles). Runs inside the caller's transaction: executes statements, never commits."""
    art = db.execute("SELECT source, text, published FROM articles WHERE id = ?", [article_id]).fetchone()
    if art is None:
        raise ValueError(f"extract_article: no article with id {article_id}")
    clear_article(db, article_id)
    source, text, published = art
    lex = lexicon or load_lexicon(patterns or bundled_patterns())
    names = load_names(db, lex)
    passages = [tuple(r) for r in db.execute(
        'SELECT id, start, "end" FROM passages WHERE article_id = ? ORDER BY ord', [article_id]).fetchall()]
    memory = ArticleMemory(canon={form: resolve_party(names, form)[1] for form in names.party_forms})
    spans = split_sentences(text, lex)
    # first pass: learn seats the article marks and who stands for which party
    tagged = [tag_sentence(text[s:e], names, memory) for s, e in spans]
    for tg in tagged:
        learn_from(tg, names, memory)
    # second pass, with that knowledge
    tagged = [tag_sentence(text[s:e], names, memory) for s, e in spans]
    counting, year = _article_dates(text, published, lex.calendar["weekdays"])
    pub = published_day(published)
    bypoll_words = BypollCue(re.compile(_alt(lex.en["bypoll"] + lex.hi["bypoll"]), re.I), year)
    article_is_bypoll, generals = _is_bypoll_article(text, spans, bypoll_words, lex)
    article_house = _article_house(text, tagged, names, lex)
    article_states = {s for tg in tagged for s in _states_in(tg)}
    ctx = Context(db, names, article_id, source, pub, counting, year, year is not None, article_states,
                  article_house, memory)
    if year is not None:
        ctx.general_stated = bool(re.search(
            rf"{year}(?:['’]s)? (?:Lok Sabha|[Aa]ssembly|general|parliamentary) (?:polls|elections?)|"
            rf"(?:Lok Sabha|[Aa]ssembly|general) (?:polls|elections?),? {year}|"
            rf"{year} (?:के )?(?:लोकसभा|विधानसभा|आम) चुनाव|(?:लोकसभा|विधानसभा) चुनाव {year}", text))
    ctx.general_named = generals > 0
    ctx.only_seat = _only_seat(tagged, names, article_house)
    state_count = _alt(lex.en.get("state_counts", []) + lex.hi.get("state_counts", []))
    ctx.round_wide = len(article_states) > 1 or bool(re.search(
        rf"(?:⟨M\d+⟩|\d+|{_alt(list(lex.en.get('number_words', {})))}) {state_count}(?![A-Za-z{_DEV}])", text))
    for rx in _EXPLICIT:
        for m in rx.finditer(text):
            ctx.named_elections.add((int(m.group("y")), _house_of(m.group("h")) or "lok_sabha"))
    patterns = build_patterns(lex)
    ctx.tails = build_tails(lex)
    tallies_rx = tally_patterns(lex)
    alliances = {s: name for name, spellings in alliance_names(db).items() for s in spellings if len(s) >= 3}
    tallies: list[tuple[int, TallyClaim, int | None, str]] = []
    ctx.kin = kin_pattern(lex)
    ctx.earlier = re.compile(rf"(?<![A-Za-z{_DEV}]){_alt(lex.en.get('earlier_cues', []) + lex.hi.get('earlier_cues', []))}"
                             rf"(?![A-Za-z{_DEV}])", re.I)
    ctx.house_named = re.compile(r"(Lok Sabha|[Aa]ssembly|Vidhan Sabha|parliamentary) (?:polls?|elections?)|"
                                 r"(?<![\u0900-\u097f])(विधानसभा|लोकसभा) (?:चुनाव|उपचुनाव)")
    rows: list[Row] = []
    previous_focus: list[dict] = []
    previous_para_end = -1
    carry: Carry | None = None
    for (start, end), tg in zip(spans, tagged, strict=True):
        same_paragraph = "\n\n" not in text[previous_para_end:start] if previous_para_end >= 0 else False
        if not same_paragraph:
            ctx.last_people = []
        filed = len(rows)
        focus, used = _sentence(ctx, tg, start, end, patterns, passages, rows,
                                previous_focus if same_paragraph else [], bypoll_words, article_is_bypoll, carry)
        ctx.last_people = [r.candidate for r in rows[filed:] if r.candidate]
        if used is not None and used.earlier and focus:
            carry = Carry(used, focus, CARRY_SENTENCES)
        elif carry is not None:
            carry.left -= 1
            if carry.left <= 0 or (used is not None and not used.earlier) or bypoll_words(tg.text):
                carry = None
        _reason(ctx, tg, start, end, passages, focus or (previous_focus if same_paragraph else []),
                bypoll_words, lex)
        _tallies(ctx, tg, start, end, passages, tallies_rx, alliances, article_is_bypoll, bypoll_words, tallies)
        previous_focus = focus
        previous_para_end = end
    write_tallies(ctx, tallies)
    return _write(ctx, rows)


def _article_house(text: str, tagged: list[Tagged], names, lex: Lexicon) -> str | None:
    """The house whose election the article reports: the one house it names with an election word
    ("the assembly polls", "Lok Sabha election results", "विधानसभा चुनाव") or with a seat ("the Baramati
    assembly constituency"), not as a place ("comes under the Mumbai (South) Lok Sabha area"); None when it
    names both, or none, or when every seat it names belongs only to the other house (a Worli report
    recalling "the Lok Sabha election")."""
    election = _alt(lex.en.get("election_words", []) + lex.hi.get("election_words", []))
    other = re.compile(rf"(?:{_alt(lex.en.get('other_election_cues', ['to contest']))}) (?:the )?$")
    houses = {_house_of(m.group(1)) for m in re.finditer(
        rf"(Lok Sabha|[Aa]ssembly|Vidhan Sabha|[Pp]arliamentary|विधानसभा|लोकसभा) (?:[A-Za-z]+ )?{election}"
        rf"(?![A-Za-z{_DEV}])", text) if not other.search(text[max(0, m.start() - 30):m.start()])} - {None}
    # and the houses its seats are named with ("the Baramati assembly constituency", "Worli Assembly")
    houses |= {tok.value["house"] for tg in tagged for tok in tg.tokens if tok.kind == "S" and tok.value["house"]}
    if len(houses) != 1:
        return None
    house = next(iter(houses))
    seat_houses = [{row["house"] for row in names.seats.get(norm_name(tok.value["name"]), [])}
                   for tg in tagged for tok in tg.tokens if tok.kind == "S"]
    seat_houses = [h for h in seat_houses if h]
    if seat_houses and all(house not in h for h in seat_houses):
        return None
    return house


def _is_bypoll_article(text: str, spans, bypoll_words: BypollCue, lex: Lexicon) -> tuple[bool, int]:
    """Whether the article reports a bypoll: its sentences name a bypoll of its own time (not one of
    another year, not one to come, not one an earlier result is told of in the past perfect) more often
    than a general election; and how many sentences name a general election of its own time."""
    sentences = [text[s:e] for s, e in spans]
    future = re.compile(_alt(lex.en.get("future_cues", []) + lex.hi.get("future_cues", [])), re.I)
    # "the assembly polls", "results for all Lok Sabha constituencies", "543 Lok Sabha seats", "लोकसभा चुनाव"
    general = re.compile(r"(?:[Aa]ssembly|Lok Sabha|Vidhan Sabha|[Gg]eneral|[Pp]arliamentary) (?:polls?|elections?)|"
                         r"(?:all|\d+) (?:the )?(?:\d+ )?(?:[Aa]ssembly|Lok Sabha) (?:seats|constituencies)|"
                         r"(?:विधानसभा|लोकसभा|आम) चुनाव")
    narrative = tuple(lex.en.get("narrative_cues", []) + lex.hi.get("narrative_cues", []))
    byes = sum(1 for s in sentences if bypoll_words(s) and not future.search(s) and not _PAST_PERFECT.search(s)
               and not s.startswith(narrative))
    own_year = bypoll_words.year

    def other_year(s: str) -> bool:      # "the 2019 Lok Sabha elections": an earlier election, not this one
        return any(int(y) != own_year for y in re.findall(r"(?<![\d,])((?:19|20)\d\d)(?![\d,])", s)) \
            if own_year else False
    generals = sum(1 for s in sentences if general.search(s) and not bypoll_words(s) and not other_year(s))
    return byes > generals, generals


def _tallies(ctx: Context, tg: Tagged, start: int, end: int, passages, patterns, alliances: dict[str, str],
             article_is_bypoll: bool, bypoll_words: BypollCue, out: list) -> None:
    """The seat tallies of one sentence, filed under the general election it reports on."""
    claims = tally_claims(tg, patterns, alliances, {**ctx.names.lex.en.get("number_words", {}),
                                                    **ctx.names.lex.hi.get("number_words", {})})
    if not claims or (ctx.earlier is not None and ctx.earlier.search(tg.text)):
        return
    reported = re.search(_alt(ctx.names.lex.en.get("reported_speech", [])), tg.text, re.I)
    # a lead exists only while votes are counted: "had won nine seats and was leading in 12 others" is the
    # article's own count, whatever the tense
    counting_now = any(c.status == "leading" for c in claims)
    frame = time_frame(tg.text, ctx.year, article_is_bypoll, bypoll_words, past_perfect=not (reported or counting_now))
    if frame is None:
        return
    states = set(_states_in(tg)) or ctx.article_states
    # neither the sentence nor the article names the house: a count larger than the state's assembly is
    # of the Lok Sabha (store/extract/tally_house.py)
    national = national_count(claims)
    house = frame.house or ctx.article_house or ("lok_sabha" if national else None) or (
        tally_house(ctx.db, claims, next(iter(states))) if len(states) == 1 else None)
    if frame.kind == "bye":
        election_id = _round_tally_election(ctx, tg)
    elif house == "lok_sabha":
        # a Lok Sabha tally is the country's: one naming a state ("In Uttar Pradesh, the SP won 37 seats")
        # has no row to go to
        if _states_in(tg):
            return
        election_id, _ = resolve_election(ctx, frame, {"id": None, "house": "lok_sabha", "state": None},
                                          general=national)
    else:
        if len(states) != 1:
            return             # whose tally: which state's?
        election_id, _ = resolve_election(ctx, frame, {"id": None, "house": house or "assembly",
                                                       "state": next(iter(states))})
    if election_id is None:
        return
    passage_id = _passage_for(passages, start, end)
    for c in claims:
        label = c.who if c.is_alliance else resolve_party(ctx.names, c.who)[1]
        out.append((election_id, c, passage_id, tg.text, label))


def _only_seat(tagged: list[Tagged], names, house: str | None) -> dict | None:
    """The one gazetteer seat an article names (every seat name it spells is that seat's), else None."""
    keys = {norm_name(tok.value["name"]) for tg in tagged for tok in tg.tokens if tok.kind == "S"}
    if len(keys) != 1:
        return None
    rows = [r for r in names.seats.get(keys.pop(), []) if house is None or r["house"] == house]
    return rows[0] if len({r["id"] for r in rows}) == 1 else None


def _round_tally_election(ctx: Context, tg: Tagged) -> int | None:
    """The bypoll round a bypoll tally belongs to ("INDIA bloc won 10 seats while BJP got two"): the round
    counted on the article's date, when the article is about the whole round (it names several states, or
    counts them: "across seven states", "7 राज्यों") and the sentence names no state outside a parenthesis
    (a state's share of a round is not the round's tally)."""
    if ctx.counting is None or not ctx.round_wide:
        return None
    if re.search(r"⟨T\d+⟩", re.sub(r"\([^()]*\)", "", tg.template)):
        return None
    house = ctx.article_house or "assembly"
    return _bye(ctx, f"{ctx.counting:%Y-%m}-bypolls", f"{ctx.counting:%Y-%m}", ctx.counting.year, ctx.counting.month,
                {"id": None, "house": house, "state": None})


@dataclass
class Carry:
    """An earlier election a passage is recalling, for the sentences that go on about it."""

    frame: TimeFrame
    seats: list[dict]
    left: int            # sentences it still holds for


def _continues(sentence: str, carry: Carry | None, bypoll_words: BypollCue) -> bool:
    """Whether a sentence with no election of its own goes on about `carry`'s: it names only that
    year ("... secured 79,172 votes in 2017") or is in the past perfect ("had remained third")."""
    if carry is None or bypoll_words(sentence):
        return False
    years = {int(y) for y in re.findall(r"(?<![\d,])((?:19|20)\d\d)(?![\d,])", sentence)}
    if years:
        return years == {carry.frame.year}
    return bool(_PAST_PERFECT.search(sentence))


def _sentence(ctx: Context, tg: Tagged, start: int, end: int, patterns, passages, rows: list[Row],
              previous_focus: list[dict], bypoll_words: BypollCue, article_is_bypoll: bool,
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
    claims = claims_in(tg, patterns, ctx.memory, {**ctx.names.lex.en["positions"], **ctx.names.lex.hi["positions"]},
                       ctx.kin, tuple(ctx.names.lex.en.get("ordinals", ())), ctx.tails)
    claims = _name_the_ambiguous(tg, claims, ctx.last_people)
    if not claims:
        return list(mentioned.values()), None
    if ctx.earlier is not None and ctx.earlier.search(tg.text):
        return list(mentioned.values()), None     # "five months ago", "पिछले चुनाव में": an earlier election
    frame = time_frame(tg.text, ctx.year, article_is_bypoll, bypoll_words)
    named_houses = {_house_of(m.group(1) or m.group(2)) for m in ctx.house_named.finditer(tg.text)} if ctx.house_named else set()
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
    rival_of = {"lost": "won", "trailing": "leading"}
    for claim in claims:
        year = claim.frame and claim.frame.year
        several = len(leaning.get((claim.status, year), ())) > 1
        if several and claim.status in rival_of and len(leaning.get((rival_of[claim.status], year), ())) == 1:
            several = False    # the losers of the one winner the sentence names ("defeated Y ... pushing Z to third")
        if not claim.seat_tokens and several:
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
        if claim.frame and (bypoll_words(tg.text) or
                            (ctx.year is not None and claim.frame.year >= ctx.year)):
            continue       # "came second in 2018" in a 2018 bypoll story: which election?
        if claim.seat_tokens:
            seats = [resolved.get(i, (None, 0.0)) for i in claim.seat_tokens]
            adj = 0.0
        elif len(mentioned) == 1:
            seats, adj = [(next(iter(mentioned.values())), 0.0)], -th.STEP_SOFT
        elif not mentioned and seat_idx:
            continue       # the sentence names its own seat, one the gazetteer cannot tell: not the one before
        elif not mentioned and len(previous_focus) == 1:
            seats, adj = [(previous_focus[0], 0.0)], -th.STEP_PREVIOUS
        elif not mentioned and inherited and len(carry.seats) == 1:
            seats, adj = [(carry.seats[0], 0.0)], -th.STEP_PREVIOUS
        elif not mentioned and claim.status == "votes" and ctx.only_seat is not None and not claim.frame:
            # a vote count in an article about one seat ("इस चुनाव में X को 63,324 मत मिले"): that seat's;
            # a count files no row by itself, it numbers the rows the article's claims filed
            seats, adj = [(ctx.only_seat, 0.0)], -th.STEP_PREVIOUS
        else:
            continue
        for seat, seat_adj in seats:
            if seat is None:
                continue
            if claim.frame and (claim.frame.year, seat["house"]) not in ctx.named_elections:
                continue   # a bare "in 2014": only an election of that year and house the article names
            if not claim_frame.earlier and named_houses and seat["house"] not in named_houses:
                continue   # the sentence names the other house's election: "... in Baramati in the Lok Sabha polls"
            election_id, el_adj = resolve_election(ctx, claim_frame, seat)
            if election_id is None:
                continue
            focus[seat["id"]] = seat
            contest_id = _contest(ctx.db, election_id, seat["id"])
            party_id, party_key = (None, None)
            if claim.side.party_known and claim_frame.earlier:
                claim.side.party = None    # the party someone stands for now is not the one of an earlier election
            if claim.side.party:
                party_id, party_key = resolve_party(ctx.names, claim.side.party)
            conf = round(min(claim.confidence + adj + seat_adj + el_adj - (th.STEP_SOFT if party_id is None and
                                                                           claim.side.party else 0.0), th.CONF_CAP), 2)
            hindi = bool(re.search(f"[{_DEV}]", claim.side.candidate))
            rows.append(Row(contest_id, claim.side.candidate, claim.side.candidate if hindi else None, party_id,
                            party_key, claim.side.party, claim.status, claim.margin, claim.votes,
                            claim.rounds, conf, claim.method, [(passage_id, tg.text)],
                            claim.position or (1 if claim.status == "won" else None), claim.side.role, claim.rank))
    return list(focus.values()) or list(mentioned.values()), frame


def _name_the_ambiguous(tg: Tagged, claims: list, last_people: list[str]) -> list:
    """Claims about a one-word name several people of the article share ("The young Thackeray defeated
    Milind Deora ..."): the one of them the sentence before filed a row for, else the claim is dropped."""
    shared = {tok.surface: tok.value.names for tok in tg.tokens if tok.kind == "N" and isinstance(tok.value, Ambiguous)}
    if not shared:
        return claims
    kept = []
    for claim in claims:
        names = shared.get(claim.side.candidate)
        if names is not None:
            hits = {p for p in last_people if p in names}
            if len(hits) != 1:
                continue
            claim.side.candidate = hits.pop()
        kept.append(claim)
    return kept


def _reason(ctx: Context, tg: Tagged, start: int, end: int, passages, focus: list[dict], bypoll_words: BypollCue,
            lex: Lexicon) -> None:
    """Why a bypoll was held, when the sentence says so for the seat(s) it names."""
    text = tg.text
    trigger = re.search(r"necessitat|triggered|following|due to|because|caused by|fallen vacant|fell vacant|vacated|"
                        r"had to (?:be )?held|के बाद|के चलते|की वजह से|के कारण|चुनाव हुआ|चुनाव हुए|"
                        + bypoll_words.rx.pattern, text, re.I)
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
