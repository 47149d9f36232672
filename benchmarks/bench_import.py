"""Import speed and answering at national scale.

    .venv/bin/python benchmarks/bench_import.py [--runs 3] [--files] [--scale] [--data /work/shared/data]

--files (default when nothing is chosen): each results file into a fresh store, median of --runs.
--scale: what a user runs, as subprocesses of `python -m bot` on a home built from data/ first:
  1. `import-results` of every results file under --data (tcpd_lokdhaba, electionlens,
     thecont1_india_votes) together, the index sync and name indexing included   (target <= 90 s)
  2. one general election (ls2024 electionlens, 8,300 rows) re-imported with changed counts
     (same file name, every candidate's votes changed)                            (target <= 5 s)
  3. the two dev2 results files into a fresh home                                (target <= 10 s)
  4. cold start of the answering engine on the home holding everything (median of 3 processes)
                                                                                  (target <= 2 s)
  5. answer times over that home: seat and whole-table questions in English, Hindi and romanized
     Hindi, each asked 5 times; p50 / p95 over all asks, and over the first asks (cold caches)
                                                                                  (target p95 <= 30 ms)
Prints `uptime` beside the figures (shared machines: quote medians).
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/data")
RESULT_FOLDERS = ("tcpd_lokdhaba", "electionlens", "thecont1_india_votes")
NOT_RESULTS = {"parties.csv", "states.csv"}     # thecont1's lookup tables, not results files
QUESTIONS = [
    "Who won Gorakhpur in 2019?", "Who won Amethi in 2004?", "Kagal mein kaun jeeta?",
    "गोरखपुर में कौन जीता?", "How many seats did the BJP win in 2019?",
    "2019 लोकसभा चुनाव में भाजपा ने कितनी सीटें जीतीं?",
    "Which seat had the largest winning margin in the 2024 Lok Sabha election?",
    "jharkhand mein sabse kam margin se kaun jeeta?",
    "In how many Maharashtra seats was the winning margin below 1,000 votes?",
    "How many candidates were in the fray in the 2019 Lok Sabha election?",
    "How many women won in the 2019 Lok Sabha election?",
    "What was the BJP's vote share in the 2014 Lok Sabha election?",
    "How many times has the Congress won Rae Bareli Lok Sabha seat?",
    "Since when has the BJP held Gorakhpur Lok Sabha seat?",
    "How many independents won in Maharashtra, and from which seats?",
    "Which seats did the RJD win in Bihar in 2020?",
]


def results_files(data: Path) -> list[Path]:
    return [p for folder in RESULT_FOLDERS for p in sorted((data / folder).glob("*.csv")) if p.name not in NOT_RESULTS]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}


def bot(home: Path, *args: str) -> float:
    """Run `python -m bot --home HOME ...`; seconds taken. Raises on failure."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", "--home", str(home), *args], cwd=REPO, env=_env(),
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"python -m bot {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def bench_files(data: Path, runs: int) -> None:
    sys.path.insert(0, str(REPO))
    from store.gazetteer import load_gazetteer
    from store.importer import import_results_file
    from store.schema import open_store

    print(f"{'file':52} {'rows':>8} {'median s':>9} {'rows/s':>9}")
    for path in results_files(data):
        times, imported = [], 0
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                db = open_store(Path(tmp) / "store.db")
                load_gazetteer(db, REPO / "data" / "gazetteer")
                start = time.perf_counter()
                report = import_results_file(db, path)
                times.append(time.perf_counter() - start)
                imported = report.imported
                db.conn.close()
        seconds = statistics.median(times)
        print(f"{path.name:52} {imported:>8} {seconds:>9.2f} {imported / seconds:>9.0f}")


