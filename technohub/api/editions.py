"""Public: the published agenda of editions, with seat counts. No authentication."""

from django.db.models import Prefetch, QuerySet
from ninja import Path, Query, Router

from technohub.api.problems import validation_problem
from technohub.api.schemas import (
    MAX_ID,
    EditionFilters,
    EditionOut,
    EditionPage,
    Paging,
    Problem,
    page,
)
from technohub.catalogue.models import Edition, Session
from technohub.catalogue.search import filter_courses
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs.errors import NotFound

router = Router(tags=["editions"])

LISTED = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
# The detail also answers for cancelled and completed editions, so that an integrator can see
# what became of an edition it enrolled people in. Drafts are never public.
SHOWN = (*LISTED, Edition.Status.CANCELLED, Edition.Status.COMPLETED)


def _editions(statuses) -> QuerySet[Edition]:
    sessions = Session.objects.select_related("place").order_by("starts_at", "id")
    return with_seat_counts(
        Edition.objects.filter(status__in=statuses)
        .select_related("course__sector", "hub")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
        .order_by("starts_on", "id")
    )


@router.get(
    "/editions",
    response={200: EditionPage, 400: Problem},
    summary="List open editions",
    description="Published and running editions, soonest first. Filters combine (AND).",
    auth=None,
)
def edition_list(request, filters: Query[EditionFilters], paging: Query[Paging]):
    if filters.from_ and filters.to and filters.from_ > filters.to:
        return validation_problem(
            [
                {
                    "field": "to",
                    "source": "query",
                    "code": "range",
                    "detail": "`to` is before `from`.",
                }
            ]
        )
    editions = _editions(LISTED)
    if filters.q:
        editions = filter_courses(editions, filters.q, field="course_id")
    if filters.sector:
        editions = editions.filter(course__sector__code=filters.sector)
    if filters.hub:
        editions = editions.filter(hub__slug=filters.hub)
    if filters.from_:
        editions = editions.filter(starts_on__gte=filters.from_)
    if filters.to:
        editions = editions.filter(starts_on__lte=filters.to)
    return page(queryset=editions, paging=paging, convert=EditionOut.from_edition)


@router.get(
    "/editions/{edition_id}",
    response={200: EditionOut, 400: Problem, 404: Problem},
    summary="One edition",
    description="Any edition that is not a draft (also cancelled and completed ones).",
    auth=None,
)
def edition_detail(
    request, edition_id: int = Path(..., ge=1, le=MAX_ID, description="The edition id.")
):
    edition = _editions(SHOWN).filter(pk=edition_id).first()
    if edition is None:
        raise NotFound()
    return EditionOut.from_edition(edition)
