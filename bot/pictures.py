"""Pictures for group chats: a seat's result card and a party tally chart, drawn as PNG with Pillow.

Plain drawing only: the values come in as dataclasses with every label already in the reader's
language (bot/picture_data.py builds them from the store). Hindi is shaped by libraqm (bundled in
Pillow's wheels) so matras and conjuncts join; Noto Sans Devanagari has no Latin letters, so each
run of text is drawn in the font of its script.
"""
from __future__ import annotations

import colorsys
import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from store.lru import LRU

WIDTH = 800
PAD = 32
BG = (255, 255, 255)
INK = (28, 28, 30)
MUTED = (98, 98, 106)
RULE = (226, 226, 232)
WON = (27, 127, 59)
LEADING = (178, 106, 0)
_DEVANAGARI = re.compile(r"[\u0900-\u097F\uA8E0-\uA8FF\u1CD0-\u1CFF]")
_JOINERS = "\u200c\u200d"
_VIRAMA = "\u094d"
FONT_FILES = {
    ("latin", False): "NotoSans-Regular.ttf", ("latin", True): "NotoSans-Bold.ttf",
    ("deva", False): "NotoSansDevanagari-Regular.ttf", ("deva", True): "NotoSansDevanagari-Bold.ttf",
}


@dataclass(frozen=True)
class Bar:
    """One candidate on a card: label ("Tabassum Hasan (RLD)"), votes (None when not reported)."""

    label: str
    party: str | None
    votes: int | None
    votes_text: str                 # the number as the card shows it ("2,34,567"), or a status word
    status: str                     # won, leading, lost, trailing


@dataclass(frozen=True)
class CardPicture:
    title: str                      # the seat
    place: str                      # house, state
    election: str                   # election name and date
    status: str                     # won or leading
    status_text: str                # "Won" / "Leading after round 12 · as of ..."
    bars: tuple[Bar, ...]
    margin_text: str                # "Margin: 44,618" or ""
    source_text: str                # "Source: ..."
    more_text: str = ""             # "and 9 more candidates" when the card is cut


@dataclass(frozen=True)
class TallyRow:
    party: str                      # the key for its colour
    label: str
    won: int
    leading: int
    text: str                       # "12 won + 3 leading"


@dataclass(frozen=True)
class TallyPicture:
    title: str
    subtitle: str                   # "14 seats with results · as of ..."
    rows: tuple[TallyRow, ...]
    won_label: str
    leading_label: str
    source_text: str
    more_text: str = ""


def check_shaping() -> bool:
    """Whether this Pillow can shape complex scripts (libraqm); without it Hindi renders broken."""
    return bool(features.check("raqm"))


def load_colours(path: Path) -> dict[str, tuple[int, int, int]]:
    """Party colours from a CSV of party,colour (#RRGGBB); a bad line is an error naming it."""
    colours: dict[str, tuple[int, int, int]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), 2):
            value = (row.get("colour") or "").strip()
            if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value) or not (row.get("party") or "").strip():
                raise ValueError(f"{path}:{line}: want party,#RRGGBB, got {row!r}")
            colours[row["party"].strip().casefold()] = tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))
    return colours


def _fallback_colour(party: str) -> tuple[int, int, int]:
    """A muted colour of its own for a party the colours file lacks (stable across runs)."""
    hue = int(hashlib.sha256(party.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.45, 0.35)
    return int(r * 255), int(g * 255), int(b * 255)


def _lighter(colour: tuple[int, int, int], amount: float = 0.55) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * amount) for c in colour)


def _runs(text: str) -> list[tuple[str, str]]:
    """Split text into (script, chunk): Devanagari with its marks and joiners; spaces join the run before."""
    out: list[tuple[str, str]] = []
    for ch in text:
        if _DEVANAGARI.match(ch) or ch in _JOINERS:
            script = "deva"
        elif ch.isspace() or (unicodedata.category(ch) == "Mn" and out and out[-1][0] == "deva"):
            script = out[-1][0] if out else "latin"
        else:
            script = "latin"
        if out and out[-1][0] == script:
            out[-1] = (script, out[-1][1] + ch)
        else:
            out.append((script, ch))
    return out


