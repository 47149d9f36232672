"""Progress of long work (imports, ingest, reindex): a tqdm bar (items, rate, ETA) on a terminal,
plain lines every `every` seconds otherwise (logs, pipes, CI).

    with progress(total=len(files), what="files") as bar:
        for f in files:
            ...
            bar.update(1)

tqdm is used because it already does rate, ETA and terminal width right.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO


class _Lines:
    """Plain progress lines: 'embedding: 2,048/10,900 texts (312/s, ETA 28 s)'."""

    def __init__(self, total: int | None, what: str, desc: str, write: Callable[[str], None], every: float) -> None:
        self.total, self.what, self.desc, self.write, self.every = total, what, desc, write, every
        self.done = 0
        self.started = self.last = time.monotonic()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            return (f"{self.desc}: {self.done:,}/{self.total:,} {self.what} ({rate:,.0f}/s, "
                    f"ETA {left:,.0f} s)")
        return f"{self.desc}: {self.done:,} {self.what} ({rate:,.0f}/s)"

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.write(self.line())

    def close(self) -> None:
        if self.done and time.monotonic() - self.started >= self.every:
            self.write(self.line() + " done")


@contextmanager
def progress(total: int | None, what: str = "items", desc: str = "working", stream: IO[str] | None = None,
             every: float = 5.0, tty: bool | None = None) -> Iterator[_Lines]:
    """A progress reporter with `.update(n)`: a bar when `stream` (stderr) is a terminal, else a
    plain line every `every` seconds. `tty` forces either (tests)."""
    stream = stream or sys.stderr
    is_tty = stream.isatty() if tty is None else tty
    if is_tty:
        from tqdm import tqdm

        bar = tqdm(total=total, unit=f" {what}", desc=desc, file=stream, dynamic_ncols=True, mininterval=0.2)
        try:
            yield bar  # type: ignore[misc]
        finally:
            bar.close()
        return
    lines = _Lines(total, what, desc, lambda s: print(s, file=stream, flush=True), every)
    try:
        yield lines
    finally:
        lines.close()
