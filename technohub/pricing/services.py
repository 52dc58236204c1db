"""Writes of the pricing area: prices, VAT, funds, contributions, periods and statements.

Every write checks that the actor coordinates the hub, runs in one transaction and is audited.
Closing a period issues the statements: numbered without gaps per hub (a row-locked counter),
amounts frozen on lines; a closed period never changes again, a later cancellation becomes a
credit line on the company's next statement. See docs/cost-sharing.md.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course, Edition
from technohub.enrolment.models import Enrolment
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, Organisation, Person, Sector, User
from technohub.pricing import money
from technohub.pricing.errors import InvalidPrice, PeriodClosed, PeriodOverlaps, PriceClosed
from technohub.pricing.models import (
    Contribution,
    CoursePricing,
    EditionPrice,
    FixedShare,
    Fund,
    HubCharge,
    PriceTier,
    Statement,
    StatementCounter,
    StatementLine,
    StatementPeriod,
)
from technohub.pricing.selectors import EditionCosts, costs_for_editions, price_rule

Line = StatementLine.Kind


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    # actor None: a management command or the demo, with the operator's rights
    if actor is not None and not access.is_coordinator(actor, hub_id):
        raise NotAllowed()


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
    """Record a contribution in kind (trainer hours at a rate, materials, equipment, rooms)."""
    _ensure_coordinator(actor, edition.hub_id)
    if quantity <= 0 or unit_value < 0:
        raise InvalidPrice(_("Quantity must be positive and the value not negative."))
    contribution = Contribution.objects.create(
        hub_id=edition.hub_id,
        edition=edition,
        organisation=organisation,
        kind=kind,
        description=description,
        quantity=quantity,
        unit_value=unit_value,
        value=money.euros(money.cents(quantity * unit_value)),
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    log_action(
        "contribution.recorded",
        actor=actor,
        target=contribution,
        after={"organisation": organisation.pk, "value": str(contribution.value)},
    )
    return contribution


@transaction.atomic
def contribution_delete(*, contribution: Contribution, actor: User) -> None:
    _ensure_coordinator(actor, contribution.hub_id)
    if EditionPrice.objects.filter(edition=contribution.edition, closed_at__isnull=False).exists():
        raise PriceClosed()
    log_action(
        "contribution.deleted",
        actor=actor,
        target=contribution,
        before={"organisation": contribution.organisation_id, "value": str(contribution.value)},
    )
    contribution.delete()


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


# --- closing a period: the statements ------------------------------------------------------


@dataclass
class _Draft:
    kind: str
    description: str
    amount: int
    vat_rate: Decimal
    edition: Edition | None = None
    enrolment: Enrolment | None = None
    fund: Fund | None = None
    credit_for: StatementLine | None = None
    alone: int = 0


def _editions_of(period: StatementPeriod) -> list[Edition]:
    return list(
        Edition.objects.filter(
            hub_id=period.hub_id,
            starts_on__gte=period.starts_on,
            starts_on__lte=period.ends_on,
        )
        .exclude(status__in=(Edition.Status.DRAFT, Edition.Status.CANCELLED))
        .exclude(price__closed_at__isnull=False)
        .select_related("course", "hub")
        .order_by("starts_on", "pk")
    )


def _label(edition: Edition) -> str:
    return f"{edition.course.title} ({edition.code})"


def _lines_for(costs: EditionCosts) -> dict[int, list[_Draft]]:
    """Drafts of statement lines per organisation for one edition's costs."""
    edition, rate = costs.edition, costs.vat_rate
    drafts: dict[int, list[_Draft]] = defaultdict(list)
    for org_id, party in costs.parties.items():
        if org_id is None:
            continue  # individuals (job seekers) get no statement: see _hub_charges
        alone = money.allocate(party.alone, [(s.enrolment.pk, 1) for s in party.seats])
        for seat in party.seats:
            name = seat.enrolment.person.full_name
            drafts[org_id].append(
                _Draft(
                    Line.SHARE,
                    f"{_label(edition)} · {name}",
                    seat.share,
                    rate,
                    edition,
                    seat.enrolment,
                    alone=alone.get(seat.enrolment.pk, 0),
                )
            )
            if seat.subsidy:
                drafts[org_id].append(
                    _Draft(
                        Line.SUBSIDY,
                        _("%(fund)s pays for %(name)s") % {"fund": seat.fund.name, "name": name},
                        -seat.subsidy,
                        rate,
                        edition,
                        seat.enrolment,
                        fund=seat.fund,
                    )
                )
        for enrolment, fee in party.fee_lines:
            drafts[org_id].append(
                _Draft(
                    Line.CANCELLATION,
                    _("Late cancellation: %(label)s · %(name)s")
                    % {"label": _label(edition), "name": enrolment.person.full_name},
                    fee,
                    rate,
                    edition,
                    enrolment,
                )
            )
    return drafts


