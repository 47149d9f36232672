"""Settings of the store stage ([ingest] in config.toml)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class IngestSettings:
    passage_chars: int = 700        # target passage length in characters
    overlap_chars: int = 150        # characters of the previous passage repeated at the start
    max_file_bytes: int = 50_000_000
    max_article_chars: int = 200_000
    min_article_chars: int = 40
    langdetect_seed: int = 0


class StoreConfig(Protocol):
    """What the store stage reads of the configuration (the top layer's Config satisfies it)."""

    @property
    def home(self) -> Path: ...             # all state lives here
    @property
    def data(self) -> Path: ...             # the bundled data the home is built from
    @property
    def store_path(self) -> Path: ...       # the SQLite file
    @property
    def ingest(self) -> IngestSettings: ...


@dataclass(frozen=True)
class WatchSettings:
    """`python -m bot watch` ([watch] in config.toml): polling the Election Commission's results pages."""

    every_s: float = 60.0           # seconds between rounds of requests (jittered)
    jitter: float = 0.2             # each wait is every_s x (1 +- jitter), so many watchers do not beat in step
    request_gap_s: float = 1.0      # pause between two requests of a round (one request at a time)
    timeout_s: float = 20.0
    max_backoff_s: float = 900.0    # longest wait after 403 / 429 / 5xx (doubling from every_s)
    max_pages: int = 300            # requests in one round at most (state-wise lists first, then changed seats)
    user_agent: str = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/124.0 Safari/537.36")
