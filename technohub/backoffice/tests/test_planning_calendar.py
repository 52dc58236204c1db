"""The planning page: the default term covers the waiting editions, the form lists the closed
days it will skip, and the hub's calendar settings (school region, Liberation Day)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.models import Course
from technohub.catalogue.tests.factories import CourseFactory
from technohub.hubs.tests.factories import PersonFactory
from technohub.scheduling.models import PlanningSettings
from technohub.scheduling.tests.factories import waiting_edition
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db


def _waiting(world, starts_on, days, **kwargs):
    edition = waiting_edition(world.hub, trainer=PersonFactory(), **kwargs)
    edition.starts_on, edition.ends_on = starts_on, starts_on + dt.timedelta(days=days)
    edition.save(update_fields=["starts_on", "ends_on"])
    return edition


def _planning(client, world):
    return client.get(reverse("backoffice:planning", args=[world.hub.slug]))


def test_the_default_term_covers_the_waiting_editions(coordinator_client, world):
    today = timezone.localdate()
    _waiting(world, today + dt.timedelta(weeks=12), 30)
    _waiting(world, today + dt.timedelta(weeks=14), 40)
    form = _planning(coordinator_client, world).context["form"]
    assert form["starts_on"].value() == today + dt.timedelta(weeks=12)
    assert form["ends_on"].value() == today + dt.timedelta(weeks=14, days=40)


def test_the_default_term_starts_today_at_the_earliest(coordinator_client, world):
    today = timezone.localdate()
    _waiting(world, today - dt.timedelta(days=10), 30)
    _waiting(world, today - dt.timedelta(days=60), 20)  # over: not waiting for this term
    form = _planning(coordinator_client, world).context["form"]
    assert form["starts_on"].value() == today
    assert form["ends_on"].value() == today + dt.timedelta(days=20)


def test_without_waiting_editions_ten_weeks_from_next_monday(coordinator_client, world):
    form = _planning(coordinator_client, world).context["form"]
    start = form["starts_on"].value()
    assert start.weekday() == 0 and start > timezone.localdate()
    assert form["ends_on"].value() - start == dt.timedelta(weeks=10, days=-1)


def test_the_form_lists_the_closed_days_it_will_skip(coordinator_client, world):
    # given a waiting edition over Christmas 2027, and the hub's own closing day
    _waiting(world, dt.date(2027, 12, 13), 30)
    coordinator_client.post(
        reverse("backoffice:closed_periods", args=[world.hub.slug]),
        {
            "action": "add",
            "name": "Inventarisatie",
            "starts_on": "2027-12-31",
            "ends_on": "2027-12-31",
        },
    )
    page = _planning(coordinator_client, world).content.decode()
    section = page[page.index('id="closed-days"') :]
    for text in ("Eerste kerstdag", "Tweede kerstdag", "Nieuwjaarsdag", "Inventarisatie"):
        assert text in section
    assert 'datetime="2027-12-25"' in section


def test_school_holidays_listed_for_a_course_for_students(coordinator_client, world):
    PlanningSettings.objects.create(hub=world.hub, school_region="noord")
    course = CourseFactory(hub=world.hub, delivery_model=Course.DeliveryModel.SCHOOL_COURSE)
    edition = _waiting(world, dt.date(2027, 10, 4), 30, course=course)
    page = _planning(coordinator_client, world).content.decode()
    section = page[page.index('id="closed-days"') :]
    assert "Herfstvakantie" in section and edition.code in section


def test_the_posted_term_lists_its_own_closed_days(coordinator_client, world):
    url = reverse("backoffice:planning", args=[world.hub.slug])
    response = coordinator_client.post(
        url, {"starts_on": "2027-12-20", "ends_on": "2028-01-09", "seconds": 0}
    )  # a field error (the time limit): the page lists that term's closed days
    assert response.status_code == 400
    section = response.content.decode().split('id="closed-days"')[1]
    assert "Eerste kerstdag" in section and "Nieuwjaarsdag" in section
    reversed_term = coordinator_client.post(
        url, {"starts_on": "2028-04-01", "ends_on": "2027-03-01", "seconds": 5}
    )
    assert reversed_term.status_code == 400  # a Dutch field error, no 500


def test_calendar_settings_are_saved_and_audited(coordinator_client, world):
    url = reverse("backoffice:closed_periods", args=[world.hub.slug])
    page = coordinator_client.get(url).content.decode()
    assert "Nieuwjaarsdag" in page or "Koningsdag" in page  # the coming year's public holidays
    response = coordinator_client.post(
        url, {"action": "settings", "settings-school_region": "zuid"}
    )
    assert response.status_code == 302
    settings = PlanningSettings.objects.get(hub=world.hub)
    assert settings.school_region == "zuid" and settings.liberation_day is False
    bad = coordinator_client.post(url, {"action": "settings", "settings-school_region": "oost"})
    assert bad.status_code == 400
    assert PlanningSettings.objects.get(hub=world.hub).school_region == "zuid"


def test_the_other_hubs_coordinator_cannot_change_the_calendar(client, world):
    client.force_login(world.other_coordinator)
    url = reverse("backoffice:closed_periods", args=[world.hub.slug])
    response = client.post(url, {"action": "settings", "settings-school_region": "zuid"})
    assert response.status_code == 404
    assert not PlanningSettings.objects.exists()


def test_pages_are_valid_html(coordinator_client, world):
    PlanningSettings.objects.create(hub=world.hub, school_region="midden")
    course = CourseFactory(hub=world.hub, delivery_model=Course.DeliveryModel.SCHOOL_COURSE)
    _waiting(world, dt.date(2027, 12, 13), 60, course=course)
    for name in ("planning", "closed_periods", "trainers"):
        assert_valid(coordinator_client, reverse(f"backoffice:{name}", args=[world.hub.slug]))
