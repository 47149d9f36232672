"""Party and alliance seat tallies an article states: "won 132 of the 288 seats", "the BJP had won 132,
the Shiv Sena 57, ...", "had won 20 seats while leading in another 14", "महायुति ने 288 में से 236 सीटों
पर जीत हासिल की", "56 सीटों पर आगे". Each is a tally row (status won or leading) of the article's
general election, as of the article's date, quoting its sentence."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from store.text import fold_devanagari

from .lexicon import _DEV, _DEV_LETTER, Lexicon, _alt
from .tagging import Tagged


@dataclass
class TallyClaim:
    who: str                 # a party surface form (Names.party_forms key) or an alliance name
    is_alliance: bool
    seats: int
    of: int | None
    status: str              # won, leading
    qualifier: str = ""


def tally_patterns(lex: Lexicon) -> dict[str, re.Pattern]:
    """The tally patterns over a template whose parties are ⟨P⟩ and alliances ⟨A⟩ tokens."""
    en, hi = lex.en, lex.hi
    who = r"(?:the |The )?(?P<who>⟨[PA]\d+⟩)(?:['’]s?)?(?: (?:alone|party|alliance|bloc|coalition|combine))?"
    num = rf"(?P<n>⟨M\d+⟩|{_alt(en.get('number_words', {}))})"
    hnum = rf"(?P<n>⟨M\d+⟩|{_alt(hi.get('number_words', {}))})"
    won = _alt(en.get("tally_won", []))
    lead = _alt(en.get("tally_leading", []))
    seats = r"(?: [a-z\-]+)?? (?:seats?|constituencies)\b"
    limit = _alt(en.get("tally_limiters", ["only"]))
    # "INDIA bloc, which put up a spirited performance in recent parliamentary polls, won 10 seats"
    relative = r", (?:which|who) [^⟨.;]{0,80}?,"
    # "the party leading in 36 seats": the one party the sentence named before (checked in tally_claims)
    anaphora = r"(?P<ana>the party)"
    # "... secured a resounding victory in the Maharashtra Assembly Elections, winning 235 out of 288 seats"
    aside = rf"[^⟨.;]{{0,60}}?(?:⟨T\d+⟩[^⟨.;]{{0,40}}?)?,(?= {_alt(en.get('tally_participles', ['winning']))} )"
    return {
        "won": re.compile(rf"(?:{who}|{anaphora})(?:{relative})?(?: [^⟨.;,]{{0,40}}?)?(?:{aside})? {won}(?: {limit})? "
                          rf"(?:a (?:[a-z]+ )?|an (?:[a-z]+ )?)?{num}"
                          rf"(?:(?: (?:of|out of) (?:the )?(?:total )?(?P<of>⟨M\d+⟩))?{seats}"
                          rf"|(?= and (?:was |is )?{lead})|(?=,? (?:the )?⟨P\d+⟩ ⟨M\d+⟩))"),
        "list": re.compile(rf"^,? (?:and )?(?:the )?(?P<who>⟨[PA]\d+⟩)(?P<paren> \(⟨P\d+⟩\))? {num}"
                           rf"(?=[,.;]| and| out of| of|$)"),
        "and-leading": re.compile(rf"^(?: seats?)?,? (?:and|while|but|besides) (?:was |is |also |were )?{lead} "
                                  rf"(?:another |other |a further )?{num}"),
        # "won 10 seats while BJP got two": another party's count, "seats" understood
        "and-other": re.compile(rf"^(?: seats?)?,? (?:while|whereas|and) (?:the )?(?P<who>⟨[PA]\d+⟩) {won} {num}"
                                rf"(?![\w⟨])(?! (?:per ?cent|%|votes?|lakh))"),
        "and-won": re.compile(rf"^(?: seats?)?,? (?:and|while|but|besides) (?:has |had |also )?{won} "
                              rf"(?:another |other |a further )?{num}(?=[,.;]|$| seats?| more| others?)"),
        "leading": re.compile(rf"(?:{who}|{anaphora})(?: [^⟨.;,]{{0,50}}?)? {lead} (?:another |other |a further )?{num}"
                              rf"(?: (?:other|more|others|seats?|constituencies)\b|(?=[,.;]|$))"),
        # "<P> को 132 सीटें, <P> को 57 सीटें ... मिली हैं": every item of a list the verb closes
        # "13 में 11 सीटों पर INDIA ने जीत दर्ज की है"
        "hi-won-first": re.compile(rf"(?:(?P<of>⟨M\d+⟩) में (?:से )?)?(?P<n>⟨M\d+⟩) सीट(?:ों|ें)? पर (?P<who>⟨[PA]\d+⟩) ने "
                                   rf"{_alt(hi.get('tally_won', []))}"),
        "hi-won": re.compile(rf"(?P<who>⟨[PA]\d+⟩)(?: \(⟨P\d+⟩\))? (?:को|ने) (?:[{_DEV}]+ ){{0,2}}?(?:कुल |सिर्फ |केवल )?(?:(?P<of>⟨M\d+⟩) में से )?"
                             rf"{hnum} (?:लोकसभा |विधानसभा )?सीट(?:ों|ें)?(?=,| और| ही| पर| {_alt(hi.get('tally_won', []))})"),
        # "महाविकास अघाडी सिर्फ 49 सीटें ही जीत सकी"
        "hi-intrans": re.compile(rf"(?P<who>⟨[PA]\d+⟩) (?:कुल |सिर्फ |केवल )?{hnum} सीट(?:ों|ें)? (?:ही )?(?:पर |को )?"
                                 rf"{_alt(hi.get('tally_won_intrans', []))}(?![{_DEV_LETTER}])"),
        # "दो सीट (हिमाचल की हमीरपुर और ...) बीजेपी के खाते में गई है"
        "hi-khate": re.compile(rf"{hnum} सीट(?:ों|ें)? (?:\([^()]*\) )?(?P<who>⟨[PA]\d+⟩) "
                               rf"{_alt(hi.get('tally_khate', ['के खाते में गई']))}(?![{_DEV_LETTER}])"),
        "hi-verb": re.compile(rf"सीट(?:ों|ें)?(?: ही)? (?:पर )?{_alt(hi.get('tally_won', []))}(?![{_DEV_LETTER}])"),
        "hi-leading": re.compile(rf"(?P<who>⟨[PA]\d+⟩) (?:[^⟨।]{{0,20}} )?(?P<n>⟨M\d+⟩) सीटों पर "
                                 rf"{_alt(hi.get('tally_leading', []))}(?![{_DEV_LETTER}])"),
    }


def tally_claims(tg: Tagged, patterns: dict[str, re.Pattern], alliances: dict[str, str],
                 number_words: dict[str, int]) -> list[TallyClaim]:
    """The tallies one tagged sentence states (`alliances`: surface -> alliance name)."""
    t, named = _mark_alliances(tg, alliances)
    if not re.search(r"seats?\b|constituenc|सीट", t):
        return []
    out: list[TallyClaim] = []

    def claim(m: re.Match, status: str) -> TallyClaim | None:
        who = m.group("who")
        if who is None:     # "the party": the one party or alliance the sentence named before
            before = set(re.findall(r"⟨[PA]\d+⟩", t[:m.start("ana")]))
            if len(before) != 1:
                return None
            who = before.pop()
            start = t.index(who)
        else:
            start = m.start("who")
        led = re.search(r"-led (?:the )?$", t[:start])
        if (led and not who.startswith("⟨A")) or \
                re.search(r"(?:⟨N\d+⟩['’]s?|⟨[PA]\d+⟩,? and|⟨[PA]\d+⟩,) (?:the )?$", t[:start]):
            # "Sharad Pawar-led NCP", "Uddhav Thackeray's Shiv Sena": which faction? "A, B and C": whose?
            # ("the BJP-led Mahayuti" is the alliance, whoever leads it)
            return None
        if m.groupdict().get("paren"):
            return None    # "NCP (SP)" spelled with another party's abbreviation: which party?
        if who.startswith("⟨A"):
            name, is_alliance = named[int(who[2:-1])], True
        else:
            name, is_alliance = tg.tokens[int(who[2:-1])].value, False
        n = m.group("n")
        if n.startswith("⟨M"):
            seats, qual = tg.tokens[int(n[2:-1])].value
        else:
            seats, qual = number_words[n.lower()], ""
        of = m.groupdict().get("of")
        total = tg.tokens[int(of[2:-1])].value[0] if of else None
        if total is not None and seats > total:
            return None
        return TallyClaim(name, is_alliance, seats, total, status, qual)

    for kind in ("won", "hi-won", "hi-won-first"):
        if kind == "hi-won" and not patterns["hi-verb"].search(t):
            continue
        for m in patterns[kind].finditer(t):
            c = claim(m, "won")
            if c is None:
                continue
            out.append(c)
            if kind == "won":      # "the BJP had won 132, the Shiv Sena 57, and the NCP 41 out of 288"
                rest, items = t[m.end():], []
                lead = patterns["and-leading"].match(rest)
                if lead is not None:   # "had won 20 seats while leading in another 14"
                    seats, qual = (tg.tokens[int(lead.group("n")[2:-1])].value if lead.group("n").startswith("⟨M")
                                   else (number_words[lead.group("n").lower()], ""))
                    out.append(TallyClaim(c.who, c.is_alliance, seats, None, "leading", qual))
                other = patterns["and-other"].match(rest)
                if other is not None and (c2 := claim(other, "won")) is not None:
                    out.append(c2)
                while (item := patterns["list"].match(rest)) is not None:
                    items.append(claim(item, "won"))
                    rest = rest[item.end():]
                total = re.match(r"\s*(?:out of|of) (?:the )?(?:total )?⟨M(\d+)⟩", rest)
                for c2 in [c, *items] if items else []:
                    if c2 is not None and total and c2.of is None:
                        c2.of = tg.tokens[int(total.group(1))].value[0]
                out.extend(i for i in items if i is not None)
    for kind in ("leading", "hi-leading"):
        for m in patterns[kind].finditer(t):
            c = claim(m, "leading")
            if c is not None:
                out.append(c)
                more = patterns["and-won"].match(t[m.end():]) if kind == "leading" else None
                if more is not None:   # "leading in 36 seats and winning four"
                    seats, qual = _count(tg, more.group("n"), number_words)
                    out.append(TallyClaim(c.who, c.is_alliance, seats, None, "won", qual))
    for m in patterns["hi-khate"].finditer(t):
        c = claim(m, "won")
        if c is not None and not any(o.who == c.who and o.status == "won" for o in out):
            out.append(c)
    if patterns["hi-intrans"].search(t):
        for m in patterns["hi-intrans"].finditer(t):
            c = claim(m, "won")
            if c is not None and not any(o.who == c.who and o.status == "won" for o in out):
                out.append(c)
    unique: list[TallyClaim] = []
    for c in out:      # "had won 20 seats and was leading in 14 others" is read by two patterns
        if c not in unique:
            unique.append(c)
    return unique


def _count(tg: Tagged, n: str, number_words: dict[str, int]) -> tuple[int, str]:
    """A count token (⟨M⟩) or number word's value and qualifier."""
    return tg.tokens[int(n[2:-1])].value if n.startswith("⟨M") else (number_words[n.lower()], "")


