"""Live shares, closing a period, gapless numbers, frozen lines, credit lines, funds, VAT."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from technohub.enrolment.services import enrolment_cancel
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import coordinator_user
from technohub.pricing import selectors, services
from technohub.pricing.errors import InvalidPrice, PeriodClosed, PeriodOverlaps, PriceClosed
from technohub.pricing.models import Fund, Statement, StatementLine
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db


def test_shares_fall_as_another_company_joins():
    world = joint_world(bogro=5, vliet=0)
    alone = selectors.edition_costs(world.edition).party(world.a.pk)
    assert alone.share == alone.alone == 350_000  # 1500 + 5 × 400
    world = joint_world(bogro=5, vliet=3)
    costs = selectors.edition_costs(world.edition)
    a, b = costs.party(world.a.pk), costs.party(world.b.pk)
    assert costs.total == 390_000 and a.share + b.share == costs.total
    assert (a.share, a.alone, a.saving) == (243_750, 350_000, 106_250)
    assert (b.share, b.alone) == (146_250, 270_000)


def test_split_equally_per_company():
    world = joint_world(bogro=5, vliet=3)
    services.edition_price_set(
        edition=world.edition,
        actor=world.coordinator,
        model="joint_purchase",
        fixed_cost=Decimal("1500"),
        per_participant_cost=Decimal("400"),
        tiers=[(8, Decimal("300"))],
        split_rule="equal",
    )
    costs = selectors.edition_costs(world.edition)
    assert costs.party(world.a.pk).share == costs.party(world.b.pk).share == 195_000


def test_invalid_prices_are_refused_and_nothing_changes():
    world = joint_world(bogro=1, vliet=1)
    for bad in (
        {"per_participant_cost": Decimal("-1")},
        {"tiers": [(1, Decimal("10"))]},
        {"split_rule": "fixed", "fixed_shares": [(world.a, Decimal("60"))]},
    ):
        with pytest.raises(InvalidPrice):
            services.edition_price_set(
                edition=world.edition, actor=world.coordinator, model="joint_purchase", **bad
            )
    assert world.edition.price.tiers.count() == 1
    with pytest.raises(NotAllowed):
        services.edition_price_set(
            edition=world.edition, actor=coordinator_user(world.other_hub), model="entre_nous"
        )


def test_closing_issues_numbered_statements_and_freezes_costs():
    world = joint_world(bogro=5, vliet=3)
    statements = services.period_close(period=world.period, actor=world.coordinator)
    assert [s.organisation for s in statements] == [world.a, world.b]
    assert [s.number for s in statements] == [1, 2]
    first = statements[0]
    assert first.total_excl_vat == Decimal("2437.50") and first.alone_total == Decimal("3500.00")
    assert first.saving == Decimal("1062.50")
    assert first.lines.filter(kind="share").count() == 5
    assert AuditEntry.objects.filter(action="statement.issued").count() == 2
    world.edition.price.refresh_from_db()
    assert world.edition.price.closed_at is not None
    with pytest.raises(PriceClosed):
        services.edition_price_set(
            edition=world.edition, actor=world.coordinator, model="entre_nous"
        )
    with pytest.raises(PeriodClosed):
        services.period_close(period=world.period, actor=world.coordinator)
    # the company page now reads the frozen lines
    (row,) = selectors.company_costs(organisation=world.a)
    assert row.frozen and row.share == Decimal("2437.50") and row.participants == 5


def test_late_cancellation_after_issue_is_a_credit_line_on_the_next_statement():
    world = joint_world(bogro=2, vliet=1)
    price = world.edition.price
    price.late_cancellation_percent = 50
    price.free_cancellation_until = timezone.now() - dt.timedelta(days=1)
    price.save()
    (first, _b) = services.period_close(period=world.period, actor=world.coordinator)
    billed = first.lines.get(enrolment=world.enrolled_a[0])
    enrolment_cancel(enrolment=world.enrolled_a[0], actor=world.coordinator)
    snapshot = list(first.lines.values_list("amount", flat=True))
    later = world.period.ends_on + dt.timedelta(days=1)
    nxt = services.period_create(
        hub=world.hub,
        name="Volgend",
        starts_on=later,
        ends_on=later + dt.timedelta(days=90),
        actor=world.coordinator,
    )
    statements = services.period_close(period=nxt, actor=world.coordinator)
    (credit_statement,) = statements
    assert credit_statement.number == 3 and credit_statement.organisation == world.a
    credit = credit_statement.lines.get(kind="credit")
    assert credit.credit_for == billed
    assert credit.amount == -(billed.amount / 2)  # 50 % is kept: a late cancellation
    assert list(first.lines.values_list("amount", flat=True)) == snapshot
    with pytest.raises(PeriodOverlaps):
        services.period_create(
            hub=world.hub, name="Dubbel", starts_on=later, ends_on=later, actor=world.coordinator
        )


def test_fund_pays_a_percentage_up_to_its_budget_and_vat_per_line():
    world = joint_world(bogro=2, vliet=2)
    services.course_vat_set(
        course=world.edition.course, vat_rate=Decimal("21"), actor=world.coordinator
    )
    services.fund_save(
        hub=world.hub,
        actor=world.coordinator,
        name="OOM",
        coverage=Fund.Coverage.PERCENT,
        percent=Decimal("50"),
        budget=Decimal("1000"),
        members=[world.a],
    )
    costs = selectors.edition_costs(world.edition)
    a, b = costs.party(world.a.pk), costs.party(world.b.pk)
    # 1500 + 4 × 400 = 3100; Bogro 1550, half of each seat (387.50 + 387.50) up to 1000 budget
    assert a.share == 155_000 and a.subsidy == 77_500 and b.subsidy == 0
    (sa, sb) = services.period_close(period=world.period, actor=world.coordinator)
    assert sa.subsidy_total == Decimal("775.00")
    # VAT per line, rounded per line: 2 × 162.75 − 2 × 81.38
    assert sa.total_excl_vat == Decimal("775.00") and sa.vat_total == Decimal("162.74")
    line = sa.lines.filter(kind="share").first()
    assert line.vat_rate == Decimal("21.0") and line.vat_amount == Decimal("162.75")
    assert StatementLine.objects.filter(kind="subsidy", fund__name="OOM").count() == 2


def test_numbers_are_gapless_per_hub():
    world = joint_world(bogro=1, vliet=1)
    services.period_close(period=world.period, actor=world.coordinator)
    numbers = sorted(Statement.objects.filter(hub=world.hub).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_contributions_given_and_received():
    world = joint_world(bogro=3, vliet=1)
    services.contribution_record(
        edition=world.edition,
        organisation=world.a,
        kind="trainer_hours",
        description="Richard geeft les",
        quantity=Decimal("10"),
        unit_value=Decimal("75"),
        actor=world.coordinator,
    )
    mine = selectors.company_contributions(organisation=world.a)
    theirs = selectors.company_contributions(organisation=world.b)
    assert mine.given_total == Decimal("750.00") and mine.received_total == 0
    assert theirs.given_total == 0 and theirs.received_total == Decimal("187.50")
