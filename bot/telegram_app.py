"""The Telegram bot's handlers: a thin adapter from python-telegram-bot updates to the answering engine.

Handlers parse the update, call the engine (Engine.ask, and Engine.views for cards, listings,
follows and chat choices) off the event loop, render HTML and reply; errors become a short message. All state lives on a TelegramBot object
built per Application; nothing is module-level. Running it (polling, webhook, health, shutdown)
is bot/telegram_server.py; logging without secrets bot/telegram_logs.py.
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import cards, chats
from bot.answer import ChatContext
from bot.config import Config
from bot.conversation import MessageContexts, OnceEach, has_words
from bot.render import TELEGRAM_LIMIT, render_html
from bot.telegram_pictures import TelegramPictures
from bot.types import Answer

log = logging.getLogger(__name__)
T = TypeVar("T")

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
INLINE_SEATS = 5


# ---- plain helpers over Telegram messages ---------------------------------------------------

def addressed_text(message: Message, bot_id: int, bot_username: str) -> str | None:
    """In a group: the question if the message is meant for the bot (mention or reply), else None."""
    text = message.text or ""
    mention = f"@{bot_username}".casefold()
    found = False
    cut: list[tuple[int, int]] = []
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if (entity.type == MessageEntity.MENTION and value.casefold() == mention) or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        ):
            found = True
            if entity.type == MessageEntity.MENTION:
                cut.append((entity.offset, entity.offset + entity.length))
    if not found and message.reply_to_message is not None:
        replied = message.reply_to_message.from_user
        found = replied is not None and replied.id == bot_id
    if not found:
        return None
    # Entity offsets count UTF-16 units; slice in that space so emoji before the mention are safe.
    units = text.encode("utf-16-le")
    for start, end in sorted(cut, reverse=True):
        units = units[: 2 * start] + units[2 * end:]
    return units.decode("utf-16-le").strip()


def script_lang(text: str) -> str:
    return "hi" if DEVANAGARI.search(text or "") else "en"


def normalised(text: str) -> str:
    """Case, punctuation, emoji and spacing dropped: "Who won Kairana??" == "who won kairana"."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text.casefold())
    return " ".join(kept.split())


def ask_engine(engine: Any, text: str, chat_id: int, user_id: int | None, lang: str | None,
               context: Any = None) -> tuple[Answer, tuple]:
    """The answer and the key of what was asked: the engine's resolved question (same intent, seat and
    election, even when asked in other words or as a follow-up), else the normalised text.
    `context`: what a replied-to bot message was about, which the question follows on from."""
    if hasattr(engine, "ask"):
        if context is not None:
            return engine.ask(text, chat_id, user_id, lang, context=context)
        return engine.ask(text, chat_id, user_id, lang)
    answer = engine.answer(text, chat_id, user_id, lang)
    return answer, ("text", answer.lang, normalised(text))


@dataclass
class _Recent:
    at: float
    message_id: int | None = None       # None while the first answer is on its way


@dataclass
class _KeyedLocks:
    """One asyncio.Lock per (chat, user): a chat's questions are answered in order, chats in parallel."""

    locks: dict[Any, list[Any]] = field(default_factory=dict)   # key -> [lock, users]

    def hold(self, key: Any) -> _Held:
        return _Held(self, key)


class _Held:
    def __init__(self, owner: _KeyedLocks, key: Any) -> None:
        self.owner, self.key = owner, key

    async def __aenter__(self) -> None:
        entry = self.owner.locks.setdefault(self.key, [asyncio.Lock(), 0])
        entry[1] += 1
        await entry[0].acquire()

    async def __aexit__(self, *exc: object) -> None:
        entry = self.owner.locks[self.key]
        entry[0].release()
        entry[1] -= 1
        if entry[1] == 0:
            del self.owner.locks[self.key]


# ---- the bot ------------------------------------------------------------------------------

