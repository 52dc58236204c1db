"""Reads for the portal, always scoped to what the actor may see.

Fetching an object and checking the actor may see it are one call (`access_*`): they raise
`NotFound` (a 404 in the web layer) for objects of another company, hub or trainer, so that
guessing ids never reveals whether something exists.
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from technohub.catalogue.models import Edition, Session
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.selectors import enrolments_for, sessions_of_person, with_seat_counts
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import ApiToken, Organisation, Person, User
from technohub.hubs.names import surname_order

Status = Enrolment.Status
ENROLLABLE = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)


def start_of_today() -> dt.datetime:
    """Midnight today in Europe/Amsterdam (sessions earlier today still count as upcoming)."""
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


# --- learners -------------------------------------------------------------------------------


def my_enrolments(*, actor: User) -> QuerySet[Enrolment]:
    """The actor's own enrolments, newest editions first."""
    return (
        enrolments_for(actor=actor)
        .filter(person__user=actor)
        .exclude(status=Status.CANCELLED, edition__ends_on__lt=start_of_today().date())
        .order_by("-edition__starts_on", "-created_at")
    )


def access_my_enrolment(*, actor: User, enrolment_id: int) -> Enrolment:
    try:
        return my_enrolments(actor=actor).get(pk=enrolment_id)
    except Enrolment.DoesNotExist as exc:
        raise NotFound() from exc


def my_sessions(*, person: Person, upcoming: bool = True) -> QuerySet[Session]:
    sessions = sessions_of_person(person_id=person.pk)
    if upcoming:
        sessions = sessions.filter(ends_at__gte=start_of_today())
    return sessions


def enrollable_edition(*, edition_id: int) -> Edition:
    """A published or running edition with `seats_left`/`waitlist_length`, or NotFound."""
    editions = with_seat_counts(
        Edition.objects.filter(status__in=ENROLLABLE).select_related("course", "hub", "location")
    ).prefetch_related(Prefetch("sessions", queryset=Session.objects.select_related("place")))
    try:
        return editions.get(pk=edition_id)
    except Edition.DoesNotExist as exc:
        raise NotFound() from exc


def active_enrolment_of(*, edition: Edition, person: Person) -> Enrolment | None:
    return edition.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).first()


# --- company contacts -----------------------------------------------------------------------


def organisations_of_contact(*, actor: User) -> QuerySet[Organisation]:
    """The actor's organisations, with `pending_count`: self-enrolments awaiting approval."""
    return Organisation.objects.filter(pk__in=access.contact_organisation_ids(actor)).annotate(
        pending_count=Count("enrolments", filter=Q(enrolments__status=Status.PENDING_APPROVAL))
    )


def access_organisation(*, actor: User, organisation_id: int) -> Organisation:
    """One of the actor's own organisations (as company contact), or NotFound."""
    if not access.is_contact(actor, organisation_id):
        raise NotFound()
    try:
        return Organisation.objects.get(pk=organisation_id)
    except Organisation.DoesNotExist as exc:
        raise NotFound() from exc


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


def access_employee(*, actor: User, organisation: Organisation, person_id: int) -> Person:
    person = access.access_employee(actor=actor, person_id=person_id)
    if person.employer_id != organisation.pk:
        raise NotFound()
    return person


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


def access_company_enrolment(
    *, actor: User, organisation: Organisation, enrolment_id: int
) -> Enrolment:
    try:
        return company_enrolments(actor=actor, organisation=organisation).get(pk=enrolment_id)
    except Enrolment.DoesNotExist as exc:
        raise NotFound() from exc


def pending_approvals(*, actor: User, organisation: Organisation) -> QuerySet[Enrolment]:
    return (
        company_enrolments(actor=actor, organisation=organisation, status=Status.PENDING_APPROVAL)
        .select_related("edition")
        .order_by("created_at")
    )


def tokens_of(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).order_by("revoked_at", "-created_at")


def access_token(*, organisation: Organisation, token_id: int) -> ApiToken:
    try:
        return tokens_of(organisation=organisation).get(pk=token_id)
    except ApiToken.DoesNotExist as exc:
        raise NotFound() from exc


# --- trainers -------------------------------------------------------------------------------


def _may_teach(actor: User, edition: Edition, session: Session | None = None) -> bool:
    """A coordinator of the hub, the edition's trainer, or (a session given) the session's own
    trainer, else (no session) a trainer of one of the edition's sessions."""
    if access.is_coordinator(actor, edition.hub_id):
        return True
    person = access.person_of(actor)
    if person is None:
        return False
    if edition.trainer_id == person.pk:
        return True
    if session is not None:
        return session.trainer_id == person.pk
    return edition.sessions.filter(trainer=person).exists()


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


def access_taught_edition(*, actor: User, edition_id: int) -> Edition:
    """An edition the actor teaches (or coordinates), or NotFound."""
    try:
        edition = Edition.objects.select_related("course", "hub", "trainer").get(pk=edition_id)
    except Edition.DoesNotExist as exc:
        raise NotFound() from exc
    if not _may_teach(actor, edition):
        raise NotFound()
    return edition


def access_taught_session(*, actor: User, session_id: int) -> Session:
    try:
        session = Session.objects.select_related("edition__course", "edition__hub", "place").get(
            pk=session_id
        )
    except Session.DoesNotExist as exc:
        raise NotFound() from exc
    if not _may_teach(actor, session.edition, session):
        raise NotFound()
    return session


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
