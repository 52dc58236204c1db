"""Reads about enrolments, always scoped to what the actor may see."""

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Greatest

from technohub.catalogue.models import Edition, Session
from technohub.enrolment.models import Enrolment
from technohub.hubs import access
from technohub.hubs.models import User

Status = Enrolment.Status


def with_seat_counts(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Annotate `seats_taken`, `seats_left` and `waitlist_length` (two counts, one query)."""
    return editions.annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)),
        waitlist_length=Count("enrolments", filter=Q(enrolments__status=Status.WAITLISTED)),
    ).annotate(seats_left=Greatest(F("capacity") - F("seats_taken"), 0))


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


def sessions_of_person(*, person_id: int) -> QuerySet[Session]:
    """Sessions of editions in which the person holds a seat or teaches (their own agenda)."""
    return (
        Session.objects.filter(
            Q(
                edition__enrolments__person_id=person_id,
                edition__enrolments__status__in=(Status.CONFIRMED, Status.COMPLETED),
            )
            | Q(edition__trainer_id=person_id)
        )
        .exclude(edition__status=Edition.Status.CANCELLED)
        .select_related("edition__course", "edition__hub", "edition__location", "place")
        .distinct()
        .order_by("starts_at")
    )
