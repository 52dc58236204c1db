"""GET /api/v1/editions/{id}/costs and /api/v1/statements: own company only, per caller."""

import pytest

from technohub.hubs.tests.factories import (
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.hubs.tokens import token_create
from technohub.pricing import services
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def world():
    world = joint_world(bogro=5, vliet=3)
    _, world.key_a = token_create(organisation=world.a, name="HR", actor=None)
    _, world.key_b = token_create(organisation=world.b, name="HR", actor=None)
    return world


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_costs_for_the_callers_company(client, world):
    url = f"/api/v1/editions/{world.edition.pk}/costs"
    body = client.get(url, **auth(world.key_a)).json()
    assert body["share"] == "2437.50" and body["alone_price"] == "3500.00"
    assert body["saving"] == "1062.50" and body["participants"] == 5 and not body["final"]
    other = client.get(url, **auth(world.key_b)).json()
    assert other["share"] == "1462.50" and other["participants"] == 3


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
    for url in (f"/api/v1/editions/{world.edition.pk}/costs", "/api/v1/statements"):
        response = client.get(url)
        assert response.status_code == 401 and response["Content-Type"].startswith(PROBLEM)


def test_statements_only_of_the_own_company_and_bad_input_is_4xx(client, world):
    services.period_close(period=world.period, actor=world.coordinator)
    mine = client.get("/api/v1/statements", **auth(world.key_a)).json()
    theirs = client.get("/api/v1/statements", **auth(world.key_b)).json()
    assert mine["count"] == 1 and theirs["count"] == 1
    assert mine["items"][0]["reference"] != theirs["items"][0]["reference"]
    assert mine["items"][0]["saving"] == "1062.50"
    final = client.get(f"/api/v1/editions/{world.edition.pk}/costs", **auth(world.key_a)).json()
    assert final["final"] is True
    for url in (
        "/api/v1/editions/0/costs",
        "/api/v1/editions/99999999/costs",
        "/api/v1/statements?limit=0",
    ):
        response = client.get(url, **auth(world.key_a))
        assert response.status_code in (400, 404) and response["Content-Type"].startswith(PROBLEM)


def test_openapi_lists_the_cost_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/editions/{edition_id}/costs" in paths and "/api/v1/statements" in paths
