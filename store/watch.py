"""`python -m bot watch SOURCE`: poll an election's results pages and keep the store current.

SOURCE is the election's results folder on results.eci.gov.in (its index.htm is read for links,
and, for a Lok Sabha election, for the national party-wise table it shows), one page of it
(partywiseresult-S25.htm, statewiseS251.htm, candidateswise-S25100.htm), or a local folder of
saved pages. Each round: the national and state party-wise pages (tallies, and the party names'
abbreviations), the state-wise lists (every seat's leader, margin, round and status; their
other pages are found from the pagination), then the candidate-wise page of every seat whose row
changed (all candidates and votes). Pages are parsed by store/eci_pages.py and written by
store/live.py; a page that fails is reported (URL, what was missing) and skipped.

Polite: one request at a time with a pause between requests, a browser-like User-Agent,
conditional requests (If-None-Match / If-Modified-Since: an unchanged page costs a 304), a
jittered interval, and on 403 / 429 / 5xx a doubling back-off (or the site's Retry-After) with a
message saying what the site answered.
"""
from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import sqlite_utils

from store import live
from store.eci_pages import CandidatePage, NotPartywise, PageError, PartywisePage, StatewisePage, page_kind, parse_page
from store.gazetteer import GazetteerIndex
from store.settings import WatchSettings

_LINK = re.compile(r"""href\s*=\s*["']?([^"'\s>]*(?:partywiseresult-|statewise|candidateswise-)[A-Za-z0-9]+\.htm)""",
                   re.IGNORECASE)
RETRY_STATUSES = {403, 429, 500, 502, 503, 504}


class Gone(PageError):
    """The page does not exist (404): a link to a page the site has not published."""


