"""API of facilities: what a member company may book, when it is busy, and its bookings.

For a company API token. Busy periods carry times and units only — never who booked.
Another company's booking is "not found".
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field, model_validator

from technohub.api.auth import company_token
from technohub.api.schemas import MAX_ID, Moment, Problem
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Organisation, Person
from technohub.scheduling import selectors, services

router = Router(tags=["facilities"], auth=company_token)

KINDS = {"room": "ruimte", "equipment": "apparatuur"}


class ResourceOut(Schema):
    kind: str
    id: int
    hub: str
    name: str
    quantity: int = Field(description="Units (1 for a room).")
    capacity: int | None = Field(None, description="Seats of a room.")
    certificate_course: str | None = Field(
        None, description="Title of the course whose certificate a user must hold."
    )


class BusyOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    quantity: int


class BusyFilters(Schema):
    start: Moment
    end: Moment

    @model_validator(mode="after")
    def _order(self):
        if self.end <= self.start:
            raise ValueError("end must be after start")
        if self.end - self.start > dt.timedelta(days=93):
            raise ValueError("at most 93 days at once")
        return self


class BookingIn(Schema):
    kind: str = Field(pattern="^(room|equipment)$")
    resource_id: int = Field(ge=1, le=MAX_ID)
    starts_at: Moment
    ends_at: Moment = Field(description="After `starts_at`.")
    quantity: int = Field(1, ge=1, le=1000)
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Who will use it.")
    purpose: str = Field("", max_length=200)

    @model_validator(mode="after")
    def _order(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class BookingOut(Schema):
    id: int
    kind: str
    resource_id: int
    resource: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    quantity: int
    purpose: str


def _organisation(request: HttpRequest) -> Organisation:
    return request.auth.organisation


def _resource(organisation: Organisation, kind: str, resource_id: int):
    if kind not in KINDS:
        raise NotFound()
    return selectors.access_bookable(
        organisation=organisation, kind=KINDS[kind], resource_id=resource_id
    )


def _booking_out(booking) -> BookingOut:
    return BookingOut(
        id=booking.pk,
        kind="room" if booking.place_id else "equipment",
        resource_id=booking.place_id or booking.equipment_id,
        resource=str(booking.resource),
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        quantity=booking.quantity,
        purpose=booking.purpose,
    )


@router.get(
    "/bookable",
    response={200: list[ResourceOut], 400: Problem, 401: Problem},
    summary="What we may book",
    description="Rooms and equipment of the hubs the company is a member of that members may book.",
)
def bookable(request):
    organisation = _organisation(request)
    rooms = [
        ResourceOut(
            kind="room", id=p.pk, hub=p.hub.slug, name=p.name, quantity=1, capacity=p.capacity
        )
        for p in selectors.bookable_places(organisation=organisation).select_related("hub")
    ]
    items = [
        ResourceOut(
            kind="equipment",
            id=e.pk,
            hub=e.hub.slug,
            name=e.name,
            quantity=e.quantity,
            certificate_course=e.required_course.title if e.required_course else None,
        )
        for e in selectors.bookable_equipment(organisation=organisation).select_related("hub")
    ]
    return rooms + items


@router.get(
    "/bookable/{kind}/{resource_id}/busy",
    response={200: list[BusyOut], 400: Problem, 401: Problem, 404: Problem},
    summary="When a room or equipment is busy",
    description="Busy periods (times and units taken) only; never who booked.",
)
def busy(
    request,
    filters: Query[BusyFilters],
    kind: str = Path(..., pattern="^(room|equipment)$"),
    resource_id: int = Path(..., ge=1, le=MAX_ID),
):
    resource = _resource(_organisation(request), kind, resource_id)
    periods = selectors.busy_periods(resource=resource, start=filters.start, end=filters.end)
    return [BusyOut(starts_at=b.starts_at, ends_at=b.ends_at, quantity=b.quantity) for b in periods]


@router.get(
    "/bookings",
    response={200: list[BookingOut], 400: Problem, 401: Problem},
    summary="Our bookings",
    description="The company's own bookings, latest first (never another company's).",
)
def bookings(request):
    organisation = _organisation(request)
    rows = selectors.bookings_of_organisation_for_token(organisation=organisation)
    return [_booking_out(b) for b in rows]


@router.post(
    "/bookings",
    response={201: BookingOut, 400: Problem, 401: Problem, 404: Problem, 409: Problem},
    summary="Book a room or equipment",
    description="Conflicts (409): `booking_conflict` (already booked), `credential_missing` "
    "(the user needs a valid certificate).",
)
def booking_create(request, payload: BookingIn):
    organisation = _organisation(request)
    resource = _resource(organisation, payload.kind, payload.resource_id)
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(employer=organisation, pk=payload.person_id).first()
        if person is None:
            raise NotFound()
    target = {"place": resource} if payload.kind == "room" else {"equipment": resource}
    booking = services.booking_create(
        actor=None,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        quantity=payload.quantity,
        organisation=organisation,
        person=person,
        purpose=payload.purpose,
        **target,
    )
    return Status(201, _booking_out(booking))


@router.delete(
    "/bookings/{booking_id}",
    response={204: None, 400: Problem, 401: Problem, 404: Problem},
    summary="Cancel one of our bookings",
    description="Another company's booking is `not_found`.",
)
def booking_delete(request, booking_id: int = Path(..., ge=1, le=MAX_ID)):
    organisation = _organisation(request)
    booking = (
        selectors.bookings_of_organisation_for_token(organisation=organisation)
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        raise NotFound()
    services.booking_cancel(booking=booking, actor=None)
    return Status(204, None)
