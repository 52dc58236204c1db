"""Reads of facilities and scheduling, scoped to the actor.

Members see a room's or equipment's bookings only as busy/free (`busy_periods`), never whose:
the selector returns times only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from technohub.catalogue.models import Course, Edition, Place, Session
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Hub, Membership, Organisation, Person, Role, User
from technohub.hubs.names import surname_order
from technohub.scheduling import calendar, preferences
from technohub.scheduling.models import (
    AvailabilityException,
    Booking,
    ClosedPeriod,
    Equipment,
    HubTrainer,
    PlanningRequest,
    Proposal,
    ProposedSession,
)
from technohub.scheduling.problem import pending_requests


def preferences_of(*, edition: Edition) -> preferences.Preferences:
    """The open training needs that ask for the edition's course, and their preferred times."""
    return preferences.from_needs(hub=edition.hub, editions=[edition])[edition.pk]


def places_of_hub(*, hub: Hub) -> QuerySet[Place]:
    return Place.objects.filter(hub=hub).prefetch_related("features").select_related("owner")


def equipment_of_hub(*, hub: Hub) -> QuerySet[Equipment]:
    return Equipment.objects.filter(hub=hub).select_related("owner", "home", "required_course")


def closed_periods(*, hub: Hub) -> QuerySet[ClosedPeriod]:
    return ClosedPeriod.objects.filter(hub=hub)


@dataclass(frozen=True)
class TermCalendar:
    """What the builder skips in a term: the hub's closed days and, for the waiting courses for
    school students, the school holidays of the hub's region."""

    closed: list[tuple[str, dt.date, dt.date]]  # (name, first, last day)
    school_region: str  # label, or "" when no waiting course is for students
    school: list[tuple[str, dt.date, dt.date]]
    school_editions: list[Edition]


def term_calendar(*, hub: Hub, start: dt.date, end: dt.date) -> TermCalendar:
    settings = calendar.settings_of(hub)
    closed = calendar.closed_days(hub=hub, start=start, end=end, settings=settings)
    students = [
        e
        for e in editions_without_sessions(hub=hub)
        if calendar.school_region_for(course=e.course, settings=settings)
    ]
    school = {}
    if students:
        school = calendar.school_holidays(start=start, end=end, region=settings.school_region)
    return TermCalendar(
        closed=calendar.as_ranges(closed),
        school_region=settings.get_school_region_display() if students else "",
        school=calendar.as_ranges(school),
        school_editions=students,
    )


def waiting_term(*, hub: Hub, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """From the earliest waiting edition's first day to the latest's last day, from today on."""
    found = editions_without_sessions(hub=hub).filter(ends_on__gte=today)
    if not found.exists():
        return None
    first = min(e.starts_on for e in found)
    last = max(e.ends_on for e in found)
    return max(first, today), last


def waiting_requests(*, hub: Hub) -> QuerySet[PlanningRequest]:
    return pending_requests(hub)


def editions_without_sessions(*, hub: Hub) -> QuerySet[Edition]:
    return (
        Edition.objects.filter(
            hub=hub,
            status__in=[Edition.Status.DRAFT, Edition.Status.PUBLISHED],
            sessions__isnull=True,
        )
        .select_related("course", "planning_request")
        .order_by("code")
    )


def proposals_of_hub(*, hub: Hub) -> QuerySet[Proposal]:
    return Proposal.objects.filter(hub=hub).annotate(session_count=Count("sessions"))


def access_proposal(*, hub: Hub, proposal_id: int) -> Proposal:
    try:
        return Proposal.objects.get(hub=hub, pk=proposal_id)
    except Proposal.DoesNotExist as exc:
        raise NotFound() from exc


def proposed_sessions(*, proposal: Proposal) -> QuerySet[ProposedSession]:
    return proposal.sessions.select_related(
        "edition__course", "place", "trainer", "replaces__place"
    ).order_by("starts_at", "id")


def trainer_exceptions(*, person: Person) -> QuerySet[AvailabilityException]:
    return person.unavailable.select_related("hub").order_by("starts_on")


def rosters_of_person(*, person: Person) -> QuerySet[HubTrainer]:
    """The hubs that engage the trainer (for the trainer themself), with their limits."""
    return (
        HubTrainer.objects.filter(person=person)
        .select_related("hub")
        .prefetch_related(Prefetch("courses", queryset=Course.objects.order_by("title")))
        .order_by("hub__name")
    )


# --- what members may book -------------------------------------------------------------------


def bookable_hubs(*, organisation: Organisation) -> QuerySet[Hub]:
    return Hub.objects.filter(
        memberships__organisation=organisation, memberships__status=Membership.Status.MEMBER
    )


def bookable_places(*, organisation: Organisation) -> QuerySet[Place]:
    return Place.objects.filter(
        hub__in=bookable_hubs(organisation=organisation), bookable_by_members=True
    ).exclude(kind=Place.Kind.ONLINE)


def bookable_equipment(*, organisation: Organisation) -> QuerySet[Equipment]:
    return Equipment.objects.filter(
        hub__in=bookable_hubs(organisation=organisation), bookable_by_members=True
    ).select_related("required_course", "home")


def access_bookable(*, organisation: Organisation, kind: str, resource_id: int):
    queryset = (
        bookable_places(organisation=organisation)
        if kind == "ruimte"
        else bookable_equipment(organisation=organisation)
    )
    try:
        return queryset.get(pk=resource_id)
    except (Place.DoesNotExist, Equipment.DoesNotExist) as exc:
        raise NotFound() from exc


@dataclass(frozen=True)
class Busy:
    """A period in which a resource is (partly) taken. No who, no why."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    quantity: int  # units taken (1 for a room)


def busy_periods(
    *, resource: Place | Equipment, start: dt.datetime, end: dt.datetime
) -> list[Busy]:
    field = "place" if isinstance(resource, Place) else "equipment"
    rows = Booking.objects.filter(
        **{field: resource}, starts_at__lt=end, ends_at__gt=start
    ).values_list("starts_at", "ends_at", "quantity")
    result = [Busy(a, b, q) for a, b, q in rows]
    if isinstance(resource, Place):  # sessions planned by hand, without a booking
        sessions = Session.objects.filter(
            place=resource, starts_at__lt=end, ends_at__gt=start, bookings__isnull=True
        ).exclude(edition__status=Edition.Status.CANCELLED)
        result += [Busy(a, b, 1) for a, b in sessions.values_list("starts_at", "ends_at")]
    return sorted(result, key=lambda b: b.starts_at)


def bookings_of_organisation(*, actor: User, organisation: Organisation) -> QuerySet[Booking]:
    """The company's own bookings (never another company's)."""
    if not access.is_contact(actor, organisation):
        return Booking.objects.none()
    return (
        Booking.objects.filter(organisation=organisation)
        .select_related("place", "equipment", "person")
        .order_by("-starts_at")
    )


def bookings_of_organisation_for_token(*, organisation: Organisation) -> QuerySet[Booking]:
    """The company's own bookings, for its API token (which acts for the organisation)."""
    return (
        Booking.objects.filter(organisation=organisation)
        .select_related("place", "equipment")
        .order_by("-starts_at")
    )


