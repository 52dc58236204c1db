"""The fund form (per role, bad input), fixed shares on the price form, participants without
an employer at closing, and live fund figures computed as closing would."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.services import enrolment_create
from technohub.hubs.models import AuditEntry, Person
from technohub.hubs.tests.factories import PersonFactory, SectorFactory
from technohub.pricing import services
from technohub.pricing.models import Fund, HubCharge
from technohub.pricing.selectors import company_costs, edition_costs, fund_overview
from technohub.pricing.tests.helpers import joint_world
from technohub.pricing.tests.test_pages import EXPECTED, ROLES, login
from technohub.pricing.tests.test_pages import world as world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

FUND = {
    "name": "SLIM-subsidie",
    "payer": "Gemeente Woerden, per kwartaal",
    "coverage": "fixed",
    "amount": "250",
    "budget": "5000",
    "learner_kinds": ["job_seeker"],
    "active": "on",
}


def _fund(world, **fields):
    return services.fund_save(
        hub=world.hub,
        actor=world.coordinator,
        name="OOM",
        coverage=Fund.Coverage.PERCENT,
        percent=Decimal("50"),
        budget=Decimal("1000"),
        **fields,
    )


@pytest.mark.parametrize("role", ROLES)
def test_fund_pages_only_for_this_hubs_coordinator(client, world, role):
    fund = _fund(world)
    login(client, world, role)
    slug = world.hub.slug
    create = reverse("backoffice:fund_create", args=[slug])
    edit = reverse("backoffice:fund_edit", args=[slug, fund.pk])
    assert client.get(create).status_code == EXPECTED[role]
    assert client.get(edit).status_code == EXPECTED[role]
    response = client.post(create, FUND)
    assert response.status_code == (302 if role in ("anonymous", "coordinator") else EXPECTED[role])
    assert Fund.objects.filter(name="SLIM-subsidie").exists() == (role == "coordinator")
    client.post(edit, {**FUND, "name": "Hacked"})
    fund.refresh_from_db()
    assert (fund.name == "Hacked") == (role == "coordinator")


def test_coordinator_creates_a_fund_for_job_seekers_and_a_sector(client, world):
    sector = SectorFactory(hub=world.hub)
    client.force_login(world.coordinator)
    url = reverse("backoffice:fund_create", args=[world.hub.slug])
    response = client.post(url, {**FUND, "sectors": [sector.pk], "members": [world.a.pk]})
    assert response.status_code == 302
    fund = Fund.objects.get(name="SLIM-subsidie")
    assert (fund.coverage, fund.amount, fund.budget) == ("fixed", Decimal("250"), Decimal("5000"))
    assert fund.learner_kinds == ["job_seeker"] and fund.payer.startswith("Gemeente")
    assert list(fund.sectors.all()) == [sector] and list(fund.members.all()) == [world.a]
    entry = AuditEntry.objects.get(action="fund.saved")
    assert entry.after["learner_kinds"] == ["job_seeker"]


def test_fund_form_bad_input_shows_dutch_field_errors_and_changes_nothing(client, world):
    fund = _fund(world)
    client.force_login(world.coordinator)
    url = reverse("backoffice:fund_edit", args=[world.hub.slug, fund.pk])
    for data, message in [
        ({**FUND, "coverage": "percent", "amount": ""}, "Vul het percentage in"),
        ({**FUND, "amount": ""}, "Vul het bedrag in"),
        ({**FUND, "coverage": "percent", "percent": "150"}, "hoogstens 100"),
        ({**FUND, "budget": "-1"}, "minstens 0"),
        ({**FUND, "learner_kinds": ["alien"]}, "Selecteer een geldige keuze"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), message
    fund.refresh_from_db()
    assert (fund.name, fund.percent) == ("OOM", Decimal("50.00"))


def test_a_fund_of_another_hub_is_not_found(client, world):
    other = services.fund_save(
        hub=world.other_hub,
        actor=None,
        name="Elders",
        coverage=Fund.Coverage.PERCENT,
        percent=Decimal("10"),
        budget=Decimal("100"),
    )
    client.force_login(world.coordinator)
    url = reverse("backoffice:fund_edit", args=[world.hub.slug, other.pk])
    assert client.get(url).status_code == 404


def _price_data(**extra):
    return {
        "form": "price",
        "price-model": "joint_purchase",
        "price-fixed_cost": "1500",
        "price-per_participant_cost": "400",
        "price-split_rule": "fixed",
        "price-vat_rate": "0",
        "price-late_cancellation_percent": "0",
        **extra,
    }


def test_fixed_shares_on_the_price_form_add_up_to_100():
    world = joint_world(bogro=5, vliet=3)
    from django.test import Client

    client = Client()
    client.force_login(world.coordinator)
    url = reverse("backoffice:edition_costs", args=[world.hub.slug, world.edition.pk])
    page = client.get(url).content.decode()
    assert f"price-share_{world.a.pk}" in page and f"price-share_{world.b.pk}" in page
    # shares of 50 + 40 are refused with a Dutch error, nothing changes
    bad = _price_data(**{f"price-share_{world.a.pk}": "50", f"price-share_{world.b.pk}": "40"})
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "samen moeten ze 100 % zijn" in response.content.decode()
    assert world.edition.price.split_rule == "per_participant"
    # 30 / 70: Van Vliet pays 70 % of 1,500 + 8 × 400 = 4,700
    good = _price_data(**{f"price-share_{world.a.pk}": "30", f"price-share_{world.b.pk}": "70"})
    assert client.post(url, good).status_code == 302
    costs = edition_costs(world.edition)
    assert costs.party(world.b.pk).share == 329000 and costs.party(world.a.pk).share == 141000


def test_job_seekers_fund_pays_and_the_hub_carries_the_rest_at_closing():
    # given a joint purchase with a job seeker, and a fund for job seekers of 250 each
    world = joint_world(bogro=2, vliet=1)
    seeker = PersonFactory(employer=None, learner_kind=Person.LearnerKind.JOB_SEEKER)
    enrolment_create(edition=world.edition, person=seeker, actor=world.coordinator)
    fund = services.fund_save(
        hub=world.hub,
        actor=world.coordinator,
        name="SLIM",
        coverage=Fund.Coverage.FIXED,
        amount=Decimal("250"),
        budget=Decimal("5000"),
        learner_kinds=[Person.LearnerKind.JOB_SEEKER],
    )
    # live: 1,500 + 4 × 400 = 3,100 over 4 participants: 775 each; the fund pays 250
    party = edition_costs(world.edition).parties[None]
    assert (party.share, party.subsidy) == (77500, 25000)
    row = fund_overview(hub_id=world.hub.pk)[0]
    assert row.expected == Decimal("250.00") and row.paid == 0
    # when the period is closed
    statements = services.period_close(period=world.period, actor=world.coordinator)
    # then no statement for the job seeker, a hub charge instead, and the fund overview counts it
    assert {s.organisation_id for s in statements} == {world.a.pk, world.b.pk}
    charge = HubCharge.objects.get()
    assert (charge.person, charge.fund, charge.share) == (seeker, fund, Decimal("775.00"))
    assert (charge.subsidy, charge.carried_by_hub) == (Decimal("250.00"), Decimal("525.00"))
    row = fund_overview(hub_id=world.hub.pk)[0]
    assert (row.participants, row.paid_for_individuals, row.expected) == (
        1,
        Decimal("250.00"),
        Decimal("0.00"),
    )
    assert row.left == Decimal("4750.00")
    # and the budget used is taken into account by later editions
    later = EditionFactory(
        course=world.edition.course, starts_on=world.period.ends_on + dt.timedelta(days=5)
    )
    services.edition_price_set(
        edition=later, actor=None, model="per_participant", member_price=Decimal("400")
    )
    other = PersonFactory(employer=None, learner_kind=Person.LearnerKind.JOB_SEEKER)
    enrolment_create(edition=later, person=other, actor=world.coordinator)
    fund.budget = Decimal("300")
    fund.save()
    assert edition_costs(later).parties[None].subsidy == 5000  # 300 - 250 left


def test_live_fund_figures_use_budgets_in_edition_order_as_closing_does():
    # given a fund with budget for one participant and two editions, the later one asked first
    world = joint_world(bogro=1, vliet=0)
    services.fund_save(
        hub=world.hub,
        actor=world.coordinator,
        name="Klein fonds",
        coverage=Fund.Coverage.FIXED,
        amount=Decimal("100"),
        budget=Decimal("100"),
        members=[world.a],
    )
    later = EditionFactory(
        course=world.edition.course, starts_on=world.edition.starts_on + dt.timedelta(days=7)
    )
    enrolment_create(
        edition=later,
        person=PersonFactory(employer=world.a),
        actor=world.contact_a,
        on_behalf_of=world.a,
    )
    # the company page lists the later edition first, but the earlier one uses the budget
    rows = {row.edition.pk: row for row in company_costs(organisation=world.a)}
    assert rows[world.edition.pk].subsidy == Decimal("100.00")
    assert rows[later.pk].subsidy == Decimal("0.00")
    assert edition_costs(later).party(world.a.pk).subsidy == 0
