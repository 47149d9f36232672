"""Merging an article's rows and writing them with their provenance."""
from __future__ import annotations

from rapidfuzz import fuzz

from . import thresholds as th
from .names import norm_name
from .resolve import Context, Row
from .thresholds import ACCEPT_AT

REASON_FIELD = "reason:extracted"   # provenance.field of a bypoll reason the extractor read


def _absorb(into: Row, row: Row) -> None:
    """Figures and quotes of `row` that `into` (the same result) lacks."""
    into.margin = into.margin or row.margin
    into.votes = into.votes or row.votes
    into.rounds = into.rounds or row.rounds
    into.position = into.position or row.position
    into.quotes.extend(q for q in row.quotes if q not in into.quotes)


_RANK_STATUS = {"first": ("won", "leading"), "second": ("lost", "trailing"), "": ("won", "lost", "leading", "trailing")}


def _attach_count(count: Row, rows: list[Row]) -> Row | None:
    """Name and number the one result a vote-count sentence is about; a count alone files nothing.

    "The winner polled N votes" -> the contest's one won row; "X (of P) got N votes" -> X's row, or
    the one unnamed row of P (which then takes the name); "the P candidate secured N" -> P's one row.
    Final rows (won/lost) are preferred to interim ones (leading/trailing)."""
    pool = [r for r in rows if r.contest_id == count.contest_id and r.status in _RANK_STATUS[count.rank]]
    if count.role == "winner":
        targets = [r for r in pool if r.status == "won"]
    elif count.candidate:
        targets = [r for r in pool if r.candidate and (norm_name(r.candidate) == norm_name(count.candidate))]
        if not targets and count.party_key:
            targets = [r for r in pool if not r.candidate and r.party_key == count.party_key]
    elif count.party_key:
        targets = [r for r in pool if r.party_key == count.party_key]
    else:
        targets = []
    final = [r for r in targets if r.status in ("won", "lost")]
    targets = final or targets
    if len(targets) != 1:
        return None
    target = targets[0]
    if count.candidate and not target.candidate:
        target.candidate, target.candidate_hi = count.candidate, count.candidate_hi
    if count.votes and target.votes is None:
        target.votes = count.votes
    target.quotes.extend(q for q in count.quotes if q not in target.quotes)
    return target


def _same_person(a: str, b: str) -> bool:
    """Whether two spellings name one person ("आदित्य ठाकरे" ~ "आदित्य उद्धव ठाकरे", "Mahato" ~ "Jairam Mahato")."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    wa, wb = set(na.split()), set(nb.split())
    return wa <= wb or wb <= wa or fuzz.token_sort_ratio(na, nb) >= th.SAME_PERSON_RATIO


def _runners_up(counts: list[Row], attached: dict[int, Row], rows: list[Row]) -> list[Row]:
    """Lost rows from the vote counts a sentence gives beside the winner's ("X को 63,324 मत मिले, जबकि Y को
    54,523 मत मिल सके", "X polled 65,080 votes while Y got 40,210"): in a contest the article gives one
    final winner and no lead, a count of another person in the sentence that counts the winner's votes is a
    loser's."""
    out: list[Row] = []
    for count in counts:
        if id(count) in attached or not count.candidate or not count.votes:
            continue
        contest = [r for r in rows if r.contest_id == count.contest_id]
        winners = [r for r in contest if r.status == "won"]
        if len(winners) != 1 or any(r.status in ("leading", "trailing") for r in contest):
            continue
        winner = winners[0]
        if _same_person(count.candidate, winner.candidate) or any(
                r.candidate and _same_person(count.candidate, r.candidate) for r in contest):
            continue      # the winner under another spelling, or someone the article already files
        quote = count.quotes[0][1] if count.quotes else None
        beside = any(target is winner and other.quotes and other.quotes[0][1] == quote
                     for other in counts if (target := attached.get(id(other))) is not None)
        if not beside:
            continue
        out.append(Row(count.contest_id, count.candidate, count.candidate_hi, count.party_id, count.party_key,
                       count.party_raw, "lost", None, count.votes, None,
                       round(min(count.confidence, winner.confidence) - th.STEP_SOFT, 2), "pattern:votes-runner-up",
                       list(count.quotes)))
    return out


