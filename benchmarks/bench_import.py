"""Import speed: whole results files into a fresh temporary store; median of 3 runs per file.

    .venv/bin/python benchmarks/bench_import.py [--electionlens F] [--thecont1 F] [--tcpd F] [--runs 3]

Defaults point at /work/shared/data (files missing there are skipped). Also prints the BJP
winners counted from the thecont1 Lok Sabha 2024 file (expected: 240).
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/data")


def _fresh_store(folder: Path):
    from store.gazetteer import load_gazetteer
    from store.schema import open_store

    db = open_store(folder / "store.db")
    load_gazetteer(db, REPO / "data" / "gazetteer")
    return db


def bench(path: Path, election_key: str | None, runs: int) -> tuple[int, float, int]:
    """(rows imported, median seconds, BJP winners) for importing `path` into fresh stores."""
    from store.importer import import_results_file

    times, imported, bjp = [], 0, 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = _fresh_store(Path(tmp))
            start = time.perf_counter()
            report = import_results_file(db, path, election_key=election_key)
            times.append(time.perf_counter() - start)
            imported = report.imported
            bjp = db.execute("SELECT COUNT(*) FROM results r JOIN parties p ON p.id = r.party_id "
                             "WHERE r.status = 'won' AND p.abbr = 'BJP'").fetchone()[0]
            db.conn.close()
    return imported, statistics.median(times), bjp


def main() -> None:
    import sys

    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--electionlens", type=Path, default=SHARED / "electionlens/ls2024_candidates_electionlens.csv")
    parser.add_argument("--thecont1", type=Path,
                        default=SHARED / "thecont1_india_votes/2024_parliamentary_elections_india.csv")
    parser.add_argument("--tcpd", type=Path, default=SHARED / "tcpd_lokdhaba/tcpd_ge_all_states_1962_2021.csv")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print(f"{'file':48} {'rows':>8} {'median s':>9} {'rows/s':>9}")
    for label, path, key in (("electionlens", args.electionlens, None), ("thecont1", args.thecont1, "ls-2024"),
                             ("tcpd", args.tcpd, None)):
        if not path.exists():
            print(f"{label}: {path} not found, skipped")
            continue
        rows, seconds, bjp = bench(path, key, args.runs)
        print(f"{path.name:48} {rows:>8} {seconds:>9.2f} {rows / seconds:>9.0f}")
        if label == "thecont1":
            print(f"  BJP winners, Lok Sabha 2024 (thecont1): {bjp} (expected 240)")


if __name__ == "__main__":
    main()
