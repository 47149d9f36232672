"""Names from results files (in capitals) as people know them: title case, and the press's shorter
form of the same candidate beside it (bot/display_names.py)."""
from __future__ import annotations

import pytest

from bot.display_names import common_form, shown_name, title_case


@pytest.mark.parametrize("name, shown", [
    ("AJIT ANANTRAO PAWAR", "Ajit Anantrao Pawar"),
    ("MUFTI MOHAMMAD ISMAIL ABDUL KHALIQUE", "Mufti Mohammad Ismail Abdul Khalique"),
    ("Hemant Soren", "Hemant Soren"),                 # written normally: as written
    ("SARYU ROY", "Saryu Roy"),
    ("COMMUNIST PARTY OF INDIA", "Communist Party of India"),
])
def test_capitals_in_title_case(name, shown):
    assert title_case(name) == shown


@pytest.mark.parametrize("full, others, common", [
    # ElectionLens writes the father's name in the middle; the press writes first and last names
    ("AJIT ANANTRAO PAWAR", ["Ajit Pawar"], "Ajit Pawar"),
    ("MAHESH BALIRAM SAWANT", ["MAHESH BALIRAM SAWANT", "Mahesh Sawant"], "Mahesh Sawant"),
    ("DEVENDRA GANGADHAR FADNAVIS", ["Fadnavis"], None),          # a surname alone is not the name
    ("YUGENDRA SHRINIVAS PAWAR", ["Ajit Pawar"], None),            # another Pawar
    ("SARYU ROY", ["Saryu Roy"], None),                            # two words: nothing shorter to give
])
def test_common_form_is_first_and_last_word(full, others, common):
    assert common_form(full, others) == common


def test_shown_name_leaves_ordinary_names_alone():
    assert shown_name("Ajit Pawar", ["AJIT ANANTRAO PAWAR"]) == ("Ajit Pawar", None)
    assert shown_name("AJIT ANANTRAO PAWAR", ["Ajit Pawar"]) == ("Ajit Anantrao Pawar", "Ajit Pawar")