def _hub_charges(period: StatementPeriod, costs: EditionCosts) -> list[HubCharge]:
    """Participants without an employer: a fund that covers them pays, the hub the rest."""
    party = costs.parties.get(None)
    if party is None:
        return []
    return [
        HubCharge(
            hub_id=period.hub_id,
            period=period,
            edition=costs.edition,
            enrolment=seat.enrolment,
            person=seat.enrolment.person,
            description=f"{_label(costs.edition)} · {seat.enrolment.person.full_name}"[:240],
            share=money.euros(seat.share),
            fund=seat.fund,
            subsidy=money.euros(seat.subsidy),
            carried_by_hub=money.euros(seat.share - seat.subsidy),
            vat_rate=costs.vat_rate,
        )
        for seat in party.seats
        if seat.share
    ]


def _credits(hub_id: int) -> dict[int, list[_Draft]]:
    """Credit lines for billed participations (and their subsidies) cancelled since."""
    drafts: dict[int, list[_Draft]] = defaultdict(list)
    billed = (
        StatementLine.objects.filter(
            statement__hub_id=hub_id,
            kind__in=(Line.SHARE, Line.SUBSIDY),
            enrolment__status=Enrolment.Status.CANCELLED,
            credited_by__isnull=True,
        )
        .select_related(
            "statement", "edition__course", "edition__price", "enrolment__person", "fund"
        )
        .order_by("statement__number", "position")
    )
    for line in billed:
        enrolment, edition = line.enrolment, line.edition
        price = getattr(edition, "price", None)
        free_until = (
            price.free_cancellation_until if price else None
        ) or edition.cancellation_deadline
        late = enrolment.cancelled_at and (
            free_until is None or enrolment.cancelled_at > free_until
        )
        kept = 0
        if late and price is not None and line.kind == Line.SHARE:
            kept = money.percent_of(money.cents(line.amount), price.late_cancellation_percent)
        amount = -(money.cents(line.amount) - kept)
        description = _("Credit for %(reference)s: %(line)s") % {
            "reference": line.statement.reference,
            "line": line.description,
        }
        drafts[line.statement.organisation_id].append(
            _Draft(
                Line.CREDIT,
                description,
                amount,
                line.vat_rate,
                edition,
                enrolment,
                fund=line.fund,
                credit_for=line,
            )
        )
    return drafts


