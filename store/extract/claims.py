"""Claim patterns over tagged templates: who won, lost, leads, trails, polled."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import thresholds as th
from .lexicon import _DEV, _DEV_LETTER, Lexicon, _alt
from .names import norm_name
from .tagging import ArticleMemory, Tagged, _person
from .timeframes import TimeFrame

# ---------------------------------------------------------------- patterns


@dataclass
class Side:
    candidate: str = ""
    party: str | None = None      # party surface form (a key of Names.party_forms)
    role: str = ""                # "winner" for "the winner polled ...": whoever the article says won
    party_known: bool = False     # the party comes from elsewhere in the article, not this sentence


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
    confidence: float = th.CONF_MATCH
    position: int | None = None
    frame: TimeFrame | None = None   # the claim's own election ("coming second in 2014"), else the sentence's
    rank: str = ""                   # for a vote count: "first" / "second" when the sentence says who was ahead


def _chunk(en: dict, g: str) -> str:
    """Who a claim is about, as the named group `g`: a person with or without a party, a party, an anaphora."""
    P, N = r"⟨P\d+⟩", r"⟨N\d+⟩"
    roles = _alt(en.get("person_roles", ["candidate", "nominee"]))
    kin = _alt(en.get("kin", ["son"]))
    rel = rf"(?: who [a-z ]{{0,40}}?(?:on|with) (?:the |a )?{P}(?: ?symbol| ticket)?)?"
    return (rf"(?P<{g}>(?:the )?(?:{P}(?: \({P}\))?(?:['’]s)? (?:{roles} ){{0,7}}{N}{rel}"
            # "its candidate X": the party the sentence named before
            rf"|its (?:{roles}) {N}"
            rf"|(?:(?!its )[A-Za-z\-]+ ){{0,3}}?(?:candidate|nominee) {N}{rel}"
            # "sitting MLA of the AIMIM Mufti Ismail": a role of a party, then the person
            rf"|(?:{roles} ){{1,3}}(?:of|from) (?:the )?{P}(?: \({P}\))? {N}"
            # "X, son of party chief Y won": X is who the claim is about (the chunk's first person)
            rf"|{N}, (?:{kin}) of (?:the )?(?:[a-z]+ ){{0,3}}{N}"
            # "X, daughter of TMC Rajya Sabha MP and Matua leader Y, won": the kin's description set off by commas
            rf"|{N}, (?:{kin}) of (?:the )?(?:(?:⟨[PT]\d+⟩|[A-Za-z][A-Za-z\-]*) ){{1,8}}{N},"
            rf"|{N}(?: (?:of|from) (?:the )?{P}| \({P}\))?{rel}"
            rf"|{P}(?: \({P}\))?(?:['’]s)?(?: candidate| nominee)?(?!(?: (?:{roles}|and|former|Union|union|ex|senior|Deputy|deputy|Chief|Minister|state|State)){{0,8}} {N})"
            rf"|the party(?:['’]s candidate)?))")


def build_patterns(lex: Lexicon) -> list[tuple[str, str, re.Pattern]]:
    """(method, role layout, regex over templates)."""
    en, hi = lex.en, lex.hi
    P, N = r"⟨P\d+⟩", r"⟨N\d+⟩"
    def ch(g: str) -> str:
        return _chunk(en, g)

    app = (r"(?P<app>, (?:backed|supported|endorsed) by (?:the )?(?:⟨P\d+⟩(?: \(⟨P\d+⟩\))?(?:, | and ))*⟨P\d+⟩(?: \(⟨P\d+⟩\))?,"
           r"|, (?:representing|of) (?:the )?⟨P\d+⟩(?: \(⟨P\d+⟩\))?,"
           r"|, [^,⟨]{0,60}(?:⟨[NTP]\d+⟩[^,⟨]{0,30}){0,3},| under ⟨N\d+⟩['’]s leadership|,? led by ⟨N\d+⟩,?)?")
    # adverbs between who and the verb, from data ("has comfortably won"), after an aside (", however,")
    aside = rf"(?:, (?:{_alt(en.get('asides', ['however']))}),)?"
    adv = rf"{aside}(?: (?:{_alt(en.get('adverbs', []) + ['who'])}|on [A-Z][a-z]+day|[A-Z][a-z]+day)){{0,3}}"
    adv_lead = rf"{aside}(?: (?:{_alt(en.get('adverbs_lead', []))}|on [A-Z][a-z]+day)){{0,3}}"
    # "his nearest rival, X", "his nephew and NCP (SP) candidate X", "his nephew X"
    rival = (rf"(?:(?:his|her|their|the) )?(?:{_alt(en['rival'])},? )?(?:{_alt(en.get('kin', ['son']))}(?: and)? )?"
             rf"(?:(?:{_alt(en.get('former_words', ['former']))}) )?")
    won, defeated, lost = _alt(en["won"]), _alt(en["defeated"]), _alt(en["lost"])
    # "won the high-profile Worli seat", "won from his traditional Baramati constituency"
    seat = r"(?:(?:the )?(?:⟨T\d+⟩ )?(?:[Aa]ssembly |Lok Sabha )?(?:polls?|elections?) (?:from|in) )?" \
           r"(?:in |from |at )?(?:(?:the|his|her|their) )?(?:[a-z][a-z\-]+ ){0,2}?(?:(?:⟨T\d+⟩|[A-Z][a-z]+)['’]s |⟨T\d+⟩ )?(?P<s>⟨S\d+⟩)"
    anaphora = r" (?:the )?(?:seat|bypoll|by-poll|by-election|constituency)\b"
    end_ok = r"(?=$|[,.;:]| by | with | after | on | in (?!⟨S)| comfortably| handsomely)"
    defeat_tail = (rf"(?:(?:(?: [^⟨,.;]{{0,30}})?,? {defeated}|(?: (?:[^⟨,.;]|⟨M\d+⟩){{0,60}}?)? over) "
                   rf"{rival}{ch('b')})?")
    lead = _alt([w for w in en["leading"] if not w.endswith("ahead of")])
    ahead = _alt([w for w in en["leading"] if w.endswith("ahead of")])
    hroles = _alt(hi.get("person_roles", ["उम्मीदवार", "प्रत्याशी"]))
    titles = _alt(hi.get("titles", ["श्री"]))
    # "भाजपा के होशियार सिंह", "भारतीय जनता पार्टी (भाजपा) के ...", "कांग्रेस के डॉक्टर जीतराम", "भाजपा उम्मीदवार श्री ..."
    pp = rf"{P}(?: \({P}\))?"
    # "राकांपा के उम्मीदवार अजीत पवार", "आम आदमी पार्टी (आप) के उम्मीदवार मोहिंदर भगत": a role after के
    hch = (rf"(?:\(?{pp}\)?(?: \([{_DEV}]+\))? (?:के|की) (?:(?:{hroles}) )?(?:{titles} )?{N}|{pp} (?:{hroles})(?: {titles})? {N}"
           rf"|{N}|{pp})")
    units = _alt(hi.get("vote_units", ["वोट"]))
    after_q = _alt([q for q in hi.get("qualifiers", {}) if q.startswith("से ")] or ["से अधिक"])
    # "1,900 वोटों से ज्यादा के अंतर से", "3,252 मतों के अंतर से", "5224 मतों से"
    hmargin = rf"⟨M\d+⟩ (?:{units})(?: {after_q})?(?: के अंतर)? से"
    # "अपने निकटतम प्रतिद्वंद्वी (एवं)"
    hrival = rf"(?:(?:{_alt(hi.get('rival', ['प्रतिद्वंद्वी']))}) )?"
    # the seat a Hindi clause opens with: "देहरा विधानसभा क्षेत्र में <winner> ने ...", "नालागढ़ विधानसभा क्षेत्र <P> उम्मीदवार ..."
    hseat = r"(?:(?P<s>⟨S\d+⟩)(?: (?:में|से|पर)(?: [^⟨।,]{0,30}?)?)? )?"
    harake_bare = _alt([w[3:] for w in hi["harake"] if w.startswith("को ")])
    M = r"⟨M\d+⟩"
    votes_verb = _alt(en["votes_verbs"])
    finished = _alt(en["finished"])
    place = rf"(?:on |at |in )?(?:the |a )?(?:distant |close |poor |respectable )?(?P<pos>{_alt(en['positions'])})" \
            rf"(?: position| place| spot)?"
    # "in Chamoli district": where the seat is
    place_of = rf"(?:[A-Z][a-z]+ ){{1,2}}{_alt(en.get('district_words', ['district']))}"
    winner = r"(?P<w>(?:the |The )?(?:winner|winning candidate|victor))"
    # titles and initials before a name in a list ("Munirathna and Dr CM Rajesh Gowda")
    titled = rf"(?:(?:{_alt(en.get('abbreviations', ['Dr']))})\.? )?(?:[A-Z]{{1,3}}\.? )?"
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
            rf"(?P<b>{hch}) (?:[^⟨।]{{0,20}} )?(?P<pos>{_alt(hi['positions'])}) {_alt(hi['sthan'])}(?![{_DEV_LETTER}])")),
        # vote counts: they name and number a row another claim files, they never file one themselves
        ("pattern:votes", "a-more-votes-b", re.compile(
            rf"{ch('a')}{adv} {votes_verb} (?:{M} )?more votes than {rival}{ch('b')}")),
        ("pattern:votes", "a-votes", re.compile(
            rf"(?:{ch('a')}|{winner})(?:{app}|, who [^,⟨]{{0,100}},|,)?{adv} {votes_verb} (?P<v>{M}) votes?\b")),
        ("pattern:votes", "a-votes-elided", re.compile(
            rf"(?:while|whereas|and) {ch('a')} {votes_verb} (?P<v>{M})(?=$|[.,;])")),
        ("pattern:hi-votes", "a-votes", re.compile(
            rf"(?P<a>{hch}) को (?:[{_DEV}]+ ){{0,2}}?(?P<v>{M}) {_alt(hi['votes'])}(?![{_DEV_LETTER}])")),
        # "<N> को <n> और <N> को <n> मत मिले हैं": the first count's verb is the second's
        ("pattern:hi-votes", "a-votes", re.compile(
            rf"(?P<a>{hch}) को (?P<v>{M})(?= (?:और|जबकि|व) {hch} को {M} {_alt(hi['votes'])}(?![{_DEV_LETTER}]))")),
        ("pattern:hi-votes", "a-votes", re.compile(
            rf"(?P<a>{hch}) ने (?:[{_DEV}]+ ){{0,2}}?(?P<v>{M}) {_alt(hi['votes_ne'])}(?![{_DEV_LETTER}])")),
        ("pattern:hi-haar", "b-lost", re.compile(
            rf"(?:(?P<s>⟨S\d+⟩) (?:में|से|पर) (?:[^⟨।]{{0,30}} )?)?(?P<b>{hch}) (?:[^⟨।]{{0,20}} )?"
            rf"{_alt(hi['haar'])}(?![{_DEV_LETTER}])")),
        # "Trinamool Congress (TMC) candidates Krishna Kalyani and Madhuparna Thakur won Raiganj and Bagda
        # respectively": the i-th person won the i-th seat
        ("pattern:respectively", "pairs-won", re.compile(
            rf"(?:(?P<pp>{P})(?: \({P}\))?(?:['’]s)? (?:{_alt(en.get('plural_roles', ['candidates']))}) )?"
            rf"(?P<people>{titled}{N}(?:, {titled}{N})*,? and {titled}{N}){adv} {won} (?:the )?"
            rf"(?P<pl>⟨S\d+⟩(?:, ⟨S\d+⟩)*,? and ⟨S\d+⟩)(?: (?:assembly |Lok Sabha )?(?:seats|constituencies|segments))?"
            rf",? {_alt(en.get('respectively', ['respectively']))}\b")),
        ("pattern:seat-list", "a-won-list", re.compile(
            rf"{ch('a')}{adv} {won} (?:the )?(?P<sl>⟨S\d+⟩(?: in ⟨T\d+⟩)?(?:, ⟨S\d+⟩(?: in ⟨T\d+⟩)?)*,? and ⟨S\d+⟩(?: in ⟨T\d+⟩)?)")),
        ("pattern:won", "a-won", re.compile(
            rf"{ch('a')}{app}{adv} {won}(?: {seat}|{anaphora}|{end_ok}){defeat_tail}")),
        # "X made his electoral debut from the S and emerged victorious with ...", "X survived a scare from his
        # nearest BJP rival in the S but managed to win the tight contest by ...": the seat in the first verb phrase
        ("pattern:won", "a-won", re.compile(
            rf"{ch('a')}{adv} {_alt(en.get('contested', ['contested']))}(?: [^⟨;.,]{{0,40}}?(?:⟨P\d+⟩[^⟨;.,]{{0,20}}?)?)? "
            rf"(?:from|in) (?:the )?(?:[a-z\-]+ ){{0,2}}?(?P<s>⟨S\d+⟩)(?: in ⟨T\d+⟩)?,? (?:and|but) "
            rf"{_alt(en.get('coordinated_won', ['won']))}(?: (?:the )?(?:[a-z\-]+ )?"
            rf"{_alt(en.get('contest_nouns', ['contest']))})?{end_ok}")),
        ("pattern:defeated", "a-beat-b", re.compile(rf"{ch('a')}{app}{adv} {defeated} {rival}{ch('b')}")),
        # "Independent candidate X, who quit the LJP-R to contest Rupauli bypoll in Bihar defeated ...": a relative
        # clause the report did not close with a comma, ending right before the defeat verb
        ("pattern:defeated", "a-beat-b", re.compile(
            rf"{ch('a')}, who (?!{defeated}\b)[a-z][^,⟨;]{{0,40}}?(?:⟨[PTS]\d+⟩(?: \(⟨P\d+⟩\))?[^,⟨;]{{0,30}}?){{0,4}} "
            rf"{defeated} {rival}{ch('b')}")),
        # "X lost the S seat by N votes" (a loss with no winner named)
        ("pattern:lost", "b-lost", re.compile(
            rf"{ch('b')}{app}{adv} {lost} (?:the )?(?:(?!in |at |from |to )[a-z\-]+ ){{0,2}}?(?P<s>⟨S\d+⟩)(?! to )")),
        ("pattern:lost-to", "b-lost-a", re.compile(
            rf"{ch('b')}{adv} {lost} (?:the )?(?P<s>⟨S\d+⟩)(?: in (?:⟨T\d+⟩|{place_of}))?(?: by (?:a (?:[a-z]+ )?margin of )?"
            rf"(?P<m>⟨M\d+⟩)(?: votes)?)? to (?:the )?{ch('a')}")),
        ("pattern:wrested", "a-wrested-b", re.compile(
            rf"{ch('a')}{adv} {_alt(en['wrested'])} (?:the )?(?P<s>⟨S\d+⟩)(?: in ⟨T\d+⟩)? from (?:the )?{ch('b')}")),
        ("pattern:win-noun", "a-won", re.compile(
            rf"{ch('a')}['’]s (?:[a-z]+ ){{0,2}}?{_alt(en['win_nouns'])} (?:in|from) (?:the )?(?P<s>⟨S\d+⟩)")),
        ("pattern:leading", "a-leads-b", re.compile(rf"{ch('a')}{app}{adv_lead} {ahead} {rival}{ch('b')}")),
        # "X was leading (in S) (by N votes) over/against Y", "X is leading Y by 597 votes"
        ("pattern:leading", "a-leads-b", re.compile(
            rf"{ch('a')}{app}{adv_lead} {lead}(?: [^⟨;]{{0,60}}?(?:⟨[SM]\d+⟩[^⟨;]{{0,20}}?){{0,2}})? (?:over|against) "
            rf"{rival}{ch('b')}")),
        ("pattern:leading", "a-leads-b", re.compile(
            rf"{ch('a')}{app}{adv_lead} (?:is |was )?(?:leading|leads) {rival}{ch('b')}")),
        ("pattern:trailing", "b-trails-a", re.compile(
            rf"{ch('b')}{adv_lead} {_alt(en['trailing'])}(?: behind)? {rival}{ch('a')}")),
        # "X was trailing in S by N votes against her nearest BJP rival Y"
        ("pattern:trailing", "b-trails-a", re.compile(
            rf"{ch('b')}{app}{adv_lead} {_alt(en['trailing'])}(?: [^⟨;]{{0,60}}?(?:⟨[SM]\d+⟩[^⟨;]{{0,20}}?){{0,2}})? "
            rf"(?:behind|against) {rival}{ch('a')}")),
        ("pattern:leading", "a-leads", re.compile(rf"{ch('a')}{app}{adv_lead} {lead}(?![a-z])")),
        ("pattern:trailing", "b-trails", re.compile(rf"{ch('b')}{app}{adv_lead} {_alt(en['trailing'])}(?![a-z])")),
        # "<winner> ने (अपने प्रतिद्वंद्वी <loser> को <N> वोटों से हराकर) (<N> वोटों से) जीत हासिल की"
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<a>{hch}) ने (?:{hrival}(?P<b>{hch}) (?:को (?:{hmargin} )?{harake_bare}|{_alt(hi['harake'])}|पर) )?"
            rf"(?:{hmargin} )?(?:[^⟨।]{{0,25}}? )?{_alt(hi['jeet'])}")),
        # "<winner> ने शनिवार को <seat> सीट पर कई राउंड में पिछड़ने के बाद <N> मतों के अंतर से जीत हासिल की"
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<a>{hch}) ने [^⟨।]{{0,30}}?(?P<s>⟨S\d+⟩)[^⟨।]{{0,60}}? (?:{hmargin} )?{_alt(hi['jeet'])}")),
        # "<winner> ने (<N> वोटों से) (अपने निकटतम प्रतिद्वंद्वी) <loser> को (<N> मतों से) हराया / पराजित किया"
        ("pattern:hi-haraya", "a-beat-b", re.compile(
            rf"{hseat}(?P<a>{hch}) ने (?:⟨S\d+⟩ (?:से|में|पर) )?(?:{hmargin} )?{hrival}(?P<b>{hch}) (?:को|पर) (?:{hmargin} )?"
            rf"{_alt(hi['haraya'])}")),
        # "<loser> <winner> से <N> मतों के अंतर से हार गए"
        ("pattern:hi-haraya", "a-beat-b", re.compile(
            rf"(?P<b>{hch}) {hrival}(?P<a>{hch}) से (?:{hmargin} )?{_alt(hi.get('haar_se', ['हार गए']))}(?![{_DEV_LETTER}])")),
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<a>{hch}) {_alt(hi['jeet_short'])}(?![{_DEV_LETTER}])")),
        # "<seat> से <P> के <N> और <seat> से <P> के <N> को जीत मिली है": each conjunct its own seat and winner
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<a>{hch})(?=(?: और ⟨S\d+⟩ (?:में|से|पर) {hch})* को "
            rf"{_alt(hi.get('jeet_mili', ['जीत मिली']))}(?![{_DEV_LETTER}]))")),
        # "<P/N> को <seat> में जीत मिली"
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<a>{hch}) को (?:[^⟨।]{{0,20}} )?(?P<s>⟨S\d+⟩) (?:में|से|पर) (?:[^⟨।]{{0,30}} )?"
            rf"{_alt(hi.get('jeet_mili', ['जीत मिली']))}(?![{_DEV_LETTER}])")),
        # "<seat> पर हुए उपचुनाव में जीत का सेहरा <P> के सिर सज गया": the crown of victory on the winner's head
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर)(?: [^⟨।]{{0,30}}?)? जीत का सेहरा (?P<a>{hch}) "
            rf"{_alt(hi.get('sehra', ['के सिर सजा']))}(?![{_DEV_LETTER}])")),
        # "<seat> विधानसभा क्षेत्र से <...> हेमंत सोरेन चुनाव जीत गए हैं", "<seat> सीट से <P> प्रत्याशी <N> 20 हजार
        # 508 वोट से चुनाव जीत गए": an intransitive win, the seat before, an optional margin between
        ("pattern:hi-jeet", "a-won", re.compile(
            rf"(?P<s>⟨S\d+⟩)(?: (?:{_alt(hi.get('seat_nouns', ['सीट']))}))* (?:में|से|पर)(?: भी)? "
            rf"(?:[^⟨।,]{{0,30}}?(?:⟨T\d+⟩[^⟨।,]{{0,30}}?)?)?(?P<a>{hch}) "
            rf"(?:⟨M\d+⟩ (?:{_alt(hi.get('vote_units', ['वोट']))}) (?:के अंतर )?से )?"
            rf"{_alt(hi.get('jeet_intrans', []))}(?![{_DEV_LETTER}])")),
        ("pattern:hi-aage", "a-leads", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<a>{hch}) (?:[{_DEV}]+ )?{_alt(hi['aage'])}(?![{_DEV_LETTER}])")),
        ("pattern:hi-peeche", "b-trails", re.compile(
            rf"(?P<s>⟨S\d+⟩) (?:में|से|पर) (?P<b>{hch}) (?:[{_DEV}]+ )?{_alt(hi['peeche'])}(?![{_DEV_LETTER}])")),
    ]


@dataclass(frozen=True)
class Tails:
    """What a result clause goes on to say about others: "..., defeating X (and Y)", "..., wresting the
    seat from the P", "wins S1, loses S2"."""

    loser: re.Pattern        # the first loser after a win that named none
    wrest: re.Pattern        # "..., wresting the seat from the JMM": who lost it
    more: re.Pattern         # one more loser coordinated with the one before
    elided_loss: re.Pattern  # the winner's own loss of another seat, subject elided
    final: re.Pattern        # counting is over ("at the end of the 15 rounds"): a win in a round count stands
    pushed: re.Pattern | None = None   # "..., while pushing the RJD's Bima Bharti to the third": a loser and place
    after_qualifier: re.Pattern | None = None   # "1,900 वोटों से ज्यादा": a qualifier after the unit
    after_values: dict | None = None


