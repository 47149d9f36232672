"""Tagging a sentence: numbers, parties, states, seats and people become tokens in a template."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.text import skeleton

from . import thresholds as th
from .lexicon import _DEV, _DEV_LETTER, Lexicon, _alt, _house_of
from .names import Names, norm_name
from .numbers import _number_value, spell_out

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
    seat_alias: dict[str, str] = field(default_factory=dict)          # Hindi name -> gazetteer key met by sound


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
    template = spell_out(untangle(template, lex), names.numbers)
    tokens: list[Token] = []
    # numbers
    spans = []
    for m in names.number_re.finditer(template):
        if re.match(r"[A-Za-z]", template[m.end():m.end() + 1] or " ") and not m.group("u"):
            continue   # "2-2", "4G": not a figure
        val = _number_value(m, names.numbers)
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
            paren = re.match(rf"\([A-Za-z]+\)| ?\(([{_DEV} ]{{1,25}})\)", rest)
            if paren and not (paren.group(1) and _same_party(paren.group(1), form, names, memory)):
                continue   # "CPI(ML)" when only "CPI" is known, "शिवसेना (ठाकरे)": another party or faction
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


def untangle(text: str, lex: Lexicon) -> str:
    """A tolerant tokeniser: put back the space a report dropped between a cue word and a number
    ("by1,840", "votes126") or after a short function word before a cue noun ("amargin")."""
    cues = _alt(lex.en.get("glue_cues", []))
    small = _alt(lex.en.get("glue_function_words", []))
    nouns = _alt(lex.en.get("glue_nouns", []))
    text = re.sub(rf"(?<![A-Za-z])({small})({nouns})(?![A-Za-z])", r"\1 \2", text, flags=re.I)
    text = re.sub(rf"(?<![A-Za-z])({small}|{cues})(?=\d)", r"\1 ", text, flags=re.I)
    return re.sub(rf"(?<=\d)({cues})(?![A-Za-z])", r" \1", text, flags=re.I)


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
        # a marked name is no function word ("... शामिल होने के बाद विधानसभा उपचुनाव": बाद is no seat)
        not_seat = set(lex.hi["not_seat"]) | set(lex.hi.get("name_stop", [])) | set(lex.hi["not_name"])
        # "थराली सीट", "अमरवाड़ा (ST) सीट", "साकोली विधानसभा क्षेत्र": a marker after the name, a house word and a
        # reservation between (a bare "क्षेत्र" is any area: only after a house word)
        reserved = _alt(lex.hi.get("reserved_marks", ["SC", "ST"]))
        for m in re.finditer(rf"(?<![{_DEV}])(?P<name>[{_DEV}]+)(?: \((?:{reserved})\))?(?:(?P<h> (?:विधानसभा|लोकसभा))? "
                             rf"(?P<mk>सीट|निर्वाचन क्षेत्र|उपचुनाव|संसदीय सीट)|(?P<h2> (?:विधानसभा|लोकसभा)) क्षेत्र)"
                             rf"(?![{_DEV_LETTER}])", template):
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
            if norm_name(name) not in names.seats:
                # a name the national gazetteer lacks: only by its sound ("साकोली" = Sakoli), else no seat
                # ("कमलेश ठाकुर उपचुनाव जीत गईं", "आज उपचुनाव के नतीजे": a person, a word)
                sounded = _by_sound(name, " सीट", names)
                if sounded is None:
                    continue
                memory.seat_alias[norm_name(name)] = sounded
                name = sounded
            house = {"विधानसभा": "assembly", "लोकसभा": "lok_sabha", None: None}[
                (m.group("h") or m.group("h2") or "").strip() or None]
            kind = "bye" if m.group("mk") == "उपचुनाव" else None
            spans.append((start, m.end(), Token("S", template[start:m.end()], {
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
    seat_follow = _alt(lex.hi.get("seat_followers", ["में"]))
    district = re.compile(rf" (?:{_alt(lex.en.get('district_words', []) + lex.hi.get('district_words', []))})"
                          rf"(?![A-Za-z{_DEV}])", re.I)
    # a dateline ("Ranchi, Nov 23 (PTI)", "PUNE:") names where the report was filed, not a seat
    months = "|".join(m[:3] for m in lex.calendar.get("months_en", []))
    dateline = re.compile(rf"(?:,? (?:{months})[a-z]*\.? (?:\d|⟨M)|:| \((?:PTI|IANS|ANI|UNI)\))") if months else None
    i = 0
    while i < len(parts):
        hit = None
        for n in range(min(names.seat_max_words, len(parts) - i), 0, -1):
            start, end = parts[i][0], parts[i + n - 1][1]
            surface = template[start:end]
            surface_clean = re.sub(r"(?:['’]s|[.'’])$", "", surface)
            if "⟨" in surface:
                continue
            key = norm_name(re.sub(r"[()]", "", surface_clean))      # "Karad (South)" is Karad South
            sounded = None
            if key and hindi and key not in names.seats and key not in known:
                sounded = memory.seat_alias.get(key)     # a name the article marked, met by its sound
                key = sounded or key
            if hindi and re.search(f"[{_DEV}]", surface_clean) and key not in known and (
                    not re.match(rf" (?:{seat_follow})(?![{_DEV_LETTER}])", template[start + len(surface_clean):])
                    or any(surface_clean in n.split(" ") for n in memory.hindi_names)):
                # a Devanagari name is a seat only before a seat word or postposition ("बरहेट में", "थराली
                # सीट"): "गया" (Gaya) is a verb too; "तबस्सुम हसन ने" is a person, not the seat Hassan
                continue
            if key and (key in names.seats or key in known) and key not in names.states \
                    and not district.match(template, start + len(surface_clean)) \
                    and not (dateline and i == 0 and dateline.match(template, start + len(surface_clean))):
                if not hindi and not _whole_capital_run(template, start, start + len(surface_clean), lex):
                    continue
                if not hindi and not surface_clean[:1].isupper():
                    continue
                stop = start + len(surface_clean)
                if "(" in surface_clean and template[stop:stop + 1] == ")":
                    surface_clean, stop = surface_clean + ")", stop + 1
                hit = (start, stop, n, surface_clean, sounded)
                break
        if hit:
            start, end, n, surface, sounded = hit
            house = memory.seat_names.get(known.get(norm_name(surface), ""), None)
            # the house words around it: "the Baramati assembly election", "assembly constituency of Baramati"
            after = re.match(rf" ({_HOUSE_WORDS_EN}|विधानसभा|लोकसभा)(?![\w{_DEV}])", template[end:])
            before = re.search(rf"({_HOUSE_WORDS_EN}) (?:constituency|seat|segment) of (?:the )?$", template[:start])
            house = house or _house_of((after or before).group(1) if (after or before) else "")
            spans.append((start, end, Token("S", surface, {"name": sounded or surface, "house": house, "kind": None,
                                                            "marked": False})))
            i += n
        else:
            i += 1
    return _mask(template, spans, tokens)


def _by_sound(surface: str, after: str, names: Names) -> str | None:
    """The gazetteer key of the one seat with no Hindi name whose English name sounds like the Devanagari
    `surface` ("साकोली" -> Sakoli), when a seat word or postposition follows it ("साकोली में", "... सीट")."""
    lex = names.lex
    if lex.translit is None or not re.fullmatch(f"[{_DEV} ]+", surface):
        return None
    follow = _alt(lex.hi.get("seat_followers", []))
    if not re.match(rf" {follow}(?![{_DEV_LETTER}])", after):
        return None
    sound = lex.translit.sound_key(surface)
    if len(sound) < th.MIN_SOUND_KEY:
        return None
    # the sound key, else its consonant skeleton (the vowels scripts disagree on: "वर्ली" varli ~ Worli vorli),
    # each only when it names one seat
    for rows in (names.seats_sound.get(sound, []), names.seats_skeleton.get(skeleton(sound), [])):
        if len({(r["name_en"], r["house"]) for r in rows}) == 1:
            return norm_name(rows[0]["name_en"])
        if rows:
            return None
    return None


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


def _tag_people(template: str, tokens: list[Token], names: Names, memory: ArticleMemory, hindi: bool) -> str:
    lex = names.lex
    spans = []
    if not hindi:
        not_name = set(lex.en["not_name"])
        word = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.?)"
        roles = _alt(lex.en.get("person_roles", []))
        kin = _alt(lex.en.get("kin", []))
        # words before a one-word name that make it a person's: "Congress MLA Jeetram", "Soren's wife Kalpana"
        person_before = re.compile(rf"(?:⟨P\d+⟩(?: \(⟨P\d+⟩\))? (?:{roles} ){{1,3}}|['’]s (?:{kin}) )$")
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
                elif _one_word_name(template, start, words[0], names, memory, person_before):
                    spans.append((start, start + len(words[0]), Token("N", words[0], words[0])))
                elif len(sharing := _sharing(words[0], memory)) > 1 and words[0].lower() not in names.states:
                    # "The young Thackeray" in an article naming Aaditya and Uddhav Thackeray: one of them,
                    # the sentence before decides which (article.py), else the claim files nothing
                    spans.append((start, start + len(words[0]), Token("N", words[0], Ambiguous(words[0], sharing))))
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
            for m in re.finditer(rf"(?<![{_DEV}]){re.escape(name)}(?![{_DEV_LETTER}])", template):
                spans.append((m.start(), m.end(), Token("N", name, name)))
        # a first name alone before a vote count ("सीमा देवी को 77129 और सुदेश को 63619 मत मिले"): the one full name
        # of the article it begins (a count files no row, it numbers the full name's; "आदित्य ने ... हराया" is
        # left alone: a result of a one-word name would be a row of its own)
        firsts: dict[str, set[str]] = {}
        for name in known:
            if " " in name:
                firsts.setdefault(name.split(" ")[0], set()).add(name)
        for word, fulls in firsts.items():
            if len(fulls) != 1 or word in memory.hindi_names:
                continue
            for m in re.finditer(rf"(?<![{_DEV}]){re.escape(word)}(?= को ⟨M\d+⟩)", template):
                spans.append((m.start(), m.end(), Token("N", word, next(iter(fulls)))))
        # a name right before a result word ("बरहेट में हेमंत सोरेन जीते"), titles before it dropped
        stop = set(lex.hi["not_name"]) | set(lex.hi["not_seat"]) | set(lex.hi.get("name_stop", []))
        followers = _alt(lex.hi.get("name_followers", []) + lex.hi.get("jeet_intrans", []))
        units = _alt(lex.hi.get("vote_units", ["वोट"]))
        # or a margin then a result word: "चंपई सोरेन 20 हजार 508 वोट से चुनाव जीत गए"
        for m in re.finditer(rf"(?<![{_DEV}⟩])((?:[{_DEV}]+ ){{1,4}}[{_DEV}]+) (?=(?:⟨M\d+⟩ (?:{units}) (?:के अंतर )?से )?"
                             rf"{followers}(?![{_DEV_LETTER}]))", template):
            words, start = m.group(1).split(" "), m.start(1)
            while words and any(w in stop for w in words[1:]):     # the name is the words after the last stop
                cut = max(i for i, w in enumerate(words) if w in stop)
                start += sum(len(w) + 1 for w in words[:cut + 1])
                words = words[cut + 1:]
            while words and words[0] in stop:
                start += len(words[0]) + 1
                words.pop(0)
            name = " ".join(words)
            if 2 <= len(words) <= 3 and not any(w in stop for w in words) and name.lower() not in names.states \
                    and norm_name(name) not in names.seats:
                spans.append((start, start + len(name), Token("N", name, name)))
                memory.hindi_names.add(name)
    return _mask(template, spans, tokens)


def _same_party(inner: str, form: str, names: Names, memory: ArticleMemory) -> bool:
    """Whether "(inner)" after a party's name is that party's short name ("भारतीय जनता पार्टी (भाजपा)",
    "आम आदमी पार्टी (आप)"), not a faction ("शिवसेना (ठाकरे)")."""
    inner = inner.strip()
    own = memory.canon.get(form)
    if own and memory.canon.get(inner) == own:
        return True
    # a party's short name that is a word too ("आप"), right after the party's full name
    return bool(own) and inner in names.lex.hi.get("not_party", [])


def _one_word_name(template: str, start: int, word: str, names: Names, memory: ArticleMemory,
                   person_before: re.Pattern) -> bool:
    """Whether a lone capitalised word is a person's name the article gives no fuller form of: after a
    party and a role or a kin word ("Congress MLA Jeetram", "Soren's wife Kalpana"), or opening the
    sentence as its subject ("Mahato, however, lost ...", "Marandi won ..."), when no full name the
    article knows has that word (two Thackerays: which one?) and it is no alliance's or state's name."""
    if word.lower() in names.groups or word.lower() in names.states or word.isupper():
        return False
    if any(word in full.split(" ") for full in memory.people):
        return False
    if person_before.search(template[:start]):
        return True
    return start == 0 and bool(re.match(r"(?:,[^,⟨]{1,20},)? [a-z]", template[start + len(word):]))


def _sharing(word: str, memory: ArticleMemory) -> tuple[str, ...]:
    """The full names in the article whose first or last word is `word`."""
    return tuple(sorted(full for full in memory.people if word in (full.split(" ")[0], full.split(" ")[-1])))


def _short_name(word: str, memory: ArticleMemory) -> str | None:
    """The one full name in the article whose first or last word is `word`, else None."""
    hits = _sharing(word, memory)
    return hits[0] if len(hits) == 1 else None


@dataclass(frozen=True)
class Ambiguous:
    """A one-word name several people of the article share: the value of its person token."""

    word: str
    names: tuple[str, ...]


def _person(tok: Token) -> str:
    """A person token's name: the full name a one-word reference stands for."""
    return tok.value if isinstance(tok.value, str) else tok.surface


