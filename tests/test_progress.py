"""Progress on long work: a tqdm bar on a terminal, plain lines otherwise."""
from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import termios

from store.progress import progress


def test_plain_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    with progress(total=3000, what="rows", desc="tcpd.csv", stream=out, every=0.0) as bar:
        for _ in range(3):
            bar.update(1000)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("tcpd.csv: 1,000/3,000 rows (") and "ETA" in lines[0]
    assert lines[-1].endswith("done")


def test_a_bar_on_a_pseudo_terminal() -> None:
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))   # a 120-column terminal
    with os.fdopen(child, "w", closefd=True) as term:
        assert term.isatty()
        with progress(total=200, what="texts", desc="embedding", stream=term) as bar:
            for _ in range(4):
                bar.update(50)
        term.flush()
        chunks = []
        while select.select([main], [], [], 0.5)[0]:
            chunks.append(os.read(main, 65536))
        shown = b"".join(chunks).decode("utf-8", "replace")
    os.close(main)
    assert "embedding" in shown and "200/200" in shown and "texts/s" in shown and "100%" in shown