def build_tails(lex: Lexicon) -> Tails:
    en = lex.en
    after_q = {q: v for q, v in lex.hi.get("qualifiers", {}).items() if q.startswith("से ")}
    rival = (rf"(?:(?:his|her|their|the) )?(?:{_alt(en['rival'])},? )?(?:{_alt(en.get('kin', ['son']))}(?: and)? )?"
             rf"(?:(?:former|sitting|outgoing) )?")
    # "its ally in the state, the Shiv Sena,": an appositive naming who, after a description
    described = r"(?:(?:its|his|her|their) [a-z ]{1,30}, )?"
    led = r"(?:(?:the )?(?:[A-Z][A-Za-z]+ ){0,3}?[A-Z][A-Za-z]+-led )?"
    gap = r"(?:[^⟨;]{0,40}?(?:⟨[SMTP]\d+⟩[^⟨;]{0,30}?){0,2})?"
    end = r"(?=$|[,.;]| by | with | in | after | to )"
    final = [re.escape(w).replace(r"\ ", " ").replace(re.escape("{n}"), r"⟨M\d+⟩")
             for w in sorted(en.get("final_round", []), key=len, reverse=True)]
    return Tails(
        loser=re.compile(rf"{gap},? (?:by )?(?:{_alt(en['defeated'])}) {described}{rival}{led}{_chunk(en, 'b')}{end}"),
        wrest=re.compile(rf"{gap},? {_alt(en.get('wresting', ['wresting']))} (?:the seat |it |the constituency )?"
                         rf"from {led}{_chunk(en, 'b')}{end}"),
        more=re.compile(rf"(?:,| and|, and) {rival}{_chunk(en, 'b')}{end}"),
        elided_loss=re.compile(rf",? (?:but |and |while )?{_alt(en.get('lost_elided', ['lost']))} (?:the )?"
                               rf"(?P<s>⟨S\d+⟩)(?!(?: [a-z]+)? to )"),
        final=re.compile("|".join(final) if final else r"(?!)"),
        pushed=re.compile(rf"{gap},? (?:while |and )?(?:{_alt(en.get('pushed', ['pushing']))}) {rival}{_chunk(en, 'b')} to "
                          rf"(?:the |a )?(?:distant |poor )?(?P<pos>{_alt(en['positions'])})(?: position| place| spot)?"
                          rf"(?=$|[,.;])"),
        after_qualifier=re.compile(rf" (?:{_alt(lex.hi.get('vote_units', ['वोट']))}) ({_alt(list(after_q))})(?![{_DEV_LETTER}])")
        if after_q else None,
        after_values=after_q,
    )


