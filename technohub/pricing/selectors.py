"""Costs as read: who pays what per edition, computed from the live enrolments.

A constant number of queries for any number of editions (`costs_for_editions`). Editions whose
period is closed (`EditionPrice.closed_at`) are read from their frozen statement lines by the
company pages instead. Scoping: `company_costs` only ever looks at one organisation's seats;
the coordinator's pages read a whole hub.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Membership, Organisation, Person, Role, User
from technohub.pricing import money
from technohub.pricing.models import (
    Contribution,
    CoursePricing,
    EditionPrice,
    Fund,
    HubCharge,
    Statement,
    StatementDelivery,
    StatementLine,
    StatementPeriod,
)

BILLABLE = Enrolment.SEAT_HOLDING


@dataclass
class SeatCost:
    enrolment: Enrolment
    share: int  # cents excl. VAT
    fund: Fund | None = None
    subsidy: int = 0


@dataclass
class PartyCost:
    """One company's (or, with `organisation_id` None, the individuals') part of an edition."""

    organisation_id: int | None
    share: int = 0
    alone: int = 0
    subsidy: int = 0
    fees: int = 0
    seats: list[SeatCost] = field(default_factory=list)
    fee_lines: list[tuple[Enrolment, int]] = field(default_factory=list)

    @property
    def saving(self) -> int:
        return max(self.alone - self.share, 0)

    @property
    def to_pay(self) -> int:
        return self.share - self.subsidy + self.fees

    # Decimal views for templates and the API
    def euros(self, name: str) -> Decimal:
        return money.euros(getattr(self, name))


@dataclass
class EditionCosts:
    edition: Edition
    price: EditionPrice | None
    model: str
    vat_rate: Decimal
    total: int
    parties: dict[int | None, PartyCost]
    participants: int

    def party(self, organisation_id: int) -> PartyCost:
        return self.parties.get(organisation_id) or PartyCost(organisation_id)

    @property
    def subsidy(self) -> int:
        return sum(p.subsidy for p in self.parties.values())


def price_rule(price: EditionPrice | None, edition: Edition) -> money.PriceRule:
    """The edition's price model as plain values; no EditionPrice: the course's prices."""
    if price is None:
        course = edition.course
        model = "entre_nous" if course.delivery_model == "entre_nous" else "per_participant"
        return money.PriceRule(
            model=model,
            member_price=money.cents(course.member_price),
            non_member_price=money.cents(course.non_member_price),
        )
    return money.PriceRule(
        model=price.model,
        member_price=money.cents(price.member_price),
        non_member_price=money.cents(price.non_member_price),
        fixed=money.cents(price.fixed_cost),
        rate=money.cents(price.per_participant_cost),
        tiers=tuple(
            (t.from_participants, money.cents(t.per_participant_cost)) for t in price.tiers.all()
        ),
        split=price.split_rule,
        fixed_shares=tuple((s.organisation_id, s.percent) for s in price.fixed_shares.all()),
    )


def _fee_base(rule: money.PriceRule, split: money.Split, member: bool) -> int:
    """What one seat costs now: the base of a late cancellation's fee."""
    if rule.model == "joint_purchase":
        n = max(len(split.seat_share), 1)
        return money.joint_total(rule.fixed, rule.rate, rule.tiers, n) // n
    if rule.model == "entre_nous" and member:
        return 0
    return rule.member_price if member else rule.non_member_price


