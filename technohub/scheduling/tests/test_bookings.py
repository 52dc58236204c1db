"""Bookings: never beyond the quantity, who may book, credentials, busy/free without who."""

import datetime as dt

import pytest

from technohub.catalogue.models import Place
from technohub.catalogue.tests.factories import CourseFactory, PlaceFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
    learner_user,
)
from technohub.scheduling import selectors, services
from technohub.scheduling.errors import BookingConflict, CredentialMissing, InvalidBooking
from technohub.scheduling.models import Booking
from technohub.scheduling.tests.factories import at, equipment, member_company, next_monday

pytestmark = pytest.mark.django_db
DAY = next_monday() + dt.timedelta(days=1)


@pytest.fixture
def hub():
    return HubFactory()


def test_a_room_is_never_booked_twice(hub):
    room = PlaceFactory(hub=hub)
    services.booking_create(
        actor=None, place=room, starts_at=at(DAY, "09:00"), ends_at=at(DAY, "12:00")
    )
    with pytest.raises(BookingConflict):
        services.booking_create(
            actor=None, place=room, starts_at=at(DAY, "11:00"), ends_at=at(DAY, "13:00")
        )
    services.booking_create(
        actor=None, place=room, starts_at=at(DAY, "12:00"), ends_at=at(DAY, "13:00")
    )
    assert Booking.objects.filter(place=room).count() == 2


def test_equipment_up_to_its_quantity_at_the_busiest_moment(hub):
    item = equipment(hub, quantity=3)
    book = lambda start, end, n: services.booking_create(  # noqa: E731
        actor=None, equipment=item, quantity=n, starts_at=at(DAY, start), ends_at=at(DAY, end)
    )
    book("09:00", "10:00", 2)
    book("10:00", "11:00", 2)  # touches, does not overlap the first
    book("09:30", "10:30", 1)  # 3 at 09:30 and at 10:00
    with pytest.raises(BookingConflict):
        book("09:45", "09:50", 1)
    book("11:00", "12:00", 3)


def test_bad_times_and_online_places_are_refused(hub):
    room = PlaceFactory(hub=hub)
    with pytest.raises(InvalidBooking):
        services.booking_create(
            actor=None, place=room, starts_at=at(DAY, "12:00"), ends_at=at(DAY, "11:00")
        )
    online = PlaceFactory(hub=hub, kind=Place.Kind.ONLINE)
    with pytest.raises(InvalidBooking):
        services.booking_create(
            actor=None, place=online, starts_at=at(DAY, "9:00"), ends_at=at(DAY, "10:00")
        )
    assert not Booking.objects.exists()


def test_members_book_what_members_may_book_for_their_own_company(hub):
    company = member_company(hub)
    contact = contact_user(company)
    house = PlaceFactory(hub=hub, bookable_by_members=True)
    services.booking_create(
        actor=contact,
        place=house,
        organisation=company,
        starts_at=at(DAY, "9:00"),
        ends_at=at(DAY, "12:00"),
    )
    assert AuditEntry.objects.filter(action="booking.created").count() == 1
    hall = PlaceFactory(hub=hub, bookable_by_members=False)
    outsider = OrganisationFactory()  # not a member of the hub
    cases = [
        (contact, hall, company),  # not bookable by members
        (contact, house, outsider),  # not their company
        (contact_user(outsider), house, outsider),  # not a member
        (learner_user(employer=company), house, company),  # not a contact
    ]
    for actor, place, organisation in cases:
        with pytest.raises(NotAllowed):
            services.booking_create(
                actor=actor,
                place=place,
                organisation=organisation,
                starts_at=at(DAY, "13:00"),
                ends_at=at(DAY, "14:00"),
            )


def test_equipment_that_needs_a_certificate(hub):
    company = member_company(hub)
    welder = equipment(hub, required_course=CourseFactory(hub=hub))
    contact = contact_user(company)
    employee = PersonFactory(employer=company)
    with pytest.raises(CredentialMissing):
        services.booking_create(
            actor=contact,
            equipment=welder,
            organisation=company,
            person=employee,
            starts_at=at(DAY, "9:00"),
            ends_at=at(DAY, "10:00"),
        )
    assert not Booking.objects.exists()


def test_members_see_busy_and_free_never_who(hub):
    company = member_company(hub)
    house = PlaceFactory(hub=hub, bookable_by_members=True)
    services.booking_create(
        actor=contact_user(company),
        place=house,
        organisation=company,
        purpose="Klantdemo",
        starts_at=at(DAY, "9:00"),
        ends_at=at(DAY, "12:00"),
    )
    periods = selectors.busy_periods(resource=house, start=at(DAY, "0:00"), end=at(DAY, "23:00"))
    assert [(p.starts_at, p.ends_at, p.quantity) for p in periods] == [
        (at(DAY, "9:00"), at(DAY, "12:00"), 1)
    ]
    assert set(vars(periods[0])) == {"starts_at", "ends_at", "quantity"}
    other = contact_user(member_company(hub))
    assert not selectors.bookings_of_organisation(actor=other, organisation=company).exists()


def test_cancel_own_booking_only(hub):
    company = member_company(hub)
    house = PlaceFactory(hub=hub, bookable_by_members=True)
    booking = services.booking_create(
        actor=contact_user(company),
        place=house,
        organisation=company,
        starts_at=at(DAY, "9:00"),
        ends_at=at(DAY, "12:00"),
    )
    with pytest.raises(NotAllowed):
        services.booking_cancel(booking=booking, actor=contact_user(member_company(hub)))
    with pytest.raises(NotAllowed):
        services.booking_cancel(booking=booking, actor=coordinator_user(HubFactory()))
    services.booking_cancel(booking=booking, actor=coordinator_user(hub))
    assert not Booking.objects.exists()