def _write(ctx: Context, rows: list[Row]) -> list[int]:
    counts = [r for r in rows if r.status == "votes"]
    rows = [r for r in rows if r.status != "votes"]
    conflicts: set[tuple] = set()      # (merge key, figure) two sentences of the article disagree on
    merged: dict[tuple, Row] = {}
    for row in rows:
        key = (row.contest_id, norm_name(row.candidate), row.party_key, row.status)
        if row.status in ("leading", "trailing"):
            key += (row.margin, row.rounds)    # leads at different counts are different snapshots
        have = merged.get(key)
        if have is None:
            merged[key] = row
            continue
        for attr in ("margin", "votes"):
            if getattr(have, attr) and getattr(row, attr) and getattr(have, attr)[0] != getattr(row, attr)[0]:
                conflicts.add((key, attr))
        have.margin = have.margin or row.margin
        have.votes = have.votes or row.votes
        have.rounds = have.rounds or row.rounds
        have.position = have.position or row.position
        have.confidence = max(have.confidence, row.confidence)
        if row.margin and have.method in ("pattern:won", "pattern:hi-jeet"):
            have.method = row.method
        have.quotes.extend(q for q in row.quotes if q not in have.quotes)
    for key, attr in conflicts:
        setattr(merged[key], attr, None)
    _drop_conflicting_figures(list(merged.values()))
    # a party-only row is dropped when a named row says the same of the same party (its figures go to
    # that row when it is the only one: "the SP won by 21,961" + "SP's X won")
    named: dict[tuple, list[Row]] = {}
    for r in merged.values():
        if r.candidate:
            named.setdefault((r.contest_id, r.party_key, r.status), []).append(r)
    final = []
    for r in merged.values():
        same = named.get((r.contest_id, r.party_key, r.status)) if not r.candidate else None
        if not same:
            final.append(r)
            continue
        if len(same) == 1:
            _absorb(same[0], r)
    attached: dict[int, Row] = {}
    for count in counts:
        target = _attach_count(count, final)
        if target is not None:
            attached[id(count)] = target
    final.extend(_runners_up(counts, attached, final))
    # two different winners of one contest in one article: keep them, but for review
    winners: dict[int, set] = {}
    for r in final:
        if r.status == "won":
            winners.setdefault(r.contest_id, set()).add(r.party_key or norm_name(r.candidate))
    ids: list[int] = []
    as_of = (ctx.counting or ctx.published)
    for r in final:
        conf = min(r.confidence, th.TWO_WINNERS_CAP) if len(winners.get(r.contest_id, ())) > 1 else r.confidence
        cur = ctx.db.execute(
            "INSERT INTO results (contest_id, candidate, candidate_hi, party_id, party_raw, votes, votes_qualifier, "
            "position, status, margin, margin_qualifier, rounds_counted, as_of, origin, confidence, method, review) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'extracted', ?, ?, ?)",
            [r.contest_id, r.candidate, r.candidate_hi, r.party_id, r.party_raw,
             r.votes[0] if r.votes else None, r.votes[1] if r.votes else "", r.position, r.status,
             r.margin[0] if r.margin else None, r.margin[1] if r.margin else "", r.rounds,
             as_of.isoformat() if as_of else None, conf, r.method, "accepted" if conf >= ACCEPT_AT else "pending"])
        for passage_id, quote in r.quotes:
            ctx.db.execute("INSERT INTO provenance (row_table, row_id, field, article_id, passage_id, source, quote) "
                           "VALUES ('results', ?, NULL, ?, ?, ?, ?)",
                           [cur.lastrowid, ctx.article_id, passage_id, ctx.source, quote])
        ids.append(cur.lastrowid)
    return ids


def _drop_conflicting_figures(rows: list[Row]) -> None:
    """One article giving one final result two margins (or vote counts) states neither for sure
    ("defeated Deora by just 8,408 votes" in its intro, "a slim margin of 8,801 votes" below): the
    rows keep their quotes and lose the figure. Leads are snapshots and may differ."""
    for attr in ("margin", "votes"):
        seen: dict[tuple, set] = {}
        for r in rows:
            if r.status in ("won", "lost") and getattr(r, attr):
                seen.setdefault((r.contest_id, norm_name(r.candidate) or r.party_key, r.status), set()).add(
                    getattr(r, attr)[0])
        for r in rows:
            key = (r.contest_id, norm_name(r.candidate) or r.party_key, r.status)
            if len(seen.get(key, ())) > 1:
                setattr(r, attr, None)


def write_tallies(ctx: Context, tallies: list[tuple]) -> list[int]:
    """Write an article's tallies (election_id, TallyClaim, passage_id, quote, label) as extracted rows
    with the article's date; one article giving one party two figures of one status states neither."""
    seen: dict[tuple, set[int]] = {}
    for election_id, c, _, _, label in tallies:
        seen.setdefault((election_id, label, c.status), set()).add(c.seats)
    as_of = ctx.counting or ctx.published
    ids, done = [], set()
    for election_id, c, passage_id, quote, label in tallies:
        key = (election_id, label, c.status)
        if len(seen[key]) > 1 or key in done:
            continue
        done.add(key)
        cur = ctx.db.execute(
            "INSERT INTO tallies (election_id, party, seats, seats_of, seats_qualifier, as_of, origin, status) "
            "VALUES (?, ?, ?, ?, ?, ?, 'extracted', ?)",
            [election_id, label, c.seats, c.of, c.qualifier, as_of.isoformat() if as_of else None, c.status])
        ctx.db.execute("INSERT INTO provenance (row_table, row_id, field, article_id, passage_id, source, quote) "
                       "VALUES ('tallies', ?, 'seats', ?, ?, ?, ?)",
                       [cur.lastrowid, ctx.article_id, passage_id, ctx.source, quote])
        ids.append(cur.lastrowid)
    return ids
