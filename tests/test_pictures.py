"""Result cards and tally charts as PNG: drawn from the store, the right size and type, Hindi shaped,
rendered once per key."""
from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from bot import cards, picture_data
from bot.conversation import MessageContexts, OnceEach, has_words
from bot.pictures import WIDTH, Bar, CardPicture, Painter, _runs, check_shaping, load_colours
from store.home import ensure_home

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PNG = b"\x89PNG\r\n\x1a\n"

# An illustrative Hindi card (a made-up seat "उदाहरणपुर", "Examplepur"): words with matras and
# conjuncts (क्ष, त्र, द्व, श्र, प्र) that break when Devanagari is drawn unshaped.
HINDI_CARD = CardPicture(
    title="उदाहरणपुर", place="विधानसभा, उत्तर प्रदेश", election="उदाहरण उपचुनाव · 2024-06-04",
    status="leading", status_text="आगे 12 राउंड के बाद · 2024-06-04 14:05 तक",
    bars=(Bar("क्षितिज श्रीवास्तव (सपा)", "SP", 48213, "48,213", "leading"),
          Bar("द्विवेदी प्रभात (भाजपा)", "BJP", 45097, "45,097", "trailing"),
          Bar("ऋषि त्रिपाठी (बसपा)", "BSP", 9120, "9,120", "trailing")),
    margin_text="अंतर: 3,116", source_text="स्रोत: उदाहरण के लिए बनाया गया कार्ड (परीक्षण)")


