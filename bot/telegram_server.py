"""Running the Telegram bot: the python-telegram-bot Application, polling or the webhook, the
health endpoint, start-up checks and a graceful shutdown (`python -m bot serve`)."""
from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults

from bot.config import Config
from bot.fair import FairUpdateProcessor
from bot.ratelimit import ChatRateLimiter
from bot.startup import StartupError, check_webhook_settings, listen_error, login_error, webhook_error
from bot.telegram_app import TelegramBot
from bot.telegram_logs import protected_logs
from bot.webhook import webhook_route

log = logging.getLogger(__name__)

TOKEN_HELP = """TELEGRAM_BOT_TOKEN is not set, so the bot cannot log in to Telegram.
Get a token: open Telegram, talk to @BotFather, send /newbot, choose a name and a username
ending in "bot"; BotFather replies with a token like 123456789:AA... Then run:
    export TELEGRAM_BOT_TOKEN='123456789:AA...'
    python -m bot serve
(The token is read only from the environment, never from config.toml.)"""
SECRET_HELP = """webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 characters: A-Z a-z 0-9 _ -),
which Telegram sends with every update so that the bot can reject forged requests:
    export TELEGRAM_WEBHOOK_SECRET="$(python -c 'import secrets; print(secrets.token_urlsafe(32))')\""""
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
ALLOWED_UPDATES = [Update.MESSAGE, Update.INLINE_QUERY]
# Few pooled connections: httpcore scans every pooled connection per request, so a big pool costs
# more CPU than it saves (measured with benchmarks/bench_telegram.py).
POOL = 16


def build_application(config: Config, engine: Any, token: str, base_url: str | None = None,
                      updater: bool = True) -> tuple[Application, TelegramBot]:
    """A python-telegram-bot Application with the handlers installed (not yet initialized)."""
    settings = config.telegram
    builder = (
        ApplicationBuilder()
        .token(token)
        .concurrent_updates(FairUpdateProcessor())   # a lane per chat: a busy chat stalls only itself
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .connection_pool_size(POOL).pool_timeout(30.0)
    )
    base_url = base_url or settings.base_url
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_url.replace("/bot", "/file/bot"))
    if settings.rate_limit:
        builder = builder.rate_limiter(ChatRateLimiter(settings.overall_per_second, settings.chat_per_second,
                                                       settings.group_per_minute))
    if not updater:
        builder = builder.updater(None)
    app = builder.build()
    telegram_bot = TelegramBot(config, engine)
    telegram_bot.install(app)
    return app, telegram_bot


class _Health(tornado.web.RequestHandler):
    def initialize(self, app: Application, mode: str) -> None:
        self.app, self.mode = app, mode

    def get(self) -> None:
        ok = bool(self.app.running)
        self.set_status(200 if ok else 503)
        self.write({"ok": ok, "mode": self.mode})


def _listen(routes: list, address: str, port: int, what: str = "the health check", setting: str = "health_port",
            max_body_size: int | None = None) -> tuple[tornado.httpserver.HTTPServer, int]:
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes), max_body_size=max_body_size)
    try:
        sockets = tornado.netutil.bind_sockets(port, address)
    except OSError as exc:
        raise listen_error(exc, what, address, port, setting) from None
    server.add_sockets(sockets)
    return server, sockets[0].getsockname()[1]


@dataclass
class Running:
    """What run_bot exposes to its caller once the bot is up (ports matter when 0 was asked)."""

    app: Application
    bot: TelegramBot
    health_port: int | None = None
    webhook_port: int | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)


async def run_bot(config: Config, engine: Any, token: str, stop: asyncio.Event, base_url: str | None = None,
                  webhook_secret: str = "", on_ready: Callable[[Running], None] | None = None,
                  health_port: int | None = None, webhook_port: int | None = None) -> None:
    """Run until `stop` is set: polling (default) or webhook, plus a health endpoint."""
    with protected_logs(token, webhook_secret):
        await _run(config, engine, token, stop, base_url, webhook_secret, on_ready, health_port, webhook_port)