_MARGIN = re.compile(
    r"(?:(?:by|with) (?:a |an )?(?:[a-z]+ ){0,2}?(?:margin|lead|majority|difference) of (?P<m1>⟨M\d+⟩)"
    r"|(?:margin|a difference|lead) of (?P<m2>⟨M\d+⟩)|\bby (?P<m3>⟨M\d+⟩) votes"
    r"|\bwith (?:a |an )?(?:[a-z]+ )?(?P<m5>⟨M\d+⟩)(?: votes?)?(?:-| )(?:vote )?(?:margin|lead|majority)\b"
    r"|\blead (?:to|of) (?P<m6>⟨M\d+⟩) votes"
    r"|(?P<m4>⟨M\d+⟩) (?:वोटों|वोट|मतों) (?:के अंतर )?से)")
_RESPECTIVELY = re.compile(r"\brespectively\b|क्रमशः|क्रमश:")
_MARGIN_AFTER = re.compile(r", with (?:a |an )?(?:[a-z]+ ){0,2}?(?:margin|lead|majority) of (?P<m1>⟨M\d+⟩)")
_ROUNDS = re.compile(r"(?:after|in|till|until|during|at the end of) (?:the |all )?⟨M(\d+)⟩ (?:rounds?|of \d+ rounds)|⟨M(\d+)⟩ (?:राउंड|दौर)")
# "after the 16th round", "at the end of the fifth round", "after round 5", "15 वें राउंड": the round counted
_ROUND_NTH = re.compile(r"(?:after|at the end of|till|until|by|in) (?:the )?(?P<n>\d+)(?:st|nd|rd|th) round\b"
                        r"|(?:after|at the end of|till|until|by|in) (?:the )?(?P<w>[a-z]+) round\b"
                        r"|\bafter round (?:no\.? )?⟨M(?P<t>\d+)⟩|(?P<h>\d+) ?(?:वें|वां|वीं)? राउंड")
