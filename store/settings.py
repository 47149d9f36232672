"""Settings of the store stage ([ingest] in config.toml)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestSettings:
    passage_chars: int = 700        # target passage length in characters
    overlap_chars: int = 150        # characters of the previous passage repeated at the start
    max_file_bytes: int = 50_000_000
    max_article_chars: int = 200_000
    min_article_chars: int = 40
    langdetect_seed: int = 0
