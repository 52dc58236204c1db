"""The API refuses what the sites refuse (issue 11): no 1970 bookings, no numbers as dates, an
unknown path answers problem+json for every method, and the OpenAPI schema states the rules."""

import datetime as dt

import pytest

from technohub.api.tests.conftest import assert_problem
from technohub.catalogue.tests.factories import PlaceFactory
from technohub.hubs.models import Membership
from technohub.hubs.tests.factories import MembershipFactory
from technohub.scheduling.models import Booking
from technohub.scheduling.tests.factories import at, next_monday

pytestmark = pytest.mark.django_db
DAY = next_monday() + dt.timedelta(days=1)


@pytest.fixture
def house(world):
    MembershipFactory(hub=world.hub, organisation=world.company_a, status=Membership.Status.MEMBER)
    return PlaceFactory(hub=world.hub, bookable_by_members=True, name="Demowoning")


def _book(client, world, house, **times):
    body = {
        "kind": "room",
        "resource_id": house.pk,
        "starts_at": at(DAY, "09:00").isoformat(),
        "ends_at": at(DAY, "12:00").isoformat(),
        **times,
    }
    return client.post("/api/v1/bookings", body, content_type="application/json", **world.a)


def _fields(response) -> set[str]:
    return {error["field"] for error in response.json().get("errors", [])}


@pytest.mark.parametrize(
    "times",
    [
        {"starts_at": "1970-01-01T09:00:00+00:00", "ends_at": "1970-01-01T12:00:00+00:00"},
        {"starts_at": 0, "ends_at": 3600},
        {"starts_at": "0", "ends_at": "3600"},
        {"starts_at": "9999-12-31T09:00:00+01:00", "ends_at": "9999-12-31T12:00:00+01:00"},
        {"starts_at": "2027-01-18T09:00:00"},  # no offset
    ],
)
def test_a_booking_with_a_number_or_an_extreme_date_is_refused(client, world, house, times):
    response = _book(client, world, house, **times)
    assert_problem(response, 400, "validation_error")
    assert "starts_at" in _fields(response)
    assert not Booking.objects.exists()


def test_a_booking_that_ends_before_it_starts_is_refused(client, world, house):
    response = _book(client, world, house, ends_at=at(DAY, "08:00").isoformat())
    assert_problem(response, 400, "validation_error")
    assert not Booking.objects.exists()


def test_a_sane_booking_is_still_made(client, world, house):
    assert _book(client, world, house).status_code == 201


def test_busy_periods_refuse_numbers(client, world, house):
    response = client.get(f"/api/v1/bookable/room/{house.pk}/busy?start=0&end=100", **world.a)
    assert_problem(response, 400, "validation_error")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/onbekend", "/api/v1/editions/1/onbekend", "/api/v1/"])
def test_every_method_on_an_unknown_path_is_a_problem(client, method, path):
    response = getattr(client, method)(path, "{}", content_type="application/json")
    assert response["Content-Type"] == "application/problem+json"
    assert response.status_code in (404, 405)
    if path != "/api/v1/":
        assert_problem(response, 404, "not_found")


def test_the_schema_states_the_rules(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    booking = components["BookingIn"]["properties"]
    assert booking["starts_at"]["type"] == "string"
    assert booking["starts_at"]["format"] == "date-time"
    assert "2000-01-01" in booking["starts_at"]["description"]
    assert "After" in booking["ends_at"]["description"]
    enrolment = components["EnrolmentIn"]["properties"]
    assert enrolment["email"]["format"] == "email"
    assert enrolment["first_name"]["minLength"] == 1
    assert enrolment["last_name"]["minLength"] == 1
