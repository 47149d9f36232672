"""Which questions ask for the seats of several parties taken together (bot/combined.py): two or
more parties (an alliance named beside them only describes them) and a total cue word from
data/lexicon/intents.toml."""
from __future__ import annotations

import pytest

from bot.combined import asks_combined
from bot.types import Question
from bot.understand import Lexicon
from tests.conftest import REPO

PARTIES = {"BJP", "INC", "JMM", "Shiv Sena (UBT)", "NCP(SP)"}


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.from_data(REPO / "data")


@pytest.mark.parametrize("text, intent, parties, asked", [
    ("How many seats did the JMM and the Congress win together?", "tally", ("JMM", "INC"), ["JMM", "INC"]),
    ("Combined, how many seats did BJP and JMM get?", "tally", ("BJP", "JMM"), ["BJP", "JMM"]),
    ("एमवीए के दलों (कांग्रेस, शिवसेना-यूबीटी) को कुल मिलाकर कितनी सीटें मिलीं?", "tally",
     ("MVA", "INC", "Shiv Sena (UBT)"), ["INC", "Shiv Sena (UBT)"]),
    ("congress aur jmm ne milkar kitni seat jeeti?", "tally", ("INC", "JMM"), ["INC", "JMM"]),
    # one party, or an alliance alone: its own tally, not a sum
    ("How many seats did the BJP win in total?", "tally", ("BJP",), None),
    ("How many seats did the MVA win in total?", "tally", ("MVA",), None),
    # two parties, no total cue: each its own figure (not this module's question)
    ("How many seats did the BJP and the Congress win?", "tally", ("BJP", "INC"), None),
    # not a question about seats
    ("Did the BJP and the Congress fight the election together?", "", ("BJP", "INC"), None),
])
def test_asks_combined(lexicon, text, intent, parties, asked):
    # the cue flags as bot/understand.py sets them from the words
    q = Question(text=text, lang="en", intent=intent, parties=parties, cues=lexicon.cues_in(text.casefold()))
    assert asks_combined(q, lambda p: p in PARTIES) == asked
