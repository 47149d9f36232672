"""Reading the Election Commission's results pages (results.eci.gov.in) into plain values.

Four kinds of page, as ../shared/data/eci_pages/README.md describes them:
  candidateswise-S25100.htm  one seat: every candidate, party, votes, margin, won/lost/leading/trailing, round
  statewiseS251.htm          20 seats a page: leading and trailing candidate and party, margin, round, status
  partywiseresult-S25.htm    the state's parties: Won / Leading / Total
  index.htm                  a Lok Sabha election's national party-wise summary (the same Party / Won /
                             Leading / Total table, no state; README §5); an assembly round's index.htm is a
                             list of links, read for the links only (NotPartywise)

The HTML is read with the standard library's html.parser into a small element tree (the pages are
well-formed enough; no third-party parser is needed). A page that lacks what a parser needs raises
PageError naming the URL and the parts it could not find, so the caller can report it and skip it.
Times are as the page prints them (IST): "04:18 PM On 05/05/2026" -> "2026-05-05T16:18".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RAW_TEXT = {"script", "style"}
STATUSES = ("won", "lost", "leading", "trailing")
NOTA_PARTY = "none of the above"

_UPDATED = re.compile(r"Last Updated at\s*(\d{1,2}):(\d{2})\s*([AaPp][Mm])\s*On\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_ROUND = re.compile(r"(?:EVM Round|Status as on Round)\s*[:,]?\s*(\d+)\s*/\s*(\d+)", re.IGNORECASE)
_ROUND_CELL = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_KIND = re.compile(r"(candidateswise|statewise|partywiseresult)-?([A-Z]\d{2})(\d*)\.htm", re.IGNORECASE)
_INDEX = re.compile(r"(?:^|[_-])index\.html?$", re.IGNORECASE)


class PageError(ValueError):
    """A page that cannot be read: which page and what was missing."""

    def __init__(self, url: str, missing: list[str]) -> None:
        self.url = url
        self.missing = missing
        super().__init__(f"{url}: could not read {'; '.join(missing)}; page skipped")


class NotPartywise(PageError):
    """An index page without a party table (an assembly round's list of states): links only."""


# ---- a small element tree over html.parser ------------------------------------------------

@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node | None:
        return next((n for n in self.iter() if (tag is None or n.tag == tag)
                     and (cls is None or cls in n.classes())), None)

    def kids(self, tag: str) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]

    def text(self) -> str:
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in RAW_TEXT:
                    walk(child)
        walk(self)
        return " ".join(" ".join(parts).split())

    def own_text(self) -> str:
        """Text of this element without its child elements' text."""
        return " ".join(" ".join(c for c in self.children if isinstance(c, str)).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # close up to the matching open element; a stray end tag closes nothing
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# ---- values -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Election:
    """What a page's title says of its election."""

    title: str
    house: str                  # assembly or lok_sabha
    bye: bool
    year: int | None
    month: int | None


@dataclass(frozen=True)
class Candidate:
    name: str
    party: str                  # the full name as the page writes it
    votes: int | None           # None when the page gives none ("Uncontested")
    margin: int | None          # the leader's lead, or (negative) a candidate's gap to the leader
    status: str                 # won, lost, leading, trailing, or "" (NOTA, no trend yet)
    nota: bool = False


@dataclass(frozen=True)
class CandidatePage:
    url: str
    election: Election
    state: str
    number: int
    constituency: str
    round: int | None
    rounds_total: int | None
    candidates: tuple[Candidate, ...]
    as_of: str | None

    @property
    def declared(self) -> bool:
        return any(c.status == "won" for c in self.candidates)


@dataclass(frozen=True)
class SeatRow:
    constituency: str
    number: int
    leader: str
    leader_party: str
    trailer: str
    trailer_party: str
    margin: int | None
    round: int | None
    rounds_total: int | None
    declared: bool


@dataclass(frozen=True)
class StatewisePage:
    url: str
    election: Election
    state: str
    known: int | None           # "Status Known For 237 out of 243"
    seats: int | None
    rows: tuple[SeatRow, ...]
    pages: tuple[str, ...]      # the other pages of the list (hrefs as written)
    as_of: str | None
    problems: tuple[str, ...] = ()   # rows that could not be read (skipped)


@dataclass(frozen=True)
class PartyRow:
    name: str                   # "Bharatiya Janata Party"
    abbr: str                   # "BJP"
    code: str | None            # ECI's numeric party code, from the Won link
    won: int
    leading: int
    total: int


@dataclass(frozen=True)
class PartywisePage:
    url: str
    election: Election
    state: str                  # "" on the national page (index.htm of a Lok Sabha election)
    seats: int | None           # "(Total AC : 294)"
    parties: tuple[PartyRow, ...]
    seat_codes: tuple[str, ...]  # S25100 ... from the constituency list: candidateswise-<code>.htm
    as_of: str | None


Page = CandidatePage | StatewisePage | PartywisePage


# ---- helpers ------------------------------------------------------------------------------

def page_kind(url: str) -> str | None:
    """candidates, statewise, partywise or index from a page's file name (saved copies may carry a
    prefix: PcResultGenJune2024_index.htm)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    m = _KIND.search(name)
    if not m:
        return "index" if _INDEX.search(name) else None
    return {"candidateswise": "candidates", "statewise": "statewise", "partywiseresult": "partywise"}[m[1].lower()]


def as_of_time(text: str) -> str | None:
    m = _UPDATED.search(text)
    if not m:
        return None
    hour, minute, ampm, day, month, year = m.groups()
    h = int(hour) % 12 + (12 if ampm.lower() == "pm" else 0)
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}T{h:02d}:{int(minute):02d}"


def _int(text: str) -> int | None:
    digits = text.replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def _election(root: Node) -> Election | None:
    title_el = root.find("div", "page-title")
    h1 = title_el.find("h1") if title_el else None
    title = h1.text() if h1 else ""
    if not title:
        return None
    low = title.lower()
    house = "lok_sabha" if ("parliament" in low or "lok sabha" in low) else "assembly"
    year = re.search(r"(19|20)\d\d", title)
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    month = next((i + 1 for i, m in enumerate(months) if re.search(rf"\b{m}[a-z]*\b", low)), None)
    return Election(title=title, house=house, bye="bye" in low, year=int(year.group()) if year else None,
                    month=month)


def _heading(root: Node, missing: list[str]) -> tuple[Election | None, Node | None]:
    """The election (from the title) and the page heading's h2, noting what is missing."""
    election = _election(root)
    if election is None:
        missing.append("the election title (div.page-title h1)")
    title = root.find("div", "page-title")
    return election, (title.find("h2") if title else None)


def parse_page(html: str, url: str) -> Page:
    """Read one page; its kind comes from its name. Raises PageError when it cannot be read."""
    kind = page_kind(url)
    if kind is None:
        raise PageError(url, ["the page kind (name is not candidateswise-, statewise, partywiseresult- or index)"])
    root = parse_html(html)
    if kind == "index":
        return parse_partywise(root, url, national=True)
    return {"candidates": parse_candidates, "statewise": parse_statewise, "partywise": parse_partywise}[kind](root, url)


# ---- candidate-wise page -------------------------------------------------------------------

def parse_candidates(root: Node, url: str) -> CandidatePage:
    missing: list[str] = []
    election, h2 = _heading(root, missing)
    span = h2.find("span") if h2 else None
    number, name, state = None, "", ""
    if span is not None:
        strong = span.find("strong")
        state = (strong.text() if strong else "").strip("() ")
        head = " ".join(c for c in span.children if isinstance(c, str)).strip()
        m = re.match(r"^\s*(\d+)\s*-\s*(.+?)\s*$", " ".join(head.split()))
        if m:
            number, name = int(m[1]), m[2]
    if number is None or not name:
        missing.append("the constituency number and name (div.page-title h2 span 'N - NAME')")
    if not state:
        missing.append("the state (div.page-title h2 span strong)")
    round_el = root.find("div", "round-status")
    rnd = _ROUND.search(round_el.text()) if round_el else None
    boxes = root.find_all("div", "cand-box")
    candidates: list[Candidate] = []
    for box in boxes:
        status_el = box.find("div", "status")
        h5, h6 = box.find("h5"), box.find("h6")
        if status_el is None or h5 is None:
            missing.append("a candidate box's status or name (div.cand-box div.status, h5)")
            break
        word_el, votes_el = (status_el.kids("div") + [None, None])[:2]
        word = (word_el.text() if word_el else "").lower()
        status = next((s for s in STATUSES if s in status_el.classes()), word if word in STATUSES else "")
        votes = margin = None
        if votes_el is not None:
            votes = _int(votes_el.own_text())
            margin_el = votes_el.find("span")
            m = re.search(r"([+-])\s*([\d,]+)", margin_el.text()) if margin_el else None
            if m:
                margin = int(m[2].replace(",", "")) * (-1 if m[1] == "-" else 1)
        party = h6.text() if h6 else ""
        cand_name = h5.text()
        nota = party.lower() == NOTA_PARTY or cand_name.upper() == "NOTA"
        candidates.append(Candidate(cand_name, party, votes, margin, "" if nota else status, nota))
    if not boxes:
        missing.append("the candidate boxes (div.cand-box)")
    if missing:
        raise PageError(url, missing)
    assert election is not None and number is not None
    return CandidatePage(url=url, election=election, state=state, number=number, constituency=name,
                         round=int(rnd[1]) if rnd else None, rounds_total=int(rnd[2]) if rnd else None,
                         candidates=tuple(candidates), as_of=as_of_time(root.text()))


# ---- state-wise list -------------------------------------------------------------------------

_STATEWISE_HEAD = ("constituency", "const. no.", "leading candidate", "leading party", "trailing candidate",
                   "trailing party", "margin", "round", "status")


def parse_statewise(root: Node, url: str) -> StatewisePage:
    missing: list[str] = []
    election, h2 = _heading(root, missing)
    state = h2.text() if h2 else ""
    if not state:
        missing.append("the state (div.page-title h2)")
    table = None
    for t in root.find_all("table"):
        head = [th.text().lower() for th in t.find_all("th")]
        if [h for h in head if h in _STATEWISE_HEAD] == list(_STATEWISE_HEAD):
            table = t
            break
    if table is None:
        missing.append("the seats table (columns " + " | ".join(_STATEWISE_HEAD) + ")")
        raise PageError(url, missing)
    known = seats = None
    m = re.search(r"Status Known For\s*(\d+)\s*out of\s*(\d+)", table.text())
    if m:
        known, seats = int(m[1]), int(m[2])
    rows: list[SeatRow] = []
    problems: list[str] = []
    for body in table.kids("tbody"):
        for n, tr in enumerate(body.kids("tr"), 1):
            cells = tr.kids("td")
            if len(cells) != 9:
                problems.append(f"{url}: row {n}: {len(cells)} cells where the table has 9; row skipped")
                continue

            def party(cell: Node) -> str:
                first = cell.find("td")      # the party's name; the tooltip after it holds the party's counts
                return (first or cell).text()
            number = _int(cells[1].text())
            rnd = _ROUND_CELL.match(cells[7].text())
            status = cells[8].text().lower()
            if number is None or not cells[0].text() or not cells[2].text():
                problems.append(f"{url}: row {n}: no constituency number, name or leading candidate; row skipped")
                continue
            if "declared" not in status and "progress" not in status:
                problems.append(f"{url}: row {n}: status {cells[8].text()!r} is neither 'Result Declared' nor "
                                "'Result in Progress'; row skipped")
                continue
            rows.append(SeatRow(constituency=cells[0].text(), number=number, leader=cells[2].text(),
                                leader_party=party(cells[3]), trailer=cells[4].text(), trailer_party=party(cells[5]),
                                margin=_int(cells[6].text()), round=int(rnd[1]) if rnd else None,
                                rounds_total=int(rnd[2]) if rnd else None, declared="declared" in status))
    if not rows and not problems and known:
        missing.append("the seat rows (table tbody tr with 9 cells)")
    if missing:
        raise PageError(url, missing)
    assert election is not None
    pagination = root.find("ul", "pagination")
    pages = tuple(dict.fromkeys(a.attrs["href"] for a in (pagination.find_all("a") if pagination else [])
                                if a.attrs.get("href")))
    return StatewisePage(url=url, election=election, state=state, known=known, seats=seats, rows=tuple(rows),
                         pages=pages, as_of=as_of_time(root.text()), problems=tuple(problems))


# ---- party-wise page ---------------------------------------------------------------------------

def parse_partywise(root: Node, url: str, national: bool = False) -> PartywisePage:
    """A state's party-wise page, or (`national`) a Lok Sabha election's index.htm: the same
    table for the whole country. Raises NotPartywise for an index page with no party table."""
    missing: list[str] = []
    election, h2 = _heading(root, missing)
    strong = h2.find("strong") if h2 else None
    state = strong.text() if strong else ""     # an index page naming a state is that state's page
    if not state and not national:
        missing.append("the state (div.page-title h2 strong)")
    m = re.search(r"Total (?:AC|PC)\s*:\s*(\d+)", h2.text() if h2 else "")
    seats = int(m[1]) if m else None
    table = None
    for t in root.find_all("table"):
        head = [th.text().lower() for th in t.find_all("th")]
        if head[:4] == ["party", "won", "leading", "total"]:
            table = t
            break
    parties: list[PartyRow] = []
    if table is None and national and (election is None or election.house != "lok_sabha"):
        # an assembly round's index is a list of links; a Lok Sabha index without its table has changed
        raise NotPartywise(url, ["a party table (columns Party | Won | Leading | Total): an index of links"])
    if table is None:
        missing.append("the party table (columns Party | Won | Leading | Total)")
    else:
        for body in table.kids("tbody"):
            for tr in body.kids("tr"):
                cells = tr.kids("td")
                if len(cells) < 4:
                    continue
                label = cells[0].text()
                name, _, abbr = label.rpartition(" - ")
                won, leading, total = (_int(c.text()) for c in cells[1:4])
                if not abbr or won is None or leading is None or total is None:
                    missing.append(f"a party row ('Name - ABBR' and three numbers; got {label!r})")
                    continue
                if won + leading != total:
                    missing.append(f"consistent counts for {abbr} (won {won} + leading {leading} != total {total})")
                    continue
                link = cells[1].find("a")
                code = re.search(r"partywisewinresult(?:State)?-(\d+)", link.attrs.get("href", "")) if link else None
                parties.append(PartyRow(name=name.strip() or abbr, abbr=abbr.strip(), code=code[1] if code else None,
                                        won=won, leading=leading, total=total))
        if not parties and not missing:
            missing.append("the party rows (table tbody tr)")
    if missing:
        raise PageError(url, missing)
    assert election is not None
    codes = tuple(o.attrs["value"] for o in root.find_all("option") if re.fullmatch(r"[A-Z]\d{2}\d+", o.attrs.get("value", "")))
    return PartywisePage(url=url, election=election, state=state, seats=seats, parties=tuple(parties),
                         seat_codes=codes, as_of=as_of_time(root.text()))
