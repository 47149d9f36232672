"""How long a result card and a tally chart take to render (PNG bytes out), median and p95.

Renders the biggest pictures the bot draws (a card with MAX_BARS candidates, a chart with
MAX_PARTIES parties) in English and Hindi, each `--runs` times with fonts already loaded (as in a
running bot), plus the first render of a fresh painter (fonts loading) and a cache hit. The target
is <= 150 ms a render; the cache makes a busy group cost one render per (seat or election, as-of,
language).

    .venv/bin/python benchmarks/bench_pictures.py
    .venv/bin/python benchmarks/bench_pictures.py --runs 200
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.picture_data import MAX_BARS, MAX_PARTIES, PictureCache  # noqa: E402
from bot.pictures import Bar, CardPicture, Painter, TallyPicture, TallyRow, check_shaping  # noqa: E402

PARTIES = ["BJP", "INC", "SP", "BSP", "RLD", "AAP", "TMC", "JMM", "RJD", "JD(U)", "CPI(M)", "IND"]
HI = {"BJP": "भाजपा", "INC": "कांग्रेस", "SP": "सपा", "BSP": "बसपा", "RLD": "रालोद", "AAP": "आप", "TMC": "टीएमसी",
      "JMM": "झामुमो", "RJD": "राजद", "JD(U)": "जदयू", "CPI(M)": "माकपा", "IND": "निर्दलीय"}


def card(lang: str) -> CardPicture:
    hi = lang == "hi"
    bars = tuple(Bar(label=(f"प्रत्याशी क्षितिज {n} ({HI[p]})" if hi else f"Candidate Kshitij {n} ({p})"), party=p,
                     votes=90000 - 9000 * n, votes_text=f"{90000 - 9000 * n:,}", status="leading" if n == 0 else "trailing")
                 for n, p in enumerate(PARTIES[:MAX_BARS]))
    return CardPicture(title="उदाहरणपुर" if hi else "Examplepur", place="विधानसभा, उत्तर प्रदेश" if hi else
                       "Assembly, Uttar Pradesh", election="उपचुनाव · 2024-06-04" if hi else "Bypoll · 2024-06-04",
                       status="leading", status_text="आगे 12 राउंड के बाद · 14:05 तक" if hi else
                       "Leading after round 12 · as of 14:05", bars=bars, margin_text="अंतर: 9,000" if hi else
                       "Margin: 9,000", source_text="स्रोत: परीक्षण" if hi else "Source: benchmark", more_text="+3")


def tally(lang: str) -> TallyPicture:
    hi = lang == "hi"
    rows = tuple(TallyRow(party=p, label=HI[p] if hi else p, won=240 - 20 * n, leading=n * 3,
                          text=f"{240 - 20 * n} + {n * 3}") for n, p in enumerate(PARTIES[:MAX_PARTIES]))
    return TallyPicture(title="दलवार सीटें" if hi else "Seats by party", subtitle="लोकसभा चुनाव 2024" if hi else
                        "2024 Lok Sabha election", rows=rows, won_label="जीते" if hi else "won",
                        leading_label="आगे" if hi else "leading", source_text="स्रोत" if hi else "Source")


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(1000 * (time.perf_counter() - start))
    return out


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{name:<22} median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    print(f"libraqm shaping: {check_shaping()}")
    start = time.perf_counter()
    first = Painter.from_data(REPO / "data")
    first.card(card("hi"))
    print(f"{'first render (fonts)':<22} {1000 * (time.perf_counter() - start):6.1f} ms")
    painter = first
    for lang in ("en", "hi"):
        c, t = card(lang), tally(lang)
        # each run measures its text afresh (a new seat's labels), as a render in the bot would
        report(f"card {lang} ({MAX_BARS} bars)", timed(lambda c=c: (painter._widths.clear(), painter.card(c)), args.runs))
        report(f"tally {lang} ({MAX_PARTIES} parties)",
               timed(lambda t=t: (painter._widths.clear(), painter.tally(t)), args.runs))
    cache = PictureCache()
    c = card("hi")
    cache.get(("seat", 1, "x", "hi"), lambda: painter.card(c))
    report("cache hit", timed(lambda: cache.get(("seat", 1, "x", "hi"), lambda: painter.card(c)), args.runs))


if __name__ == "__main__":
    main()