class _Funds:
    """Active funds of the hubs involved, with the budget not yet used on statements."""

    def __init__(self, hub_ids: set[int]):
        self.funds = list(
            Fund.objects.filter(hub_id__in=hub_ids, active=True)
            .prefetch_related("sectors", "members", "courses")
            .order_by("pk")
        )
        used = dict(
            StatementLine.objects.filter(fund__in=self.funds, kind=StatementLine.Kind.SUBSIDY)
            .values_list("fund")
            .annotate(s=Sum("amount"))
        )
        individuals = dict(
            HubCharge.objects.filter(fund__in=self.funds)
            .values_list("fund")
            .annotate(s=Sum("subsidy"))
        )
        # subsidy lines are negative on the company's statement; charges of individuals positive
        self.left = {
            f.pk: money.cents(f.budget)
            + money.cents(used.get(f.pk) or 0)
            - money.cents(individuals.get(f.pk) or 0)
            for f in self.funds
        }

    def eligible(self, fund: Fund, edition: Edition, person: Person, sectors: set[int]) -> bool:
        if fund.hub_id != edition.hub_id:
            return False
        courses = {c.pk for c in fund.courses.all()}
        if courses and edition.course_id not in courses:
            return False
        fund_sectors = {s.pk for s in fund.sectors.all()}
        members = {o.pk for o in fund.members.all()}
        kinds = set(fund.learner_kinds or [])
        if not (fund_sectors or members or kinds):
            return True
        employer = person.employer_id
        return bool(
            (fund_sectors & sectors)
            or (employer is not None and employer in members)
            or (person.learner_kind in kinds)
        )

    def apply(self, seat: SeatCost, edition: Edition, sectors: set[int]) -> None:
        person = seat.enrolment.person
        for fund in self.funds:
            if seat.share <= 0 or self.left[fund.pk] <= 0:
                continue
            if not self.eligible(fund, edition, person, sectors):
                continue
            if fund.coverage == Fund.Coverage.PERCENT:
                paid = money.subsidy(seat.share, percent=fund.percent)
            else:
                paid = money.subsidy(seat.share, amount=money.cents(fund.amount))
            paid = min(paid, self.left[fund.pk])
            if paid > 0:
                seat.fund, seat.subsidy = fund, paid
                self.left[fund.pk] -= paid
                return


def costs_for_editions(editions: Iterable[Edition]) -> dict[int, EditionCosts]:
    """Live costs of each edition (in the given order: funds' budgets are used in it)."""
    editions = list(editions)
    if not editions:
        return {}
    ids = [e.pk for e in editions]
    prices = {
        p.edition_id: p
        for p in EditionPrice.objects.filter(edition_id__in=ids).prefetch_related(
            "tiers", "fixed_shares"
        )
    }
    vat_rates = dict(
        CoursePricing.objects.filter(course_id__in={e.course_id for e in editions}).values_list(
            "course_id", "vat_rate"
        )
    )
    enrolments = defaultdict(list)
    for enrolment in (
        Enrolment.objects.filter(edition_id__in=ids)
        .filter(
            Q(status__in=BILLABLE)
            | Q(status=Enrolment.Status.CANCELLED, cancelled_at__isnull=False)
        )
        .select_related("person")
        .order_by("created_at", "pk")
    ):
        enrolments[enrolment.edition_id].append(enrolment)
    hub_ids = {e.hub_id for e in editions}
    org_ids = {x.organisation_id for rows in enrolments.values() for x in rows} - {None}
    members: dict[tuple[int, int], set[int]] = {}
    for membership in Membership.objects.filter(
        hub_id__in=hub_ids, organisation_id__in=org_ids, status=Membership.Status.MEMBER
    ).prefetch_related("sectors"):
        members[(membership.hub_id, membership.organisation_id)] = {
            s.pk for s in membership.sectors.all()
        }
    funds = _Funds(hub_ids)
    result = {}
    for edition in editions:
        price = prices.get(edition.pk)
        rule = price_rule(price, edition)
        seated = [e for e in enrolments[edition.pk] if e.status in BILLABLE]

        def is_member(enrolment: Enrolment, hub_id: int = edition.hub_id) -> bool:
            # participants without an employer take part in the hub's own name: member price
            return (
                enrolment.organisation_id is None or (hub_id, enrolment.organisation_id) in members
            )

        split = money.split(
            rule,
            [money.Seat(e.pk, e.organisation_id, is_member(e)) for e in seated],
        )
        parties: dict[int | None, PartyCost] = {}
        for enrolment in seated:
            party = parties.setdefault(
                enrolment.organisation_id, PartyCost(enrolment.organisation_id)
            )
            seat = SeatCost(enrolment, split.seat_share[enrolment.pk])
            funds.apply(
                seat, edition, members.get((edition.hub_id, enrolment.organisation_id), set())
            )
            party.seats.append(seat)
            party.subsidy += seat.subsidy
        for key, party in parties.items():
            party.share = split.party_share[key]
            party.alone = split.party_alone[key]
        free_until = (
            price.free_cancellation_until if price else None
        ) or edition.cancellation_deadline
        percent = price.late_cancellation_percent if price else 0
        if percent:
            for enrolment in enrolments[edition.pk]:
                late = enrolment.cancelled_at and (
                    free_until is None or enrolment.cancelled_at > free_until
                )
                if enrolment.status == Enrolment.Status.CANCELLED and late:
                    fee = money.percent_of(_fee_base(rule, split, is_member(enrolment)), percent)
                    if fee:
                        party = parties.setdefault(
                            enrolment.organisation_id, PartyCost(enrolment.organisation_id)
                        )
                        party.fees += fee
                        party.fee_lines.append((enrolment, fee))
        result[edition.pk] = EditionCosts(
            edition=edition,
            price=price,
            model=rule.model,
            vat_rate=vat_rates.get(edition.course_id, Decimal("0.0")),
            total=split.total,
            parties=parties,
            participants=len(seated),
        )
    return result


