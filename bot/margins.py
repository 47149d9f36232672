"""Which of a candidate's reported margins to state when reports of equal standing disagree.

"defeating its ally in the state, the Shiv Sena, by a margin of 28,474 votes" (one outlet) against
29,572 in three others and Gavit's 2,72,782 to Wanaga's 2,43,210: the margin that is the difference of
the reported votes comes first, then the one more articles state, then the usual row order.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def vote_gaps(winner_rows: Sequence[Any], runner_rows: Sequence[Any]) -> set[int]:
    """Every difference between a vote count reported for the winner and one for the runner-up."""
    mine = {r.votes for r in winner_rows if r.votes and not r.votes_qualifier}
    theirs = {r.votes for r in runner_rows if r.votes and not r.votes_qualifier}
    return {a - b for a in mine for b in theirs if a > b}


def pick_margin(rows: Sequence[Any], rank: Callable[[Any], tuple], runner_rows: Sequence[Any] = ()) -> Any:
    """The row whose margin to state among `rows` (final rows with a margin), see the module docstring.
    Only exact figures of the best standing compete; a qualified one ("over 9,000") never outranks them."""
    best = max(rows, key=rank)
    peers = [r for r in rows if rank(r)[:2] == rank(best)[:2] and not r.margin_qualifier]
    if len({r.margin for r in peers}) < 2:
        return best
    gaps = vote_gaps(rows, runner_rows)
    articles: dict[int, set] = {}
    for r in peers:
        articles.setdefault(r.margin, set()).update(s.source for s in r.sources)
    return max(peers, key=lambda r: (r.margin in gaps, len(articles[r.margin]), rank(r)))
