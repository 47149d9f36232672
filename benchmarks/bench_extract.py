"""Precision and recall of result extraction: the labelled snippets, then the seed articles' curated results.

    .venv/bin/python benchmarks/bench_extract.py [--articles data/articles] [--results data/results/results.csv]
                                                 [--labelled tests/fixtures/extract] [--quiet]

First the labelled snippets (benchmarks/labelled_extract.py says how they are scored: precision and
recall per field, rows on a wrong seat or in a wrong election). Then:

Builds a temp store with the gazetteer (data/gazetteer) and the articles ingested with
extraction on, and no curated results; then compares the extracted rows with the curated ones.

Matching (a row is the tuple: election year, seat, candidate, party, status, margin):
- seat: the same constituency name after normalising (case, spaces, hyphens, dots);
- year: the election's year (so a 2017 result filed under a 2018 bypoll is wrong);
- candidate: normalised names equal, or fuzzy token ratio >= 85 ("Tabassum Hassan" ~ "Tabassum
  Hasan"), or the extracted Devanagari name equals the curated candidate_hi; a curated row with
  no candidate ('') is matched by an extracted row with none;
- party: the parties-table abbreviation (curated names resolved through the gazetteer);
- margin: value and qualifier both equal ("over 5,678" is not "5,678"); no margin = None.
Precision: an extracted row is correct when some curated row agrees with every field the
extracted row states (an unnamed or margin-less extracted row states less, which is not wrong).
Recall: a curated row is found when some extracted row equals it in every field.
Rows under review='rejected' are left out; figures are printed for all rows and accepted ones.
Votes (not part of the tuple): of the curated rows that state votes, how many are found with the
same votes and qualifier, and how many extracted vote counts disagree with the row they match.
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import labelled_extract as labelled  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from store.extract import extract_article, load_lexicon, load_names, norm_name, resolve_party  # noqa: E402
from store.gazetteer import load_gazetteer  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.schema import open_store  # noqa: E402
from store.settings import IngestSettings  # noqa: E402


def _party(names, raw: str) -> str | None:
    if not raw:
        return None
    pid, abbr = resolve_party(names, raw)
    return abbr.upper()


def _same_name(a: str, b: str, b_hi: str = "") -> bool:
    na, nb = norm_name(a), norm_name(b)
    if na == nb or (b_hi and na == norm_name(b_hi)):
        return True
    return bool(na and nb and fuzz.token_sort_ratio(na, nb) >= 85)


def truth_rows(path: Path, elections: Path, names) -> list[dict]:
    years = {r["key"]: int(r["year"]) for r in csv.DictReader(open(elections, encoding="utf-8"))}
    rows = []
    for r in csv.DictReader(open(path, encoding="utf-8")):
        rows.append({
            "year": years.get(r["election"], int(r["election"][-4:]) if r["election"][-4:].isdigit() else None),
            "seat": norm_name(r["constituency"]), "candidate": r["candidate"], "candidate_hi": r["candidate_hi"],
            "party": _party(names, r["party"]), "status": r["status"],
            "margin": (int(r["margin"]), r["margin_qualifier"]) if r["margin"] else None,
            "votes": (int(r["votes"]), r["votes_qualifier"]) if r["votes"] else None,
            "label": f"{r['election']} {r['constituency']} {r['candidate'] or '-'} {r['party']} {r['status']} "
                     f"{r['margin_qualifier']} {r['margin']}".replace("  ", " "),
        })
    return rows


def extracted_rows(db) -> list[dict]:
    rows = []
    for rid, year, seat, cand, abbr, raw, status, margin, mq, review, conf, method, votes, vq in db.execute(
        "SELECT r.id, e.year, c.name_en, r.candidate, p.abbr, r.party_raw, r.status, r.margin, r.margin_qualifier, "
        "r.review, r.confidence, r.method, r.votes, r.votes_qualifier FROM results r JOIN contests ct ON ct.id = r.contest_id "
        "JOIN elections e ON e.id = ct.election_id JOIN constituencies c ON c.id = ct.constituency_id "
        "LEFT JOIN parties p ON p.id = r.party_id WHERE r.origin = 'extracted' AND r.review != 'rejected'"
    ).fetchall():
        rows.append({"year": year, "seat": norm_name(seat), "candidate": cand,
                     "party": (abbr or raw or "").upper() or None, "status": status,
                     "margin": (margin, mq) if margin is not None else None, "review": review,
                     "votes": (votes, vq) if votes is not None else None,
                     "label": f"#{rid} {year} {seat} {cand or '-'} {abbr or raw} {status} {mq} {margin or ''} "
                              f"{'votes ' + vq + ' ' + str(votes) if votes is not None else ''} "
                              f"({method}, {conf}, {review})".replace("  ", " ")})
    return rows


def consistent(x: dict, t: dict) -> bool:
    if (x["year"], x["seat"], x["status"]) != (t["year"], t["seat"], t["status"]):
        return False
    if x["party"] and t["party"] and x["party"] != t["party"]:
        return False
    if x["party"] and not t["party"]:
        return False
    if x["candidate"] and not (t["candidate"] and _same_name(x["candidate"], t["candidate"], t["candidate_hi"])):
        return False
    return x["margin"] is None or x["margin"] == t["margin"]


def equal(x: dict, t: dict) -> bool:
    return (consistent(x, t) and x["party"] == t["party"] and x["margin"] == t["margin"]
            and bool(x["candidate"]) == bool(t["candidate"]))


def score(extracted: list[dict], truth: list[dict], title: str) -> None:
    good = [x for x in extracted if any(consistent(x, t) for t in truth)]
    found = [t for t in truth if any(equal(x, t) for x in extracted)]
    precision = len(good) / len(extracted) if extracted else 1.0
    recall = len(found) / len(truth) if truth else 1.0
    print(f"{title}: precision {precision:.3f} ({len(good)}/{len(extracted)})  "
          f"recall {recall:.3f} ({len(found)}/{len(truth)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default=str(REPO / "data" / "articles"))
    ap.add_argument("--results", default=str(REPO / "data" / "results" / "results.csv"))
    ap.add_argument("--gazetteer", default=str(REPO / "data" / "gazetteer"))
    ap.add_argument("--labelled", default=str(REPO / "tests" / "fixtures" / "extract"))
    ap.add_argument("--quiet", action="store_true", help="figures only, no row lists")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = labelled.build_store(Path(tmp) / "store.db", Path(args.labelled), Path(args.gazetteer))
        labelled.report(labelled.run(db, Path(args.labelled), REPO / "data" / "patterns"), verbose=not args.quiet)
        print()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "store.db")
        load_gazetteer(db, Path(args.gazetteer))
        timings: list[float] = []

        def timed(hook_db, article_id: int) -> list[int]:
            t0 = time.perf_counter()
            out = extract_article(hook_db, article_id)
            timings.append(time.perf_counter() - t0)
            return out

        report = ingest_paths(db, [Path(args.articles)], IngestSettings(), on_article=timed)
        print(report.summary())
        names = load_names(db, load_lexicon(REPO / "data" / "patterns"))
        truth = truth_rows(Path(args.results), Path(args.results).parent / "elections.csv", names)
        extracted = extracted_rows(db)
        score(extracted, truth, "all extracted rows")
        score([x for x in extracted if x["review"] == "accepted"], truth, "accepted rows only")
        with_votes = [t for t in truth if t["votes"]]
        votes_found = [t for t in with_votes if any(equal(x, t) and x["votes"] == t["votes"] for x in extracted)]
        votes_wrong = [x for x in extracted if x["votes"] and any(
            consistent(x, t) and t["votes"] and t["votes"] != x["votes"] for t in truth)]
        print(f"votes: {len(votes_found)}/{len(with_votes)} curated vote counts found; "
              f"{len(votes_wrong)} extracted counts disagree")
        for x in votes_wrong:
            print("   disagrees:", x["label"])
        if args.quiet:
            return 0
        print("\nfalse positives:")
        for x in extracted:
            if not any(consistent(x, t) for t in truth):
                print("  ", x["label"])
        print("\nmisses:")
        for t in truth:
            if not any(equal(x, t) for x in extracted):
                print("  ", t["label"])
        print("\nextracted:")
        for x in extracted:
            print("  ", x["label"])
        timings.sort()
        if timings:
            print(f"\nextract_article: median {timings[len(timings) // 2] * 1000:.1f} ms over {len(timings)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
