"""Contributions in kind recorded by companies: proposed → confirmed (or not accepted, with a
reason); confirmed ones are listed on the company's next statement, never as money owed;
sane bounds in the service, the model and the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from technohub.catalogue.tests.factories import EditionFactory
from technohub.hubs.errors import NotAllowed, NotFound
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import OrganisationFactory, contact_user, coordinator_user
from technohub.pricing import services
from technohub.pricing.errors import ContributionDecided, InvalidContribution
from technohub.pricing.models import Contribution, Statement
from technohub.pricing.selectors import company_contributions, contribution_ledger
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture
def world():
    return joint_world(bogro=2, vliet=1)


def propose(world, **overrides):
    values = {
        "edition": world.edition,
        "organisation": world.a,
        "kind": "trainer_hours",
        "description": "Onze monteur geeft de praktijkavonden",
        "quantity": Decimal("20"),
        "unit_value": Decimal("65.00"),
        "actor": world.contact_a,
        **overrides,
    }
    return services.contribution_propose(**values)


def test_a_contact_proposes_and_the_coordinator_confirms_audited(world):
    contribution = propose(world)
    assert contribution.status == Status.PROPOSED and contribution.value == Decimal("1300.00")
    assert contribution.source == Contribution.Source.PORTAL
    # not counted while proposed
    assert company_contributions(organisation=world.a).given_total == 0
    services.contribution_confirm(contribution=contribution, actor=world.coordinator)
    contribution.refresh_from_db()
    assert contribution.status == Status.CONFIRMED and contribution.decided_by == world.coordinator
    assert company_contributions(organisation=world.a).given_total == Decimal("1300.00")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"contribution.proposed", "contribution.confirmed"} <= actions
    with pytest.raises(ContributionDecided):
        services.contribution_confirm(contribution=contribution, actor=world.coordinator)


def test_rejecting_needs_a_reason_the_company_sees(world):
    contribution = propose(world)
    with pytest.raises(InvalidContribution):
        services.contribution_reject(contribution=contribution, actor=world.coordinator, reason=" ")
    services.contribution_reject(
        contribution=contribution, actor=world.coordinator, reason="Al door de hub betaald"
    )
    contribution.refresh_from_db()
    assert contribution.status == Status.REJECTED
    assert contribution.rejection_reason == "Al door de hub betaald"
    with pytest.raises(ContributionDecided):
        services.contribution_reject(contribution=contribution, actor=world.coordinator, reason="x")


def test_only_the_companys_contact_proposes_and_only_this_hubs_coordinator_decides(world):
    with pytest.raises(NotAllowed):
        propose(world, actor=world.contact_b)  # another company's contact
    with pytest.raises(NotAllowed):
        propose(world, actor=world.coordinator)  # the hub records with contribution_record
    contribution = propose(world)
    for actor in (world.contact_a, coordinator_user(world.other_hub)):
        with pytest.raises(NotAllowed):
            services.contribution_confirm(contribution=contribution, actor=actor)


def test_only_editions_the_company_takes_part_in_or_supplies(world):
    stranger = OrganisationFactory()
    with pytest.raises(NotFound):
        propose(world, organisation=stranger, actor=contact_user(stranger))
    other_hub_edition = EditionFactory(course__hub=world.other_hub, status="published")
    with pytest.raises(NotFound):
        propose(world, edition=other_hub_edition)
    draft = EditionFactory(course__hub=world.hub, status="draft")
    with pytest.raises(NotFound):
        propose(world, edition=draft)
    # a planned edition of its hub it sends nobody to: it may supply it
    planned = EditionFactory(course__hub=world.hub, status="published")
    assert propose(world, edition=planned).edition == planned


@pytest.mark.parametrize(
    ("kind", "quantity", "unit_value"),
    [
        ("trainer_hours", Decimal("1e23"), Decimal("65")),
        ("trainer_hours", Decimal("0.1"), Decimal("65")),
        ("trainer_hours", Decimal("2000.01"), Decimal("65")),
        ("materials", Decimal("0"), Decimal("10")),
        ("materials", Decimal("10000.01"), Decimal("1")),
        ("materials", Decimal("1.001"), Decimal("1")),
        ("materials", Decimal("1"), Decimal("-1")),
        ("materials", Decimal("1"), Decimal("1000000.01")),
        ("materials", Decimal("2"), Decimal("600000")),  # 1.2 million in all
        ("materials", Decimal("NaN"), Decimal("1")),
        ("materials", Decimal("1"), Decimal("Infinity")),
        ("gold", Decimal("1"), Decimal("1")),
    ],
)
def test_out_of_bounds_is_refused_and_nothing_is_stored(world, kind, quantity, unit_value):
    with pytest.raises(InvalidContribution):
        propose(world, kind=kind, quantity=quantity, unit_value=unit_value)
    with pytest.raises(InvalidContribution):
        services.contribution_record(
            edition=world.edition,
            organisation=world.a,
            kind=kind,
            description="x",
            quantity=quantity,
            unit_value=unit_value,
            actor=world.coordinator,
        )
    assert not Contribution.objects.exists()


def test_the_bounds_themselves_are_allowed(world):
    assert propose(world, quantity=Decimal("0.25")).value == Decimal("16.25")
    assert propose(world, quantity=Decimal("2000"), unit_value=Decimal("500")).value == Decimal(
        "1000000.00"
    )


def test_the_model_and_database_bound_what_they_store(world):
    contribution = propose(world)
    contribution.quantity = Decimal("20000")
    with pytest.raises(ValidationError):
        contribution.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(quantity=Decimal("20000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(value=Decimal("1000000.01"))


def test_confirmed_contributions_are_on_the_next_statement_never_as_money_owed(world):
    given = propose(world)
    services.contribution_confirm(contribution=given, actor=world.coordinator)
    waiting = propose(world, description="Nog niet bevestigd")
    statements = services.period_close(period=world.period, actor=world.coordinator)
    mine = Statement.objects.get(organisation=world.a)
    given.refresh_from_db()
    assert given.statement == mine and mine.contribution_total == Decimal("1300.00")
    # the amounts owed are those of the participation only
    assert mine.total_excl_vat == sum(line.amount for line in mine.lines.all())
    waiting.refresh_from_db()
    assert waiting.statement is None
    assert Statement.objects.get(organisation=world.b).contribution_total == 0
    assert len(statements) == 2
    # confirmed after its edition was billed: on the company's next statement
    services.contribution_confirm(contribution=waiting, actor=world.coordinator)
    later = services.period_create(
        hub=world.hub,
        name="Volgende",
        starts_on=world.period.ends_on + dt.timedelta(days=1),
        ends_on=world.period.ends_on + dt.timedelta(days=90),
        actor=world.coordinator,
    )
    (next_one,) = services.period_close(period=later, actor=world.coordinator)
    waiting.refresh_from_db()
    assert next_one.organisation == world.a and waiting.statement == next_one
    assert next_one.total_incl_vat == 0 and next_one.contribution_total == Decimal("1300.00")


def test_the_ledger_of_a_period_counts_confirmed_contributions_per_company(world):
    services.contribution_confirm(contribution=propose(world), actor=world.coordinator)
    propose(world, description="wacht")
    services.contribution_record(
        edition=world.edition,
        organisation=world.b,
        kind="materials",
        description="Koperleiding",
        quantity=Decimal("1"),
        unit_value=Decimal("250"),
        actor=world.coordinator,
    )
    ledger = contribution_ledger(period=world.period)
    assert [r.organisation for r in ledger.rows] == [world.a, world.b]
    assert ledger.total == Decimal("1550.00") and ledger.awaiting == 1
    assert dict(ledger.by_kind) == {
        "Traineruren": Decimal("1300.00"),
        "Materiaal": Decimal("250.00"),
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL never stored such a value")
def test_the_migration_makes_a_stored_1e23_readable_again(world):
    import importlib

    migration = importlib.import_module(
        "technohub.pricing.migrations.0003_contributions_status_bounds_deliveries"
    )
    contribution = propose(world)
    with connection.cursor() as cursor:  # as the old data was: no constraint then
        cursor.execute("PRAGMA ignore_check_constraints = 1")
        cursor.execute(
            "UPDATE pricing_contribution SET quantity = 1e23, value = 6.5e24 WHERE id = %s",
            [contribution.pk],
        )
        cursor.execute("PRAGMA ignore_check_constraints = 0")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.clean_out_of_bounds(None, editor)
    contribution.refresh_from_db()
    assert contribution.status == Status.REJECTED and contribution.value == 0
    assert "1e+23" in contribution.rejection_reason
    assert company_contributions(organisation=world.a).given_total == 0
