"""store/build_gazetteer.py on a few real rows of the public sources (tests/fixtures/gazetteer_sources)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from store.build_gazetteer import build, display_name
from store.gazetteer import split_list

REPO = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "fixtures" / "gazetteer_sources"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], dict[str, str]]:
    out = tmp_path_factory.mktemp("gaz")
    shutil.copy(REPO / "data" / "gazetteer" / "states.csv", out)
    (out / "press_names.csv").write_text(
        "name_en,name_hi,state,house,reserved,aliases\n"
        "Bhandara-Gondiya,भंडारा-गोंदिया,Maharashtra,lok_sabha,GEN,Bhandara Gondia\n", encoding="utf-8")
    counts = build(SOURCES, out)
    assert counts["lok_sabha"] == 9 and counts["assembly"] == 18
    with (out / "constituencies.csv").open(encoding="utf-8") as fh:
        return {(r["name_en"], r["state"], r["house"]): r for r in csv.DictReader(fh)}


@pytest.mark.parametrize(("source", "shown"), [
    ("KOPRI - PACHPAKHADI", "Kopri-Pachpakhadi"), ("JAMSHEDPUR EAST", "Jamshedpur East"),
    ("Bhandara Gondiya", "Bhandara Gondiya"), ("V.MADUGULA", "V.Madugula"),
])
def test_display_names(source: str, shown: str) -> None:
    assert display_name(source) == shown


def test_every_field_of_a_seat(built: dict) -> None:
    noorpur = built[("Noorpur", "Uttar Pradesh", "assembly")]
    assert (noorpur["number"], noorpur["reserved"], noorpur["district"], noorpur["name_hi"]) == (
        "24", "GEN", "Bijnor", "नूरपुर")
    assert noorpur["pc"] == ""           # Nagina is not among the fixture's Lok Sabha seats
    assert built[("Kairana", "Uttar Pradesh", "assembly")]["pc"] == "Kairana"
    assert built[("Malegaon Central", "Maharashtra", "assembly")]["pc"] == "Dhule"
    kairana = built[("Kairana", "Uttar Pradesh", "lok_sabha")]
    assert (kairana["number"], kairana["name_hi"]) == ("2", "कैराना")
    assert "Kopri" in split_list(built[("Kopri-Pachpakhadi", "Maharashtra", "assembly")]["aliases"])


def test_two_seats_of_one_name_in_a_state_are_named_by_district(built: dict) -> None:
    assert ("Kalyanpur (East Champaran)", "Bihar", "assembly") in built
    samastipur = built[("Kalyanpur (Samastipur)", "Bihar", "assembly")]
    assert "KALYANPUR" in split_list(samastipur["aliases"]) and samastipur["reserved"] == "SC"


def test_state_names_follow_states_csv(built: dict) -> None:
    assert ("Badli", "Delhi", "assembly") in built and ("Badli", "Haryana", "assembly") in built


def test_press_names_win_the_display_and_keep_the_source_spelling(built: dict) -> None:
    row = built[("Bhandara-Gondiya", "Maharashtra", "lok_sabha")]      # the source: "Bhandara Gondiya"
    assert row["name_hi"] == "भंडारा-गोंदिया"                            # datameet: भन्डारा गोंदिया (same key)
    assert "Bhandara Gondia" in split_list(row["aliases"])


def test_an_unknown_state_is_named(tmp_path: Path) -> None:
    from store.gazetteer import GazetteerError

    shutil.copytree(SOURCES, tmp_path / "src")
    with (tmp_path / "src" / "gazetteer" / "ac.csv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis,1,POSEIDONIA,GEN,,,\n")
    (tmp_path / "out").mkdir()
    shutil.copy(REPO / "data" / "gazetteer" / "states.csv", tmp_path / "out")
    with pytest.raises(GazetteerError, match=r"ac.csv:\d+: state 'Atlantis'"):
        build(tmp_path / "src", tmp_path / "out")
