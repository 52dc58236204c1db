"""Prices, VAT, funds and periods: the coordinator's settings of the pricing area."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course, Edition
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, Organisation, Person, Sector, User
from technohub.pricing.errors import InvalidPrice, PeriodOverlaps, PriceClosed
from technohub.pricing.models import (
    CoursePricing,
    EditionPrice,
    FixedShare,
    Fund,
    PriceTier,
    StatementPeriod,
)
from technohub.pricing.services.base import ensure_coordinator as _ensure_coordinator


def _price_snapshot(price: EditionPrice) -> dict:
    return {
        "model": price.model,
        "member_price": str(price.member_price),
        "non_member_price": str(price.non_member_price),
        "fixed_cost": str(price.fixed_cost),
        "per_participant_cost": str(price.per_participant_cost),
        "split_rule": price.split_rule,
        "tiers": [[t.from_participants, str(t.per_participant_cost)] for t in price.tiers.all()],
        "fixed_shares": [[s.organisation_id, str(s.percent)] for s in price.fixed_shares.all()],
        "late_cancellation_percent": price.late_cancellation_percent,
    }


@transaction.atomic
def edition_price_set(
    *,
    edition: Edition,
    actor: User | None,
    model: str,
    member_price: Decimal = Decimal("0"),
    non_member_price: Decimal = Decimal("0"),
    fixed_cost: Decimal = Decimal("0"),
    per_participant_cost: Decimal = Decimal("0"),
    split_rule: str = EditionPrice.Split.PER_PARTICIPANT,
    tiers: Sequence[tuple[int, Decimal]] = (),
    fixed_shares: Sequence[tuple[Organisation, Decimal]] = (),
    free_cancellation_until: datetime | None = None,
    late_cancellation_percent: int = 0,
) -> EditionPrice:
    """Set an edition's price model (replacing tiers and fixed shares). Refused once closed."""
    _ensure_coordinator(actor, edition.hub_id)
    price = EditionPrice.objects.select_for_update().filter(edition=edition).first()
    if price is not None and price.closed_at is not None:
        raise PriceClosed()
    amounts = [member_price, non_member_price, fixed_cost, per_participant_cost]
    amounts += [rate for _n, rate in tiers]
    if any(Decimal(a) < 0 for a in amounts):
        raise InvalidPrice(_("Prices cannot be negative."))
    if len({n for n, _r in tiers}) != len(tiers) or any(n < 2 for n, _r in tiers):
        raise InvalidPrice(_("Each group tier starts at a different number of at least 2."))
    if split_rule == EditionPrice.Split.FIXED:
        total = sum((Decimal(p) for _o, p in fixed_shares), Decimal(0))
        if not fixed_shares or total != 100:
            raise InvalidPrice(_("Fixed shares must add up to 100 %."), field="fixed_shares")
    if not 0 <= late_cancellation_percent <= 100:
        raise InvalidPrice(_("A percentage is between 0 and 100."))
    before = _price_snapshot(price) if price else None
    price = price or EditionPrice(edition=edition)
    price.model = model
    price.member_price, price.non_member_price = member_price, non_member_price
    price.fixed_cost, price.per_participant_cost = fixed_cost, per_participant_cost
    price.split_rule = split_rule
    price.free_cancellation_until = free_cancellation_until
    price.late_cancellation_percent = late_cancellation_percent
    price.full_clean(exclude=["edition"])
    price.save()
    price.tiers.all().delete()
    PriceTier.objects.bulk_create(
        PriceTier(price=price, from_participants=n, per_participant_cost=rate)
        for n, rate in sorted(tiers)
    )
    price.fixed_shares.all().delete()
    FixedShare.objects.bulk_create(
        FixedShare(price=price, organisation=org, percent=percent) for org, percent in fixed_shares
    )
    log_action(
        "edition.price", actor=actor, target=edition, before=before, after=_price_snapshot(price)
    )
    return price


@transaction.atomic
def course_vat_set(*, course: Course, vat_rate: Decimal, actor: User | None) -> CoursePricing:
    _ensure_coordinator(actor, course.hub_id)
    if not Decimal(0) <= vat_rate <= Decimal(100):
        raise InvalidPrice(_("A percentage is between 0 and 100."), field="vat_rate")
    pricing, _created = CoursePricing.objects.get_or_create(course=course)
    before = {"vat_rate": str(pricing.vat_rate)}
    pricing.vat_rate = vat_rate
    pricing.save()
    log_action(
        "course.vat", actor=actor, target=course, before=before, after={"vat_rate": str(vat_rate)}
    )
    return pricing


def _fund_snapshot(fund: Fund) -> dict:
    return {
        "name": fund.name,
        "payer": fund.payer,
        "coverage": fund.coverage,
        "percent": str(fund.percent),
        "amount": str(fund.amount),
        "budget": str(fund.budget),
        "active": fund.active,
        "learner_kinds": list(fund.learner_kinds or []),
        "sectors": sorted(fund.sectors.values_list("pk", flat=True)),
        "members": sorted(fund.members.values_list("pk", flat=True)),
        "courses": sorted(fund.courses.values_list("pk", flat=True)),
    }


@transaction.atomic
def fund_save(
    *,
    hub: Hub,
    actor: User | None,
    fund: Fund | None = None,
    sectors: Iterable[Sector] = (),
    members: Iterable[Organisation] = (),
    courses: Iterable[Course] = (),
    **fields,
) -> Fund:
    """Create or change a fund: what it covers, its budget and who is eligible.

    Sectors and courses must be the hub's own, target groups known learner kinds.
    """
    _ensure_coordinator(actor, hub.pk)
    if fund is not None and fund.hub_id != hub.pk:
        raise NotAllowed()
    sectors, members, courses = list(sectors), list(members), list(courses)
    if any(s.hub_id != hub.pk for s in sectors) or any(c.hub_id != hub.pk for c in courses):
        raise NotAllowed()
    before = None if fund is None else _fund_snapshot(fund)
    fund = fund or Fund(hub=hub)
    for name, value in fields.items():
        setattr(fund, name, value)
    if fund.coverage == Fund.Coverage.PERCENT and not 0 < fund.percent <= 100:
        raise InvalidPrice(_("A percentage is between 0 and 100."), field="percent")
    if fund.coverage == Fund.Coverage.FIXED and not fund.amount > 0:
        raise InvalidPrice(_("Fill in the amount the fund pays per participant."), field="amount")
    if fund.budget < 0 or fund.amount < 0:
        raise InvalidPrice(_("Amounts cannot be negative."), field="budget")
    kinds = set(Person.LearnerKind.values)
    if any(kind not in kinds for kind in fund.learner_kinds or []):
        raise InvalidPrice(_("Unknown target group."), field="learner_kinds")
    fund.save()
    fund.sectors.set(sectors)
    fund.members.set(members)
    fund.courses.set(courses)
    log_action("fund.saved", actor=actor, target=fund, before=before, after=_fund_snapshot(fund))
    return fund


@transaction.atomic
def period_create(
    *, hub: Hub, name: str, starts_on: date, ends_on: date, actor: User | None
) -> StatementPeriod:
    _ensure_coordinator(actor, hub.pk)
    if ends_on < starts_on:
        raise InvalidPrice(_("The last day is before the first day."), field="ends_on")
    overlap = StatementPeriod.objects.filter(
        hub=hub, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).exists()
    if overlap:
        raise PeriodOverlaps(field="starts_on")
    period = StatementPeriod.objects.create(
        hub=hub, name=name, starts_on=starts_on, ends_on=ends_on
    )
    log_action("period.created", actor=actor, target=period, after={"name": name})
    return period