_CLAUSE_BREAK = re.compile(r"; | while | whereas | but |, with |, and (?=⟨[PN])| और (?=⟨[PN])")


def _side(tagged: Tagged, chunk: str, memory: ArticleMemory, at: int = 0) -> Side | None:
    if chunk.startswith("the party"):
        # anaphora: the one party the sentence named before it
        before = {tagged.tokens[int(i)].value for i in re.findall(r"⟨P(\d+)⟩", tagged.template[:at])}
        return Side("", before.pop()) if len(before) == 1 else None
    if re.match(r"⟨N\d+⟩, [a-z\-]+ of ", chunk):
        chunk = chunk[:chunk.index(",")]     # "X, son of Y": the claim is X's
    toks = [(k, int(i)) for k, i in re.findall(r"⟨([PN])(\d+)⟩", chunk)]
    people = [_person(tagged.tokens[i]) for k, i in toks if k == "N"]
    parties = [tagged.tokens[i].value for k, i in toks if k == "P"]
    if chunk.startswith("its "):
        # "its candidate X": the one party the sentence named before
        before = {tagged.tokens[int(i)].value for i in re.findall(r"⟨P(\d+)⟩", tagged.template[:at])}
        if len(before) != 1 or len(people) != 1:
            return None
        parties = [before.pop()]
    if len(people) > 1 or len({memory.canon.get(p, p) for p in parties}) > 1:
        return None
    candidate = people[0] if people else ""
    party = parties[0] if parties else None
    if candidate and party is None:
        known = memory.person_party.get(norm_name(candidate), set())
        if len(known) == 1:
            return Side(candidate, next(iter(known)), party_known=True)
    if not candidate and party is None:
        return None
    return Side(candidate, party)


