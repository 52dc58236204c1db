import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.models import Role
from technohub.hubs.tests.factories import RoleFactory, trainer_user

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def course(world):
    return CourseFactory(hub=world.hub)


def url(hub, course):
    return reverse("backoffice:edition_create", args=[hub.slug, course.pk])


def test_access_per_role(client, world, role, course):
    check_access(client, world, role, url(world.hub, course))


def test_course_of_another_hub_is_404(coordinator_client, world):
    foreign = CourseFactory(hub=world.other_hub)
    assert coordinator_client.get(url(world.hub, foreign)).status_code == 404


def valid_edition(**overrides):
    data = {
        "code": "WP-2027-1",
        "capacity": "12",
        "min_participants": "6",
        "status": "published",
        "enrolment_opens_at": "2027-02-01T09:00",
        "enrolment_closes_at": "2027-03-20T23:59",
        "cancellation_deadline": "2027-03-13T17:00",
        # four Tuesdays around the switch to summer time (Sunday 28 March 2027)
        "first_date": "2027-03-16",
        "session_count": "4",
        "interval_weeks": "1",
        "start_time": "19:00",
        "end_time": "21:30",
    }
    return {**data, **overrides}


def test_creates_edition_and_sessions_in_local_time(coordinator_client, world, course):
    # given a room of this hub and a trainer of this hub
    place = PlaceFactory(hub=world.hub)
    trainer = trainer_user()
    RoleFactory(user=trainer, kind=Role.Kind.TRAINER, hub=world.hub)
    # when the coordinator plans four weekly evening sessions
    response = coordinator_client.post(
        url(world.hub, course),
        valid_edition(location=place.pk, trainer=trainer.person.pk),
    )
    # then the edition exists with its window and its sessions at 19:00–21:30 Dutch time,
    # also after the switch to summer time
    edition = Edition.objects.get(hub=world.hub, code="WP-2027-1")
    assert response.status_code == 302
    assert response.url == reverse("backoffice:edition_detail", args=[world.hub.slug, edition.pk])
    assert (edition.capacity, edition.min_participants) == (12, 6)
    assert (edition.location, edition.trainer) == (place, trainer.person)
    assert edition.enrolment_opens_at == dt.datetime(2027, 2, 1, 9, 0, tzinfo=AMSTERDAM)
    assert (edition.starts_on, edition.ends_on) == (dt.date(2027, 3, 16), dt.date(2027, 4, 6))
    sessions = list(Session.objects.filter(edition=edition).order_by("starts_at"))
    local = [
        (timezone.localtime(s.starts_at, AMSTERDAM), timezone.localtime(s.ends_at, AMSTERDAM))
        for s in sessions
    ]
    assert [start.date() for start, _ in local] == [
        dt.date(2027, 3, 16),
        dt.date(2027, 3, 23),
        dt.date(2027, 3, 30),
        dt.date(2027, 4, 6),
    ]
    assert {(start.time(), end.time()) for start, end in local} == {
        (dt.time(19, 0), dt.time(21, 30))
    }
    assert [s.starts_at.utcoffset() for s in sessions] == [dt.timedelta(0)] * 4  # stored in UTC
    assert sessions[0].starts_at.hour == 18 and sessions[2].starts_at.hour == 17
    assert {s.place for s in sessions} == {place}


def test_every_other_week(coordinator_client, world, course):
    coordinator_client.post(
        url(world.hub, course), valid_edition(session_count="3", interval_weeks="2")
    )
    edition = Edition.objects.get(code="WP-2027-1")
    days = [timezone.localtime(s.starts_at).date() for s in edition.sessions.all()]
    assert days == [dt.date(2027, 3, 16), dt.date(2027, 3, 30), dt.date(2027, 4, 13)]


@pytest.mark.parametrize(
    "overrides",
    [
        {"end_time": "18:00"},
        {"session_count": "0"},
        {"first_date": "morgen"},
        {"capacity": ""},
        {"min_participants": "20"},
        {"enrolment_closes_at": "2027-01-01T09:00"},
        {"status": "completed"},
    ],
)
def test_invalid_input_shows_errors_and_creates_nothing(
    coordinator_client, world, course, overrides
):
    response = coordinator_client.post(url(world.hub, course), valid_edition(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Edition.objects.exists() and not Session.objects.exists()


def test_duplicate_code_in_this_hub_is_refused(coordinator_client, world, course):
    EditionFactory(course=course, code="WP-2027-1")
    response = coordinator_client.post(url(world.hub, course), valid_edition())
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert Edition.objects.count() == 1


def test_place_of_another_hub_is_refused(coordinator_client, world, course):
    foreign = PlaceFactory(hub=world.other_hub)
    response = coordinator_client.post(url(world.hub, course), valid_edition(location=foreign.pk))
    assert response.status_code == 400
    assert "location" in response.context["form"].errors
    assert not Edition.objects.exists()
