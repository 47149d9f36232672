"""Logging without secrets: the bot token and webhook secret replaced in every log line and
traceback, and httpx (which logs request URLs, token included) kept quiet."""
from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Iterator


class RedactSecrets(logging.Filter):
    """Replace the bot token (and webhook secret) in log lines and tracebacks."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self._clean(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._clean("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return True


@contextlib.contextmanager
def protected_logs(*secrets: str) -> Iterator[RedactSecrets]:
    """Redact secrets on every root handler; keep httpx (which logs request URLs, token included) quiet."""
    redact = RedactSecrets(*secrets)
    handlers = list(logging.getLogger().handlers)
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    for handler in handlers:
        handler.addFilter(redact)
    for name in quiet:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield redact
    finally:
        for handler in handlers:
            handler.removeFilter(redact)
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)