def live_costs(editions: Iterable[Edition]) -> dict[int, EditionCosts]:
    """Live costs of `editions`, with funds' budgets used as closing the periods would.

    Closing bills the unbilled editions in the order of their start, each taking from a fund's
    budget what is left after the earlier ones. So a fund's part of one edition depends on the
    editions before it: they are computed too (all open, unbilled editions of the same hubs,
    by start) and only the asked ones returned. Still an estimate until the period is closed:
    enrolments change and a fund's budget may run out first.
    """
    editions = list(editions)
    if not editions:
        return {}
    asked = {e.pk for e in editions}
    unbilled = list(
        Edition.objects.filter(hub_id__in={e.hub_id for e in editions})
        .exclude(status__in=(Edition.Status.DRAFT, Edition.Status.CANCELLED))
        .exclude(price__closed_at__isnull=False)
        .select_related("course", "hub")
        .order_by("starts_on", "pk")
    )
    known = {e.pk for e in unbilled}
    unbilled += [e for e in editions if e.pk not in known]
    costs = costs_for_editions(unbilled)
    return {pk: c for pk, c in costs.items() if pk in asked}


def edition_costs(edition: Edition) -> EditionCosts:
    return live_costs([edition])[edition.pk]


# --- a company's view ---------------------------------------------------------------------


@dataclass
class CompanyEditionRow:
    edition: Edition
    participants: int
    share: Decimal
    alone: Decimal
    saving: Decimal
    subsidy: Decimal
    fees: Decimal
    to_pay: Decimal
    model: str
    frozen: bool  # read from an issued statement


def company_editions(*, organisation: Organisation) -> QuerySet[Edition]:
    """Editions in which the company has (or had, billed) participants, newest first."""
    return (
        Edition.objects.filter(
            Q(enrolments__organisation=organisation, enrolments__status__in=BILLABLE)
            | Q(enrolments__organisation=organisation, enrolments__cancelled_at__isnull=False)
        )
        .distinct()
        .select_related("course", "hub", "price")
        .order_by("-starts_on", "-pk")
    )


def company_costs(*, organisation: Organisation) -> list[CompanyEditionRow]:
    """One row per edition: the company's share, alone price, saving, subsidy (live or frozen)."""
    editions = list(company_editions(organisation=organisation))
    frozen_ids = [e.pk for e in editions if _closed(e)]
    live = live_costs([e for e in editions if e.pk not in frozen_ids])
    frozen = _frozen_rows(organisation, frozen_ids)
    rows = []
    for edition in editions:
        if edition.pk in frozen_ids:
            row = frozen.get(edition.pk)
            if row is not None:
                rows.append(CompanyEditionRow(edition=edition, **row))
            continue
        costs = live[edition.pk]
        party = costs.party(organisation.pk)
        rows.append(
            CompanyEditionRow(
                edition=edition,
                participants=len(party.seats),
                share=money.euros(party.share),
                alone=money.euros(party.alone),
                saving=money.euros(party.saving),
                subsidy=money.euros(party.subsidy),
                fees=money.euros(party.fees),
                to_pay=money.euros(party.to_pay),
                model=costs.model,
                frozen=False,
            )
        )
    return rows