class Refused(Exception):
    """The site answered 403 / 429 / 5xx (or could not be reached): wait, then try again."""

    def __init__(self, url: str, status: int | None, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.url, self.status, self.retry_after = url, status, retry_after


@dataclass
class RoundReport:
    fetched: int = 0
    unchanged: int = 0            # 304, or the same bytes as last time
    seats_written: int = 0
    tallies_written: int = 0
    problems: list[str] = field(default_factory=list)
    refused: Refused | None = None

    def summary(self) -> str:
        text = (f"{self.fetched} pages fetched, {self.unchanged} unchanged, {self.seats_written} seats and "
                f"{self.tallies_written} party tallies written, {len(self.problems)} problems")
        if self.refused is not None:
            text += f"; stopped early: {self.refused}"
        return text


@dataclass
class _Cached:
    etag: str | None = None
    modified: str | None = None
    body: str | None = None


class Fetcher:
    """One GET at a time over HTTP(S), conditional on what the previous answer said."""

    def __init__(self, settings: WatchSettings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client or httpx.Client(timeout=settings.timeout_s, follow_redirects=True, headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-IN,en;q=0.9",
            "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin",
        })
        self.cache: dict[str, _Cached] = {}

    def get(self, url: str) -> str | None:
        """The page's text, or None when it has not changed since the last request."""
        cached = self.cache.get(url)
        headers = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.modified:
            headers["If-Modified-Since"] = cached.modified
        try:
            resp = self.client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            raise Refused(url, None, f"{url}: could not reach the site ({exc.__class__.__name__}: {exc})") from None
        if resp.status_code == 304:
            return None
        if resp.status_code in RETRY_STATUSES:
            hint = {403: "the site refuses this client (ECI sits behind Akamai, which blocks non-browser requests)",
                    429: "too many requests"}.get(resp.status_code, "the site has a server error")
            raise Refused(url, resp.status_code, f"{url}: HTTP {resp.status_code}: {hint}",
                          _retry_after(resp.headers.get("Retry-After")))
        if resp.status_code in (404, 410):
            raise Gone(url, [f"the page itself (HTTP {resp.status_code}; not asked for again)"])
        if resp.status_code != 200:
            raise PageError(url, [f"the page itself (HTTP {resp.status_code})"])
        text = resp.text
        unchanged = cached is not None and cached.body == text
        self.cache[url] = _Cached(resp.headers.get("ETag"), resp.headers.get("Last-Modified"), text)
        return None if unchanged else text


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class FolderFetcher:
    """Saved pages in a local folder: a file is 'fetched' again only when it changed."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[float, int]] = {}

    def get(self, url: str) -> str | None:
        path = Path(url)
        try:
            stat = path.stat()
            if self.seen.get(url) == (stat.st_mtime, stat.st_size):
                return None
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            raise PageError(url, [f"the file ({exc.strerror})"]) from None
        self.seen[url] = (stat.st_mtime, stat.st_size)
        return text


class Watcher:
    """The state of one `watch`: the pages known, what each seat last showed, the party names."""

    def __init__(self, db: sqlite_utils.Database, source: str, settings: WatchSettings,
                 fetcher: Fetcher | FolderFetcher | None = None, log: Callable[[str], None] = print,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.db, self.settings, self.log, self.sleep = db, settings, log, sleep
        self.local = not re.match(r"^https?://", source)
        if self.local and not Path(source).exists():
            raise ValueError(f"{source}: neither an http(s) URL nor an existing folder or file")
        self.fetcher = fetcher or (FolderFetcher() if self.local else Fetcher(settings))
        self.source = source
        self.pages: dict[str, str] = {}          # url -> kind, in discovery order
        self.seeds: list[str] = []
        if self.local:
            root = Path(source)
            files = sorted(root.iterdir()) if root.is_dir() else [root]
            for f in files:
                kind = page_kind(f.name)
                if kind:
                    self.pages[str(f)] = kind
            if not self.pages:
                raise ValueError(f"{source}: no saved results pages (candidateswise-*, statewise*, partywiseresult-*, index.htm)")
        else:
            kind = page_kind(source)
            if kind and kind != "index":      # the index page is the seed: read every round below
                self.pages[source] = kind
            self.seeds = [source if source.endswith(".htm") else source.rstrip("/") + "/index.htm"]
        self.folder = source if source.endswith("/") or self.local else source.rsplit("/", 1)[0] + "/"
        self.gaz = GazetteerIndex.build(db)
        self.party_abbr: dict[str, str] = {}     # "Bharatiya Janata Party" -> "BJP", from party-wise pages
        self.written: dict[str, tuple] = {}      # snapshot source -> signature last written
        self.seat_rows: dict[str, tuple] = {}    # candidate page url -> the state-wise row last seen
        self.due: set[str] = set()               # candidate pages to fetch this round

    # -- one round -------------------------------------------------------------------------
    def run_round(self) -> RoundReport:
        report = RoundReport()
        budget = [self.settings.max_pages]
        try:
            for url in self.seeds:
                text = self._fetch(url, report, budget)
                if text is not None:
                    self._discover(url, text)
                    if page_kind(url) == "index":
                        self._read(url, text, report)     # a Lok Sabha election's national count
            order = {"index": 0, "partywise": 0, "statewise": 1, "candidates": 2}
            done: set[str] = set()
            while True:   # pages found on the way (pagination) are read in the same round
                todo = [u for u, k in sorted(self.pages.items(), key=lambda p: order[p[1]])
                        if u not in done and (k != "candidates" or self._candidate_due(u))]
                if not todo:
                    break
                url = todo[0]
                done.add(url)
                text = self._fetch(url, report, budget)
                if text is None:
                    continue
                self._discover(url, text)
                self._read(url, text, report)
        except Refused as exc:
            report.refused = exc
        except _Budget:
            report.problems.append(f"more than {self.settings.max_pages} requests due this round; the rest next "
                                   "round (raise [watch] max_pages)")
        return report

    def _candidate_due(self, url: str) -> bool:
        if self.local or url == self.source:
            return True
        has_lists = any(k == "statewise" for k in self.pages.values())
        return url in self.due or not has_lists

    def _fetch(self, url: str, report: RoundReport, budget: list[int]) -> str | None:
        if budget[0] <= 0:
            raise _Budget()
        if report.fetched and not self.local and self.settings.request_gap_s > 0:
            self.sleep(self.settings.request_gap_s)
        budget[0] -= 1
        self.due.discard(url)
        try:
            text = self.fetcher.get(url)
        except PageError as exc:
            report.problems.append(str(exc))
            if isinstance(exc, Gone):
                self.pages.pop(url, None)
            return None
        report.fetched += 1
        if text is None:
            report.unchanged += 1
        return text

    def _discover(self, url: str, text: str) -> None:
        if self.local:
            return
        for href in _LINK.findall(text):
            full = urljoin(url, href)
            if not full.startswith(self.folder) or "/hi/" in urlsplit(full).path:
                continue    # another election's folder, or the Hindi copy of the same page
            kind = page_kind(full)
            if kind and full not in self.pages:
                self.pages[full] = kind

    def _read(self, url: str, text: str, report: RoundReport) -> None:
        try:
            page = parse_page(text, url)
        except NotPartywise:
            return              # an index of links (an assembly round's): nothing to count
        except PageError as exc:
            report.problems.append(str(exc))
            return
        except Exception as exc:   # a parser bug must not stop counting day; say which page
            report.problems.append(f"{url}: could not be read ({exc.__class__.__name__}: {exc}); page skipped")
            return
        try:
            if isinstance(page, PartywisePage):
                self.party_abbr.update({p.name: p.abbr for p in page.parties})
                if not self.local:
                    for code in page.seat_codes:
                        self.pages.setdefault(urljoin(url, f"candidateswise-{code}.htm"), "candidates")
                report.tallies_written += live.write_tallies(self.db, self.gaz, page)
            elif isinstance(page, StatewisePage):
                report.problems.extend(page.problems)
                state_code = _state_code(url)
                for row, snap in zip(page.rows, live.from_statewise(page, self.gaz, self.party_abbr), strict=True):
                    if state_code and not self.local:
                        cand = urljoin(url, f"candidateswise-{state_code}{row.number}.htm")
                        self.pages.setdefault(cand, "candidates")
                        if self.seat_rows.get(cand) != row:
                            self.seat_rows[cand] = row
                            self.due.add(cand)
                    report.seats_written += self._write(snap)
            elif isinstance(page, CandidatePage):
                snap = live.from_candidates(page, self.gaz, self.party_abbr)
                if snap is not None:
                    report.seats_written += self._write(snap)
        except ValueError as exc:
            report.problems.append(f"{url}: {exc}; page skipped")

    def _write(self, snap: live.Snapshot) -> int:
        if self.written.get(snap.source) == snap.signature():
            return 0
        live.write_contest(self.db, self.gaz, snap)
        self.written[snap.source] = snap.signature()
        return 1

    # -- the loop ----------------------------------------------------------------------------
    def run(self, every_s: float | None = None, rounds: int | None = None) -> int:
        """Poll until interrupted (or for `rounds` rounds). Returns 1 when the last round was refused."""
        every = every_s or self.settings.every_s
        backoff = 0.0
        n = 0
        while rounds is None or n < rounds:
            report = self.run_round()
            n += 1
            for problem in report.problems:
                self.log(f"  problem: {problem}")
            self.log(f"watch round {n}: {report.summary()}")
            if report.refused is not None:
                backoff = min(self.settings.max_backoff_s, max(every, backoff * 2 or every * 2))
                wait = max(backoff, report.refused.retry_after or 0.0)
                self.log(f"  the site refused ({report.refused}); waiting {wait:.0f} s before trying again")
            else:
                backoff = 0.0
                wait = every * (1 + random.uniform(-self.settings.jitter, self.settings.jitter))
            if rounds is not None and n >= rounds:
                return 1 if report.refused is not None else 0
            self.sleep(wait)
        return 0


class _Budget(Exception):
    pass


def _state_code(url: str) -> str | None:
    m = re.search(r"statewise([A-Z]\d{2})\d+\.htm", url, re.IGNORECASE)
    return m[1].upper() if m else None
