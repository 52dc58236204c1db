"""Cost pages per role: the company's costs and statements (portal), the coordinator's pages."""

import pytest
from django.urls import reverse

from technohub.hubs.tests.factories import (
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.pricing import services
from technohub.pricing.models import Statement
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "learner",
    "contact",
    "other_contact",
    "trainer",
    "coordinator",
    "other_coordinator",
]


@pytest.fixture
def world():
    world = joint_world(bogro=2, vliet=1)
    services.period_close(period=world.period, actor=world.coordinator)
    world.statement = Statement.objects.get(organisation=world.a)
    world.users = {
        "anonymous": None,
        "learner": learner_user(employer=world.a),
        "contact": contact_user(world.a),
        "other_contact": contact_user(world.b),
        "trainer": trainer_user(),
        "coordinator": world.coordinator,
        "other_coordinator": coordinator_user(world.other_hub),
    }
    return world


def login(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])


@pytest.mark.parametrize("role", ROLES)
def test_company_cost_pages(client, world, role):
    login(client, world, role)
    pk = world.a.pk
    urls = [
        reverse("portal:company_costs", args=[pk]),
        reverse("portal:company_costs", args=[pk]) + "?formaat=csv",
        reverse("portal:company_costs", args=[pk]) + "?formaat=xlsx",
        reverse("portal:company_statement_csv", args=[pk, world.statement.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
        elif role == "contact":
            assert response.status_code == 200
            assert b"Van Vliet" not in response.content
        else:
            assert response.status_code == 404


def test_contact_sees_share_alone_and_saving_and_downloads_the_pdf(client, world):
    client.force_login(world.users["contact"])
    page = client.get(reverse("portal:company_costs", args=[world.a.pk])).content.decode()
    assert world.statement.reference in page and "Samen bespaard" in page
    response = client.get(
        reverse("portal:company_statement_pdf", args=[world.a.pk, world.statement.pk])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # another company's statement by id: not found
    other = Statement.objects.get(organisation=world.b)
    assert (
        client.get(reverse("portal:company_statement_pdf", args=[world.a.pk, other.pk])).status_code
        == 404
    )


EXPECTED = {
    "anonymous": 302,
    "learner": 403,
    "contact": 403,
    "other_contact": 403,
    "trainer": 403,
    "coordinator": 200,
    "other_coordinator": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_backoffice_cost_pages(client, world, role):
    login(client, world, role)
    slug = world.hub.slug
    for url in (
        reverse("backoffice:edition_costs", args=[slug, world.edition.pk]),
        reverse("backoffice:cost_periods", args=[slug]),
        reverse("backoffice:statement_csv", args=[slug, world.statement.pk]),
    ):
        assert client.get(url).status_code == EXPECTED[role], url


@pytest.mark.parametrize("role", ROLES)
def test_closing_a_period_only_by_this_hubs_coordinator(client, world, role):
    import datetime as dt

    period = services.period_create(
        hub=world.hub,
        name="Later",
        starts_on=world.period.ends_on + dt.timedelta(days=1),
        ends_on=world.period.ends_on + dt.timedelta(days=40),
        actor=world.coordinator,
    )
    login(client, world, role)
    response = client.post(reverse("backoffice:period_close", args=[world.hub.slug, period.pk]))
    period.refresh_from_db()
    assert response.status_code == (302 if role in ("anonymous", "coordinator") else EXPECTED[role])
    assert (period.closed_at is not None) == (role == "coordinator")


def test_coordinator_sets_a_price_with_tiers_and_bad_input_shows_errors(client, world):
    from technohub.catalogue.tests.factories import EditionFactory

    edition = EditionFactory(course__hub=world.hub)
    client.force_login(world.coordinator)
    url = reverse("backoffice:edition_costs", args=[world.hub.slug, edition.pk])
    data = {
        "form": "price",
        "price-model": "joint_purchase",
        "price-fixed_cost": "1500",
        "price-per_participant_cost": "400",
        "price-tier1_from": "8",
        "price-tier1_rate": "300",
        "price-split_rule": "per_participant",
        "price-vat_rate": "21",
        "price-late_cancellation_percent": "0",
    }
    assert client.post(url, data).status_code == 302
    edition.price.refresh_from_db()
    assert edition.price.tiers.get().from_participants == 8
    bad = {**data, "price-tier2_from": "12"}
    response = client.post(url, bad)
    assert (
        response.status_code == 400
        and "Vul beide in of geen van beide" in response.content.decode()
    )
    assert edition.price.tiers.count() == 1
    # a closed edition's price cannot change
    response = client.post(
        reverse("backoffice:edition_costs", args=[world.hub.slug, world.edition.pk]), data
    )
    assert response.status_code == 400