@pytest.fixture(scope="module")
def painter() -> Painter:
    return Painter.from_data(REPO / "data")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The bundled data in a store (no index: pictures read results only)."""
    from conftest import make_config

    return ensure_home(make_config(tmp_path_factory.mktemp("pictures") / "home"))


@pytest.fixture(scope="module")
def messages():
    return cards.load_messages(REPO / "data")


def image(png: bytes) -> Image.Image:
    assert png.startswith(PNG)
    return Image.open(io.BytesIO(png))


def seat_id(db, name: str) -> int:
    # the seat of that name with results (the national gazetteer has an assembly and a Lok Sabha Kairana)
    return db.execute("SELECT id FROM constituencies c WHERE name_en = ? ORDER BY EXISTS (SELECT 1 FROM contests t "
                      "JOIN results r ON r.contest_id = t.id WHERE t.constituency_id = c.id) DESC, id",
                      [name]).fetchone()[0]


def test_pillow_shapes_complex_scripts():
    assert check_shaping(), ("Pillow cannot shape Hindi: its wheel's libraqm needs libfribidi at run time "
                             "(apt-get install libfribidi0)")


def test_text_runs_split_by_script():
    assert _runs("Tabassum Hasan (रालोद)") == [("latin", "Tabassum Hasan ("), ("deva", "रालोद"), ("latin", ")")]
    assert _runs("मई 2018 उपचुनाव") == [("deva", "मई "), ("latin", "2018 "), ("deva", "उपचुनाव")]


def test_hindi_card_matches_the_reference_checked_by_eye(painter):
    """tests/fixtures/card_hi_reference.png was looked at: matras sit on their consonants, क्ष त्र द्व
    श्र प्र are joined. A change of fonts or shaping shows up here as a different picture."""
    got = image(painter.card(HINDI_CARD)).convert("RGB")
    want = Image.open(FIXTURES / "card_hi_reference.png").convert("RGB")
    assert got.size == want.size
    diff = ImageChops.difference(got, want).convert("L")
    changed = diff.point(lambda v: 255 if v > 40 else 0).histogram()[255]
    assert changed < 0.002 * got.width * got.height, f"{changed} pixels differ from the reference"


def test_shaping_changes_hindi_glyphs(painter):
    """The same words drawn shaped and unshaped differ (a conjunct is one glyph, not three)."""
    from PIL import ImageFont

    basic = Painter(painter.fonts_dir, painter.colours)
    basic.layout = ImageFont.Layout.BASIC
    assert painter.width("क्षितिज", 30) < basic.width("क्षितिज", 30)


def test_card_from_the_store_in_both_languages(db, messages, painter):
    kairana = seat_id(db, "Kairana")
    en = picture_data.card_picture(db, kairana, messages, "en")
    assert en.title == "Kairana" and en.place == "Lok Sabha, Uttar Pradesh" and en.status == "won"
    assert en.election.startswith("May 2018 bye-elections") and en.margin_text == "Margin: 44,618"
    assert [b.label for b in en.bars] == ["Tabassum Hasan (RLD)", "Mriganka Singh (BJP)"]
    assert en.source_text.startswith("Source: ") and ".txt" in en.source_text
    hi = picture_data.card_picture(db, kairana, messages, "hi")
    assert hi.title == "कैराना" and hi.place == "लोकसभा, उत्तर प्रदेश" and hi.bars[0].label.endswith("(रालोद)")
    for pic in (en, hi):
        img = image(painter.card(pic))
        assert img.format == "PNG" and img.width == WIDTH and 300 < img.height < 700


def test_leading_card_says_leading_and_as_of(db, messages):
    pic = picture_data.card_picture(db, seat_id(db, "Nalagarh"), messages, "en")
    assert pic.status == "leading" and pic.status_text.startswith("Leading") and "as of 2024-07-13" in pic.status_text


def test_tally_counts_won_and_leading_per_party(db, messages, painter):
    (newest, *_) = picture_data.tally_elections(db, None)
    tally = picture_data.count_tally(db, newest, "en")
    assert tally.election == "July 2024 assembly bye-elections" and tally.seats == 7
    assert tally.parties[0] == ("INC", 1, 2)
    text = picture_data.tally_text(db, tally, messages, "en")
    assert "• INC: 1 won + 2 leading" in text and "• BJP: 1 leading" in text
    img = image(painter.tally(picture_data.tally_picture(db, tally, messages, "hi")))
    assert img.width == WIDTH and img.height > 200


def test_tally_elections_follow_the_question(db):
    from bot.types import Question

    q = Question(text="", lang="en", intent="tally", year=2018, month=5)
    assert [e.key for e in picture_data.tally_elections(db, q)] == ["2018-05-bypolls"]
    up = Question(text="", lang="en", intent="tally", year=2018, states=("Uttar Pradesh",))
    tally = picture_data.count_tally(db, picture_data.tally_elections(db, up)[0], "en", up.states)
    assert tally.states == ("Uttar Pradesh",) and tally.seats >= 1


def test_cache_renders_each_key_once_even_when_asked_at_once():
    cache = picture_data.PictureCache(max_items=2)
    calls = []

    def render() -> bytes:
        calls.append(1)
        threading.Event().wait(0.05)
        return PNG + b"x"

    threads = [threading.Thread(target=cache.get, args=(("seat", 1, "fp", "en"), render)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and cache.renders == 1
    cache.remember_file_id(("seat", 1, "fp", "en"), "file-1")
    assert cache.file_id(("seat", 1, "fp", "en")) == "file-1"
    cache.get(("seat", 2, "fp", "en"), render)
    cache.get(("seat", 3, "fp", "en"), render)            # the oldest key (and its file id) drops out
    assert cache.file_id(("seat", 1, "fp", "en")) is None and cache.renders == 3


def test_card_key_changes_with_what_the_card_shows(db):
    kairana = seat_id(db, "Kairana")
    assert picture_data.card_key(db, kairana, "en") == picture_data.card_key(db, kairana, "en")
    assert picture_data.card_key(db, kairana, "en") != picture_data.card_key(db, kairana, "hi")


def test_party_colours_file_is_valid_and_a_bad_line_names_itself(tmp_path):
    colours = load_colours(REPO / "data" / "pictures" / "party_colours.csv")
    assert colours["bjp"] == (0xFF, 0x99, 0x33) and len(colours) > 30
    bad = tmp_path / "c.csv"
    bad.write_text("party,colour\nBJP,#FF9933\nSP,orange\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.csv:3: want party,#RRGGBB"):
        load_colours(bad)


def test_bundled_fonts_keep_their_licence_and_provenance():
    fonts = REPO / "data" / "fonts"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL.txt").read_text(encoding="utf-8")
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    for name in ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "NotoSans-Regular.ttf",
                 "NotoSans-Bold.ttf"):
        assert (fonts / name).is_file() and name in readme
    assert "fonts-noto-core" in readme


@pytest.mark.parametrize("text, words", [
    ("👍", False), ("?!…", False), ("\x00\x00", False), ("\u0301\u0308", False), ("   ", False), ("", False),
    ("🗳️🎉", False), ("and the margin?", True), ("कैराना?", True), ("2018", True),
])
def test_messages_without_words(text, words):
    assert has_words(text) is words


def test_message_contexts_expire():
    from bot.answer import ChatContext

    contexts = MessageContexts(expiry_s=60)
    contexts.remember(-1, 10, ChatContext(seats=(8,), election_key="2018-05-bypolls"), now=1000)
    contexts.remember(-1, 11, None, now=1000)                       # nothing to follow on from
    assert contexts.get(-1, 10, now=1030).seats == (8,) and contexts.get(-1, 11, now=1030) is None
    assert contexts.get(-1, 10, now=1061) is None and len(contexts) == 0
    once = OnceEach(60)
    assert once.first(5, now=0) and not once.first(5, now=30) and once.first(5, now=61)
