"""The catalogue's filter panel stays folded after a search, so that on a phone the results come
first; its summary says which filters are in force."""

import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/cursussen/"


def panel(html: str) -> str:
    return re.search(r"<details class=\"filter-panel\"[^>]*>\s*<summary>.*?</summary>", html, re.S)[
        0
    ]


def test_the_panel_is_folded_after_a_search_with_filters(client, world):
    html = client.get(URL, {"q": "lassen", "level": "mbo2", "daytime": "evening"}).content.decode()

    opening = panel(html)
    assert " open" not in opening.split(">")[0]
    assert "(2)" in opening and "mbo 2" in opening and "Avond" in opening


def test_the_summary_names_no_filters_when_only_words_were_searched(client, world):
    opening = panel(client.get(URL, {"q": "lassen"}).content.decode())
    assert "filter-summary" not in opening and " open" not in opening.split(">")[0]


def test_the_panel_opens_when_a_filter_was_refused(client, world):
    html = client.get(URL, {"date_from": "2027-06-01", "date_to": "2027-05-01"}).content.decode()
    assert " open" in panel(html).split(">")[0]