def learn_from(tagged: Tagged, names: Names, memory: ArticleMemory) -> None:
    """Who stands for which party ("RLDs Tabassum Hasan", "Naeemul Hasan of SP", "सपा के नईमुल हसन")."""
    t = tagged.template
    if not tagged.hindi:
        memory.people.update(_person(tok) for tok in tagged.tokens if tok.kind == "N" and " " in _person(tok))
    pairs: list[tuple[str, str]] = []
    roles = _alt(names.lex.en.get("person_roles", ["candidate", "nominee"]))
    for m in re.finditer(rf"⟨P(\d+)⟩(?:['’]s)? (?:{roles} ){{0,2}}⟨N(\d+)⟩", t):
        pairs.append((m.group(2), m.group(1)))
    for m in re.finditer(r"⟨N(\d+)⟩ (?:of|from) (?:the )?⟨P(\d+)⟩|⟨N(\d+)⟩ \(⟨P(\d+)⟩\)", t):
        pairs.append((m.group(1) or m.group(3), m.group(2) or m.group(4)))
    # "Kamlesh Thakur's win in Dehra marks a significant victory for the Congress"
    victory_for = _alt(names.lex.en["victory_for"])
    for m in re.finditer(rf"⟨N(\d+)⟩['’]s (?:[a-z]+ ){{0,2}}?{_alt(names.lex.en['win_nouns'])}(?: (?:in|from) "
                         rf"(?:the )?⟨S\d+⟩)? (?:marks|is|was|has been|means|makes) (?:a |an )?(?:[a-z]+ ){{0,2}}?"
                         rf"{victory_for} (?:the )?⟨P(\d+)⟩", t):
        pairs.append((m.group(1), m.group(2)))
    # "यहां RLD के टिकट पर चुनाव लड़ने वाली तबस्सुम हसन ने ..."
    ticket, ends = _alt(names.lex.hi.get("ticket", [])), _alt(names.lex.hi.get("participle_ends", []))
    if names.lex.hi.get("ticket"):
        for m in re.finditer(rf"⟨P(\d+)⟩ {ticket} (?:[{_DEV}]+ ){{0,3}}?{ends} ⟨N(\d+)⟩", t):
            pairs.append((m.group(2), m.group(1)))
    for n, p in pairs:
        memory.person_party.setdefault(norm_name(_person(tagged.tokens[int(n)])), set()).add(
            tagged.tokens[int(p)].value)
    if tagged.hindi:
        not_name = set(names.lex.hi["not_name"])
        titles = set(names.lex.hi.get("titles", []))
        after = _alt(["ने", "और", "को", "पर", "के बीच", "के", "की", *names.lex.hi["positions"]])
        # "भाजपा के X ने", "ऑल झारखंड स्टूडेंट्स यूनियन (आजसू) के X पर"
        for m in re.finditer(rf"⟨P(\d+)⟩(?: \(⟨P\d+⟩\))? (?:के|की) (?P<name>[{_DEV}]+(?: [{_DEV}]+){{1,5}}?)"
                             rf"(?= {after}(?![{_DEV_LETTER}])|,)", t):
            words = m.group("name").split(" ")
            titled = False
            while words and (words[0] in not_name or words[0] in titles):     # "डा. पुष्पिंदर वर्मा"
                titled = titled or words[0] in titles
                words.pop(0)
            # one word is a name only after a title ("कांग्रेस के प्रो जीतराम")
            if len(words) < (1 if titled else 2) or len(words) > 4 or any(w in not_name for w in words):
                continue
            name = " ".join(words)
            memory.hindi_names.add(name)
            memory.person_party.setdefault(norm_name(name), set()).add(tagged.tokens[int(m.group(1))].value)