def kin_pattern(lex: Lexicon) -> re.Pattern:
    """Kin words around a name: "daughter of X", "X's wife": X is not the candidate."""
    kin = _alt(lex.en.get("kin", []))
    return re.compile(rf"(?:(?:{kin}) of (?:the )?(?:[a-z]+ ){{0,3}}|⟨[NP]\d+⟩,? and |⟨N\d+⟩, )$|^['’]s (?:{kin})\b")


def claims_in(tagged: Tagged, patterns, memory: ArticleMemory, positions: dict[str, int] | None = None,
              kin: re.Pattern | None = None, ordinals: tuple[str, ...] = (), tails: Tails | None = None) -> list[Claim]:
    """The claims a tagged sentence makes; `positions` maps place words ("third", "तीसरे") to numbers."""
    t = tagged.template
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for method, layout, rx in patterns:
        for m in rx.finditer(t):
            if any(m.start() < e and s < m.end() for s, e in taken if (s, e) != (m.start(), m.end())) \
                    and layout in ("a-beat-b", "a-leads", "b-trails") and _inside(m, taken):
                continue
            got = _claims_for(tagged, m, method, layout, memory, positions or {}, kin, ordinals, tails)
            if got:
                taken.append((m.start(), m.end()))
                claims.extend(got)
    return claims


