import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions, in_days

pytestmark = pytest.mark.django_db


def _iso(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_week_view_defaults_to_this_week_with_seven_days(client, world):
    response = client.get("/agenda/")
    assert response.status_code == 200
    days = response.context["days"]
    assert len(days) == 7
    today = timezone.localdate()
    assert days[0][0] <= today <= days[6][0] and days[0][0].isoweekday() == 1


def test_week_view_shows_the_weeks_public_sessions(client, world):
    draft = edition_with_sessions(
        hub=world["hub"], title="Concept", days=[3], status=Edition.Status.DRAFT
    )
    day = in_days(3)
    response = client.get("/agenda/", {"week": _iso(day), "hub": "woerden"})
    html = response.content.decode()
    assert "Basiscursus lassen" in html and draft.course.title not in html
    sessions = dict((d, s) for d, s, _today in response.context["days"])[day]
    assert [s.edition_id for s in sessions] == [world["edition"].pk]
    assert "Samen leren werkt" in html  # the hub's tagline
    assert f"week={response.context['next_week']}" in html
    assert f"week={response.context['previous_week']}" in html
    assert "/feeds/woerden.ics" in html


def test_week_view_filters_by_hub(client, world):
    edition_with_sessions(hub=world["other_hub"], title="Heftruck rijden", days=[3])
    week = _iso(in_days(3))
    assert (
        "Heftruck rijden"
        not in client.get("/agenda/", {"hub": "woerden", "week": week}).content.decode()
    )
    assert "Heftruck rijden" in client.get("/agenda/", {"week": week}).content.decode()


def test_unknown_hub_is_404_and_bad_week_falls_back(client, world):
    assert client.get("/agenda/", {"hub": "bestaat-niet"}).status_code == 404
    assert client.get("/agenda/", {"week": "onzin"}).status_code == 200


def test_coverage_shows_eight_weeks_with_dots(client, world):
    response = client.get("/agenda/", {"hub": "woerden"})
    (coverage,) = response.context["coverages"]
    assert len(coverage.weeks) == 8 and coverage.goal == 4
    html = response.content.decode()
    assert html.count('class="dot on"') == sum(w.covered for w in coverage.weeks)
    assert html.count('class="dot"') + html.count('class="dot on"') == 8 * 7
    assert 'class="coverage"' in html


def test_coverage_for_every_hub_without_hub_filter(client, world):
    response = client.get("/agenda/")
    assert {c.hub for c in response.context["coverages"]} == {world["other_hub"], world["hub"]}


def test_agenda_query_count(client, world, django_assert_max_num_queries):
    for n in range(5):
        edition_with_sessions(hub=world["hub"], days=[n + 1, n + 2, n + 8])
    with django_assert_max_num_queries(4):
        assert client.get("/agenda/", {"hub": "woerden"}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/agenda/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/agenda/maand/").status_code == 200


def test_month_view_is_a_table_calendar(client, world):
    day = in_days(10)
    response = client.get("/agenda/maand/", {"month": day.strftime("%Y-%m"), "hub": "woerden"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<table class="month-grid">' in html and '<th scope="col">' in html
    weeks = response.context["weeks"]
    assert all(len(week) == 7 for week in weeks)
    cells = {d: sessions for week in weeks for d, sessions, _in, _t in week}
    assert [s.edition_id for s in cells[day]] == [world["edition"].pk]
    assert client.get("/agenda/maand/", {"month": "2030-13"}).status_code == 200


def _today_is(monkeypatch, day: dt.date):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_month_view_from_the_current_week_opens_the_current_month(client, world, monkeypatch):
    # Given today is Friday 4 December 2026, in the week of Monday 30 November
    _today_is(monkeypatch, dt.date(2026, 12, 4))

    # When the week view shows this week
    response = client.get("/agenda/")

    # Then its month link opens December, not November
    assert response.context["month"] == "2026-12"
    assert "month=2026-12" in response.content.decode()


def test_a_week_spanning_two_months_opens_the_month_of_its_thursday(client, world, monkeypatch):
    _today_is(monkeypatch, dt.date(2026, 10, 1))

    # 2026-W49 runs from Monday 30 November to Sunday 6 December: Thursday is 3 December
    assert client.get("/agenda/", {"week": "2026-W49"}).context["month"] == "2026-12"
    # 2027-W13 runs from Monday 29 March to Sunday 4 April: Thursday is 1 April
    assert client.get("/agenda/", {"week": "2027-W13"}).context["month"] == "2027-04"
    # 2026-W44 runs from 26 October to 1 November: Thursday is 29 October
    assert client.get("/agenda/", {"week": "2026-W44"}).context["month"] == "2026-10"


def test_the_current_week_opens_todays_month_even_when_thursday_is_in_another(
    client, world, monkeypatch
):
    # Saturday 2 January 2027 lies in 2026-W53, whose Thursday is 31 December
    _today_is(monkeypatch, dt.date(2027, 1, 2))
    assert client.get("/agenda/").context["month"] == "2027-01"


def test_week_view_from_a_month_opens_this_week_or_the_months_first_iso_week(
    client, world, monkeypatch
):
    _today_is(monkeypatch, dt.date(2026, 12, 4))

    assert client.get("/agenda/maand/").context["week"] == "2026-W49"
    # April 2027 starts on a Thursday: its first week is 2027-W13
    assert client.get("/agenda/maand/", {"month": "2027-04"}).context["week"] == "2027-W13"
    # May 2027 starts on a Saturday: that week belongs to April, so May opens 2027-W18
    assert client.get("/agenda/maand/", {"month": "2027-05"}).context["week"] == "2027-W18"
