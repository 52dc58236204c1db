"""Closing a period: the statements (numbered without gaps, amounts frozen on lines)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.hubs.audit import log_action
from technohub.hubs.models import Organisation, User
from technohub.pricing import money
from technohub.pricing.errors import PeriodClosed
from technohub.pricing.models import (
    Contribution,
    EditionPrice,
    Fund,
    HubCharge,
    Statement,
    StatementCounter,
    StatementLine,
    StatementPeriod,
)
from technohub.pricing.selectors import (
    EditionCosts,
    costs_for_editions,
    price_rule,
    statement_recipients,
)
from technohub.pricing.services.base import ensure_coordinator as _ensure_coordinator
from technohub.pricing.services.delivery import statement_deliveries_queue

Line = StatementLine.Kind


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


def _issue(
    period: StatementPeriod,
    organisation_id: int,
    drafts: list[_Draft],
    contributions: list[Contribution],
) -> Statement:
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
    if contributions:
        Contribution.objects.filter(pk__in=[c.pk for c in contributions]).update(
            statement=statement
        )
    statement.total_excl_vat = money.euros(excl)
    statement.subsidy_total = money.euros(subsidy)
    statement.vat_total = money.euros(vat_total)
    statement.total_incl_vat = money.euros(excl + vat_total)
    statement.alone_total = money.euros(alone)
    statement.saving = money.euros(max(alone - shares, 0))
    statement.contribution_total = sum((c.value for c in contributions), Decimal("0.00"))
    statement.save()
    return statement


def _contributions(period: StatementPeriod) -> dict[int, list[Contribution]]:
    """Confirmed contributions not yet on a statement, to editions starting up to the period's
    end: they go on the company's statement of this period (later ones wait for theirs)."""
    found: dict[int, list[Contribution]] = defaultdict(list)
    for contribution in Contribution.objects.filter(
        hub_id=period.hub_id,
        status=Contribution.Status.CONFIRMED,
        statement__isnull=True,
        edition__starts_on__lte=period.ends_on,
    ).order_by("edition__starts_on", "pk"):
        found[contribution.organisation_id].append(contribution)
    return found


@dataclass
class _Plan:
    """What closing a period issues, computed from the live state (see `period_close`)."""

    editions: list[Edition]
    drafts: dict[int, list[_Draft]]
    contributions: dict[int, list[Contribution]]
    charges: list[HubCharge]
    names: dict[int, str]

    @property
    def organisation_ids(self) -> list[int]:
        ids = set(self.drafts) | set(self.contributions)
        return sorted(ids, key=lambda pk: (self.names[pk].lower(), pk))


def _plan(period: StatementPeriod) -> _Plan:
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
    contributions = _contributions(period)
    ids = set(per_org) | set(contributions)
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return _Plan(editions, per_org, contributions, charges, names)


@dataclass
class ClosingCompany:
    organisation_id: int
    name: str
    total_incl_vat: Decimal
    contribution_total: Decimal
    recipients: list[str]  # e-mail addresses of the company's contacts


@dataclass
class ClosingPreview:
    """What closing would do now: shown on the confirmation page before the coordinator
    confirms. Figures are the live ones; the statements issued are computed again under lock."""

    period: StatementPeriod
    editions: int
    companies: list[ClosingCompany]
    individuals: int  # participants without an employer: hub charges, no statement

    @property
    def statements(self) -> int:
        return len(self.companies)

    @property
    def total_incl_vat(self) -> Decimal:
        return sum((c.total_incl_vat for c in self.companies), Decimal("0.00"))

    @property
    def mails(self) -> int:
        return sum(len(c.recipients) for c in self.companies)

    @property
    def unreachable(self) -> list[ClosingCompany]:
        return [c for c in self.companies if not c.recipients]


def period_closing_preview(*, period: StatementPeriod, actor: User | None) -> ClosingPreview:
    """Read only: the statements closing `period` would issue now, and who would get a mail."""
    _ensure_coordinator(actor, period.hub_id)
    if period.is_closed:
        raise PeriodClosed()
    plan = _plan(period)
    recipients = statement_recipients(organisation_ids=plan.organisation_ids)
    companies = []
    for org_id in plan.organisation_ids:
        drafts = plan.drafts.get(org_id, [])
        total = sum(d.amount + money.vat(d.amount, d.vat_rate) for d in drafts)
        companies.append(
            ClosingCompany(
                organisation_id=org_id,
                name=plan.names[org_id],
                total_incl_vat=money.euros(total),
                contribution_total=sum(
                    (c.value for c in plan.contributions.get(org_id, [])), Decimal("0.00")
                ),
                recipients=[r.email for r in recipients.get(org_id, [])],
            )
        )
    return ClosingPreview(
        period=period,
        editions=len(plan.editions),
        companies=companies,
        individuals=len(plan.charges),
    )


@transaction.atomic
def period_close(*, period: StatementPeriod, actor: User | None) -> list[Statement]:
    """Close a period: issue a numbered statement per company and freeze the editions' costs.

    The editions that start in the period (and were not billed before) are billed with their
    live costs at this moment; cancellations of participations billed earlier become credit
    lines; confirmed contributions in kind not yet on a statement are listed (never as money
    owed). Funds' budgets are used in the order of the editions' start (fund rows locked).
    Each statement is then mailed to the company's contacts, after commit, in the background
    (`statement_deliveries_queue`): the PDF is made in the task, never inside the lock.
    """
    period = StatementPeriod.objects.select_for_update().select_related("hub").get(pk=period.pk)
    _ensure_coordinator(actor, period.hub_id)
    if period.is_closed:
        raise PeriodClosed()
    list(Fund.objects.select_for_update().filter(hub_id=period.hub_id).order_by("pk"))
    plan = _plan(period)
    editions, charges = plan.editions, plan.charges
    statements = [
        _issue(period, org_id, plan.drafts.get(org_id, []), plan.contributions.get(org_id, []))
        for org_id in plan.organisation_ids
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
    statement_deliveries_queue(statements=statements, actor=actor)
    return statements