def _mark_alliances(tg: Tagged, alliances: dict[str, str]) -> tuple[str, list[str]]:
    """The template with alliance names as ⟨A⟩ tokens (local to tally reading), and their names."""
    t, named = tg.template, []
    for surface in sorted(alliances, key=len, reverse=True):
        rx = re.compile(rf"(?<![A-Za-z{_DEV}⟨]){_spelling_rx(surface)}(?![A-Za-z{_DEV}])",
                        0 if surface.isupper() else re.I)

        def mark(m: re.Match, surface: str = surface) -> str:
            named.append(alliances[surface])
            return f"⟨A{len(named) - 1}⟩"
        t = rx.sub(mark, t)
    return t, named


# precomposed nukta letters (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़) by their base letter
_NUKTA_LETTERS = {unicodedata.normalize("NFD", chr(c))[0]: chr(c) for c in range(0x958, 0x960)}


def _spelling_rx(surface: str) -> str:
    """A pattern for a name in any of its usual Devanagari spellings (store.text.fold_devanagari's
    variants: a nukta or none, anusvara, chandrabindu or a half nasal): "महाविकास अघाडी" meets "अघाड़ी"."""
    if not re.search(f"[{_DEV}]", surface):
        return re.escape(surface)
    out = []
    for ch in fold_devanagari(surface):
        if ch == "\u0902":
            out.append("(?:\u0902|\u0901|[\u0919\u091e\u0923\u0928\u092e]\u094d)")
        elif "\u0915" <= ch <= "\u0939":
            out.append(f"(?:{re.escape(ch)}\u093c?{'|' + _NUKTA_LETTERS[ch] if ch in _NUKTA_LETTERS else ''})")
        else:
            out.append(re.escape(ch))
    return "".join(out)
