"""Facilities API for a company token: bookable resources, busy periods, bookings."""

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
    for company in (world.company_a, world.company_b):
        MembershipFactory(hub=world.hub, organisation=company, status=Membership.Status.MEMBER)
    return PlaceFactory(hub=world.hub, bookable_by_members=True, name="Demowoning")


def _book(client, headers, house, start="09:00", end="12:00"):
    body = {
        "kind": "room",
        "resource_id": house.pk,
        "starts_at": at(DAY, start).isoformat(),
        "ends_at": at(DAY, end).isoformat(),
        "purpose": "Klantdemo",
    }
    return client.post("/api/v1/bookings", body, content_type="application/json", **headers)


def test_no_token_no_access(client, world, house):
    assert_problem(client.get("/api/v1/bookable"), 401, "not_authenticated")
    assert_problem(_book(client, {}, house), 401, "not_authenticated")


def test_book_list_and_conflict(client, world, house):
    assert [r["name"] for r in client.get("/api/v1/bookable", **world.a).json()] == ["Demowoning"]
    assert _book(client, world.a, house).status_code == 201
    assert_problem(_book(client, world.b, house, "11:00", "13:00"), 409, "booking_conflict")
    assert len(client.get("/api/v1/bookings", **world.a).json()) == 1
    assert client.get("/api/v1/bookings", **world.b).json() == []


def test_busy_periods_say_nothing_of_who(client, world, house):
    _book(client, world.a, house)
    url = f"/api/v1/bookable/room/{house.pk}/busy"
    params = {"start": at(DAY, "0:00").isoformat(), "end": at(DAY, "23:00").isoformat()}
    body = client.get(url, params, **world.b).json()
    assert len(body) == 1 and set(body[0]) == {"starts_at", "ends_at", "quantity"}
    assert_problem(client.get(url, {"start": "x", "end": "y"}, **world.b), 400, "validation_error")


def test_another_companys_booking_is_not_found(client, world, house):
    booking_id = _book(client, world.a, house).json()["id"]
    assert_problem(client.delete(f"/api/v1/bookings/{booking_id}", **world.b), 404, "not_found")
    assert client.delete(f"/api/v1/bookings/{booking_id}", **world.a).status_code == 204
    assert not Booking.objects.exists()


def test_not_bookable_is_not_found(client, world, house):
    hall = PlaceFactory(hub=world.hub, bookable_by_members=False)
    body = {
        "kind": "room",
        "resource_id": hall.pk,
        "starts_at": at(DAY, "9:00").isoformat(),
        "ends_at": at(DAY, "10:00").isoformat(),
    }
    assert_problem(
        client.post("/api/v1/bookings", body, content_type="application/json", **world.a),
        404,
        "not_found",
    )
