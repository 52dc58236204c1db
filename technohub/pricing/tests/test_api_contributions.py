"""POST/GET /api/v1/contributions: a company's own contributions in kind, for its token."""

from decimal import Decimal

import pytest

from technohub.catalogue.tests.factories import EditionFactory
from technohub.hubs.tests.factories import (
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.hubs.tokens import token_create
from technohub.pricing import services
from technohub.pricing.models import Contribution
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
URL = "/api/v1/contributions"


@pytest.fixture
def world():
    world = joint_world(bogro=2, vliet=1)
    world.token_a, world.key_a = token_create(organisation=world.a, name="HR", actor=None)
    _, world.key_b = token_create(organisation=world.b, name="HR", actor=None)
    return world


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def body(world, **overrides):
    return {
        "edition_id": world.edition.pk,
        "kind": "trainer_hours",
        "description": "Onze monteur geeft de praktijkavonden",
        "quantity": "20",
        "unit_value": "65.00",
        **overrides,
    }


def post(client, key, data):
    return client.post(URL, data, content_type="application/json", **auth(key))


def test_a_token_records_a_proposed_contribution_and_lists_only_its_own(client, world):
    response = post(client, world.key_a, body(world))
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["status"] == "proposed" and made["value"] == "1300.00"
    contribution = Contribution.objects.get(pk=made["id"])
    assert contribution.organisation == world.a and contribution.token == world.token_a
    assert contribution.source == Contribution.Source.API
    # the other company's token sees none of it
    assert client.get(URL, **auth(world.key_b)).json()["count"] == 0
    mine = client.get(URL, **auth(world.key_a)).json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == made["id"]
    # confirmed by the hub: the status shows, and the filter works
    services.contribution_confirm(contribution=contribution, actor=world.coordinator)
    assert client.get(URL + "?status=confirmed", **auth(world.key_a)).json()["count"] == 1
    assert client.get(URL + "?status=proposed", **auth(world.key_a)).json()["count"] == 0


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"quantity": "1e23"}, 400),
        ({"quantity": "0.1"}, 400),  # trainer hours from 0.25
        ({"quantity": "2000.5"}, 400),
        ({"kind": "materials", "quantity": "2", "unit_value": "600000"}, 400),
        ({"unit_value": "-1"}, 400),
        ({"quantity": "1.005"}, 400),
        ({"kind": "gold"}, 400),
        ({"description": "   "}, 400),
        ({"description": "x" * 201}, 400),
        ({"edition_id": 0}, 400),
        ({"edition_id": 2**70}, 400),
        ({"edition_id": 99999999}, 404),
        ({"quantity": "NaN"}, 400),
        ({"quantity": "Infinity"}, 400),
    ],
)
def test_bad_input_is_a_problem_and_nothing_is_stored(client, world, overrides, status):
    response = post(client, world.key_a, body(world, **overrides))
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert not Contribution.objects.exists()


def test_an_edition_of_another_hub_or_a_draft_is_not_found(client, world):
    for edition in (
        EditionFactory(course__hub=world.other_hub, status="published"),
        EditionFactory(course__hub=world.hub, status="draft"),
    ):
        response = post(client, world.key_a, body(world, edition_id=edition.pk))
        assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "role", ["anonymous", "learner", "contact", "trainer", "coordinator", "other_coordinator"]
)
def test_session_users_and_anonymous_get_401(client, world, role):
    users = {
        "anonymous": None,
        "learner": learner_user(employer=world.a),
        "contact": contact_user(world.a),
        "trainer": trainer_user(),
        "coordinator": coordinator_user(world.hub),
        "other_coordinator": coordinator_user(world.other_hub),
    }
    if users[role] is not None:
        client.force_login(users[role])
    assert client.get(URL).status_code == 401
    response = client.post(URL, body(world), content_type="application/json")
    assert response.status_code == 401 and response["Content-Type"].startswith(PROBLEM)
    assert not Contribution.objects.exists()


def test_statements_show_the_contributions_in_kind_and_openapi_states_the_bounds(client, world):
    contribution = services.contribution_record(
        edition=world.edition,
        organisation=world.a,
        kind="materials",
        description="Koperleiding",
        quantity=Decimal("1"),
        unit_value=Decimal("250"),
        actor=world.coordinator,
    )
    services.period_close(period=world.period, actor=world.coordinator)
    item = client.get("/api/v1/statements", **auth(world.key_a)).json()["items"][0]
    assert item["contributions_in_kind"] == "250.00"
    listed = client.get(URL, **auth(world.key_a)).json()["items"][0]
    assert listed["id"] == contribution.pk and listed["statement"] == item["reference"]
    schema = client.get("/api/v1/openapi.json").json()
    props = schema["components"]["schemas"]["ContributionIn"]["properties"]
    quantity = props["quantity"]
    text = str(quantity)
    assert "10000" in text and "0.01" in text
    assert "/api/v1/contributions" in schema["paths"]
    assert set(schema["paths"]["/api/v1/contributions"]) == {"get", "post"}
