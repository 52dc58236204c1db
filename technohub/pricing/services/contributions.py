"""Contributions in kind: recorded by the coordinator, or proposed by a company and decided.

Bounds (docs/cost-sharing.md): trainer hours 0.25–2,000 per contribution, other quantities
0.01–10,000, a value per unit and a contribution's value of at most € 1,000,000. The model
bounds them too (validators, a check constraint), the forms and the API schema say so first.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed, NotFound
from technohub.hubs.models import ApiToken, Organisation, User
from technohub.pricing import money
from technohub.pricing.errors import ContributionDecided, InvalidContribution, PriceClosed
from technohub.pricing.models import (
    MAX_CONTRIBUTION_VALUE,
    MAX_HOURS,
    MAX_QUANTITY,
    MIN_HOURS,
    MIN_QUANTITY,
    Contribution,
    EditionPrice,
)
from technohub.pricing.selectors import contribution_editions
from technohub.pricing.services.base import ensure_coordinator

CENT = Decimal("0.01")
Status = Contribution.Status


def contribution_value(*, kind: str, quantity: Decimal, unit_value: Decimal) -> Decimal:
    """The value of a contribution within the bounds, or InvalidContribution on its field."""
    if kind not in Contribution.Kind.values:
        raise InvalidContribution(_("Choose a kind of contribution."), field="kind")
    quantity, unit_value = Decimal(quantity), Decimal(unit_value)
    if not quantity.is_finite() or quantity != quantity.quantize(CENT):
        raise InvalidContribution(_("Enter a quantity with at most 2 decimals."), field="quantity")
    if kind == Contribution.Kind.TRAINER_HOURS and not MIN_HOURS <= quantity <= MAX_HOURS:
        raise InvalidContribution(
            _("Trainer hours are between 0.25 and 2,000 per contribution."), field="quantity"
        )
    if not MIN_QUANTITY <= quantity <= MAX_QUANTITY:
        raise InvalidContribution(_("A quantity is between 0.01 and 10,000."), field="quantity")
    if (
        not unit_value.is_finite()
        or unit_value != unit_value.quantize(CENT)
        or not 0 <= unit_value <= MAX_CONTRIBUTION_VALUE
    ):
        raise InvalidContribution(
            _("The value per unit is between € 0 and € 1,000,000, in cents."), field="unit_value"
        )
    value = money.euros(money.cents(quantity * unit_value))
    if value > MAX_CONTRIBUTION_VALUE:
        raise InvalidContribution(
            _("One contribution is worth at most € 1,000,000: split it or check the figures."),
            field="unit_value",
        )
    return value


def _description(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidContribution(_("Describe the contribution."), field="description")
    if len(text) > 200:
        raise InvalidContribution(_("At most 200 characters."), field="description")
    return text


def _snapshot(contribution: Contribution) -> dict:
    return {
        "organisation": contribution.organisation_id,
        "edition": contribution.edition_id,
        "kind": contribution.kind,
        "quantity": str(contribution.quantity),
        "unit_value": str(contribution.unit_value),
        "value": str(contribution.value),
        "status": contribution.status,
    }


@transaction.atomic
def contribution_record(
    *,
    edition: Edition,
    organisation: Organisation,
    kind: str,
    description: str,
    quantity: Decimal,
    unit_value: Decimal,
    actor: User | None,
) -> Contribution:
    """The coordinator records a contribution in kind: confirmed at once."""
    ensure_coordinator(actor, edition.hub_id)
    value = contribution_value(kind=kind, quantity=quantity, unit_value=unit_value)
    user = actor if actor is not None and actor.is_authenticated else None
    contribution = Contribution.objects.create(
        hub_id=edition.hub_id,
        edition=edition,
        organisation=organisation,
        kind=kind,
        description=_description(description),
        quantity=quantity,
        unit_value=unit_value,
        value=value,
        status=Status.CONFIRMED,
        source=Contribution.Source.HUB,
        recorded_by=user,
        decided_by=user,
        decided_at=timezone.now(),
    )
    log_action(
        "contribution.recorded", actor=actor, target=contribution, after=_snapshot(contribution)
    )
    return contribution


@transaction.atomic
def contribution_propose(
    *,
    edition: Edition,
    organisation: Organisation,
    kind: str,
    description: str,
    quantity: Decimal,
    unit_value: Decimal,
    actor: User | None,
    token: ApiToken | None = None,
) -> Contribution:
    """A company records what it gives (portal: its contact; API: its token); the hub decides.

    Only for an edition the company takes part in or supplies (`contribution_editions`).
    """
    if token is not None:
        if token.organisation_id != organisation.pk:
            raise NotAllowed()
        source = Contribution.Source.API
    elif actor is not None and access.is_contact(actor, organisation.pk):
        source = Contribution.Source.PORTAL
    else:
        raise NotAllowed()
    if not contribution_editions(organisation=organisation).filter(pk=edition.pk).exists():
        raise NotFound(field="edition")
    value = contribution_value(kind=kind, quantity=quantity, unit_value=unit_value)
    contribution = Contribution.objects.create(
        hub_id=edition.hub_id,
        edition=edition,
        organisation=organisation,
        kind=kind,
        description=_description(description),
        quantity=quantity,
        unit_value=unit_value,
        value=value,
        status=Status.PROPOSED,
        source=source,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        token=token,
    )
    log_action(
        "contribution.proposed",
        actor=actor,
        target=contribution,
        after={**_snapshot(contribution), "token": token.pk if token else None},
    )
    return contribution


def _lock_proposed(contribution: Contribution, actor: User | None) -> Contribution:
    ensure_coordinator(actor, contribution.hub_id)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status != Status.PROPOSED:
        raise ContributionDecided()
    return contribution


@transaction.atomic
def contribution_confirm(*, contribution: Contribution, actor: User | None) -> Contribution:
    """The coordinator confirms a proposed contribution: it goes on the company's next statement."""
    contribution = _lock_proposed(contribution, actor)
    before = _snapshot(contribution)
    contribution.status = Status.CONFIRMED
    contribution.decided_by = actor if actor is not None and actor.is_authenticated else None
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(
        "contribution.confirmed",
        actor=actor,
        target=contribution,
        before=before,
        after=_snapshot(contribution),
    )
    return contribution


@transaction.atomic
def contribution_reject(
    *, contribution: Contribution, actor: User | None, reason: str
) -> Contribution:
    """The coordinator does not accept a proposed contribution; the company sees the reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidContribution(_("Give the reason: the company sees it."), field="reason")
    if len(reason) > 300:
        raise InvalidContribution(_("At most 300 characters."), field="reason")
    contribution = _lock_proposed(contribution, actor)
    before = _snapshot(contribution)
    contribution.status = Status.REJECTED
    contribution.rejection_reason = reason
    contribution.decided_by = actor if actor is not None and actor.is_authenticated else None
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    log_action(
        "contribution.rejected",
        actor=actor,
        target=contribution,
        before=before,
        after={**_snapshot(contribution), "reason": reason},
    )
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, actor: User) -> None:
    """The coordinator removes a contribution, unless it is on an issued statement."""
    ensure_coordinator(actor, contribution.hub_id)
    closed = EditionPrice.objects.filter(
        edition=contribution.edition, closed_at__isnull=False
    ).exists()
    if contribution.statement_id is not None or (
        closed and contribution.status == Status.CONFIRMED
    ):
        raise PriceClosed()
    log_action(
        "contribution.deleted", actor=actor, target=contribution, before=_snapshot(contribution)
    )
    contribution.delete()