def changed_copy(path: Path, folder: Path) -> Path:
    """The file under the same name with every candidate's votes changed (+1..+7)."""
    out = folder / path.name
    with path.open(encoding="utf-8-sig", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        votes = [h.strip().lower() for h in header].index("votes")
        for n, row in enumerate(reader):
            if row[votes].strip().isdigit():
                row[votes] = str(int(row[votes]) + 1 + n % 7)
            writer.writerow(row)
    return out


def bench_scale(data: Path) -> None:
    files = results_files(data)
    rows = sum(max(sum(1 for _ in p.open(encoding="utf-8", errors="replace")) - 1, 0) for p in files)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        base = Path(tmp) / "base"
        bot(base, "reindex")                    # the bundled home, built and indexed (not timed)
        home = Path(tmp) / "all"
        shutil.copytree(base, home)
        seconds = bot(home, "import-results", *map(str, files))
        print(f"1. all {len(files)} results files ({rows:,} rows) imported, index synced, names indexed: "
              f"{seconds:.1f} s (target <= 90)")

        ls = data / "electionlens" / "ls2024_candidates_electionlens.csv"
        if ls.exists():
            changed = changed_copy(ls, Path(tmp))
            times = [bot(home, "import-results", str(changed)) if i % 2 == 0 else bot(home, "import-results", str(ls))
                     for i in range(3)]
            print(f"2. ls2024 re-imported with changed counts (8,304 rows): median {statistics.median(times):.2f} s "
                  f"of {', '.join(f'{t:.2f}' for t in times)} (target <= 5)")

        dev2 = [data / "electionlens" / f"ac_{s}_2024_candidates_electionlens.csv" for s in ("maharashtra", "jharkhand")]
        if all(p.exists() for p in dev2):
            small = Path(tmp) / "dev2"
            shutil.copytree(base, small)
            print(f"3. dev2's two results files into a fresh home: {bot(small, 'import-results', *map(str, dev2)):.2f} s "
                  "(target <= 10)")

        code = ("import time; t = time.perf_counter(); from bot.config import load_config; from bot.engine import Engine; "
                f"Engine(load_config(None, home={str(home)!r}), open_index=False); print(time.perf_counter() - t)")
        starts = []
        for _ in range(3):
            done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=_env(), capture_output=True, text=True)
            starts.append(float(done.stdout.strip().splitlines()[-1]))
        print(f"4. cold start (imports + engine on the full home): median {statistics.median(starts):.2f} s of "
              f"{', '.join(f'{s:.2f}' for s in starts)} (target <= 2)")

        code = (
            "import json, sys, time; from bot.config import load_config; from bot.engine import Engine\n"
            f"e = Engine(load_config(None, home={str(home)!r}), open_index=False)\n"
            "qs = json.loads(sys.argv[1]); out = []\n"
            "for r in range(5):\n"
            "    for i, q in enumerate(qs):\n"
            "        t = time.perf_counter(); a = e.answer(q, chat_id=(r, i)); out.append((r, time.perf_counter() - t, a.status))\n"
            "print(json.dumps(out))\n")
        import json

        done = subprocess.run([sys.executable, "-c", code, json.dumps(QUESTIONS)], cwd=REPO, env=_env(),
                              capture_output=True, text=True)
        timings = json.loads(done.stdout.strip().splitlines()[-1])
        every = sorted(t for _, t, _ in timings)
        first = sorted(t for r, t, _ in timings if r == 0)
        answered = sum(1 for r, _, s in timings if r == 0 and s == "answered")

        def pct(xs: list[float], p: float) -> float:
            return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))] * 1000

        print(f"5. answers on the full home, {len(QUESTIONS)} questions x 5 ({answered} answered): p50 {pct(every, .5):.1f} ms, "
              f"p95 {pct(every, .95):.1f} ms (target <= 30); first asks only: p50 {pct(first, .5):.1f} ms, "
              f"p95 {pct(first, .95):.1f} ms")
    print(f"load: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", action="store_true", help="each results file into a fresh store")
    parser.add_argument("--scale", action="store_true", help="the national-scale targets (see the doc)")
    args = parser.parse_args()
    if args.files or not args.scale:
        bench_files(args.data, args.runs)
    if args.scale:
        bench_scale(args.data)


if __name__ == "__main__":
    main()
