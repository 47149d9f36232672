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
