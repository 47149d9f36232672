"""Start-up problems of `serve` as one line each: what failed, where, what to do; never the token.

`check_webhook_settings` runs before anything starts; `StartupError` wraps what fails while the
bot logs in (getMe), listens, or registers its webhook, so `serve` prints one line instead of a
traceback that carries the token in a URL or an exception message.
"""
from __future__ import annotations

import urllib.parse

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.settings import TelegramSettings

DEFAULT_API = "https://api.telegram.org/bot"
# Telegram delivers webhooks only to these ports (https://core.telegram.org/bots/api#setwebhook)
WEBHOOK_PORTS = (443, 80, 88, 8443)


class StartupError(Exception):
    """A start-up failure, already worded for the operator (one line, no secret)."""


def redact(text: str, *secrets: str) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>")
    return text


def api_url(base_url: str) -> str:
    """The Bot API URL as the operator should see it (the token in it redacted)."""
    return f"{base_url or DEFAULT_API}<token>/"


def login_error(exc: TelegramError, base_url: str, token: str) -> StartupError:
    """getMe failed: a rejected token, or an API that cannot be reached."""
    if isinstance(exc, InvalidToken):
        return StartupError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized): the token is wrong or was revoked. "
            "Get one from @BotFather in Telegram (/newbot, or /token for an existing bot), then "
            "export TELEGRAM_BOT_TOKEN='123456789:AA...' and run python -m bot serve again")
    reason = redact(str(exc), token) or type(exc).__name__
    if isinstance(exc, NetworkError) and not _is_api_answer(exc):
        return StartupError(
            f"cannot reach the Telegram Bot API at {api_url(base_url)} ({reason}): check the network or proxy, "
            "or [telegram] base_url (CHUNAV_TELEGRAM_BASE_URL)")
    return StartupError(f"the Telegram Bot API at {api_url(base_url)} refused to log in ({reason})")


def _is_api_answer(exc: TelegramError) -> bool:
    # BadRequest and friends subclass NetworkError but are answers from the API, not a lost connection
    from telegram.error import BadRequest, Conflict, Forbidden

    return isinstance(exc, BadRequest | Conflict | Forbidden)


def listen_error(exc: OSError, what: str, address: str, port: int, setting: str) -> StartupError:
    reason = exc.strerror or str(exc)
    return StartupError(
        f"cannot listen for {what} on {address}:{port} ({reason}): choose a free port with [telegram] {setting} "
        f"(CHUNAV_TELEGRAM_{setting.upper()})")


def webhook_error(exc: TelegramError, url: str, token: str) -> StartupError:
    return StartupError(
        f"Telegram refused the webhook URL {url} ({redact(str(exc), token)}): [telegram] webhook_url must be a "
        f"public https:// URL on port {', '.join(map(str, WEBHOOK_PORTS))} with a valid certificate")


def check_webhook_settings(settings: TelegramSettings) -> str | None:
    """What is wrong with the webhook settings, as one line, or None."""
    url = settings.webhook_url
    where = "[telegram] webhook_url (CHUNAV_TELEGRAM_WEBHOOK_URL)"
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"{where} {url!r} is not a valid URL ({exc})"
    if parts.scheme != "https" or not parts.hostname:
        return f"webhook mode needs {where}: the public https:// URL Telegram posts to, got {url!r}"
    if port is not None and port not in WEBHOOK_PORTS:
        return (f"{where} {url!r} uses port {port}; Telegram posts webhooks only to ports "
                f"{', '.join(map(str, WEBHOOK_PORTS))} (the bot itself listens on [telegram] webhook_port)")
    path = settings.webhook_path.strip("/")
    if not parts.path.rstrip("/").endswith("/" + path):
        return (f"{where} {url!r} must end with /{path} ([telegram] webhook_path), the path the bot "
                "listens on behind the proxy")
    for name in ("webhook_port", "health_port"):
        value = getattr(settings, name)
        if not 0 <= value <= 65535:
            return f"[telegram] {name} = {value} is not a port (0-65535)"
    return None