def _next_number(hub_id: int) -> int:
    counter, _created = StatementCounter.objects.get_or_create(hub_id=hub_id)
    counter = StatementCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _issue(period: StatementPeriod, organisation_id: int, drafts: list[_Draft]) -> Statement:
    now = timezone.now()
    number = _next_number(period.hub_id)
    prefix = period.hub.slug.upper().replace("-", "")[:4]
    statement = Statement.objects.create(
        hub_id=period.hub_id,
        period=period,
        organisation_id=organisation_id,
        number=number,
        reference=f"{prefix}-{timezone.localtime(now).year}-{number:05d}",
        issued_at=now,
    )
    lines, excl, vat_total, subsidy, alone, shares = [], 0, 0, 0, 0, 0
    for position, draft in enumerate(drafts, start=1):
        vat = money.vat(draft.amount, draft.vat_rate)
        lines.append(
            StatementLine(
                statement=statement,
                kind=draft.kind,
                edition=draft.edition,
                enrolment=draft.enrolment,
                person=draft.enrolment.person if draft.enrolment else None,
                fund=draft.fund,
                credit_for=draft.credit_for,
                description=draft.description[:240],
                amount=money.euros(draft.amount),
                vat_rate=draft.vat_rate,
                vat_amount=money.euros(vat),
                alone_amount=money.euros(draft.alone),
                position=position,
            )
        )
        excl, vat_total = excl + draft.amount, vat_total + vat
        if draft.kind == Line.SUBSIDY:
            subsidy -= draft.amount
        if draft.kind == Line.SHARE:
            alone, shares = alone + draft.alone, shares + draft.amount
    StatementLine.objects.bulk_create(lines)
    statement.total_excl_vat = money.euros(excl)
    statement.subsidy_total = money.euros(subsidy)
    statement.vat_total = money.euros(vat_total)
    statement.total_incl_vat = money.euros(excl + vat_total)
    statement.alone_total = money.euros(alone)
    statement.saving = money.euros(max(alone - shares, 0))
    statement.save()
    return statement


@transaction.atomic
def period_close(*, period: StatementPeriod, actor: User | None) -> list[Statement]:
    """Close a period: issue a numbered statement per company and freeze the editions' costs.

    The editions that start in the period (and were not billed before) are billed with their
    live costs at this moment; cancellations of participations billed earlier become credit
    lines. Funds' budgets are used in the order of the editions' start (fund rows locked).
    """
    period = StatementPeriod.objects.select_for_update().select_related("hub").get(pk=period.pk)
    _ensure_coordinator(actor, period.hub_id)
    if period.is_closed:
        raise PeriodClosed()
    list(Fund.objects.select_for_update().filter(hub_id=period.hub_id).order_by("pk"))
    with translation.override(settings.LANGUAGE_CODE):
        editions = _editions_of(period)
        per_org: dict[int, list[_Draft]] = defaultdict(list)
        for org_id, drafts in _credits(period.hub_id).items():
            per_org[org_id].extend(drafts)
        charges: list[HubCharge] = []
        for costs in costs_for_editions(editions).values():
            for org_id, drafts in _lines_for(costs).items():
                per_org[org_id].extend(drafts)
            charges += _hub_charges(period, costs)
        names = dict(Organisation.objects.filter(pk__in=per_org).values_list("pk", "name"))
        statements = [
            _issue(period, org_id, per_org[org_id])
            for org_id in sorted(per_org, key=lambda pk: (names[pk].lower(), pk))
        ]
        HubCharge.objects.bulk_create(charges)
    now = timezone.now()
    for edition in editions:
        price = EditionPrice.objects.filter(edition=edition).first()
        if price is None:
            rule = price_rule(None, edition)
            price = EditionPrice(
                edition=edition,
                model=rule.model,
                member_price=money.euros(rule.member_price),
                non_member_price=money.euros(rule.non_member_price),
            )
        price.closed_at = now
        price.save()
    period.closed_at, period.closed_by = now, actor if actor and actor.is_authenticated else None
    period.save(update_fields=["closed_at", "closed_by"])
    log_action(
        "period.closed",
        actor=actor,
        target=period,
        after={
            "statements": [s.reference for s in statements],
            "editions": [e.pk for e in editions],
            "carried_by_hub": str(sum((c.carried_by_hub for c in charges), Decimal("0.00"))),
        },
    )
    for statement in statements:
        log_action(
            "statement.issued",
            actor=actor,
            target=statement,
            after={"reference": statement.reference, "total": str(statement.total_incl_vat)},
        )
    return statements
