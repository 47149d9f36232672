"""Which of two reports of a seat's margin is later, from the vote counts they state.

Vote counts only grow while votes are counted. A report that gives the winner's and the
runner-up's counts, both higher than another report gives for the same two candidates, was
written later; its difference of the two counts is the later margin, and it supersedes the margin
the earlier report states ("won by 944" with 47,381 v 46,437 is stale beside 50,213 v 48,897).

Only where one article states both candidates' counts, and only against a stated margin that the
earlier article's own counts explain (their difference): that is what shows the two reports are
about the same two candidates at two stages of one count.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from index.evidence import Reader, Target, Unit

MAX_DAYS = 7    # a later report of the same count comes within days; a rematch years later is another election


@dataclass(frozen=True)
class Count:
    votes: int
    unit: Unit


@dataclass(frozen=True)
class LaterMargin:
    winner: str
    runner_up: str
    winner_count: Count
    runner_up_count: Count
    superseded: int               # the margin the earlier report states

    @property
    def margin(self) -> int:
        return self.winner_count.votes - self.runner_up_count.votes

    def units(self) -> list[Unit]:
        us = [self.winner_count.unit, self.runner_up_count.unit]
        return us[:1] if us[0] is us[1] or us[0].text == us[1].text else us


def counts_by_article(reader: Reader, units: Iterable[Unit], seat: Target,
                      people: dict[str, Target]) -> dict[int, dict[str, Count]]:
    """Per article, the highest count it states for each person, from final-looking sentences
    about the seat (a sentence naming it, or one of a passage naming it and no other seat) that
    are not about an earlier election."""
    out: dict[int, dict[str, Count]] = {}
    for u in units:
        if u.past or u.pair or not any("votes" in n.kinds for n in u.numbers):
            continue
        if not reader.mentions(u, seat) and not (reader.in_passage(u, seat) and not reader.rivals(u, seat)):
            continue
        for name, target in people.items():
            value = reader.owned(u, target, "votes")
            if value is None:
                continue
            have = out.setdefault(u.hit.article_id, {})
            if name not in have or value > have[name].votes:
                have[name] = Count(value, u)
    return out


def explained(counts: dict[int, dict[str, Count]], winner: str, stated: int) -> bool:
    """Whether an article's own counts of the winner and another candidate differ by `stated`."""
    return any(w is not None and any(name != winner and w.votes - c.votes == stated for name, c in have.items())
               for have in counts.values() for w in [have.get(winner)])


def later_margin(counts: dict[int, dict[str, Count]], winner: str, stated: int) -> LaterMargin | None:
    """The later report's margin for the winner, when an earlier article's own counts give the
    stated margin and another article gives both candidates higher counts (the winner still
    ahead, in sentences with no counting-day words). The latest such report (highest counts)."""
    best: LaterMargin | None = None
    for early in counts.values():
        w = early.get(winner)
        if w is None:
            continue
        for rival, r in early.items():
            if rival == winner or w.votes - r.votes != stated:
                continue
            for late in counts.values():
                lw, lr = late.get(winner), late.get(rival)
                if lw is None or lr is None or lw.unit.hit.article_id == w.unit.hit.article_id:
                    continue
                if not (lw.votes > w.votes and lr.votes > r.votes and lw.votes > lr.votes):
                    continue
                if lw.unit.interim or lr.unit.interim or not _same_count(w.unit, lw.unit):
                    continue
                if best is None or (lw.votes, lr.votes) > (best.winner_count.votes, best.runner_up_count.votes):
                    best = LaterMargin(winner, rival, lw, lr, stated)
    return best


def _same_count(early: Unit, late: Unit) -> bool:
    """Whether the later report can be of the same count: published no earlier, and within days."""
    try:
        a, b = date.fromisoformat((early.hit.published or "")[:10]), date.fromisoformat((late.hit.published or "")[:10])
    except ValueError:
        return False
    return 0 <= (b - a).days <= MAX_DAYS