async def _run(config: Config, engine: Any, token: str, stop: asyncio.Event, base_url: str | None,
               webhook_secret: str, on_ready: Callable[[Running], None] | None,
               health_port: int | None, webhook_port: int | None) -> None:
    settings = config.telegram
    webhook = settings.mode == "webhook"
    app, tbot = build_application(config, engine, token, base_url, updater=not webhook)
    servers: list[tornado.httpserver.HTTPServer] = []
    running = Running(app, tbot)
    try:
        try:
            await app.initialize()                      # getMe: the token and the API are checked here
        except TelegramError as exc:
            raise login_error(exc, base_url or settings.base_url, token) from None
        await tbot.set_commands(app)
        await app.start()
        routes: list = [(r"/health", _Health, {"app": app, "mode": settings.mode})]
        hp = settings.health_port if health_port is None else health_port
        if webhook:
            wp = settings.webhook_port if webhook_port is None else webhook_port
            hook = [webhook_route(settings.webhook_path, app, webhook_secret, settings.max_update_bytes)]
            limit = settings.max_update_bytes + 65536   # the handler answers 413 first; this cuts chunked bodies
            if wp == hp and wp != 0:
                server, running.webhook_port = _listen(routes + hook, settings.webhook_listen, wp, "the webhook",
                                                       "webhook_port", limit)
                running.health_port = running.webhook_port
                servers.append(server)
            else:
                server, running.webhook_port = _listen(hook, settings.webhook_listen, wp, "the webhook",
                                                       "webhook_port", limit)
                servers.append(server)
            try:
                await app.bot.set_webhook(settings.webhook_url, secret_token=webhook_secret,
                                          allowed_updates=ALLOWED_UPDATES)
            except TelegramError as exc:
                raise webhook_error(exc, settings.webhook_url, token) from None
        else:
            await app.bot.delete_webhook()
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
        if running.health_port is None:
            server, running.health_port = _listen(routes, settings.webhook_listen if webhook else "0.0.0.0", hp)
            servers.append(server)
        log.info("bot @%s serving (%s); health on port %s", app.bot.username, settings.mode, running.health_port)
        running.ready.set()
        if on_ready:
            on_ready(running)
        await tbot.check_follows(app.bot)
        await stop.wait()
    finally:
        for server in servers:
            server.stop()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await _drain(app, settings.shutdown_grace_s)
            await app.stop()
        await app.shutdown()
        tbot.close()


async def _drain(app: Application, grace: float) -> None:
    """Shutting down: drop updates still queued, give the running ones `grace` seconds."""
    processor = app.update_processor
    if isinstance(processor, FairUpdateProcessor):
        dropped, cancelled = await processor.drain(grace)
        if dropped or cancelled:
            log.info("shutting down: %d queued updates dropped, %d unfinished after %.1fs cancelled",
                     dropped, cancelled, grace)


def serve(config: Config) -> int:
    """`python -m bot serve`: the token only from TELEGRAM_BOT_TOKEN; runs until SIGINT/SIGTERM."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        print(TOKEN_HELP, file=sys.stderr)
        return 2
    secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    problem = config.telegram.problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if config.telegram.mode == "webhook":
        if not SECRET_RE.match(secret):
            print(SECRET_HELP, file=sys.stderr)
            return 2
        problem = check_webhook_settings(config.telegram)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    from bot.engine import Engine

    engine = Engine(config)

    async def main() -> None:
        import signal

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_bot(config, engine, token, stop, webhook_secret=secret)

    try:
        asyncio.run(main())
    except StartupError as exc:
        print(f"serve: {exc}", file=sys.stderr)     # one line; the token was never part of it
        return 1
    finally:
        engine.close()          # the read-ahead stopped, then the one store connection (the adapter has none)
    return 0
