"""Results written as English and Hindi sentences from data/templates/sentences.toml."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.sentences import TemplateError, Templates, fill, render

TEMPLATES = Templates.load(Path(__file__).resolve().parent.parent / "data" / "templates" / "sentences.toml")

BASE = dict(
    contest_id=1, candidate_hi=None, party_raw=None, votes=None, votes_qualifier="", position=None,
    margin=None, margin_qualifier="", as_of=None, party_abbr_hi=None, party_name_hi=None,
    seat="Noorpur", seat_hi="नूरपुर", state="Uttar Pradesh", state_hi="उत्तर प्रदेश", house="assembly",
    kind="bye", year=2018,
)


def row(**over):
    return {**BASE, "id": 1, "candidate": "Naeemul Hasan", "party": "SP", "status": "won", **over}


RIVAL = row(id=2, candidate="Avni Singh", candidate_hi="अवनि सिंह", party="BJP", party_abbr_hi="भाजपा",
            status="lost", position=2)


@pytest.mark.parametrize(
    ("result", "other", "lang", "expected"),
    [
        (row(margin=5678), RIVAL, "en",
         "Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (SP) won, defeating Avni Singh (BJP) by 5,678 votes"),
        (row(margin=5678, margin_qualifier="over"), RIVAL, "en",
         "Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (SP) won, defeating Avni Singh (BJP) by over 5,678 votes"),
        (row(), None, "en", "Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (SP) won"),
        (RIVAL, row(margin=5678), "en",
         "Noorpur (Uttar Pradesh) assembly bypoll, 2018: Avni Singh (BJP) lost to Naeemul Hasan (SP) by 5,678 votes"),
        (row(status="leading", margin=1200, as_of="2024-07-13", kind="bye", year=2024), None, "en",
         "Noorpur (Uttar Pradesh) assembly bypoll, 2024: Naeemul Hasan (SP) leading by 1,200 votes as of 13 July 2024"),
        (row(party=None, party_raw="Independent", votes=94875), None, "en",
         "Noorpur (Uttar Pradesh) assembly bypoll, 2018: Naeemul Hasan (Independent) won, polling 94,875 votes"),
        (row(margin=5678, candidate_hi="नईमुल हसन", party_abbr_hi="सपा"), RIVAL, "hi",
         "नूरपुर (उत्तर प्रदेश) विधानसभा उपचुनाव, 2018: नईमुल हसन (सपा) जीते, अवनि सिंह (भाजपा) को हराया, अंतर 5,678 वोट"),
        (row(status="leading", as_of="2024-07-13", house="lok_sabha", kind="general", year=2024, seat_hi=None, state_hi=None,
             state=None), None, "hi",
         "Noorpur लोकसभा चुनाव, 2024: Naeemul Hasan (SP) आगे (13 जुलाई 2024 तक)"),
    ],
)
def test_render(result, other, lang, expected):
    assert render(result, other, lang, TEMPLATES) == expected


def test_leading_is_never_written_as_won():
    text = render(row(status="leading", as_of="2024-07-13"), None, "en", TEMPLATES)
    assert "leading" in text and " won" not in text


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("{a}[ and {b}]", {"a": "x", "b": None}, "x"),
        ("{a}[ and {b}]", {"a": "x", "b": "y"}, "x and y"),
        ("[{a}][ {b}]", {"a": "", "b": "y"}, " y"),
    ],
)
def test_fill_drops_optional_parts_with_unknown_fields(template, values, expected):
    assert fill(template, values) == expected


def test_unknown_field_names_the_template():
    with pytest.raises(TemplateError, match="unknown field"):
        fill("{nope}", {})


def test_incomplete_template_file_says_what_is_missing(tmp_path):
    bad = tmp_path / "sentences.toml"
    bad.write_text('[en]\nhead = "{seat}"\n[hi]\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"sentences.toml: \[en\] lacks"):
        Templates.load(bad)