def _closed(edition: Edition) -> bool:
    try:
        return edition.price.closed_at is not None
    except EditionPrice.DoesNotExist:
        return False


def _frozen_rows(organisation: Organisation, edition_ids: list[int]) -> dict[int, dict]:
    rows: dict[int, dict] = {}
    lines = StatementLine.objects.filter(
        statement__organisation=organisation, edition_id__in=edition_ids
    ).select_related("edition__price")
    for line in lines:
        row = rows.setdefault(
            line.edition_id,
            {
                "participants": 0,
                "share": Decimal("0.00"),
                "alone": Decimal("0.00"),
                "saving": Decimal("0.00"),
                "subsidy": Decimal("0.00"),
                "fees": Decimal("0.00"),
                "to_pay": Decimal("0.00"),
                "model": line.edition.price.model,
                "frozen": True,
            },
        )
        if line.kind == StatementLine.Kind.SHARE:
            row["participants"] += 1
            row["share"] += line.amount
            row["alone"] += line.alone_amount
        elif line.kind == StatementLine.Kind.SUBSIDY:
            row["subsidy"] -= line.amount
        else:
            row["fees"] += line.amount
        row["to_pay"] += line.amount
        row["saving"] = max(row["alone"] - row["share"], Decimal("0.00"))
    return rows


def company_totals(rows: list[CompanyEditionRow]) -> dict[str, Decimal]:
    names = ("share", "alone", "saving", "subsidy", "fees", "to_pay")
    return {n: sum((getattr(r, n) for r in rows), Decimal("0.00")) for n in names}


@dataclass
class ContributionSummary:
    given: list[Contribution]  # every status, newest first
    given_total: Decimal  # confirmed only
    received: list[tuple[Edition, Decimal]]  # others' contributions to editions we took part in
    received_total: Decimal


def company_contributions(*, organisation: Organisation) -> ContributionSummary:
    """What the company gave (also proposed and rejected ones, with their status), and its part
    (by participants) of what others gave (confirmed contributions only)."""
    given = list(
        Contribution.objects.filter(organisation=organisation).select_related(
            "edition__course", "statement"
        )
    )
    editions = company_editions(organisation=organisation)
    others = (
        Contribution.objects.filter(edition__in=editions, status=Contribution.Status.CONFIRMED)
        .exclude(organisation=organisation)
        .values_list("edition", "value")
    )
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for edition_id, value in others:  # summed in Python: never a database overflow
        totals[edition_id] += value
    received = []
    if totals:
        counts = defaultdict(lambda: [0, 0])
        for edition_id, org_id in Enrolment.objects.filter(
            edition_id__in=totals, status__in=BILLABLE
        ).values_list("edition_id", "organisation_id"):
            counts[edition_id][1] += 1
            if org_id == organisation.pk:
                counts[edition_id][0] += 1
        by_id = {e.pk: e for e in Edition.objects.filter(pk__in=totals).select_related("course")}
        for edition_id, total in totals.items():
            own, everyone = counts[edition_id]
            if own and everyone:
                part = money.allocate(money.cents(total), [("own", own), ("rest", everyone - own)])
                received.append((by_id[edition_id], money.euros(part["own"])))
    confirmed = [c for c in given if c.status == Contribution.Status.CONFIRMED]
    return ContributionSummary(
        given=given,
        given_total=sum((c.value for c in confirmed), Decimal("0.00")),
        received=received,
        received_total=sum((amount for _, amount in received), Decimal("0.00")),
    )


def contribution_editions(*, organisation: Organisation) -> QuerySet[Edition]:
    """Editions a company may record a contribution to: those it takes (or took) part in, those
    its employee trains, and the planned or running editions of the hubs it is a member of (a
    company supplies an entre-nous course it sends nobody to). Never drafts or cancelled ones."""
    hub_ids = Membership.objects.filter(organisation=organisation).values("hub_id")
    return (
        Edition.objects.filter(
            Q(pk__in=company_editions(organisation=organisation).values("pk"))
            | Q(trainer__employer=organisation)
            | Q(
                hub_id__in=hub_ids,
                status__in=(Edition.Status.PUBLISHED, Edition.Status.RUNNING),
            )
        )
        .exclude(status__in=(Edition.Status.DRAFT, Edition.Status.CANCELLED))
        .select_related("course", "hub")
        .distinct()
        .order_by("-starts_on", "pk")
    )


