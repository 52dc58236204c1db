"""A company's costs, for its API token: its share of an edition and its statements.

The token's organisation is the only scope: an edition where the company has no participants
answers with zero amounts (the edition is public), never another company's figures.
"""

import datetime as dt
from decimal import Decimal

from ninja import Field, Path, Query, Router, Schema

from technohub.api.auth import company_token
from technohub.api.schemas import MAX_ID, Paging, Problem, page
from technohub.catalogue.models import Edition
from technohub.hubs.errors import NotFound
from technohub.pricing import money
from technohub.pricing.selectors import edition_costs, statements_of

router = Router(tags=["costs"], auth=company_token)

DRAFT = Edition.Status.DRAFT


class EditionCostsOut(Schema):
    edition_id: int
    price_model: str = Field(description="`per_participant`, `joint_purchase` or `entre_nous`.")
    participants: int = Field(description="Your company's participants with a seat.")
    share: Decimal = Field(description="Your share in euros, excl. VAT.")
    alone_price: Decimal = Field(description="What you would pay buying this alone (euros).")
    saving: Decimal = Field(description="alone_price − share, never negative.")
    paid_by_funds: Decimal = Field(description="Subsidies on your participants (euros).")
    vat_rate: Decimal = Field(description="VAT rate of the course, in percent.")
    final: bool = Field(description="True once the costs are on an issued statement.")


class StatementOut(Schema):
    id: int
    reference: str
    number: int
    hub: str
    period: str
    issued_at: dt.datetime
    total_excl_vat: Decimal
    paid_by_funds: Decimal
    vat: Decimal
    total_incl_vat: Decimal
    alone_total: Decimal
    saving: Decimal


class StatementPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[StatementOut]


@router.get(
    "/editions/{edition_id}/costs",
    response={200: EditionCostsOut, 400: Problem, 401: Problem, 404: Problem},
    summary="Your company's costs of an edition",
    description=(
        "Your share (live until the hub closes the period), the price of buying alone and the "
        "saving. Other companies' figures are never shown."
    ),
)
def edition_costs_view(
    request, edition_id: int = Path(..., ge=1, le=MAX_ID, description="The edition id.")
):
    edition = (
        Edition.objects.exclude(status=DRAFT)
        .select_related("course", "hub")
        .filter(pk=edition_id)
        .first()
    )
    if edition is None:
        raise NotFound()
    costs = edition_costs(edition)
    party = costs.party(request.auth.organisation_id)
    return EditionCostsOut(
        edition_id=edition.pk,
        price_model=costs.model,
        participants=len(party.seats),
        share=money.euros(party.share),
        alone_price=money.euros(party.alone),
        saving=money.euros(party.saving),
        paid_by_funds=money.euros(party.subsidy),
        vat_rate=costs.vat_rate,
        final=bool(costs.price and costs.price.closed_at),
    )


def _statement(statement) -> StatementOut:
    return StatementOut(
        id=statement.pk,
        reference=statement.reference,
        number=statement.number,
        hub=statement.hub.slug,
        period=statement.period.name,
        issued_at=statement.issued_at,
        total_excl_vat=statement.total_excl_vat,
        paid_by_funds=statement.subsidy_total,
        vat=statement.vat_total,
        total_incl_vat=statement.total_incl_vat,
        alone_total=statement.alone_total,
        saving=statement.saving,
    )


@router.get(
    "/statements",
    response={200: StatementPage, 400: Problem, 401: Problem},
    summary="Your company's statements",
    description="Issued cost statements of your company, newest first.",
)
def statement_list(request, paging: Query[Paging]):
    statements = statements_of(organisation_id=request.auth.organisation_id)
    return page(queryset=statements, paging=paging, convert=_statement)
