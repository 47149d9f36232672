"""The Election Commission page parsers on real saved pages (tests/fixtures/eci/, see its README)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.eci_pages import NotPartywise, PageError, as_of_time, page_kind, parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "eci"


def page(name: str):
    return parse_page((FIXTURES / name).read_text(encoding="utf-8"), f"https://results.eci.gov.in/x/{name}")


def test_candidate_page_final_habra():
    p = page("ResultAcGenMay2026_candidateswise-S25100.htm")
    assert (p.state, p.number, p.constituency, p.round, p.rounds_total) == ("West Bengal", 100, "HABRA", 19, 19)
    assert p.election.house == "assembly" and p.election.year == 2026 and not p.election.bye
    assert p.as_of == "2026-05-05T16:18" and p.declared
    first, second = p.candidates[:2]
    assert (first.name, first.party, first.votes, first.margin, first.status) == (
        "DEBDAS MONDAL", "Bharatiya Janata Party", 104645, 31462, "won")
    assert (second.name, second.votes, second.margin, second.status) == ("JYOTI PRIYA MALLICK", 73183, -31462, "lost")
    nota = p.candidates[-1]
    assert nota.nota and nota.votes == 988 and nota.status == ""          # NOTA last, never a candidate
    # two candidates share a name (BJP and an Independent): both are kept, told apart by party
    mondals = [c for c in p.candidates if c.name == "DEBDAS MONDAL"]
    assert len(mondals) == 2 and {c.party for c in mondals} == {"Bharatiya Janata Party", "Independent"}
    assert len([c for c in p.candidates if not c.nota]) == 13


def test_candidate_page_final_dispur():
    p = page("ResultAcGenMay2026_candidateswise-S0333.htm")
    assert (p.state, p.number, p.constituency, p.round, p.rounds_total) == ("Assam", 33, "DISPUR", 20, 20)
    assert p.candidates[0].name == "PRADYUT BORDOLOI" and p.candidates[0].margin == 49667
    assert p.candidates[-1].nota and p.candidates[-1].votes == 2941


@pytest.mark.parametrize("name, state, known, seats, declared, first", [
    ("ResultAcGenNov2025_statewiseS041.htm", "Bihar", 237, 243, False,
     ("AGIAON", 195, "MAHESH PASWAN", "Bharatiya Janata Party", "SHIV PRAKASH RANJAN",
      "Communist Party of India (Marxist-Leninist) (Liberation)", 2037, 4, 24)),
    ("ResultAcGenMay2026_statewiseS256.htm", "West Bengal", 293, 293, True,
     ("GOALPOKHAR", 30, "MD GHULAM RABBANI", "All India Trinamool Congress", "SARAJIT BISWAS",
      "Bharatiya Janata Party", 83790, 19, 19)),
])
def test_statewise_lists(name, state, known, seats, declared, first):
    p = page(name)
    assert (p.state, p.known, p.seats, len(p.rows), p.problems) == (state, known, seats, 20, ())
    r = p.rows[0]
    assert (r.constituency, r.number, r.leader, r.leader_party, r.trailer, r.trailer_party, r.margin, r.round,
            r.rounds_total) == first
    assert all(row.declared is declared for row in p.rows)
    # the party cell's tooltip ("Leading In : 78 ...") is not part of the party's name
    assert not any("Leading In" in row.leader_party for row in p.rows)
    assert len(p.pages) in (13, 15)


def test_statewise_footers_in_both_wordings():
    assert page("ResultAcGenNov2025_statewiseS041.htm").as_of == "2025-11-14T10:54"     # "10:54 am On 14/11/2025"
    assert page("ResultAcGenMay2026_statewiseS256.htm").as_of == "2026-05-05T16:18"
    assert as_of_time("Last Updated at 12:05 AM On 04/06/2024") == "2024-06-04T00:05"


def test_partywise_raw_and_browser_snapshot():
    wb = page("ResultAcGenMay2026_partywiseresult-S25.htm")
    assert (wb.state, wb.seats, wb.as_of) == ("West Bengal", 294, "2026-05-05T16:18")
    assert [(p.abbr, p.code, p.won, p.leading, p.total) for p in wb.parties[:2]] == [
        ("BJP", "369", 207, 0, 207), ("AITC", "140", 80, 0, 80)]
    assert wb.parties[0].name == "Bharatiya Janata Party"
    assert sum(p.won for p in wb.parties) == 293          # Falta has no result: not 294
    assert len(wb.seat_codes) == 294 and "S25100" in wb.seat_codes
    kerala = page("ResultAcGenMay2026_partywiseresult-S11.htm")
    assert (kerala.state, kerala.as_of, len(kerala.parties)) == ("Kerala", "2026-05-04T21:24", 12)
    assert {p.abbr: p.won for p in kerala.parties}["CPI(M)"] == 26
    assert sum(p.won for p in kerala.parties) == 140


def test_page_kinds_from_names():
    assert page_kind("https://results.eci.gov.in/ResultAcGenMay2026/candidateswise-S25100.htm") == "candidates"
    assert page_kind("ResultAcGenNov2025_statewiseS0410.htm") == "statewise"
    assert page_kind("partywiseresult-S25.htm") == "partywise"
    assert page_kind("partywisewinresult-369S11.htm") is None
    assert page_kind("https://results.eci.gov.in/PcResultGenJune2024/index.htm") == "index"
    assert page_kind("PcResultGenJune2024_index.htm") == "index" and page_kind("myindex.htm") is None


WB_PARTYWISE = (FIXTURES / "ResultAcGenMay2026_partywiseresult-S25.htm").read_text(encoding="utf-8")


def as_national(html: str = WB_PARTYWISE, title: str = "Parliamentary Constituencies: Trends & Results June-2029",
                seats: int = 543) -> str:
    """A Lok Sabha election's national party-wise page (index.htm) made from the real West Bengal
    party-wise page. No saved copy of a national page exists (../shared/data/eci_pages/README.md,
    "Pages not found anywhere"); public scrapers read PcResultGenJune2024/index.htm with the same
    table selectors as a state's page (README §5) and link its Won counts to
    partywisewinresultState-<code>.htm. So the real table is kept and only the parts that name one
    state are rewritten here: the title, the heading's state, the Won links, and the state's
    constituency list and list-page link (dropped)."""
    html = html.replace("Assembly Constituencies: Trends &amp; Results May-2026", title)
    html = html.replace("Assembly Constituencies: Trends & Results May-2026", title)
    html = html.replace("<h2><span> <strong> West Bengal</strong>   (Total AC : 294)</span></h2>",
                        f"<h2><span>(Total PC : {seats})</span></h2>")
    html = re.sub(r"partywisewinresult-(\d+)S25\.htm", r"partywisewinresultState-\1.htm", html)
    html = re.sub(r"<select class='custom-select'.*?</select>", "", html, flags=re.S)
    return html.replace('href="statewiseS251.htm"', 'href="#"')


def test_national_partywise_page():
    html = as_national()
    assert "West Bengal" not in html.split("Party Wise Results")[0].split("page-title")[1]
    p = parse_page(html, "https://results.eci.gov.in/PcResultGenJune2029/index.htm")
    assert p.state == "" and p.election.house == "lok_sabha" and p.election.year == 2029 and p.seats == 543
    assert [(r.abbr, r.code, r.won, r.leading, r.total) for r in p.parties[:2]] == [
        ("BJP", "369", 207, 0, 207), ("AITC", "140", 80, 0, 80)]
    assert p.as_of == "2026-05-05T16:18" and p.seat_codes == ()
    # an index page without a party table (an assembly round's list of states) is links only
    with pytest.raises(NotPartywise):
        parse_page("<html><body><div class='page-title'><h1>General Election to Assembly Constituencies: Trends"
                   " & Results May-2026</h1></div><a href='partywiseresult-S25.htm'>West Bengal</a></body></html>",
                   "https://results.eci.gov.in/ResultAcGenMay2026/index.htm")
    # a state's page still needs its state
    with pytest.raises(PageError, match="the state"):
        parse_page(html, "https://results.eci.gov.in/PcResultGenJune2029/partywiseresult-S25.htm")


@pytest.mark.parametrize("name, cut, missing", [
    ("ResultAcGenMay2026_candidateswise-S25100.htm", "cand-box", "candidate boxes"),
    ("ResultAcGenMay2026_candidateswise-S25100.htm", "page-title", "constituency number and name"),
    ("ResultAcGenMay2026_statewiseS256.htm", "Trailing Candidate", "seats table"),
    ("ResultAcGenMay2026_partywiseresult-S25.htm", ">Leading<", "party table"),
])
def test_changed_layout_is_reported_with_what_is_missing(name, cut, missing):
    html = (FIXTURES / name).read_text(encoding="utf-8").replace(cut, "renamed")
    with pytest.raises(PageError) as err:
        parse_page(html, f"https://results.eci.gov.in/x/{name}")
    assert missing in str(err.value) and name in str(err.value)


def test_inconsistent_party_counts_are_refused():
    html = (FIXTURES / "ResultAcGenMay2026_partywiseresult-S25.htm").read_text(encoding="utf-8")
    html = html.replace('<td style="text-align:right">207</td>', '<td style="text-align:right">208</td>', 1)
    with pytest.raises(PageError, match=r"won 207 \+ leading 0 != total 208"):
        parse_page(html, "partywiseresult-S25.htm")