def contributions_of_company(
    *, organisation_id: int, status: str | None = None
) -> QuerySet[Contribution]:
    """A company's own contributions (the API and the portal list); never another company's."""
    rows = Contribution.objects.filter(organisation_id=organisation_id).select_related(
        "edition__course", "hub", "statement"
    )
    return rows.filter(status=status) if status else rows


def contributions_awaiting(*, hub_id: int) -> QuerySet[Contribution]:
    """Proposed contributions of a hub, oldest first: the coordinator's queue."""
    return (
        Contribution.objects.filter(hub_id=hub_id, status=Contribution.Status.PROPOSED)
        .select_related("edition__course", "organisation", "recorded_by")
        .order_by("created_at", "pk")
    )


def access_contribution(*, actor: User, contribution_id: int) -> Contribution:
    """A contribution of a hub the actor coordinates, or NotFound."""
    contribution = (
        Contribution.objects.select_related("edition__course", "organisation", "hub")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None or not access.is_coordinator(actor, contribution.hub_id):
        raise NotFound()
    return contribution


@dataclass
class LedgerRow:
    organisation: Organisation
    contributions: list[Contribution]
    total: Decimal


@dataclass
class Ledger:
    """Confirmed contributions in kind to the editions that start in a period, per company."""

    period: StatementPeriod
    rows: list[LedgerRow]
    by_kind: list[tuple[str, Decimal]]
    total: Decimal
    awaiting: int  # proposed, not yet decided, to editions of the period


def contribution_ledger(*, period: StatementPeriod) -> Ledger:
    """The hub-wide ledger of one period (by the editions' first day, open or closed)."""
    contributions = list(
        Contribution.objects.filter(
            hub_id=period.hub_id,
            edition__starts_on__gte=period.starts_on,
            edition__starts_on__lte=period.ends_on,
        )
        .exclude(status=Contribution.Status.REJECTED)
        .select_related("edition__course", "organisation", "statement")
        .order_by("organisation__name", "organisation_id", "edition__starts_on", "pk")
    )
    confirmed = [c for c in contributions if c.status == Contribution.Status.CONFIRMED]
    rows: dict[int, LedgerRow] = {}
    kinds: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for contribution in confirmed:
        row = rows.setdefault(
            contribution.organisation_id,
            LedgerRow(contribution.organisation, [], Decimal("0.00")),
        )
        row.contributions.append(contribution)
        row.total += contribution.value
        kinds[contribution.kind] += contribution.value
    labels = dict(Contribution.Kind.choices)
    return Ledger(
        period=period,
        rows=list(rows.values()),
        by_kind=[(labels[k], kinds[k]) for k in Contribution.Kind.values if k in kinds],
        total=sum((c.value for c in confirmed), Decimal("0.00")),
        awaiting=len(contributions) - len(confirmed),
    )


def statement_recipients(*, organisation_ids) -> dict[int, list[User]]:
    """The active contacts with an e-mail address of each organisation (statement mail)."""
    found: dict[int, list[User]] = defaultdict(list)
    roles = (
        Role.objects.filter(
            kind=Role.Kind.CONTACT,
            organisation_id__in=list(organisation_ids),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user__person")
        .order_by("organisation_id", "user__email")
    )
    for role in roles:
        if role.user not in found[role.organisation_id]:
            found[role.organisation_id].append(role.user)
    return dict(found)


def statement_deliveries(*, statement: Statement) -> QuerySet[StatementDelivery]:
    return statement.deliveries.order_by("requested_at", "pk")


def statement_contributions(*, statement: Statement) -> QuerySet[Contribution]:
    return statement.contributions.select_related("edition__course").order_by(
        "edition__starts_on", "pk"
    )


def statements_of(*, organisation_id: int) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(organisation_id=organisation_id)
        .select_related("period", "hub")
        .prefetch_related("deliveries")
    )


def access_statement(*, actor: User, statement_id: int) -> Statement:
    """A statement the actor may see: their company's, or any of a hub they coordinate."""
    statement = (
        Statement.objects.select_related("hub", "period", "organisation")
        .filter(pk=statement_id)
        .first()
    )
    if statement is None or not (
        access.is_contact(actor, statement.organisation_id)
        or access.is_coordinator(actor, statement.hub_id)
    ):
        raise NotFound()
    return statement


def statement_lines(*, statement: Statement) -> QuerySet[StatementLine]:
    return statement.lines.select_related("edition__course", "person", "fund").order_by("position")


def periods_of_hub(*, hub_id: int) -> QuerySet[StatementPeriod]:
    return StatementPeriod.objects.filter(hub_id=hub_id)


@dataclass
class FundRow:
    fund: Fund
    participants: int  # billed participants the fund paid for (companies' staff and individuals)
    hours: Decimal  # their study hours
    paid_for_staff: Decimal  # on companies' statements (net of credits)
    paid_for_individuals: Decimal  # participants without an employer (hub charges)
    expected: Decimal  # estimate for the open editions, as closing would use the budget

    @property
    def paid(self) -> Decimal:
        return self.paid_for_staff + self.paid_for_individuals

    @property
    def left(self) -> Decimal:
        return self.fund.budget - self.paid


def fund_overview(*, hub_id: int) -> list[FundRow]:
    """Per fund of the hub: who it paid for on issued statements and hub charges, and what it
    is expected to pay for the open editions (an estimate until those periods are closed)."""
    funds = list(Fund.objects.filter(hub_id=hub_id).select_related("funder").order_by("name"))
    paid = defaultdict(lambda: [Decimal("0.00"), Decimal("0.00")])
    hours: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for fund_id, kind, amount, enrolment_id, study_hours in StatementLine.objects.filter(
        fund__hub_id=hub_id
    ).values_list("fund_id", "kind", "amount", "enrolment_id", "edition__course__study_hours"):
        paid[fund_id][0] -= amount
        if kind == StatementLine.Kind.SUBSIDY:
            hours[fund_id][enrolment_id] = Decimal(study_hours or 0)
    for fund_id, amount, enrolment_id, study_hours in HubCharge.objects.filter(
        hub_id=hub_id, fund__isnull=False
    ).values_list("fund_id", "subsidy", "enrolment_id", "edition__course__study_hours"):
        paid[fund_id][1] += amount
        hours[fund_id][enrolment_id] = Decimal(study_hours or 0)
    expected: dict[int, int] = defaultdict(int)
    open_editions = Edition.objects.filter(hub_id=hub_id).exclude(
        status__in=(Edition.Status.DRAFT, Edition.Status.CANCELLED)
    )
    for costs in live_costs(open_editions.exclude(price__closed_at__isnull=False)).values():
        for party in costs.parties.values():
            for seat in party.seats:
                if seat.fund is not None:
                    expected[seat.fund.pk] += seat.subsidy
    return [
        FundRow(
            fund=fund,
            participants=len(hours[fund.pk]),
            hours=sum(hours[fund.pk].values(), Decimal(0)),
            paid_for_staff=paid[fund.pk][0],
            paid_for_individuals=paid[fund.pk][1],
            expected=money.euros(expected[fund.pk]),
        )
        for fund in funds
    ]


def hub_charges_of(*, hub_id: int) -> QuerySet[HubCharge]:
    return HubCharge.objects.filter(hub_id=hub_id).select_related(
        "period", "edition__course", "person", "fund"
    )


# --- one participant: the price of a seat, the fee of a cancellation ------------------------
# For the enrol page and the cancel confirmation (flows, issue 11); the same rules as
# `costs_for_editions`, for one seat that is about to be taken or given back.


def _members_of(hub_id: int) -> set[int]:
    return set(
        Membership.objects.filter(hub_id=hub_id, status=Membership.Status.MEMBER).values_list(
            "organisation_id", flat=True
        )
    )


def _price_of(edition: Edition) -> EditionPrice | None:
    return (
        EditionPrice.objects.filter(edition=edition)
        .prefetch_related("tiers", "fixed_shares")
        .first()
    )


@dataclass(frozen=True)
class SeatQuote:
    """What one new participant would pay now (cents excl. VAT), and the cancellation rule."""

    model: str
    member: bool
    share: int  # the seat's price (its share of a joint purchase)
    subsidy: int  # the part a fund pays
    fund: Fund | None
    free_until: dt.datetime | None  # free cancellation until (None: always free of charge)
    late_percent: int  # of the seat's price, after free_until

    @property
    def to_pay(self) -> int:
        return self.share - self.subsidy

    def euros(self, name: str) -> Decimal:
        return money.euros(getattr(self, name))


def seat_quote(*, edition: Edition, person: Person, organisation_id: int | None) -> SeatQuote:
    """The price `person` would pay for a seat in `edition` taken now for `organisation_id`
    (their employer, or None: in their own name, at the member price as the hub's own
    participant), with the share a fund pays. An estimate: a joint purchase's share falls as
    others join, and a fund's budget may run out before the period is closed."""
    price = _price_of(edition)
    rule = price_rule(price, edition)
    members = _members_of(edition.hub_id)

    def is_member(org_id: int | None) -> bool:
        return org_id is None or org_id in members

    seated = list(
        Enrolment.objects.filter(edition=edition, status__in=BILLABLE).values_list(
            "pk", "organisation_id"
        )
    )
    new_key = "new"
    seats = [money.Seat(pk, org, is_member(org)) for pk, org in seated]
    seats.append(money.Seat(new_key, organisation_id, is_member(organisation_id)))
    split = money.split(rule, seats)
    seat = SeatCost(
        Enrolment(edition=edition, person=person, organisation_id=organisation_id),
        split.seat_share[new_key],
    )
    sectors: set[int] = set()
    if organisation_id is not None:
        membership = (
            Membership.objects.filter(
                hub_id=edition.hub_id,
                organisation_id=organisation_id,
                status=Membership.Status.MEMBER,
            )
            .prefetch_related("sectors")
            .first()
        )
        sectors = {s.pk for s in membership.sectors.all()} if membership else set()
    _Funds({edition.hub_id}).apply(seat, edition, sectors)
    free_until = (price.free_cancellation_until if price else None) or edition.cancellation_deadline
    return SeatQuote(
        model=rule.model,
        member=is_member(organisation_id),
        share=seat.share,
        subsidy=seat.subsidy,
        fund=seat.fund,
        free_until=free_until,
        late_percent=price.late_cancellation_percent if price else 0,
    )


@dataclass(frozen=True)
class CancellationFee:
    free_until: dt.datetime | None
    late: bool  # cancelling now is after the free cancellation deadline
    percent: int
    fee: int  # cents excl. VAT, 0 when free

    def euros(self) -> Decimal:
        return money.euros(self.fee)


def cancellation_fee(*, enrolment: Enrolment, at: dt.datetime | None = None) -> CancellationFee:
    """The fee `enrolment` would cost if cancelled at `at` (default now): as the statements
    compute it, a percentage of what the seat costs after it is given back. Only a seat holder
    pays one; waiting or pending enrolments cancel free of charge."""
    edition = enrolment.edition
    price = _price_of(edition)
    free_until = (price.free_cancellation_until if price else None) or edition.cancellation_deadline
    percent = price.late_cancellation_percent if price else 0
    late = free_until is not None and (at or timezone.now()) > free_until
    fee = 0
    if late and percent and enrolment.status in BILLABLE:
        rule = price_rule(price, edition)
        members = _members_of(edition.hub_id)

        def is_member(org_id: int | None) -> bool:
            return org_id is None or org_id in members

        others = (
            Enrolment.objects.filter(edition=edition, status__in=BILLABLE)
            .exclude(pk=enrolment.pk)
            .values_list("pk", "organisation_id")
        )
        split = money.split(rule, [money.Seat(pk, org, is_member(org)) for pk, org in others])
        base = _fee_base(rule, split, is_member(enrolment.organisation_id))
        fee = money.percent_of(base, percent)
    return CancellationFee(free_until=free_until, late=late, percent=percent, fee=fee)
