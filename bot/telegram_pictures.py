"""The Telegram side of pictures and of the small commands around conversations: result cards and
tallies sent as photos (numbers in the caption), /tally, /pictures, and the line an unknown command gets.

Thin handlers over bot/picture_data.py (what to show) and bot/pictures.py (drawing); rendering runs
off the event loop and each picture is rendered once per (seat or election, as-of, language).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from telegram import InlineQueryResultCachedPhoto, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import picture_data
from bot.pictures import Painter, check_shaping
from bot.render import render_html
from bot.types import Answer

if TYPE_CHECKING:
    from bot.telegram_app import TelegramBot

log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024            # Telegram's caption length, in UTF-16 units
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


class TelegramPictures:
    """Pictures for one TelegramBot: its painter, its cache, and the handlers that send them."""

    def __init__(self, tbot: TelegramBot) -> None:
        self.tbot = tbot
        self.enabled = tbot.settings.pictures
        self.cache = picture_data.PictureCache()
        self.painter = Painter.from_data(tbot.config.data) if self.enabled else None
        if self.enabled and not check_shaping():
            log.warning("Pillow cannot shape Hindi here (libraqm needs libfribidi: apt-get install libfribidi0); "
                        "Hindi on pictures will look broken")

    async def wanted(self, chat_id: int) -> bool:
        """Pictures for this chat: the deployment allows them and the chat has not said /pictures off."""
        if not self.enabled:
            return False
        return await self.tbot.offload(self.tbot.views.chat_pref, chat_id, "pictures") != "off"

    # -- sending --

    async def _send(self, update: Update, key: tuple, picture: Any, draw: Any, caption: str) -> Message:
        msg = update.effective_message
        group = update.effective_chat.type in GROUPS
        file_id = self.cache.file_id(key)
        sent = None
        if file_id is not None:
            try:
                sent = await msg.reply_photo(file_id, caption=caption, do_quote=group)
            except BadRequest:
                log.info("Telegram no longer knows a cached photo; uploading it again")
        if sent is None:
            png = await self.tbot.offload(self.cache.get, key, lambda: draw(picture))
            sent = await msg.reply_photo(png, caption=caption, do_quote=group)
        if sent.photo:
            self.cache.remember_file_id(key, sent.photo[-1].file_id)
        return sent

    async def send_card(self, update: Update, seat: dict, lang: str) -> Message | None:
        """The seat's card as a photo with the text card as its caption; None when it has no result."""
        t = self.tbot
        picture = await t.offload(t.views.card_picture, seat["id"], lang)
        if picture is None:
            return None
        key = await t.offload(t.views.card_key, seat["id"], lang)
        card = await t.offload(t.views.card, seat["id"], lang)
        try:
            return await self._send(update, key, picture, self.painter.card, render_html(card, limit=CAPTION_LIMIT))
        except BadRequest:
            log.exception("Telegram refused a result card photo; sending the card as text")
            return None

    async def tally_for(self, text: str, lang: str | None) -> picture_data.Tally | None:
        """The tally the words name (election, year, state), else the newest election's; None if none."""
        t = self.tbot
        q = await t.offload(t.engine.question, text, lang) if text.strip() else None
        elections = await t.offload(t.views.tally_elections, q)
        if not elections:
            return None
        states = tuple(q.states) if q else ()
        wl = lang or "en"
        return await t.offload(t.views.tally, elections[0], wl, states)

    async def send_tally(self, update: Update, tally: picture_data.Tally, lang: str) -> Message:
        t = self.tbot
        text = await t.offload(t.views.tally_text, tally, lang)
        answer = Answer(text=text, status="answered", lang=lang if lang in ("en", "hi") else "en", intent="tally")
        if await self.wanted(update.effective_chat.id):
            picture = await t.offload(t.views.tally_picture, tally, lang)
            return await self._send(update, picture_data.tally_key(tally, lang), picture, self.painter.tally,
                                    render_html(answer, limit=CAPTION_LIMIT))
        return await t._reply(update, render_html(answer))

    async def answer_tally_question(self, update: Update, text: str, forced: str | None, wl: str,
                                    answer: Answer) -> bool:
        """"How many seats has each party won?" (a tally naming no party or seat): the chart, or its
        text where pictures are off and the engine had no answer of its own (a reported tally, cited,
        stays). False when the question is something else: the engine's answer goes out."""
        t = self.tbot
        if not hasattr(t.engine, "question"):
            return False
        if answer.status == "answered" and not await self.wanted(update.effective_chat.id):
            return False
        q = await t.offload(t.engine.question, text, forced)
        if q.intent != "tally" or q.parties or q.constituencies or q.candidates:
            return False
        tally = await self.tally_for(text, forced or wl)
        if tally is None or not tally.seats:
            return False
        await self.send_tally(update, tally, forced or wl)
        return True

    # -- commands --

    async def on_tally(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        t = self.tbot
        if not t._sender_ok(update):
            return
        text = " ".join(context.args or []).strip()
        forced, wl = await t._words_lang(update, text)
        lang = forced or wl
        tally = await self.tally_for(text, lang)
        if tally is None or not tally.seats:
            what = text[:100] or "—"
            await t._reply(update, t._esc(t._w(lang)["tally_none"].format(what=what)))
            return
        await self.send_tally(update, tally, lang)

    async def on_pictures(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        t = self.tbot
        if not t._sender_ok(update):
            return
        _, wl = await t._words_lang(update)
        w = t._w(wl)
        choice = (context.args or [""])[0].casefold()
        if not self.enabled:
            await t._reply(update, t._esc(w["pictures_disabled"]))
            return
        if choice not in ("on", "off"):
            await t._reply(update, t._esc(w["pictures_usage"]))
            return
        await t.offload(t.views.set_chat_pref, update.effective_chat.id, "pictures", choice)
        await t._reply(update, t._esc(w["pictures_on" if choice == "on" else "pictures_off"]))

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One line listing the commands; in a group only for a command addressed to this bot."""
        t = self.tbot
        if not t._sender_ok(update):
            return
        word = (update.effective_message.text or "").split(maxsplit=1)[0]
        name, _, addressee = word.partition("@")
        if update.effective_chat.type != ChatType.PRIVATE and addressee.casefold() != context.bot.username.casefold():
            return
        _, wl = await t._words_lang(update)
        w = t._w(wl)
        listing = " ".join(f"/{c}" for c in w["commands"])
        await t._reply(update, t._esc(w["unknown_command"].format(command=name[:40], commands=listing)))

    # -- inline mode --

    async def inline_photo(self, seat: dict, lang: str) -> InlineQueryResultCachedPhoto | None:
        """The seat's card as a photo already uploaded (Telegram keeps it by file id), if there is one."""
        if not self.enabled:
            return None
        t = self.tbot
        key = await t.offload(t.views.card_key, seat["id"], lang)
        file_id = self.cache.file_id(key)
        if file_id is None:
            return None
        card = await t.offload(t.views.card, seat["id"], lang)
        return InlineQueryResultCachedPhoto(id=f"photo-{seat['id']}-{lang}", photo_file_id=file_id,
                                            caption=render_html(card, limit=CAPTION_LIMIT), parse_mode=ParseMode.HTML)
