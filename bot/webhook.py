"""The webhook endpoint: reject what is not Telegram's, or not an Update, before it costs anything.

- no or wrong secret token: 403, before the body is read (the handler streams the body, so a
  forged 60 MB request is answered after its headers);
- a body over `[telegram] max_update_bytes`: 413 (by Content-Length, else counted while streaming);
- not JSON, not a JSON object, nested deeper than MAX_DEPTH, `update_id` not an integer, or not
  an Update python-telegram-bot can read: 400, one log line, no traceback;
- an update_id seen within RECENT_WINDOW_S (Telegram re-posts when it missed our 200): dropped
  with 200, so the question is answered once.
"""
from __future__ import annotations

import hmac
import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_DEPTH = 32              # a real Update nests about 8 deep (message > reply_to_message > entities > user)
RECENT_WINDOW_S = 600.0     # Telegram retries a delivery for minutes, not hours
RECENT_MAX = 100_000


class BadUpdate(ValueError):
    """A webhook body that is not an Update; the message says why (for the log and the 400)."""


def depth_over(value: Any, limit: int) -> bool:
    """Whether `value` nests lists/objects deeper than `limit` (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def parse_update(body: bytes, bot: Any) -> Update:
    """The Update in a webhook body, or BadUpdate saying what is wrong with it."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise BadUpdate(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadUpdate(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadUpdate(f"not a JSON object but {type(data).__name__}")
    if depth_over(data, MAX_DEPTH):
        raise BadUpdate(f"JSON nested deeper than {MAX_DEPTH} levels")
    update_id = data.get("update_id")
    if type(update_id) is not int or update_id < 0:
        raise BadUpdate(f"update_id must be a non-negative integer, got {update_id!r:.40}")
    try:
        return Update.de_json(data, bot)
    except Exception as exc:  # noqa: BLE001 - any failure to read it means it is not an Update
        raise BadUpdate(f"not a valid Update ({type(exc).__name__}: {str(exc)[:120]})") from None


@dataclass
class RecentIds:
    """update_ids seen lately (bounded), to drop Telegram's re-deliveries."""

    window: float = RECENT_WINDOW_S
    limit: int = RECENT_MAX
    seen: OrderedDict[int, float] = field(default_factory=OrderedDict)

    def first_time(self, update_id: int) -> bool:
        now = time.monotonic()
        while self.seen and (len(self.seen) > self.limit or next(iter(self.seen.values())) < now - self.window):
            self.seen.popitem(last=False)
        if update_id in self.seen:
            return False
        self.seen[update_id] = now
        return True


@tornado.web.stream_request_body
class WebhookHandler(tornado.web.RequestHandler):
    def initialize(self, app: Application, secret: str, max_bytes: int, recent: RecentIds) -> None:
        self.app, self.secret, self.max_bytes, self.recent = app, secret, max_bytes, recent
        self.body = bytearray()
        self.too_big = False

    def _refuse(self, status: int, why: str) -> None:
        log.warning("webhook request refused (%d): %s", status, why)
        self.set_status(status)
        self.set_header("Connection", "close")      # the unread body is not worth reading
        self.finish()

    def prepare(self) -> None:
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self._refuse(403, "no or wrong secret token")
            return
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            self._refuse(413, f"body of {length} bytes, over [telegram] max_update_bytes={self.max_bytes}")
            return
        # a chunked body: counted in data_received (nothing kept past the limit); the server's own
        # max_body_size closes the connection a little further on

    def data_received(self, chunk: bytes) -> None:
        if self._finished or self.too_big:
            return
        if len(self.body) + len(chunk) > self.max_bytes:
            self.too_big = True
            return
        self.body += chunk

    async def post(self) -> None:
        if self.too_big:
            self._refuse(413, f"body over [telegram] max_update_bytes={self.max_bytes}")
            return
        try:
            update = parse_update(bytes(self.body), self.app.bot)
        except BadUpdate as exc:
            log.warning("webhook request refused (400): %s", exc)
            self.set_status(400)
            self.write({"ok": False, "description": str(exc)})
            return
        if not self.recent.first_time(update.update_id):
            log.info("webhook: update %d delivered again; dropped", update.update_id)
            self.set_status(200)
            return
        await self.app.update_queue.put(update)
        self.set_status(200)


def webhook_route(path: str, app: Application, secret: str, max_bytes: int) -> tuple:
    """The tornado route for the webhook at /<path>."""
    import re

    return (rf"/{re.escape(path.strip('/'))}", WebhookHandler,
            {"app": app, "secret": secret, "max_bytes": max_bytes, "recent": RecentIds()})