class TelegramBot:
    """Handlers and the state they share (engine, thread pool, per-chat locks); no store connection:
    cards, follows and chat choices are read and written through the engine (`engine.views`)."""

    def __init__(self, config: Config, engine: Any, executor: ThreadPoolExecutor | None = None) -> None:
        self.config = config
        self.settings = config.telegram
        self.engine = engine
        self.views = engine.views
        self.messages = self.views.messages
        self.executor = executor or ThreadPoolExecutor(max_workers=max(1, self.settings.workers),
                                                       thread_name_prefix="answer")
        self.locks = _KeyedLocks()
        self.recent: dict[tuple[int, str], _Recent] = {}
        self.follow_lock = asyncio.Lock()
        self.stats = {"answered": 0, "duplicates": 0, "errors": 0}
        # what each bot message was about (a reply to it follows on from there), and who got the hint
        self.contexts = MessageContexts(config.answer.context_expiry_s)
        self.hinted = OnceEach(config.answer.context_expiry_s)
        self.pictures = TelegramPictures(self)

    # -- running plain functions off the event loop --

    async def offload(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, lambda: fn(*args))

    def close(self) -> None:
        # queued work is dropped; an answer already running finishes (the engine's owner closes its store)
        self.executor.shutdown(wait=True, cancel_futures=True)

    # -- wiring --

    def install(self, app: Application) -> None:
        new = filters.UpdateType.MESSAGE            # edited messages and channel posts are ignored
        for name, callback in [
            ("start", self.on_start), ("help", self.on_help), ("ask", self.on_ask),
            ("result", self.on_result), ("lang", self.on_lang), ("sources", self.on_sources),
            ("follow", self.on_follow), ("unfollow", self.on_unfollow), ("reload", self.on_reload),
            ("tally", self.pictures.on_tally), ("pictures", self.pictures.on_pictures),
        ]:
            app.add_handler(CommandHandler(name, callback, filters=new))
        app.add_handler(MessageHandler(new & filters.COMMAND, self.pictures.on_unknown_command))
        app.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND, self.on_text))
        app.add_handler(MessageHandler(
            new & filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_not_text))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)
        if app.job_queue is not None and self.settings.follow_check_s > 0:
            app.job_queue.run_repeating(self.follow_job, interval=self.settings.follow_check_s,
                                        first=self.settings.follow_check_s, name="follows")

    async def set_commands(self, app: Application) -> None:
        for lang in ("en", "hi"):
            names = cards.words(self.messages, lang)["commands"]
            await app.bot.set_my_commands([BotCommand(k, v) for k, v in names.items()],
                                          language_code=None if lang == "en" else lang)

    # -- small helpers --

    @staticmethod
    def _sender_ok(update: Update) -> bool:
        msg = update.effective_message
        user = update.effective_user
        if msg is None or user is None or user.is_bot:
            return False
        return msg.via_bot is None           # cards shared through inline mode are not questions

    async def _pref(self, chat_id: int) -> str | None:
        pref = await self.offload(self.views.chat_pref, chat_id, "lang")
        return None if pref == "auto" else pref

    async def _words_lang(self, update: Update, hint: str = "") -> tuple[str | None, str]:
        """(forced answer language or None, language for the bot's own words)."""
        pref = await self._pref(update.effective_chat.id)
        if pref:
            return pref, pref
        if hint:
            return None, script_lang(hint)
        code = (update.effective_user.language_code or "") if update.effective_user else ""
        return None, "hi" if code.startswith("hi") else "en"

    async def _reply(self, update: Update, html: str) -> Message:
        msg = update.effective_message
        group = update.effective_chat.type in GROUPS
        return await msg.reply_text(html, do_quote=group)

    def _w(self, lang: str) -> dict[str, Any]:
        return cards.words(self.messages, lang)

    @staticmethod
    def _esc(text: str) -> str:
        import html
        return html.escape(text, quote=False)

    # -- questions --

    async def answer_question(self, update: Update, text: str) -> None:
        chat = update.effective_chat
        user = update.effective_user
        group = chat.type in GROUPS
        user_key = user.id if group else None   # groups: context per user within the chat
        async with self.locks.hold((chat.id, user_key)):
            forced, wl = await self._words_lang(update, text)
            text = text.strip()
            if not has_words(text):
                # "👍", "?!" or marks alone are no question: a private chat gets the hint once, a group nothing
                if not group and self.hinted.first(chat.id):
                    await self._reply(update, self._esc(self._w(wl)["hint"]))
                return
            started = time.perf_counter()
            log.debug("question chat=%s user=%s text=%r", chat.id, user_key, text)
            replied = update.effective_message.reply_to_message
            follows = self.contexts.get(chat.id, replied.message_id) if replied is not None else None
            answer, key = await self.offload(ask_engine, self.engine, text, chat.id, user_key, forced, follows)
            # "how many seats has each party won?": the chart (or its text) counted from the seat results
            if answer.intent == "tally" and await self.pictures.answer_tally_question(update, text, forced, wl, answer):
                return
            html = render_html(answer)
            slot = (chat.id, key)
            dedupe = group and self.settings.duplicate_reply != "full"
            if dedupe:
                if self._seen(slot):
                    await self._duplicate(update, wl)
                    return
                # Booked before sending (no await in between), so people asking at the same moment
                # are caught too, not only those asking after the answer went out.
                self.recent[slot] = booked = _Recent(time.monotonic())
            try:
                sent = await self._reply(update, html)
            except BaseException:
                if dedupe and self.recent.get(slot) is booked:
                    del self.recent[slot]      # the answer did not go out: let the next asker get it
                raise
            if dedupe:
                booked.message_id = sent.message_id
            if hasattr(self.engine, "context_of"):
                self.contexts.remember(chat.id, sent.message_id, self.engine.context_of(chat.id, user_key))
            self.stats["answered"] += 1
            log.info("answered chat_type=%s status=%s intent=%s lang=%s ms=%.0f", chat.type, answer.status,
                     answer.intent, answer.lang, 1000 * (time.perf_counter() - started))

    def _seen(self, slot: tuple[int, tuple]) -> bool:
        """Whether this group was asked the same question within the window (forgetting older ones)."""
        now = time.monotonic()
        window = self.settings.duplicate_window_s
        for key in [k for k, v in self.recent.items() if now - v.at > window]:
            del self.recent[key]
        return slot in self.recent

    async def _duplicate(self, update: Update, wl: str) -> None:
        """Someone in this group asked the same just before: reply briefly or not at all."""
        self.stats["duplicates"] += 1
        log.info("duplicate question in a group chat; reply=%s", self.settings.duplicate_reply)
        if self.settings.duplicate_reply == "brief":
            await update.effective_message.reply_text(self._esc(self._w(wl)["duplicate"]), do_quote=True)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        msg = update.effective_message
        if update.effective_chat.type in GROUPS:
            text = addressed_text(msg, context.bot.id, context.bot.username)
            if text is None:
                return
        elif update.effective_chat.type == ChatType.PRIVATE:
            text = msg.text or ""
        else:
            return
        await self.answer_question(update, text)

    async def on_ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        text = " ".join(context.args or [])
        if not text.strip():
            _, wl = await self._words_lang(update)
            await self._reply(update, self._esc(self._w(wl)["ask_usage"]))
            return
        await self.answer_question(update, text)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        _, wl = await self._words_lang(update)
        await self._reply(update, self._esc(self._w(wl)["not_text"]))

    # -- commands --

    async def _both_or_one(self, update: Update, key: str) -> None:
        pref = await self._pref(update.effective_chat.id)
        langs = [pref] if pref else ["en", "hi"]
        await self._reply(update, "\n\n".join(self._esc(self._w(lang)[key]) for lang in langs))

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._sender_ok(update):
            await self._both_or_one(update, "start")

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._sender_ok(update):
            await self._both_or_one(update, "help")

    async def on_lang(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        choice = (context.args or [""])[0].casefold()
        if choice not in chats.CHAT_LANGS:
            _, wl = await self._words_lang(update)
            await self._reply(update, self._esc(self._w(wl)["lang_usage"]))
            return
        await self.offload(self.views.set_chat_pref, update.effective_chat.id, "lang", choice)
        wl = choice if choice != "auto" else "en"
        w = self._w(wl)
        await self._reply(update, self._esc(w["lang_set"].format(lang=w["lang_names"][choice])))

    async def on_sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        _, wl = await self._words_lang(update)
        listing = await self.offload(self.views.sources, wl)
        await self._reply(update, render_html(listing))

    async def _seat(self, update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> tuple[dict | None, str]:
        """Resolve the seat named after a command; reply (usage, unknown, ambiguous) when none fits."""
        text = " ".join(context.args or []).strip()
        _, wl = await self._words_lang(update, text)
        w = self._w(wl)
        if not text:
            await self._reply(update, self._esc(w["seat_usage"].format(command=f"/{command}")))
            return None, wl
        seats = await self.offload(self.engine.find_seat, text)
        if not seats:
            await self._reply(update, self._esc(w["seat_unknown"].format(seat=text[:100])))
            return None, wl
        if len(seats) > 1:
            options = "; ".join(
                f"{cards.seat_name(s, wl)} ({', '.join(filter(None, [w['houses'].get(s.get('house'), ''), s.get('state')]))})"
                for s in seats[:8])
            await self._reply(update, self._esc(w["seat_ambiguous"].format(options=options)))
            return None, wl
        return seats[0], wl

    async def _card(self, constituency_id: int, lang: str, footer: str = "") -> str:
        card = await self.offload(self.views.card, constituency_id, lang)
        if not footer:
            return render_html(card)
        footer = "\n\n" + self._esc(footer)
        return render_html(card, limit=TELEGRAM_LIMIT - len(footer.encode("utf-16-le")) // 2) + footer

    async def on_result(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        seat, wl = await self._seat(update, context, "result")
        if seat is not None:
            sent = None
            if await self.pictures.wanted(update.effective_chat.id):
                sent = await self.pictures.send_card(update, seat, wl)
            if sent is None:
                sent = await self._reply(update, await self._card(seat["id"], wl))
            self.contexts.remember(update.effective_chat.id, sent.message_id, ChatContext(seats=(seat["id"],)))

    async def on_follow(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        seat, wl = await self._seat(update, context, "follow")
        if seat is None:
            return
        chat_id = update.effective_chat.id
        name = cards.seat_name(seat, wl)
        w = self._w(wl)
        async with self.follow_lock:   # not while a check is editing this chat's cards
            fingerprint = await self.offload(self.views.fingerprint, seat["id"])
            # the follow is written before its card goes out: a second /follow, even one sent the
            # moment the card arrives, finds it (INSERT OR IGNORE: False when it was there already)
            if not await self.offload(self.views.add_follow, chat_id, seat["id"], None, fingerprint, wl):
                await self._reply(update, self._esc(w["already_following"].format(seat=name)))
                return
            html = await self._card(seat["id"], wl, w["followed"].format(seat=name))
            try:
                sent = await self._reply(update, html)
            except BaseException:
                await self.offload(self.views.remove_follow, chat_id, seat["id"])   # no card, no follow: try again
                raise
            await self.offload(self.views.update_follow, chat_id, seat["id"], sent.message_id, fingerprint)
            self.contexts.remember(chat_id, sent.message_id, ChatContext(seats=(seat["id"],)))

    async def on_unfollow(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        seat, wl = await self._seat(update, context, "unfollow")
        if seat is None:
            return
        removed = await self.offload(self.views.remove_follow, update.effective_chat.id, seat["id"])
        w = self._w(wl)
        key = "unfollowed" if removed else "not_following"
        await self._reply(update, self._esc(w[key].format(seat=cards.seat_name(seat, wl))))

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self._sender_ok(update):
            return
        _, wl = await self._words_lang(update)
        if update.effective_user.id not in self.settings.admin_ids:
            await self._reply(update, self._esc(self._w(wl)["admin_only"]))
            return
        await self.offload(self.engine.reload)
        log.info("reloaded store and index on an admin's request")
        await self._reply(update, self._esc(self._w(wl)["reloaded"]))
        await self.check_follows(context.bot)

    # -- follows --

    async def follow_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.check_follows(context.bot)

    async def check_follows(self, bot: Any) -> int:
        """Edit (or send) the card of every followed seat whose result changed; return how many."""
        async with self.follow_lock:
            changed = await self.offload(self.views.changed_follows)
            done = 0
            for follow, fingerprint in changed:
                try:
                    await self._push(bot, follow, fingerprint)
                    done += 1
                except Forbidden:
                    log.info("chat blocked or removed the bot; dropping its follow")
                    await self.offload(self.views.remove_follow, follow.chat_id, follow.constituency_id)
                except TelegramError:
                    log.exception("could not update a followed seat's card")
            if changed:
                log.info("followed seats: %d changed, %d cards updated", len(changed), done)
            return done

    async def _push(self, bot: Any, follow: chats.Follow, fingerprint: str) -> None:
        seat = await self.offload(self.views.seat, follow.constituency_id)
        if seat is None:
            return
        w = self._w(follow.lang)
        html = await self._card(follow.constituency_id, follow.lang,
                                w["followed"].format(seat=cards.seat_name(seat, follow.lang)))
        message_id = follow.message_id
        if message_id is not None:
            try:
                await bot.edit_message_text(html, chat_id=follow.chat_id, message_id=message_id)
            except BadRequest as exc:
                if "not modified" not in str(exc).lower():
                    message_id = None     # deleted or too old to edit: send a fresh card
        if message_id is None:
            sent = await bot.send_message(follow.chat_id, html)
            message_id = sent.message_id
        await self.offload(self.views.update_follow, follow.chat_id, follow.constituency_id, message_id, fingerprint)

    # -- inline mode --

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        text = (query.query or "").strip()
        if not text:
            await query.answer([], cache_time=300, is_personal=False)
            return
        wl = script_lang(text)
        results = []
        for seat in (await self.offload(self.engine.find_seat, text))[:INLINE_SEATS]:
            card = await self.offload(self.views.card, seat["id"], wl)
            if card.status != "answered":
                continue
            photo = await self.pictures.inline_photo(seat, wl)
            if photo is not None:
                results.append(photo)
            lines = card.text.splitlines()
            results.append(InlineQueryResultArticle(
                id=f"seat-{seat['id']}-{wl}",
                title=lines[0][:100],
                description=" ".join(lines[1:5])[:200],
                input_message_content=InputTextMessageContent(render_html(card), parse_mode=ParseMode.HTML,
                                                              link_preview_options=LinkPreviewOptions(is_disabled=True)),
            ))
        await query.answer(results, cache_time=30, is_personal=False)
        log.info("inline query: %d cards offered", len(results))

    # -- errors --

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        self.stats["errors"] += 1
        where = update.effective_chat.type if isinstance(update, Update) and update.effective_chat else "-"
        log.error("handler failed (chat_type=%s)", where, exc_info=context.error)
        if isinstance(update, Update) and update.effective_message is not None and update.effective_chat is not None:
            try:
                _, wl = await self._words_lang(update)
                await self._reply(update, self._esc(self._w(wl)["error"]))
            except Exception:  # noqa: BLE001 - the error reply is best effort
                log.warning("could not tell the user about the error")
