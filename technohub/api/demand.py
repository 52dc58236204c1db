"""Training needs and the topic funnel, for a company's API token.

`GET /topics` answers what the token's company may see: the same `member_funnel` as the
portal (docs/funnel.md). `POST /needs` states a need of the token's own company.
"""

from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from technohub.api.auth import company_token
from technohub.api.schemas import Problem, Text, _not_blank, _printable
from technohub.catalogue.models import Course
from technohub.demand import selectors, services
from technohub.demand.models import MAX_PEOPLE, Need
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Hub, Membership

router = Router(tags=["training needs"], auth=company_token)

NeedText = Annotated[str, AfterValidator(_printable), AfterValidator(_not_blank)]


class TopicOut(Schema):
    """A topic of a hub, as members see it: aggregates over at least k other companies."""

    id: int
    hub: str = Field(description="The hub's slug.")
    label: str
    sector: str = Field(description="The topic's sector, or empty.")
    stage: Literal["collecting", "provider_found", "planned", "running", "evaluated"]
    companies_at_least: int = Field(
        description="At least this many companies besides yours asked (the hub's k). Exact "
        "company counts are never given: one company joining or leaving must not show."
    )
    participants_min: int = Field(description="Participants asked for: a range of five.")
    participants_max: int
    named_companies: list[str] = Field(description="Companies that chose to be named.")
    your_people: int = Field(description="People your company asked for in this topic.")
    critical_mass: bool
    competition_sensitive: bool


class TopicFilters(Schema):
    hub: Text | None = Field(None, max_length=50, description="Only this hub (slug).")


class NeedIn(Schema):
    hub: NeedText = Field(max_length=50, description="The hub's slug; your company is its member.")
    text: NeedText = Field(max_length=200, description="The topic, in your own words.")
    people: int = Field(ge=1, le=MAX_PEOPLE)
    level: Literal[tuple(Course.Level.values)] = "none"  # type: ignore[valid-type]
    timeframe: Literal[tuple(Need.Timeframe.values)] = "half_year"  # type: ignore[valid-type]
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=list, max_length=7, description="0 = Monday … 6 = Sunday."
    )
    daypart: Literal[tuple(Need.Daypart.values)] = "either"  # type: ignore[valid-type]
    place: Literal[tuple(Need.Place.values)] = "any"  # type: ignore[valid-type]
    confidentiality: Literal[tuple(Need.Confidentiality.values)] = Field(  # type: ignore[valid-type]
        "anonymous",
        description="`open` (may be named), `anonymous` (counted, never named) or "
        "`coordinator` (never counted for other members).",
    )


class NeedOut(Schema):
    id: int
    hub: str
    text: str
    people: int
    confidentiality: str
    status: str


@router.get(
    "/topics",
    response={200: list[TopicOut], 400: Problem, 401: Problem},
    summary="Topics your company may see",
    description=(
        "Topics of the hubs your company is a member of, with at least k other companies "
        "behind them (k per hub, default 3). Never a company's name unless it chose `open`; "
        "coordinator-only needs are never counted."
    ),
)
def topic_list(request, filters: Query[TopicFilters]):
    organisation = request.auth.organisation
    viewer = selectors.viewer_of_organisation(organisation)
    hubs = Hub.objects.filter(
        memberships__organisation=organisation, memberships__status=Membership.Status.MEMBER
    ).order_by("name")
    if filters.hub:
        hubs = hubs.filter(slug=filters.hub)
    return [
        {
            "id": row.id,
            "hub": hub.slug,
            "label": row.label,
            "sector": row.sector,
            "stage": row.stage,
            "companies_at_least": row.companies_at_least,
            "participants_min": row.participants_low,
            "participants_max": row.participants_high,
            "named_companies": list(row.named),
            "your_people": row.own_people,
            "critical_mass": row.critical_mass,
            "competition_sensitive": row.sensitive,
        }
        for hub in hubs
        for row in selectors.member_funnel(viewer=viewer, hub=hub)
    ]


@router.post(
    "/needs",
    response={201: NeedOut, 400: Problem, 401: Problem, 404: Problem},
    summary="State a training need",
    description=(
        "A need of the token's own company in a hub it belongs to; it is grouped into a topic "
        "at once. Errors: `not_found` (no such hub, or your company is not in it)."
    ),
)
def need_create(request, payload: NeedIn):
    organisation = request.auth.organisation
    hub = Hub.objects.filter(slug=payload.hub, memberships__organisation=organisation).first()
    if hub is None:
        raise NotFound()
    data = payload.dict()
    data.pop("hub")
    need = services.need_create(
        hub=hub, organisation=organisation, actor=None, source=Need.Source.API, **data
    )
    return Status(
        201,
        {
            "id": need.pk,
            "hub": hub.slug,
            "text": need.text,
            "people": need.people,
            "confidentiality": need.confidentiality,
            "status": need.status,
        },
    )
