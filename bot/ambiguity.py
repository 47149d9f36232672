"""Deciding which seat a name means when several share it, or asking "which one?".

A name can stand for several seats: one name in two states (Badli, Hamirpur, Aurangabad), a
Lok Sabha seat and an assembly seat of one state (Kairana, Gorakhpur), or the common part of
several seats' names (Jamshedpur East / West, Malegaon Central / Outer). In that order, these
decide it:

1. the question: a state it names, the house it names ("Lok Sabha", "vidhan sabha");
2. the conversation: a follow-up keeps to the seat, or the state, the chat was about;
3. the store: of seats in several states, the state where the store holds results; of one
   name's Lok Sabha and assembly seat, the one the store holds results for, or when it holds
   none, the one whose house it has elections of in that state.

A name that is only the common part of several seats' names ("Malegaon") is never decided by
the store: the asker left the seat out, so the bot asks. Whatever is left with more than one
seat gets a short "which one?".
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from bot.types import Question

Row = Callable[[int], dict]


def narrow(ids: tuple[int, ...], row: Row, states: Collection[str] = (), house: str | None = None,
           with_results: Collection[int] = (), partial: Collection[int] = (),
           context_seats: Collection[int] = (), covered: Collection[tuple[str, str]] = ()) -> list[int]:
    """The seats of `ids` that fit; one seat when decided, several when the bot must ask.

    `row(id)` gives a seat's state and house; `partial` are the ids the name reached only as the
    common part of their names; `with_results` the seats the store has results for;
    `context_seats` those the conversation was about; `covered` the (state, house) pairs the
    store has elections of."""
    keep = list(dict.fromkeys(ids))
    keep = _prefer(keep, lambda i: row(i).get("state") in states) if states else keep
    keep = _prefer(keep, lambda i: row(i).get("house") == house) if house else keep
    if len(keep) > 1 and context_seats:
        keep = _prefer(keep, lambda i: i in context_seats)
        context_states = {row(i).get("state") for i in context_seats}
        keep = _prefer(keep, lambda i: row(i).get("state") in context_states)
    if len(keep) > 1 and len({row(i).get("state") for i in keep}) > 1:
        result_states = {row(i).get("state") for i in keep if i in with_results}
        if len(result_states) == 1:
            keep = [i for i in keep if row(i).get("state") in result_states]
    whole = [i for i in keep if i not in partial]
    if len(keep) > 1 and whole:
        # the name is a whole seat name: its Lok Sabha or assembly seat with results decides,
        # unless other seats merely start with it (then the asker may mean any of them)
        named = _prefer(whole, lambda i: i in with_results)
        if len(named) == 1 and named[0] in with_results:
            return named
        if not any(i in with_results for i in keep) and len(whole) == len(keep):
            # no results for any: the house whose elections the store covers in that state
            # (articles about "the Maharashtra assembly election" make one)
            named = [i for i in whole if (row(i).get("state"), row(i).get("house")) in covered]
            if len(named) == 1:
                return named
    return keep


def _prefer(ids: list[int], fits: Callable[[int], bool]) -> list[int]:
    """The ids that fit, or all of them when none does."""
    return [i for i in ids if fits(i)] or ids


def with_context(q: Question, context_seats: Collection[int], row: Row) -> Question:
    """The question with each ambiguous name the conversation decides moved to its seats."""
    if not q.ambiguous or not context_seats:
        return q
    resolved, left = list(q.constituencies), []
    for ids in q.ambiguous:
        kept = narrow(ids, row, context_seats=context_seats)
        if len(kept) == 1:
            resolved.append(kept[0])
        else:
            left.append(tuple(kept))
    return replace(q, constituencies=tuple(dict.fromkeys(resolved)), ambiguous=tuple(left))
