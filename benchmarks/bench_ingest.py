"""Ingestion speed: N generated articles (~500 words; English, Hindi and mixed) into a fresh store.

    .venv/bin/python benchmarks/bench_ingest.py [--n 500] [--runs 3]

Prints articles/s and passages/s, the median of the runs (no embeddings, no extraction).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.ingest import ingest_paths  # noqa: E402
from store.schema import open_store  # noqa: E402
from store.settings import IngestSettings  # noqa: E402

SEATS = ["Kairana", "Noorpur", "Gorakhpur", "Phulpur", "Palghar", "Dehra", "Jalandhar West", "R R Nagar", "Tharali"]
PEOPLE = ["Tabassum Hasan", "Mriganka Singh", "J.P. Nadda", "Dr. Pravin Kumar Nishad", "Kamlesh Thakur",
          "Hoshyar Singh", "Naeemul Hasan", "Avni Singh"]
PARTIES = ["BJP", "SP", "RLD", "Congress", "AAP", "BSP", "TMC", "JD(U)"]
EN = [
    "{p1} of the {a} defeated {p2} of the {b} in {seat} by a margin of {m:,} votes.",
    "Counting in {seat} went on for {r} rounds, and officials said the result was declared at 5 p.m. on Thursday.",
    "The {a} had spent Rs. {x}.{y} crore on the campaign in {seat}, according to its own filing.",
    "Voters in {seat} turned out in large numbers despite the heat, with turnout near {t} per cent.",
    "{p1} thanked the workers of the {a} and said the win in {seat} was a message to the {b}!",
    "Was the alliance of the {a} and the {b} the reason for the result in {seat}?",
    "The bypoll in {seat} was necessitated by the death of the sitting MLA earlier this year.",
]
HI = [
    "{seat} सीट पर {a} के {p1} ने {b} के {p2} को {m} वोटों से हराया।",
    "{seat} में मतगणना {r} दौर तक चली और शाम को नतीजा घोषित किया गया।",
    "{a} ने {seat} में प्रचार पर करोड़ों रुपये खर्च किए थे।",
    "{seat} में मतदान {t} प्रतिशत के आसपास रहा, अधिकारियों ने बताया।",
    "{p1} ने कहा कि {seat} की जीत {b} के लिए एक संदेश है।",
]


def sentence(rng: random.Random, templates: list[str]) -> str:
    a, b = rng.sample(PARTIES, 2)
    p1, p2 = rng.sample(PEOPLE, 2)
    return rng.choice(templates).format(seat=rng.choice(SEATS), a=a, b=b, p1=p1, p2=p2, m=rng.randint(500, 90000),
                                        r=rng.randint(5, 30), x=rng.randint(1, 9), y=rng.randint(0, 9),
                                        t=rng.randint(40, 75))


def article(rng: random.Random, kind: str, words: int = 500) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        templates = EN if kind == "en" or (kind == "mixed" and rng.random() < 0.4) else HI
        para = " ".join(sentence(rng, templates) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        count += len(para.split())
    return "\n\n".join(paragraphs)


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(n):
        kind = rng.choices(["en", "hi", "mixed"], weights=[6, 3, 1])[0]
        (folder / f"{i:05d}_{kind}.txt").write_text(article(rng, kind), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles to generate")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = IngestSettings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        generate(folder, args.n)
        timings, passages = [], 0
        for run in range(args.runs):
            db = open_store(Path(tmp) / f"store{run}.db")
            start = time.perf_counter()
            report = ingest_paths(db, [folder], settings)
            timings.append(time.perf_counter() - start)
            assert report.added == args.n and not report.failed, report.summary()
            passages = report.passages
            db.conn.close()
    median = statistics.median(timings)
    print(f"ingest: {args.n} articles, {passages} passages; median of {args.runs} runs {median:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in timings)})")
    print(f"  {args.n / median:.1f} articles/s, {passages / median:.1f} passages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
