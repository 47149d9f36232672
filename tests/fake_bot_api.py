"""A fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

It serves the methods the bot calls (getMe, getUpdates, sendMessage, sendPhoto, editMessageText,
answerInlineQuery, setWebhook, deleteWebhook, setMyCommands, ...), hands out updates pushed by
the test through long polling, records every call, and can answer 429 with retry_after.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

JSON_PARAMS = {"reply_parameters", "results", "commands", "allowed_updates", "link_preview_options",
               "reply_markup", "entities", "button"}
BOT_ID = 7000001
BOT_USERNAME = "chunav_test_bot"
TOKEN = "123:TEST"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float                       # time.perf_counter() when the call arrived
    message: dict[str, Any] | None = None   # the Message the fake returned, for sends and edits


@dataclass
class _Failure:
    method: str
    remaining: int
    retry_after: int
    chat_id: int | None = None


@dataclass
class FakeBotAPI:
    bot_id: int = BOT_ID
    username: str = BOT_USERNAME
    calls: list[Call] = field(default_factory=list)
    pushed_at: dict[int, float] = field(default_factory=dict)   # update_id -> perf_counter when pushed
    token: str | None = None        # when set, any other token gets 401 Unauthorized (as Telegram answers)

    def __post_init__(self) -> None:
        self.cond = threading.Condition()
        self.updates: list[dict[str, Any]] = []
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1000)
        self.failures: list[_Failure] = []
        self.chat_types: dict[int, str] = {}
        self.server: ThreadingHTTPServer | None = None
        self.counts: dict[str, int] = {}          # calls per method, for cheap waiting
        self.errors: dict[str, tuple[int, str]] = {}   # method -> (status, description), e.g. setWebhook 400

    # -- lifecycle --

    def start(self) -> FakeBotAPI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                self._serve()

            def do_GET(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = self.path.split("?", 1)
                method = parts[0].rstrip("/").rsplit("/", 1)[-1]
                params = _parse(body, self.headers.get("Content-Type", ""), parts[1] if len(parts) > 1 else "")
                token = parts[0].strip("/").split("/", 1)[0].removeprefix("bot")
                if fake.token is not None and token != fake.token:
                    status, payload = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                elif method in fake.errors:
                    code, description = fake.errors[method]
                    status, payload = code, {"ok": False, "error_code": code, "description": description}
                else:
                    status, payload = fake.handle(method, params)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass    # clients hanging up mid long-poll (at shutdown) are normal here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- the API --

    def bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Chunav", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self.cond:
            call = Call(method, params, time.perf_counter())
            failure = self._failure(method, params)
            if failure is not None:
                self.calls.append(call)
                self.cond.notify_all()
                return 429, {"ok": False, "error_code": 429,
                             "description": f"Too Many Requests: retry after {failure.retry_after}",
                             "parameters": {"retry_after": failure.retry_after}}
            result: Any = True
            if method == "getMe":
                result = self.bot_user()
            elif method in ("sendMessage", "editMessageText"):
                result = call.message = self._message(params, method == "editMessageText")
            elif method == "sendPhoto":
                result = call.message = self._photo_message(params)
            elif method == "getWebhookInfo":
                result = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
            elif method == "getMyCommands":
                result = []
            self.calls.append(call)
            self.counts[method] = self.counts.get(method, 0) + 1
            self.cond.notify_all()
        return 200, {"ok": True, "result": result}

    def _failure(self, method: str, params: dict[str, Any]) -> _Failure | None:
        for failure in self.failures:
            if failure.method == method and failure.remaining > 0 and (
                failure.chat_id is None or failure.chat_id == _int(params.get("chat_id"))
            ):
                failure.remaining -= 1
                return failure
        return None

    def _message(self, params: dict[str, Any], edit: bool) -> dict[str, Any]:
        chat_id = _int(params.get("chat_id"))
        message_id = _int(params.get("message_id")) if edit else next(self.message_ids)
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": self.chat_types.get(chat_id, "private" if chat_id > 0 else "supergroup")},
            "from": self.bot_user(),
            "text": params.get("text", ""),
        }
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message["reply_to_message_id"] = reply.get("message_id")   # kept for tests; not a Bot API field
        return message

    def _photo_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """A photo message: an upload (bytes) gets a new file id, a file id sent again keeps its own."""
        message = self._message(params, False)
        del message["text"]
        photo = params.get("photo")
        file_id = photo if isinstance(photo, str) else f"photo-{message['message_id']}"
        message["photo"] = [{"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 800, "height": 600}]
        if params.get("caption"):
            message["caption"] = params["caption"]
        return message

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int(params.get("offset")) or 0
        timeout = min(float(params.get("timeout") or 0), 0.5)   # short polls keep tests quick
        deadline = time.monotonic() + timeout
        with self.cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            return self.updates[:100]

    # -- what tests use --

    def fail(self, method: str, times: int = 1, retry_after: int = 1, chat_id: int | None = None) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with 429 retry_after."""
        with self.cond:
            self.failures.append(_Failure(method, times, retry_after, chat_id))

    def push(self, update: dict[str, Any]) -> int:
        with self.cond:
            update_id = next(self.update_ids)
            self.pushed_at[update_id] = time.perf_counter()
            self.updates.append({"update_id": update_id, **update})
            self.cond.notify_all()
        return update_id

    def push_many(self, updates: list[dict[str, Any]]) -> list[int]:
        with self.cond:
            ids = []
            for update in updates:
                update_id = next(self.update_ids)
                self.pushed_at[update_id] = time.perf_counter()
                self.updates.append({"update_id": update_id, **update})
                ids.append(update_id)
            self.cond.notify_all()
        return ids

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        with self.cond:
            return [c for c in self.calls if c.method == method
                    and (chat_id is None or _int(c.params.get("chat_id")) == chat_id)]

    def wait_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(min(left, 0.1))
        return True

    def wait_sent(self, count: int, method: str = "sendMessage", chat_id: int | None = None,
                  timeout: float = 10.0) -> list[Call]:
        if chat_id is None:
            self.wait_for(lambda f: f.counts.get(method, 0) >= count, timeout)
        else:
            self.wait_for(lambda f: len(f._sent_unlocked(method, chat_id)) >= count, timeout)
        return self.sent(method, chat_id)

    def _sent_unlocked(self, method: str, chat_id: int | None) -> list[Call]:
        return [c for c in self.calls if c.method == method
                and (chat_id is None or _int(c.params.get("chat_id")) == chat_id)]

    # -- building updates --

    def message(self, chat_id: int, user_id: int, text: str | None = None, chat_type: str | None = None,
                reply_to: dict[str, Any] | None = None, entities: list[dict[str, Any]] | None = None,
                user_is_bot: bool = False, extra: dict[str, Any] | None = None, first_name: str = "Asha",
                ) -> dict[str, Any]:
        """A `message` update; a command text gets its bot_command entity like Telegram adds it."""
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup")
        self.chat_types[chat_id] = chat_type
        chat = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "Election watchers"
        msg: dict[str, Any] = {
            "message_id": next(self.message_ids), "date": int(time.time()), "chat": chat,
            "from": {"id": user_id, "is_bot": user_is_bot, "first_name": first_name, "language_code": "en"},
        }
        if text is not None:
            msg["text"] = text
            ents = list(entities or [])
            if text.startswith("/"):
                ents.insert(0, {"type": "bot_command", "offset": 0, "length": _utf16(text.split()[0])})
            if ents:
                msg["entities"] = ents
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        msg.update(extra or {})
        return {"message": msg}

    def mention(self, chat_id: int, user_id: int, before: str, after: str) -> dict[str, Any]:
        """A group message `before @bot after` with the mention entity."""
        handle = f"@{self.username}"
        text = f"{before}{handle}{after}"
        entity = {"type": "mention", "offset": _utf16(before), "length": _utf16(handle)}
        return self.message(chat_id, user_id, text, entities=[entity])

    def inline_query(self, user_id: int, query: str) -> dict[str, Any]:
        return {"inline_query": {"id": str(next(self.message_ids)), "from": {"id": user_id, "is_bot": False,
                "first_name": "Asha"}, "query": query, "offset": ""}}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if query:
        params.update({k: v[-1] for k, v in urllib.parse.parse_qs(query).items()})
    if body:
        if content_type.startswith("application/json"):
            params.update(json.loads(body))
        elif content_type.startswith("multipart/form-data"):
            params.update(_multipart(body, content_type))
        else:
            params.update({k: v[-1] for k, v in urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True).items()})
    for key in JSON_PARAMS & set(params):
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    return params


def _multipart(body: bytes, content_type: str) -> dict[str, Any]:
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    out: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            out[name] = part.get_content() if part.get_content_maintype() == "text" else part.get_payload(decode=True)
    return out
