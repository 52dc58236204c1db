"""'Let the planner choose the sessions': an edition with a pattern and no sessions, for the
agenda builder."""

import pytest
from django.urls import reverse

from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import CourseFactory, PlaceFactory
from technohub.scheduling.models import Feature, PlanningRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    return CourseFactory(hub=world.hub)


def url(hub, course):
    return reverse("backoffice:edition_create", args=[hub.slug, course.pk])


def to_plan(**overrides):
    data = {
        "mode": "planner",
        "code": "VCA-2027-1",
        "capacity": "12",
        "min_participants": "4",
        "status": "published",  # ignored: an edition to be planned starts as a draft
        "session_count": "4",
        "earliest_start": "2027-03-01",
        "latest_end": "2027-05-09",
        "rhythm": "weekly",
        "session_minutes": "150",
        "time_of_day": "evening",
        "weekdays": ["1", "3"],
    }
    return {**data, **overrides}


def test_creates_a_draft_with_its_pattern_and_no_sessions(coordinator_client, world, course):
    # given a room need of this hub
    feature = Feature.objects.create(hub=world.hub, name="Afzuiging")
    # when the coordinator lets the planner choose the sessions
    response = coordinator_client.post(url(world.hub, course), to_plan(features=[feature.pk]))
    # then the edition waits for the builder: a draft, its dates the window, its pattern saved
    assert response.status_code == 302
    assert response.url == reverse("backoffice:planning", args=[world.hub.slug])
    edition = Edition.objects.get(code="VCA-2027-1")
    assert edition.status == Edition.Status.DRAFT
    assert (str(edition.starts_on), str(edition.ends_on)) == ("2027-03-01", "2027-05-09")
    assert not Session.objects.filter(edition=edition).exists()
    request = PlanningRequest.objects.get(edition=edition)
    assert (request.session_count, request.rhythm, request.session_minutes) == (4, "weekly", 150)
    assert (request.time_of_day, request.weekdays) == ("evening", [1, 3])
    assert list(request.features.all()) == [feature]
    assert (str(request.earliest), str(request.latest)) == ("2027-03-01", "2027-05-09")
    # and the planning page lists it as waiting
    page = coordinator_client.get(response.url).content.decode()
    assert "VCA-2027-1" in page


def test_no_session_fields_are_needed(coordinator_client, world, course):
    data = to_plan()
    for name in ("first_date", "start_time", "end_time", "interval_weeks"):
        data.pop(name, None)
    response = coordinator_client.post(url(world.hub, course), data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"earliest_start": ""}, "earliest_start"),
        ({"latest_end": "2027-02-01"}, "latest_end"),
        ({"session_minutes": "300"}, "session_minutes"),
        ({"session_count": "0"}, "session_count"),
        ({"rhythm": "daily"}, "rhythm"),
    ],
)
def test_bad_pattern_is_a_field_error_and_saves_nothing(
    coordinator_client, world, course, overrides, field
):
    response = coordinator_client.post(
        url(world.hub, course), to_plan(**overrides), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Edition.objects.exists() and not PlanningRequest.objects.exists()


def test_by_hand_still_needs_its_session_fields(coordinator_client, world, course):
    data = to_plan(mode="hand")
    response = coordinator_client.post(url(world.hub, course), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"first_date", "start_time", "end_time"} <= set(errors)
    assert not Edition.objects.exists()


def test_room_choices_fit_the_course(coordinator_client, world):
    # given a practical course, a lab and a classroom
    course = CourseFactory(hub=world.hub, room_kind="lab")
    lab = PlaceFactory(hub=world.hub, name="Installatielab", room_kind="lab")
    classroom = PlaceFactory(hub=world.hub, name="Theorielokaal", room_kind="classroom")
    # then only the lab is offered, and the classroom is refused
    form = coordinator_client.get(url(world.hub, course)).context["form"]
    assert list(form.fields["location"].queryset) == [lab]
    response = coordinator_client.post(url(world.hub, course), to_plan(location=classroom.pk))
    assert response.status_code == 400 and "location" in response.context["form"].errors


def test_the_form_page_is_valid_html(coordinator_client, world, course):
    from tests.test_html_validity import assert_valid

    assert_valid(coordinator_client, url(world.hub, course))
