"""Scoring extraction against the labelled snippets in tests/fixtures/extract/labelled.jsonl.

Each snippet (one sentence, or a sentence and the one before it, verbatim from a real article; a
tally snippet after the article's first sentence naming its state, `context`, which states no result) is
ingested as an article of its own, in file order, into one store holding the fixture seats
(tests/fixtures/extract/seats.csv: every seat of the national gazetteer whose name the snippets
spell) and the bundled parties. Its extracted rows are compared with the rows labelled for it:

- a row matches a labelled row of its snippet with the same seat, status and person (names equal
  after normalising, one a part of the other: "Mahato" ~ "Jairam Mahato", or fuzzy >= 85; a row
  without a candidate matches by party);
- wrong seat: a row whose person is labelled in that snippet but on another seat, or whose seat no
  labelled row of the snippet has; wrong election: a matching row filed under another election
  (kind, year) than labelled;
- per field (party, margin, votes, rounds): precision over matched rows that state the field and
  whose label states it, recall over labelled rows that state it.
Labels say what the sentence says (a counting-day lead is `leading`), not the final result.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from store.extract import extract_article, load_lexicon, norm_name
from store.gazetteer import load_gazetteer
from store.schema import open_store

FIELDS = ("party", "margin", "votes", "rounds")


@dataclass
class Score:
    extracted: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0
    wrong_seat: list[str] = field(default_factory=list)
    wrong_election: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=lambda: {f: [0, 0, 0, 0] for f in FIELDS})  # stated, right, labelled, found
    tallies: list = field(default_factory=lambda: [0, 0, 0, 0])     # extracted, right, labelled, found
    tally_wrong: list[str] = field(default_factory=list)
    tally_missed: list[str] = field(default_factory=list)
    field_missed: list[str] = field(default_factory=list)    # a found row without a figure its label states


def same_person(a: str | None, b: str | None) -> bool:
    na, nb = norm_name(a or ""), norm_name(b or "")
    if not na or not nb:
        return False
    if na == nb or set(na.split()) <= set(nb.split()) or set(nb.split()) <= set(na.split()):
        return True
    return fuzz.token_sort_ratio(na, nb) >= 85


def _party(value: str | None) -> str:
    return (value or "").upper().replace(" ", "")


def build_store(path: Path, fixtures: Path, gazetteer: Path):
    """A store with the bundled states/parties/alliances and the fixture seats."""
    work = path.parent / "gaz"
    work.mkdir(exist_ok=True)
    for name in ("states.csv", "parties.csv", "alliances.csv"):
        (work / name).write_bytes((gazetteer / name).read_bytes())
    (work / "constituencies.csv").write_bytes((fixtures / "seats.csv").read_bytes())
    db = open_store(path)
    load_gazetteer(db, work)
    return db


def run(db, fixtures: Path, patterns: Path) -> Score:
    lexicon = load_lexicon(patterns)
    score = Score()
    for line in open(fixtures / "labelled.jsonl", encoding="utf-8"):
        snip = json.loads(line)
        text = (snip["context"] + "\n\n" + snip["text"]) if snip.get("context") else snip["text"]
        with db.conn:
            aid = db.execute("INSERT INTO articles (source, text, published, content_hash) VALUES (?, ?, ?, ?)",
                             [snip["id"], text, snip["published"], snip["id"]]).lastrowid
            db.execute('INSERT INTO passages (article_id, ord, text, start, "end") VALUES (?, 0, ?, 0, ?)',
                       [aid, text, len(text)])
            ids = extract_article(db, aid, lexicon=lexicon)
        # only what the snippet's sentences state is scored (the context is there for the article's
        # date, state and election words; what it states itself is not labelled)
        got = [_row(db, rid) for rid in ids if _quotes_in(db, "results", rid, snip["text"])]
        _compare(snip, got, score)
        _compare_tallies(snip, [t for t in _tallies(db, aid) if t.pop("quote") in snip["text"]], score)
    return score


def _row(db, rid: int) -> dict:
    r = db.execute(
        "SELECT c.name_en, r.candidate, COALESCE(p.abbr, r.party_raw), r.status, r.margin, r.margin_qualifier, "
        "r.votes, r.rounds_counted, e.kind, e.year FROM results r JOIN contests ct ON ct.id = r.contest_id "
        "JOIN elections e ON e.id = ct.election_id JOIN constituencies c ON c.id = ct.constituency_id "
        "LEFT JOIN parties p ON p.id = r.party_id WHERE r.id = ?", [rid]).fetchone()
    return {"seat": r[0], "candidate": r[1], "party": r[2], "status": r[3],
            "margin": [r[4], r[5]] if r[4] is not None else None, "votes": r[6], "rounds": r[7],
            "election": {"kind": r[8], "year": r[9]}}


def _quotes_in(db, table: str, row_id: int, text: str) -> bool:
    """Whether the row quotes a sentence of `text` (the snippet); its figures are scored whatever else it quotes."""
    quotes = [q for (q,) in db.execute("SELECT quote FROM provenance WHERE row_table = ? AND row_id = ?",
                                       [table, row_id]).fetchall()]
    return any(q in text for q in quotes)


def _tallies(db, article_id: int) -> list[dict]:
    return [{"tally": r[0], "seats": r[1], "of": r[2], "status": r[3], "election": {"kind": r[4], "year": r[5]},
             "quote": r[6]}
            for r in db.execute(
                "SELECT t.party, t.seats, t.seats_of, t.status, e.kind, e.year, p.quote FROM tallies t "
                "JOIN elections e ON e.id = t.election_id JOIN provenance p ON p.row_table = 'tallies' "
                "AND p.row_id = t.id WHERE p.article_id = ? AND t.origin = 'extracted'", [article_id]).fetchall()]


def _compare_tallies(snip: dict, got: list[dict], score: Score) -> None:
    """A tally is right when a labelled one has its party (or alliance), seats, status and election
    (and total, when both state one)."""
    labels = snip.get("tallies", [])
    score.tallies[0] += len(got)
    score.tallies[2] += len(labels)

    def same(x: dict, t: dict) -> bool:
        return (_party(x["tally"]) == _party(t["tally"]) and x["seats"] == t["seats"] and x["status"] == t["status"]
                and x["election"] == t["election"] and (x["of"] is None or t["of"] is None or x["of"] == t["of"]))
    for x in got:
        if any(same(x, t) for t in labels):
            score.tallies[1] += 1
        else:
            score.tally_wrong.append(f"{snip['id']}: {x}")
    for t in labels:
        if any(same(x, t) for x in got):
            score.tallies[3] += 1
        else:
            score.tally_missed.append(f"{snip['id']}: {t['tally']} {t['seats']} {t['status']}")


def _label(snip: dict, r: dict) -> str:
    return (f"{snip['id']}: {r['seat']} {r['candidate'] or '-'} {r['party'] or '-'} {r['status']} "
            f"m={r['margin']} v={r['votes']} r={r['rounds']} {r['election']['kind']}-{r['election']['year']}")


def _matches(x: dict, t: dict) -> bool:
    if norm_name(x["seat"]) != norm_name(t["seat"]) or x["status"] != t["status"]:
        return False
    if x["candidate"] and t["candidate"]:
        return same_person(x["candidate"], t["candidate"])
    if not x["candidate"] and not t["candidate"]:
        return _party(x["party"]) == _party(t["party"])
    return False


def _compare(snip: dict, got: list[dict], score: Score) -> None:
    labels = snip["rows"]
    seats = {norm_name(t["seat"]) for t in labels}
    score.extracted += len(got)
    score.labelled += len(labels)
    used: set[int] = set()
    for x in got:
        hit = next((i for i, t in enumerate(labels) if _matches(x, t)), None)
        if hit is None:
            elsewhere = any(same_person(x["candidate"], t["candidate"]) and norm_name(t["seat"]) != norm_name(x["seat"])
                            for t in labels)
            if elsewhere or norm_name(x["seat"]) not in seats:
                score.wrong_seat.append(_label(snip, x))
            else:
                score.unmatched.append(_label(snip, x))
            continue
        t = labels[hit]
        if x["election"] != t["election"]:
            score.wrong_election.append(_label(snip, x))
            continue
        score.correct += 1
        used.add(hit)
        for f in FIELDS:
            stated, right = x[f] is not None, x[f] is not None and t[f] is not None and _eq(f, x[f], t[f])
            if stated and t[f] is not None:
                score.fields[f][0] += 1
                score.fields[f][1] += right
            elif stated and f != "party":
                score.fields[f][0] += 1       # a figure the sentence does not state for this row
    for i, t in enumerate(labels):
        for f in FIELDS:
            if t[f] is not None:
                score.fields[f][2] += 1
        if i in used:
            score.found += 1
            match = next(x for x in got if _matches(x, t) and x["election"] == t["election"])
            for f in FIELDS:
                if t[f] is not None and match[f] is not None and _eq(f, match[f], t[f]):
                    score.fields[f][3] += 1
                elif t[f] is not None:
                    score.field_missed.append(f"{_label(snip, t)}: {f} read as {match[f]}")
        else:
            score.missed.append(_label(snip, t))


def _eq(f: str, a, b) -> bool:
    if f == "party":
        return _party(a) == _party(b)
    return a == b


def report(score: Score, verbose: bool = True) -> None:
    p = score.correct / score.extracted if score.extracted else 1.0
    r = score.found / score.labelled if score.labelled else 1.0
    print(f"labelled snippets: rows precision {p:.3f} ({score.correct}/{score.extracted})  "
          f"recall {r:.3f} ({score.found}/{score.labelled})")
    for f, (stated, right, labelled, found) in score.fields.items():
        fp = right / stated if stated else 1.0
        fr = found / labelled if labelled else 1.0
        print(f"  {f:7s} precision {fp:.3f} ({right}/{stated})  recall {fr:.3f} ({found}/{labelled})")
    print(f"  rows on a wrong seat: {len(score.wrong_seat)}   rows in a wrong election: {len(score.wrong_election)}")
    ext, right, lab, found = score.tallies
    print(f"  tallies precision {right / ext if ext else 1.0:.3f} ({right}/{ext})  "
          f"recall {found / lab if lab else 1.0:.3f} ({found}/{lab})")
    if verbose:
        for title, items in (("wrong seat", score.wrong_seat), ("wrong election", score.wrong_election),
                             ("not labelled", score.unmatched), ("missed", score.missed),
                             ("tally not labelled", score.tally_wrong), ("tally missed", score.tally_missed),
                             ("figure missed", score.field_missed)):
            for item in items:
                print(f"    {title}: {item}")


def seats_in(fixtures: Path) -> list[dict]:
    with open(fixtures / "seats.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
