"""Reads about enrolments, always scoped to what the actor may see."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest

from technohub.catalogue.models import Edition, Session
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.hubs import access
from technohub.hubs.models import User

Status = Enrolment.Status


def with_seat_counts(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Annotate `seats_taken`, `seats_left` and `waitlist_length` (one query).

    Seats taken are the seat holders plus the unnamed seats of companies' open pools.
    """
    unnamed = (
        SeatPool.objects.filter(edition=OuterRef("pk"), released_at__isnull=True)
        .values("edition")
        .annotate(n=Sum(F("seats") - F("named")))
        .values("n")
    )
    return editions.annotate(
        seats_held=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)),
        waitlist_length=Count("enrolments", filter=Q(enrolments__status=Status.WAITLISTED)),
        pool_seats=Coalesce(Subquery(unnamed, output_field=IntegerField()), 0),
    ).annotate(
        seats_taken=F("seats_held") + F("pool_seats"),
        seats_left=Greatest(F("capacity") - F("seats_held") - F("pool_seats"), 0),
    )


def enrolments_for(*, actor: User) -> QuerySet[Enrolment]:
    """Enrolments the actor may see: their own, their organisations', their hubs'."""
    if not actor.is_authenticated:
        return Enrolment.objects.none()
    condition = Q(person__user=actor)
    organisations = access.contact_organisation_ids(actor)
    if organisations:
        condition |= Q(organisation_id__in=organisations)
    hubs = access.coordinated_hub_ids(actor)
    if hubs:
        condition |= Q(edition__hub_id__in=hubs)
    person = access.person_of(actor)
    if person is not None:
        condition |= Q(edition__trainer=person)
    return Enrolment.objects.filter(condition).select_related(
        "person", "organisation", "edition__course", "edition__hub"
    )


def enrolments_of_organisation(*, organisation_id: int) -> QuerySet[Enrolment]:
    """For an organisation's API token: its own enrolments only."""
    return Enrolment.objects.filter(organisation_id=organisation_id).select_related(
        "person", "edition__course", "edition__hub"
    )


def sessions_of_person(*, person_id: int, include_cancelled: bool = False) -> QuerySet[Session]:
    """Sessions of editions in which the person holds a seat or teaches (their own agenda).

    `include_cancelled`: also cancelled sessions (the person's feed shows them cancelled)."""
    manager = Session.all_objects if include_cancelled else Session.objects
    return (
        manager.filter(
            Q(
                edition__enrolments__person_id=person_id,
                edition__enrolments__status__in=(Status.CONFIRMED, Status.COMPLETED),
            )
            | Q(edition__trainer_id=person_id)
            | Q(trainer_id=person_id)
        )
        .exclude(edition__status=Edition.Status.CANCELLED)
        .select_related("edition__course", "edition__hub", "edition__location", "place")
        .distinct()
        .order_by("starts_at")
    )


def pools_of_company(*, organisation_id: int) -> QuerySet[SeatPool]:
    """A company's seat pools, newest editions first (the company's own page and API)."""
    return (
        SeatPool.objects.filter(organisation_id=organisation_id)
        .select_related("edition__course", "edition__hub")
        .order_by("released_at", "-edition__starts_on", "-id")
    )


def pool_enrolments(*, pool: SeatPool) -> QuerySet[Enrolment]:
    """The people named for a pool (active or seat-holding), pending claims included."""
    return (
        pool.enrolments.filter(status__in=(*Enrolment.ACTIVE, *Enrolment.SEAT_HOLDING))
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def next_in_line(*, edition: Edition) -> Enrolment | None:
    """The head of the waitlist: who gets a seat that comes free (unless their company is at
    its cap; then the next in line)."""
    return (
        edition.enrolments.filter(status=Enrolment.Status.WAITLISTED)
        .select_related("person")
        .order_by("waitlist_position")
        .first()
    )
