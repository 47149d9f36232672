"""Logging for the command line: what the user needs at INFO, library chatter only with -v.

Libraries log their own progress (faiss's loader tries AVX512 and AVX2 builds and logs each
ModuleNotFoundError at INFO before it loads the plain one) and warn about things the user cannot act
on (torch, transformers). Those records go to DEBUG: shown with -v, hidden otherwise.
"""
from __future__ import annotations

import logging
import sys

# Loggers and packages whose INFO lines and Python warnings are the library's business, not the user's.
LIBRARIES = ("faiss", "torch", "transformers", "sentence_transformers", "huggingface_hub", "filelock",
             "urllib3", "httpx", "httpcore", "numexpr", "apscheduler", "tornado", "telegram")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LibraryToDebug(logging.Filter):
    """Demote library records below WARNING, and Python warnings raised inside libraries, to DEBUG;
    drop them unless the handler shows DEBUG."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    @staticmethod
    def _library(record: logging.LogRecord) -> bool:
        if record.name == "py.warnings":
            text = str(record.getMessage())
            return any(f"/{name}/" in text for name in LIBRARIES)
        return record.levelno < logging.WARNING and record.name.split(".")[0] in LIBRARIES

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._library(record):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return self.verbose


def configure(verbose: bool = False) -> None:
    """Log to stderr at INFO (DEBUG with -v); library chatter only with -v."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=FORMAT, stream=sys.stderr)
    logging.captureWarnings(True)
    demote = LibraryToDebug(verbose)
    for handler in logging.getLogger().handlers:
        handler.addFilter(demote)