def rounds_in(template: str) -> bool:
    """Counting is still on: "after 19 rounds", "12 राउंड"."""
    return bool(re.search(r"⟨M\d+⟩ (?:rounds?|of \d+ rounds)|(?:⟨M\d+⟩|\d+) ?(?:वें|वां|वीं)? ?(?:राउंड|दौर)|"
                          r"\d+(?:st|nd|rd|th) round\b|"
                          r"\b[a-z]+ round of counting|\bafter round ⟨M", template))


def _between_sides(m: re.Match) -> str:
    """The match without its sides' chunks ("won S with a margin of N votes over" in "X won S with a margin of
    N votes over Y"): where the claim's own margin is written, not a number inside a name."""
    text, start = m.group(), m.start()
    for g in ("a", "b"):
        if m.groupdict().get(g):
            a, b = m.start(g) - start, m.end(g) - start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _losers(tagged: Tagged, m: re.Match, tails: Tails, memory: ArticleMemory, seats: list[int], how: str,
            method: str, conf: float, winner: Side, have_loser: bool,
            positions: dict[str, int] | None = None) -> list[Claim]:
    """The losers a win's clause goes on to name ("..., defeating X and Y"), and the winner's own loss of
    another seat the sentence names ("wins S1, loses S2")."""
    t = tagged.template
    out: list[Claim] = []
    at = m.end("b") if have_loser else m.end()
    if not have_loser:
        brk = _CLAUSE_BREAK.search(t, m.end())
        clause = t[:brk.start() if brk else len(t)]
        first = tails.loser.match(clause, m.end()) or tails.wrest.match(clause, m.end())
        if first is not None:
            side = _side(tagged, first.group("b"), memory, first.start("b"))
            if side is None:
                return out
            out.append(Claim(method, "lost", side, seats, how, None, None, None, conf - th.STEP_SOFT))
            at = first.end("b")
    if have_loser or out:
        while (more := tails.more.match(t, at)) is not None:
            side = _side(tagged, more.group("b"), memory, more.start("b"))
            if side is None:
                break
            out.append(Claim(method, "lost", side, seats, how, None, None, None, conf - th.STEP_SOFT))
            at = more.end("b")
    if (have_loser or out) and tails.pushed is not None and (pushed := tails.pushed.match(t, at)) is not None:
        side = _side(tagged, pushed.group("b"), memory, pushed.start("b"))
        place = (positions or {}).get(pushed.group("pos").lower())
        if side is not None:
            out.append(Claim(method, "lost", side, seats, how, None, None, None, conf - th.STEP_SOFT, place))
    if winner.candidate and (lost := tails.elided_loss.match(t, m.end())) is not None:
        out.append(Claim(method, "lost", winner, [int(lost.group("s")[2:-1])], "match", None, None, None,
                         conf - th.STEP_SOFT))
    return out


