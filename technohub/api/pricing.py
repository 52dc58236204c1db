"""A company's costs, for its API token: its share of an edition, its statements and the
contributions in kind it records.

The token's organisation is the only scope: an edition where the company has no participants
answers with zero amounts (the edition is public), never another company's figures; a company
lists and records only its own contributions.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import model_validator

from technohub.api.auth import company_token
from technohub.api.schemas import MAX_ID, Id, Name, Paging, Problem, page
from technohub.catalogue.models import Edition
from technohub.hubs.errors import NotFound
from technohub.pricing import money
from technohub.pricing.models import (
    MAX_CONTRIBUTION_VALUE,
    MAX_HOURS,
    MAX_QUANTITY,
    MIN_HOURS,
    MIN_QUANTITY,
    Contribution,
)
from technohub.pricing.selectors import (
    contribution_editions,
    contributions_of_company,
    edition_costs,
    statements_of,
)
from technohub.pricing.services import contribution_propose

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
    contributions_in_kind: Decimal = Field(
        description="Value of your contributions in kind listed on it (not an amount to pay)."
    )


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
        contributions_in_kind=statement.contribution_total,
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


# Contributions in kind --------------------------------------------------------------------

ContributionKind = Literal[tuple(Contribution.Kind.values)]  # type: ignore[valid-type]
ContributionStatus = Literal[tuple(Contribution.Status.values)]  # type: ignore[valid-type]


class ContributionIn(Schema):
    """A contribution in kind of your company to an edition; the hub confirms or rejects it."""

    edition_id: Id = Field(
        description="An edition your company takes part in, whose trainer it employs, or a "
        "planned or running edition of a hub it is a member of."
    )
    kind: ContributionKind = Field(description="`trainer_hours`, `materials`, `equipment`, `room`.")
    description: Name = Field(max_length=200, examples=["Onze monteur geeft de praktijkavonden"])
    quantity: Decimal = Field(
        ge=MIN_QUANTITY,
        le=MAX_QUANTITY,
        max_digits=7,
        decimal_places=2,
        description="Hours or pieces, 0.01–10,000; trainer hours 0.25–2,000 per contribution.",
        examples=["20"],
    )
    unit_value: Decimal = Field(
        ge=0,
        le=MAX_CONTRIBUTION_VALUE,
        max_digits=9,
        decimal_places=2,
        description="Value per unit in euros (e.g. the hourly rate), 0–1,000,000. "
        "quantity × unit_value is at most 1,000,000.",
        examples=["65.00"],
    )

    @model_validator(mode="after")
    def _bounds(self):
        if self.kind == "trainer_hours" and not MIN_HOURS <= self.quantity <= MAX_HOURS:
            raise ValueError("trainer hours are between 0.25 and 2000 per contribution")
        if self.quantity * self.unit_value > MAX_CONTRIBUTION_VALUE:
            raise ValueError("quantity × unit_value is at most 1000000")
        return self


class ContributionOut(Schema):
    id: int
    edition_id: int
    hub: str
    kind: ContributionKind
    description: str
    quantity: Decimal
    unit_value: Decimal
    value: Decimal = Field(description="quantity × unit_value, in euros.")
    status: ContributionStatus = Field(
        description="`proposed` (awaiting the hub), `confirmed` or `rejected`."
    )
    rejection_reason: str = Field(description="Why the hub did not accept it (else empty).")
    statement: str | None = Field(description="Reference of the statement it is listed on.")
    created_at: dt.datetime


class ContributionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContributionOut]


class ContributionFilters(Schema):
    status: ContributionStatus | None = Field(None, description="Only this status.")


def _contribution(contribution: Contribution) -> ContributionOut:
    return ContributionOut(
        id=contribution.pk,
        edition_id=contribution.edition_id,
        hub=contribution.hub.slug,
        kind=contribution.kind,
        description=contribution.description,
        quantity=contribution.quantity,
        unit_value=contribution.unit_value,
        value=contribution.value,
        status=contribution.status,
        rejection_reason=contribution.rejection_reason,
        statement=contribution.statement.reference if contribution.statement else None,
        created_at=contribution.created_at,
    )


@router.get(
    "/contributions",
    response={200: ContributionPage, 400: Problem, 401: Problem},
    summary="Your company's contributions in kind",
    description="Contributions your company recorded or the hub recorded for it, newest first.",
)
def contribution_list(request, paging: Query[Paging], filters: Query[ContributionFilters]):
    rows = contributions_of_company(
        organisation_id=request.auth.organisation_id, status=filters.status
    )
    return page(queryset=rows, paging=paging, convert=_contribution)


@router.post(
    "/contributions",
    response={201: ContributionOut, 400: Problem, 401: Problem, 404: Problem},
    summary="Record a contribution in kind",
    description=(
        "Trainer hours, materials, equipment or a room your company gives to an edition. It is "
        "`proposed` until the hub confirms it; confirmed, it is listed on your next statement "
        "at its value (never as an amount to pay). Errors: `not_found` (no such edition for "
        "your company), `invalid_contribution` (out of bounds), `validation_error`."
    ),
)
def contribution_create(request, payload: ContributionIn):
    organisation = request.auth.organisation
    edition = contribution_editions(organisation=organisation).filter(pk=payload.edition_id).first()
    if edition is None:
        raise NotFound()
    contribution = contribution_propose(
        edition=edition,
        organisation=organisation,
        kind=payload.kind,
        description=payload.description,
        quantity=payload.quantity,
        unit_value=payload.unit_value,
        actor=None,
        token=request.auth,
    )
    return Status(201, _contribution(contribution))