def access_own_booking(*, actor: User, organisation: Organisation, booking_id: int) -> Booking:
    try:
        return bookings_of_organisation(actor=actor, organisation=organisation).get(pk=booking_id)
    except Booking.DoesNotExist as exc:
        raise NotFound() from exc


def bookings_of_resource(*, hub: Hub, resource, start: dt.datetime, end: dt.datetime):
    """For coordinators: who booked what (the hub's own resource)."""
    field = "place" if isinstance(resource, Place) else "equipment"
    return (
        Booking.objects.filter(**{field: resource}, starts_at__lt=end, ends_at__gt=start)
        .select_related("organisation", "person", "session__edition__course")
        .order_by("starts_at")
    )


def member_booking_of_hub(*, hub: Hub, booking_id: int) -> Booking | None:
    """A booking of the hub's room or equipment that is not a session's (those move with it)."""
    return (
        Booking.objects.filter(Q(place__hub=hub) | Q(equipment__hub=hub), session__isnull=True)
        .filter(pk=booking_id)
        .select_related("place", "equipment")
        .first()
    )


def roster_of_hub(*, hub: Hub) -> QuerySet[HubTrainer]:
    """The hub's own trainers (its roster), with their person and this hub's courses."""
    return (
        HubTrainer.objects.filter(hub=hub)
        .select_related("person")
        .prefetch_related(
            Prefetch("courses", queryset=Course.objects.order_by("title")),
            "person__availability",
        )
        .order_by(*surname_order("person__"))
    )


def trainers_for_hub(*, hub: Hub) -> QuerySet[Person]:
    """The people on the hub's roster (never another hub's trainers)."""
    return (
        Person.objects.filter(rosters__hub=hub)
        .prefetch_related(
            "availability",
            Prefetch("unavailable", queryset=AvailabilityException.objects.order_by("starts_on")),
        )
        .distinct()
        .order_by(*surname_order())
    )


def trainers_engaged_by(*, hub: Hub) -> QuerySet[Person]:
    """The people this hub engages as trainers: on its active roster, or holding a trainer role
    of this hub (invited, not yet on the roster). A trainer role of another hub, or one without
    a hub, does not count (docs/agenda-builder.md, rosters)."""
    return (
        Person.objects.filter(
            Q(rosters__hub=hub, rosters__active=True)
            | Q(user__roles__kind=Role.Kind.TRAINER, user__roles__hub=hub)
        )
        .distinct()
        .order_by(*surname_order())
    )


def access_roster_trainer(*, hub: Hub, person_id: int) -> HubTrainer:
    """The hub's roster row of a person; NotFound when the person is not on this hub's roster
    (another hub's trainer is not this coordinator's to see)."""
    try:
        return roster_of_hub(hub=hub).get(person_id=person_id)
    except HubTrainer.DoesNotExist as exc:
        raise NotFound() from exc


def access_trainer(*, hub: Hub, person_id: int) -> Person:
    return access_roster_trainer(hub=hub, person_id=person_id).person


def sessions_of_hub(*, hub: Hub, start: dt.datetime, end: dt.datetime) -> QuerySet[Session]:
    return (
        Session.objects.filter(edition__hub=hub, starts_at__gte=start, starts_at__lt=end)
        .exclude(edition__status=Edition.Status.CANCELLED)
        .filter(Q(edition__status__in=[Edition.Status.PUBLISHED, Edition.Status.RUNNING]))
        .select_related("edition__course", "place", "trainer", "edition__trainer")
        .order_by("starts_at")
    )
