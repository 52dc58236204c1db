"""Reads the back-office pages put together. Every query is scoped to one hub.

The callers (views behind `hub_view`) have checked that the user coordinates `hub`.
"""

from dataclasses import dataclass

from django.db.models import CharField, Count, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.access import access_edition_of_hub
from technohub.catalogue.models import Course, Edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs.models import AuditEntry, Hub, Membership
from technohub.hubs.names import surname_key

Status = Enrolment.Status
OPEN_EDITION_STATUSES = (Edition.Status.DRAFT, Edition.Status.PUBLISHED, Edition.Status.RUNNING)

AUDIT_LABELS = {
    "enrolment.created": _("Enrolled"),
    "enrolment.approved": _("Approved"),
    "enrolment.rejected": _("Not approved"),
    "enrolment.cancelled": _("Cancelled"),
    "enrolment.promoted": _("Moved up from the waitlist"),
    "enrolment.completed": _("Completion recorded"),
    "edition.capacity": _("Number of seats changed"),
    "edition.completed": _("Edition completed"),
    "edition.status": _("Status changed"),
}


def editions_of_hub(*, hub: Hub) -> QuerySet[Edition]:
    """The hub's editions with seats taken/left, waitlist length and pending approvals."""
    return with_seat_counts(
        Edition.objects.filter(hub=hub).select_related("course", "location")
    ).annotate(
        pending_count=Count("enrolments", filter=Q(enrolments__status=Status.PENDING_APPROVAL))
    )


def add_flags(editions) -> list[Edition]:
    """Fill rate and warning flags for editions annotated by `with_seat_counts`."""
    result = list(editions)
    for edition in result:
        taken = edition.seats_taken
        edition.fill_percent = round(100 * taken / edition.capacity) if edition.capacity else 0
        edition.below_minimum = taken < edition.min_participants
        edition.full_with_waitlist = edition.seats_left == 0 and edition.waitlist_length > 0
    return result


def edition_with_counts(*, hub: Hub, edition_id: int) -> Edition:
    """The hub's edition (or NotFound, `catalogue.access`) with its counts and flags."""
    edition = access_edition_of_hub(
        hub=hub,
        edition_id=edition_id,
        editions=editions_of_hub(hub=hub).select_related("trainer", "course__sector"),
    )
    add_flags([edition])
    return edition


def courses_of_hub(*, hub: Hub) -> QuerySet[Course]:
    return (
        Course.objects.filter(hub=hub)
        .select_related("sector", "provider")
        .annotate(
            edition_count=Count("editions", distinct=True),
            open_edition_count=Count(
                "editions",
                filter=Q(editions__status__in=OPEN_EDITION_STATUSES),
                distinct=True,
            ),
        )
        .order_by("title")
    )


@dataclass
class EditionPeople:
    participants: list[Enrolment]
    waitlist: list[Enrolment]
    pending: list[Enrolment]
    ended: list[Enrolment]


def people_of_edition(*, edition: Edition) -> EditionPeople:
    """The edition's enrolments, split: seat holders, the waitlist in order, pending, ended."""
    enrolments = list(
        Enrolment.objects.filter(edition=edition)
        .select_related("person", "organisation")
        .order_by("created_at", "id")
    )
    return EditionPeople(
        participants=sorted(
            (e for e in enrolments if e.status in Enrolment.SEAT_HOLDING),
            key=lambda e: surname_key(e.person),
        ),
        waitlist=sorted(
            (e for e in enrolments if e.status == Status.WAITLISTED),
            key=lambda e: e.waitlist_position,
        ),
        pending=[e for e in enrolments if e.status == Status.PENDING_APPROVAL],
        ended=[e for e in enrolments if e.status in (Status.CANCELLED, Status.REJECTED)],
    )


def export_rows(*, edition: Edition) -> QuerySet[Enrolment]:
    """Everyone with a place, on the waitlist or awaiting approval in this edition."""
    return (
        Enrolment.objects.filter(edition=edition)
        .exclude(status__in=(Status.CANCELLED, Status.REJECTED))
        .select_related("person", "organisation")
        .order_by("status", "waitlist_position", "person__last_name", "person__first_name")
    )


@dataclass
class DashboardCounts:
    members: int
    courses: int
    upcoming_editions: int
    confirmed: int
    waitlisted: int


def dashboard_counts(*, hub: Hub) -> DashboardCounts:
    today = timezone.localdate()
    enrolments = Enrolment.objects.filter(edition__hub=hub).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return DashboardCounts(
        members=Membership.objects.filter(hub=hub, status=Membership.Status.MEMBER).count(),
        courses=Course.objects.filter(hub=hub).count(),
        upcoming_editions=upcoming_editions(hub=hub, today=today).count(),
        confirmed=enrolments["confirmed"],
        waitlisted=enrolments["waitlisted"],
    )


def upcoming_editions(*, hub: Hub, today=None) -> QuerySet[Edition]:
    """Editions not yet over and not cancelled or completed, soonest first."""
    today = today or timezone.localdate()
    return (
        editions_of_hub(hub=hub)
        .filter(ends_on__gte=today, status__in=OPEN_EDITION_STATUSES)
        .order_by("starts_on", "id")
    )


def recent_audit(*, hub: Hub, limit: int = 12) -> list[AuditEntry]:
    """The latest audit entries on this hub's enrolments and editions, with their subject."""
    enrolment_ids = (
        Enrolment.objects.filter(edition__hub=hub)
        .annotate(sid=Cast("pk", CharField()))
        .values("sid")
    )
    edition_ids = (
        Edition.objects.filter(hub=hub).annotate(sid=Cast("pk", CharField())).values("sid")
    )
    entries = list(
        AuditEntry.objects.filter(
            Q(target_type="enrolment.enrolment", target_id__in=enrolment_ids)
            | Q(target_type="catalogue.edition", target_id__in=edition_ids)
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    wanted = {e.target_id for e in entries if e.target_type == "enrolment.enrolment"}
    enrolments = {
        str(e.pk): e
        for e in Enrolment.objects.filter(pk__in=[int(i) for i in wanted]).select_related(
            "person", "edition__course"
        )
    }
    wanted = {e.target_id for e in entries if e.target_type == "catalogue.edition"}
    editions = {
        str(e.pk): e
        for e in Edition.objects.filter(pk__in=[int(i) for i in wanted]).select_related("course")
    }
    for entry in entries:
        entry.label = AUDIT_LABELS.get(entry.action, entry.action)
        enrolment = enrolments.get(entry.target_id)
        if entry.target_type == "enrolment.enrolment" and enrolment is not None:
            entry.person = enrolment.person
            entry.edition = enrolment.edition
        else:
            entry.person = None
            entry.edition = editions.get(entry.target_id)
    return entries
