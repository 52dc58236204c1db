"""Reads for the portal, always scoped to what the actor may see.

Fetching an object and checking the actor may see it are one call, in the domain apps'
`access.py` (`hubs.access`, `catalogue.access`, `enrolment.access`), shared with the back
office and the API; this module only scopes lists.
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from technohub.catalogue.models import Edition, Session
from technohub.enrolment.access import own_enrolments
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.selectors import enrolments_for, sessions_of_person
from technohub.hubs import access
from technohub.hubs.models import ApiToken, Organisation, Person, User
from technohub.hubs.names import surname_order

Status = Enrolment.Status


def start_of_today() -> dt.datetime:
    """Midnight today in Europe/Amsterdam (sessions earlier today still count as upcoming)."""
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


# --- learners -------------------------------------------------------------------------------


def my_enrolments(*, actor: User) -> QuerySet[Enrolment]:
    """The actor's own enrolments, newest editions first."""
    return own_enrolments(actor=actor).order_by("-edition__starts_on", "-created_at")


def my_sessions(*, person: Person, upcoming: bool = True) -> QuerySet[Session]:
    sessions = sessions_of_person(person_id=person.pk)
    if upcoming:
        sessions = sessions.filter(ends_at__gte=start_of_today())
    return sessions


def active_enrolment_of(*, edition: Edition, person: Person) -> Enrolment | None:
    return edition.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).first()


# --- company contacts -----------------------------------------------------------------------


def organisations_of_contact(*, actor: User) -> QuerySet[Organisation]:
    """The actor's organisations, with `pending_count`: self-enrolments awaiting approval."""
    return Organisation.objects.filter(pk__in=access.contact_organisation_ids(actor)).annotate(
        pending_count=Count("enrolments", filter=Q(enrolments__status=Status.PENDING_APPROVAL))
    )


def employees_of(*, organisation: Organisation) -> QuerySet[Person]:
    """Employees with their login and the number of the company's enrolments (one query)."""
    counted = ~Q(enrolments__status__in=(Status.CANCELLED, Status.REJECTED)) & Q(
        enrolments__organisation=organisation
    )
    return (
        Person.objects.filter(employer=organisation)
        .select_related("user")
        .annotate(enrolment_count=Count("enrolments", filter=counted))
        .order_by(*surname_order())
    )


def enrollable_employees(*, organisation: Organisation, edition: Edition) -> QuerySet[Person]:
    """Employees, each annotated `already` when they hold an active enrolment in the edition."""
    active = Enrolment.objects.filter(
        edition=edition, person=OuterRef("pk"), status__in=Enrolment.ACTIVE
    )
    return (
        Person.objects.filter(employer=organisation)
        .annotate(already=Exists(active))
        .order_by(*surname_order())
    )


def company_enrolments(
    *, actor: User, organisation: Organisation, status: str | None = None
) -> QuerySet[Enrolment]:
    """The organisation's enrolments, as seen by its contact (scoped by `enrolments_for`)."""
    enrolments = enrolments_for(actor=actor).filter(organisation=organisation)
    if status:
        enrolments = enrolments.filter(status=status)
    return enrolments.order_by("-edition__starts_on", *surname_order("person__"))


def pending_approvals(*, actor: User, organisation: Organisation) -> QuerySet[Enrolment]:
    return (
        company_enrolments(actor=actor, organisation=organisation, status=Status.PENDING_APPROVAL)
        .select_related("edition")
        .order_by("created_at")
    )


def tokens_of(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).order_by("revoked_at", "-created_at")


# --- trainers -------------------------------------------------------------------------------


def editions_taught(*, person: Person) -> QuerySet[Edition]:
    """Editions the person teaches: as the edition's trainer or of some of its sessions."""
    return (
        Edition.objects.filter(
            Q(trainer=person)
            | Q(sessions__trainer=person, sessions__status=Session.Status.SCHEDULED)
        )
        .exclude(status=Edition.Status.CANCELLED)
        .distinct()
        .select_related("course")
        .order_by("-starts_on")
    )


def sessions_taught(*, person: Person) -> QuerySet[Session]:
    """Upcoming sessions the person teaches: their own (`Session.trainer`), or those of their
    editions that have no trainer of their own."""
    return (
        Session.objects.filter(
            Q(trainer=person) | Q(trainer__isnull=True, edition__trainer=person),
            ends_at__gte=start_of_today(),
        )
        .exclude(edition__status__in=(Edition.Status.CANCELLED, Edition.Status.DRAFT))
        .select_related("edition__course", "place")
        .order_by("starts_at")
    )


def participants(*, edition: Edition) -> QuerySet[Enrolment]:
    """Seat-holding enrolments of an edition, with the number of sessions attended."""
    return (
        edition.enrolments.filter(status__in=Enrolment.SEAT_HOLDING)
        .select_related("person", "organisation")
        .annotate(
            present_count=Count(
                "attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)
            )
        )
        .order_by(*surname_order("person__"))
    )


def attendance_of(*, session: Session) -> dict[int, str]:
    """{enrolment id: status} of what has been recorded for the session so far."""
    return dict(session.attendance.values_list("enrolment_id", "status"))


def sessions_with_counts(*, edition: Edition) -> QuerySet[Session]:
    def count(status: str) -> Count:
        return Count("attendance", filter=Q(attendance__status=status))

    return (
        edition.sessions.select_related("place")
        .annotate(
            present_count=count(Attendance.Status.PRESENT),
            absent_count=count(Attendance.Status.ABSENT),
            excused_count=count(Attendance.Status.EXCUSED),
        )
        .order_by("starts_at")
    )
