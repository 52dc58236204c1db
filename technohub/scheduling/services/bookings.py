"""Writes of bookings: reserve a room or equipment, never beyond what there is."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition, Place, Session
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Membership, Organisation, Person, User
from technohub.scheduling.errors import (
    BookingConflict,
    CredentialMissing,
    InvalidBooking,
)
from technohub.scheduling.models import (
    Booking,
    Equipment,
)
from technohub.scheduling.services._common import _ensure_coordinator

# --- bookings --------------------------------------------------------------------------------


def _lock(resource: Place | Equipment) -> Place | Equipment:
    """One lock per booking transaction: the resource's row (SQLite: the IMMEDIATE write lock)."""
    return type(resource).objects.select_for_update().get(pk=resource.pk)


def _overlapping(resource, starts_at, ends_at):
    field = "place" if isinstance(resource, Place) else "equipment"
    return Booking.objects.filter(**{field: resource}, starts_at__lt=ends_at, ends_at__gt=starts_at)


def _peak(bookings: list[Booking], starts_at, ends_at) -> int:
    """The most units in use at one moment within [starts_at, ends_at)."""
    events = []
    for b in bookings:
        events += [
            (max(b.starts_at, starts_at), b.quantity),
            (min(b.ends_at, ends_at), -b.quantity),
        ]
    peak = level = 0
    for _moment, change in sorted(events, key=lambda e: (e[0], e[1])):
        level += change
        peak = max(peak, level)
    return peak


def _check_free(resource, starts_at, ends_at, quantity: int, ignore_session=None) -> None:
    if isinstance(resource, Place):
        taken = _overlapping(resource, starts_at, ends_at).exists()
        sessions = Session.objects.filter(
            place=resource, starts_at__lt=ends_at, ends_at__gt=starts_at, bookings__isnull=True
        ).exclude(edition__status=Edition.Status.CANCELLED)
        if ignore_session is not None:
            sessions = sessions.exclude(pk=ignore_session.pk)
        if taken or sessions.exists():
            raise BookingConflict(
                _("%(name)s is already booked at that time.") % {"name": resource.name}
            )
        return
    used = _peak(list(_overlapping(resource, starts_at, ends_at)), starts_at, ends_at)
    if used + quantity > resource.quantity:
        raise BookingConflict(
            _("Only %(free)s of %(total)s %(name)s are free at that time.")
            % {
                "free": max(0, resource.quantity - used),
                "total": resource.quantity,
                "name": resource.name,
            }
        )


def _may_book(actor: User | None, resource, organisation: Organisation | None) -> bool:
    """Coordinators of the resource's hub; a member company (its contact or its API token,
    actor None) for a resource members may book; the operator (actor None, no company)."""
    if actor is not None and access.is_coordinator(actor, resource.hub_id):
        return True
    if organisation is None:
        return actor is None
    if actor is not None and not access.is_contact(actor, organisation):
        return False
    member = Membership.objects.filter(
        hub_id=resource.hub_id, organisation=organisation, status=Membership.Status.MEMBER
    ).exists()
    return member and resource.bookable_by_members


def _check_credential(equipment: Equipment, person: Person | None) -> None:
    if equipment.required_course_id is None:
        return
    from technohub.competences.selectors import holds_credential

    if person is None or not holds_credential(person=person, course=equipment.required_course):
        raise CredentialMissing(field="person")


@transaction.atomic
def booking_create(
    *,
    actor: User | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: Place | None = None,
    equipment: Equipment | None = None,
    quantity: int = 1,
    organisation: Organisation | None = None,
    person: Person | None = None,
    purpose: str = "",
    session: Session | None = None,
) -> Booking:
    """Reserve a room or some equipment; never beyond what there is (locks the resource)."""
    if (place is None) == (equipment is None):
        raise InvalidBooking()
    resource = place or equipment
    if not _may_book(actor, resource, organisation):
        raise NotAllowed()
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at) or ends_at <= starts_at:
        raise InvalidBooking(_("The end must be after the start."), field="ends_at")
    if place is not None:
        if place.kind == Place.Kind.ONLINE:
            raise InvalidBooking(_("An online place cannot be booked."))
        quantity = 1
    elif not 1 <= quantity <= equipment.quantity:
        raise InvalidBooking(
            _("Choose between 1 and %(n)s.") % {"n": equipment.quantity}, field="quantity"
        )
    if person is not None and organisation is not None and person.employer_id != organisation.pk:
        raise NotAllowed()
    if equipment is not None and session is None:  # a course's session: the trainer instructs
        _check_credential(equipment, person)
    resource = _lock(resource)
    _check_free(resource, starts_at, ends_at, quantity, ignore_session=session)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                place=place,
                equipment=equipment,
                quantity=quantity,
                starts_at=starts_at,
                ends_at=ends_at,
                organisation=organisation,
                person=person,
                purpose=purpose,
                session=session,
                booked_by=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint, the last guard
        raise BookingConflict() from exc
    log_action(
        "booking.created",
        actor=actor,
        target=booking,
        after={
            "resource": str(resource),
            "quantity": quantity,
            "from": starts_at.isoformat(),
            "until": ends_at.isoformat(),
            "organisation": organisation.pk if organisation else None,
        },
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User | None) -> None:
    resource = booking.resource
    allowed = actor is None or access.is_coordinator(actor, resource.hub_id)
    if not allowed and booking.session_id is None and booking.organisation_id is not None:
        allowed = access.is_contact(actor, booking.organisation_id)
    if not allowed:
        raise NotAllowed()
    log_action(
        "booking.cancelled",
        actor=actor,
        target=booking,
        before={"resource": str(resource), "from": booking.starts_at.isoformat()},
    )
    booking.delete()


def _book_session(session: Session, needs: dict[Equipment, int], actor: User | None) -> None:
    if session.place is not None and session.place.kind != Place.Kind.ONLINE:
        booking_create(
            actor=actor,
            place=session.place,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            session=session,
            purpose=str(session.edition),
        )
    for item, quantity in needs.items():
        booking_create(
            actor=actor,
            equipment=item,
            quantity=quantity,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            session=session,
            purpose=str(session.edition),
        )


@transaction.atomic
def sessions_book(*, edition: Edition, actor: User | None) -> int:
    """Book the rooms of an edition's sessions that have none yet (e.g. planned by hand).

    Sessions whose room is taken are left without a booking and counted as not booked.
    """
    _ensure_coordinator(actor, edition.hub_id)
    booked = 0
    for session in edition.sessions.select_related("place", "edition").filter(
        bookings__isnull=True
    ):
        if session.place is None:
            continue
        try:
            with transaction.atomic():
                _book_session(session, {}, actor)
                booked += 1
        except BookingConflict:
            continue
    return booked
