"""Counting day speed: `watch` rounds over a local results site of one 300-seat state, and answers.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_watch.py [--seats 300]

The site on 127.0.0.1 serves 15 state-wise list pages of 20 seats and a candidate-wise page per
seat, made from the real West Bengal pages in tests/fixtures/eci/ with seat names and numbers
rewritten (SEAT1 ... SEAT300). Prints, with the load average: round 1 (every seat new), round 2
(nothing changed: 304s), round 3 (every seat's round and margin changed), the writer's time per
seat, and the Engine's median / p95 for "Who is leading in SEATn?" while the store holds them.
No pause between requests here (request_gap_s = 0): a real round adds [watch] request_gap_s a request.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
FIX = REPO / "tests" / "fixtures" / "eci"


def build_site(seats: int, rnd: int) -> dict[str, str]:
    listing = (FIX / "ResultAcGenMay2026_statewiseS256.htm").read_text(encoding="utf-8")
    cand = (FIX / "ResultAcGenMay2026_candidateswise-S25100.htm").read_text(encoding="utf-8")
    cand = cand.replace("Status of EVM Round: <span>19</span>/19", f"Status of EVM Round: <span>{rnd}</span>/25")
    cand = cand.replace("'status won'", "'status leading'").replace("'status lost'", "'status trailing'")
    pages: dict[str, str] = {}
    n = 0
    for page in range(1, (seats + 19) // 20 + 1):
        def seat(m: re.Match) -> str:
            nonlocal n
            n += 1
            return f"<td align='left'>SEAT{n}</td><td align='right'>{n}</td>"
        html = re.sub(r"<td align='left'>[A-Z .-]+</td><td align='right'>\d+</td>", seat, listing)
        html = html.replace("Result Declared", "Result in Progress")
        html = re.sub(r"<td align='right'>(\d+)</td>(\s*)<td align='right'>\d+/\d+</td>",     # margin, round
                      lambda m: f"<td align='right'>{int(m[1]) + rnd}</td>{m[2]}<td align='right'>{rnd}/25</td>", html)
        pages[f"statewiseS25{page}.htm"] = html
    for i in range(1, n + 1):
        pages[f"candidateswise-S25{i}.htm"] = cand.replace("100 - HABRA", f"{i} - SEAT{i}").replace(
            "104645", str(100000 + rnd * 100 + i))
    pages["index.htm"] = " ".join(f'<a href="{name}">x</a>' for name in pages if name.startswith("statewise"))
    return pages


def serve(pages: dict[str, str]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:   # noqa: N802
            name = self.path.rsplit("/", 1)[-1]
            body = pages.get(name)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            tag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/ResultAcGenMay2026/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.config import load_config
    from bot.engine import Engine
    from store.settings import WatchSettings
    from store.watch import Watcher

    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(REPO / "config.toml", home=Path(tmp) / "home")
        engine = Engine(config, open_index=False)
        pages = build_site(args.seats, 3)
        server, url = serve(pages)
        watcher = Watcher(engine.db, url, WatchSettings(request_gap_s=0, max_pages=10 * args.seats), log=lambda s: None)
        for label, rnd in (("round 1 (all seats new)", None), ("round 2 (unchanged, 304)", None),
                           ("round 3 (every seat changed)", 4)):
            if rnd is not None:
                pages.clear()
                pages.update(build_site(args.seats, rnd))
            start = time.perf_counter()
            report = watcher.run_round()
            took = time.perf_counter() - start
            print(f"{label}: {took:.2f} s; {report.summary()}; "
                  f"{report.fetched / took:.0f} pages/s")
        seats = [f"SEAT{i}" for i in range(1, args.seats + 1, max(1, args.seats // 30))]
        engine.answer(f"Who is leading in {seats[0]}?", chat_id="warm")
        times = []
        for i, seat in enumerate(seats * 2):
            start = time.perf_counter()
            text = engine.answer(f"Who is leading in {seat}?", chat_id=f"b{i}").text
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(f"answer 'Who is leading in SEATn?': median {statistics.median(times):.1f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms over {len(times)} questions; e.g. {text!r}")
        server.shutdown()


if __name__ == "__main__":
    main()