class Painter:
    """Fonts (loaded once per size) and party colours; renders pictures to PNG bytes."""

    def __init__(self, fonts_dir: Path, colours: dict[str, tuple[int, int, int]]) -> None:
        self.fonts_dir = Path(fonts_dir)
        self.colours = colours
        self.layout = ImageFont.Layout.RAQM if check_shaping() else ImageFont.Layout.BASIC
        self._fonts: dict[tuple[str, bool, int], ImageFont.FreeTypeFont] = {}
        self._widths: LRU[tuple[str, int, bool], list[tuple[str, str, float]]] = LRU(4096)
        for name in FONT_FILES.values():
            if not (self.fonts_dir / name).is_file():
                raise FileNotFoundError(f"font {self.fonts_dir / name} is missing (see data/fonts/README.md)")

    @classmethod
    def from_data(cls, data_dir: Path) -> Painter:
        return cls(Path(data_dir) / "fonts", load_colours(Path(data_dir) / "pictures" / "party_colours.csv"))

    def colour(self, party: str | None) -> tuple[int, int, int]:
        if not party:
            return (150, 150, 150)
        return self.colours.get(party.casefold()) or _fallback_colour(party)

    # -- text --

    def _lang(self, script: str) -> dict[str, str]:
        # The language tag picks Hindi's shaping rules; only libraqm takes one.
        return {"language": "hi"} if script == "deva" and self.layout == ImageFont.Layout.RAQM else {}

    def font(self, script: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
        key = (script, bold, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(str(self.fonts_dir / FONT_FILES[(script, bold)]), size,
                                                  layout_engine=self.layout)
        return self._fonts[key]

    def _measured(self, text: str, size: int, bold: bool) -> list[tuple[str, str, float]]:
        """(script, chunk, advance) per run; remembered, since a label is measured to fit, then drawn."""
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = [(s, chunk, self.font(s, bold, size).getlength(chunk, **self._lang(s)))
                                         for s, chunk in _runs(text)]
        return found

    def width(self, text: str, size: int, bold: bool = False) -> float:
        return sum(advance for _, _, advance in self._measured(text, size, bold))

    def fit(self, text: str, size: int, room: float, bold: bool = False) -> str:
        """`text`, cut with an ellipsis to fit `room` pixels, never inside a syllable."""
        if self.width(text, size, bold) <= room:
            return text
        cut = len(text)
        while cut > 0:
            cut -= 1
            while cut > 0 and (unicodedata.category(text[cut])[0] == "M" or text[cut - 1] in _VIRAMA + _JOINERS):
                cut -= 1
            candidate = text[:cut].rstrip() + "…"
            if self.width(candidate, size, bold) <= room:
                return candidate
        return "…"

    def text(self, draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int,
             fill: tuple[int, int, int] = INK, bold: bool = False, anchor_right: bool = False) -> float:
        """Draw `text` with its top-left (or top-right) at xy; return the x after it."""
        x, y = xy
        if anchor_right:
            x -= self.width(text, size, bold)
        # Both fonts share a baseline at the Latin font's ascent, so runs line up.
        base = y + self.font("latin", bold, size).getmetrics()[0]
        for script, chunk, advance in self._measured(text, size, bold):
            draw.text((x, base), chunk, font=self.font(script, bold, size), fill=fill, anchor="ls",
                      **self._lang(script))
            x += advance
        return x

    # -- pictures --

    def _start(self, height: int, title: str, title_size: int, subtitle: str, subtitle_size: int,
               subtitle_gap: int) -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
        """A white picture with its title and subtitle drawn; returns it and the y below them."""
        img = Image.new("RGB", (WIDTH, height), BG)
        draw = ImageDraw.Draw(img)
        room = WIDTH - 2 * PAD
        self.text(draw, (PAD, PAD), self.fit(title, title_size, room, True), title_size, bold=True)
        self.text(draw, (PAD, PAD + 46), self.fit(subtitle, subtitle_size, room), subtitle_size, MUTED)
        return img, draw, PAD + 46 + subtitle_gap

    def _source(self, draw: ImageDraw.ImageDraw, y: int, text: str) -> None:
        draw.line((PAD, y, WIDTH - PAD, y), fill=RULE, width=2)
        self.text(draw, (PAD, y + 10), self.fit(text, 15, WIDTH - 2 * PAD), 15, MUTED)

    def card(self, pic: CardPicture) -> bytes:
        row_h, bar_h = 58, 22
        height = PAD + 46 + 30 + 34 + 56 + row_h * len(pic.bars) + (30 if pic.more_text else 0) + 40 + 40 + PAD
        img, draw, y = self._start(height, pic.title, 34, pic.place, 19, 30)
        right = WIDTH - PAD
        self.text(draw, (PAD, y), self.fit(pic.election, 21, right - PAD), 21)
        y += 38
        pill = WON if pic.status == "won" else LEADING
        status = self.fit(pic.status_text, 19, right - PAD - 28, True)
        draw.rounded_rectangle((PAD, y, PAD + self.width(status, 19, True) + 28, y + 34), radius=17, fill=pill)
        self.text(draw, (PAD + 14, y + 3), status, 19, (255, 255, 255), bold=True)
        y += 52
        most = max((b.votes or 0 for b in pic.bars), default=0)
        for bar in pic.bars:
            colour = self.colour(bar.party)
            lead = bar.status in ("won", "leading")
            self.text(draw, (PAD, y), self.fit(bar.label, 19, right - PAD - 130, lead), 19, INK, bold=lead)
            self.text(draw, (right, y), bar.votes_text, 19, INK if lead else MUTED, bold=lead, anchor_right=True)
            top = y + 30
            draw.rounded_rectangle((PAD, top, right, top + bar_h), radius=5, fill=(242, 242, 246))
            share = (bar.votes / most) if (bar.votes and most) else (1.0 if lead and not most else 0.0)
            if share > 0:
                draw.rounded_rectangle((PAD, top, PAD + max(10, (right - PAD) * share), top + bar_h), radius=5,
                                       fill=colour if lead or most else _lighter(colour))
            elif not most:      # no votes reported: a party-coloured mark, the status word says the rest
                draw.rounded_rectangle((PAD, top, PAD + 10, top + bar_h), radius=5, fill=colour)
            y += row_h
        if pic.more_text:
            self.text(draw, (PAD, y), pic.more_text, 17, MUTED)
            y += 30
        y += 6
        if pic.margin_text:
            self.text(draw, (PAD, y), pic.margin_text, 22, bold=True)
        self._source(draw, y + 40, pic.source_text)
        return _png(img)

    def tally(self, pic: TallyPicture) -> bytes:
        row_h, bar_h, label_w = 46, 26, 190
        height = PAD + 46 + 32 + 40 + row_h * len(pic.rows) + (30 if pic.more_text else 0) + 14 + 36 + PAD
        img, draw, y = self._start(height, pic.title, 30, pic.subtitle, 18, 32)
        right = WIDTH - PAD
        # legend: a solid swatch for won, a light one for leading
        x = PAD
        for label, fill in ((pic.won_label, (90, 90, 96)), (pic.leading_label, _lighter((90, 90, 96)))):
            draw.rounded_rectangle((x, y + 4, x + 22, y + 22), radius=4, fill=fill)
            x = self.text(draw, (x + 30, y), label, 17, MUTED) + 24
        y += 40
        most = max((r.won + r.leading for r in pic.rows), default=0) or 1
        bar_left, bar_right = PAD + label_w, right - 200
        for row in pic.rows:
            colour = self.colour(row.party)
            self.text(draw, (PAD, y + 2), self.fit(row.label, 19, label_w - 12, True), 19, bold=True)
            scale = (bar_right - bar_left) / most
            won_end = bar_left + row.won * scale
            if row.won:
                draw.rectangle((bar_left, y, max(bar_left + 3, won_end), y + bar_h), fill=colour)
            if row.leading:
                draw.rectangle((won_end, y, won_end + max(3, row.leading * scale), y + bar_h), fill=_lighter(colour))
            self.text(draw, (bar_right + 12, y + 2), self.fit(row.text, 17, right - bar_right - 12), 17)
            y += row_h
        if pic.more_text:
            self.text(draw, (PAD, y), pic.more_text, 17, MUTED)
            y += 30
        self._source(draw, y + 14, pic.source_text)
        return _png(img)


def _png(img: Image.Image) -> bytes:
    # A palette keeps cards small (few colours, flat fills); compress_level 3 keeps encoding quick.
    out = io.BytesIO()
    img.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG", compress_level=3)
    return out.getvalue()