def _pairs(tagged: Tagged, m: re.Match, method: str, memory: ArticleMemory, tails: Tails | None) -> list[Claim]:
    """"X and Y won A and B respectively": X won A, Y won B (as many people as seats, else nothing)."""
    t = tagged.template
    people = [int(i) for i in re.findall(r"⟨N(\d+)⟩", m.group("people"))]
    seats = [int(i) for i in re.findall(r"⟨S(\d+)⟩", m.group("pl"))]
    if len(people) != len(seats) or (rounds_in(t) and not (tails and tails.final.search(t))):
        return []
    party = tagged.tokens[int(m.group("pp")[2:-1])].value if m.group("pp") else None
    out = []
    for person, seat in zip(people, seats, strict=True):
        side = _side(tagged, f"⟨N{person}⟩", memory)
        if side is None:
            return []
        if party is not None:
            side = Side(side.candidate, party)
        out.append(Claim(method, "won", side, [seat], "match", None, None, None, th.CONF_MATCH))
    return out


def _inside(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() and m.end() <= e for s, e in taken)


def _claims_for(tagged: Tagged, m: re.Match, method: str, layout: str, memory: ArticleMemory,
                positions: dict[str, int], kin: re.Pattern | None = None,
                ordinals: tuple[str, ...] = (), tails: Tails | None = None) -> list[Claim]:
    t = tagged.template
    groups = m.groupdict()
    if layout == "pairs-won":
        return _pairs(tagged, m, method, memory, tails)
    if _RESPECTIVELY.search(t) and layout not in ("a-votes", "a-votes-elided", "a-more-votes-b"):
        return []          # "X and Dr Y have won A and B, respectively": never "Y won A"; only the pairs are read
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
    elif layout in ("a-leads-b", "b-trails-a") and (inner := re.search(r"\bin (?:the )?⟨S(\d+)⟩", m.group())):
        seats = [int(inner.group(1))]     # "X was leading in the S seat by N votes over Y"
    else:
        near = re.match(r"(?:[^⟨]{0,12}?|[^;]{0,60}?(?:votes|वोटों से|⟨N\d+⟩)) (?:in|from|at|for) (?:the )?⟨S(\d+)⟩",
                        tail)
        if near:
            seats, how = [int(near.group(1))], "clause"
        elif layout in ("a-leads", "b-trails", "a-leads-b", "b-trails-a") and re.match(
                r" in (?:the )?(?:[a-z]+ )?(?:other|more|several|many|all|both|most|⟨M\d+⟩|two|three|four|five|six|seven|eight|nine|ten)\b",
                tail):
            return []      # "leading in three other seats": not the seat this sentence names
        else:
            how = "sentence"
    for g in ("a", "b"):
        if groups.get(g) and kin is not None and (kin.search(t[:m.start(g)]) or kin.match(t, m.end(g))):
            return []      # "daughter of X won", "X's wife Y": X is not who won; "X and Y won A and B": whose is which?
    a = _side(tagged, groups["a"], memory, m.start("a")) if groups.get("a") else None
    b = _side(tagged, groups["b"], memory, m.start("b")) if groups.get("b") else None
    if (groups.get("a") or "").startswith("the party") or (groups.get("b") or "").startswith("the party"):
        how = "anaphora"
    if groups.get("a") and a is None:
        return []
    if a and not a.candidate and re.search(r"(?:backed|supported|endorsed) by (?:the )?(?:⟨P\d+⟩(?:,| and| \(⟨P\d+⟩\)) ?)*$",
                                           t[:m.start("a")]):
        return []          # "backed by Congress, SP and BSP, ... defeated Y": the backers did not win
    if groups.get("b") and b is None and layout not in ("a-won", "a-beat-b"):
        return []          # who lost is unclear ("NCP (SP) candidate X" read as two parties): the win still stands
    if groups.get("w"):
        a = Side(role="winner")
    if groups.get("app"):
        # "X, representing the Shiv Sena (UBT), won ...", "X, ... and BJP candidate, won ...": the aside names X's party
        for g, side in (("a", a), ("b", b)):
            if side and side.candidate and (side.party is None or side.party_known) and m.end(g) == m.start("app"):
                found = re.findall(r"(?:representing|of) (?:the )?⟨P(\d+)⟩(?: \(⟨P\d+⟩\))?,$|⟨P(\d+)⟩ (?:candidate|nominee),$",
                                   groups["app"])
                own = {tagged.tokens[int(x or y)].value for x, y in found}
                if len(own) == 1:
                    side.party, side.party_known = own.pop(), False
    margin = None
    # the margin in the match ("leading in S by a margin of N over Y") or in the rest of its clause
    inside = _between_sides(m)
    mm = (_MARGIN.search(inside) or _MARGIN.search(tail)) if not groups.get("m") else None
    if mm is None and not groups.get("m") and brk is not None:
        # "X defeated Y, a former Congress MP who ..., with a margin of 8,801 votes": a margin phrase right
        # after the clause break is still this clause's
        mm = _MARGIN_AFTER.match(t, brk.start())
    mtok = groups.get("m") or (next(g for g in mm.groups() if g) if mm else None)
    if mtok:
        margin = tagged.tokens[int(mtok[2:-1])].value
        if tails is not None and tails.after_qualifier is not None and not margin[1]:
            after = tails.after_qualifier.match(t, t.index(mtok) + len(mtok))
            if after is not None:      # "1,900 वोटों से ज्यादा के अंतर से": more than 1,900
                margin = (margin[0], tails.after_values[after.group(1)])
    rounds = None
    rm = _ROUNDS.search(t)
    if rm:
        rounds = tagged.tokens[int(rm.group(1) or rm.group(2))].value[0]
    elif (nth := _ROUND_NTH.search(t)) is not None:
        if nth.group("n") or nth.group("h"):
            rounds = int(nth.group("n") or nth.group("h"))
        elif nth.group("t"):
            rounds = tagged.tokens[int(nth.group("t"))].value[0]
        elif nth.group("w") in ordinals:
            rounds = ordinals.index(nth.group("w")) + 1
    conf = {"match": th.CONF_MATCH, "clause": th.CONF_CLAUSE, "sentence": th.CONF_SENTENCE}.get(how, th.CONF_WEAK)
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
        return [Claim(method, status, b, seats, how, None, votes, None, conf - th.STEP_SOFT, position, frame)]
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
        return [Claim(method, "lost", b, seats, how, None, None, None, conf - th.STEP_SOFT)]
    if layout in ("a-won", "a-won-list", "a-beat-b", "b-lost-a", "a-wrested-b"):
        if rounds_in(t) and not (tails and tails.final.search(t)):
            return []      # counting still on: a "won" here would overstate
        if a:
            out.append(Claim(method + ("-margin" if margin and method == "pattern:won" else ""), "won", a,
                             seats, how, margin, None, rounds if rounds_in(t) else None, conf))
        if b:
            out.append(Claim(method, "lost", b, seats, how, None, None, None, conf))
        if tails and a and layout in ("a-won", "a-beat-b"):
            out.extend(_losers(tagged, m, tails, memory, seats, how, method, conf, a, b is not None, positions))
    elif layout in ("a-leads", "a-leads-b", "b-trails-a"):
        if a:
            out.append(Claim(method, "leading", a, seats, how, margin, None, rounds, conf))
        if b:
            out.append(Claim(method, "trailing", b, seats, how, None, None, rounds, conf))
    elif layout == "b-trails" and b:
        out.append(Claim(method, "trailing", b, seats, how, None, None, rounds, conf - th.STEP_SOFT))
    return out
