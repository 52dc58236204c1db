"""GET /api/v1/topics and POST /api/v1/needs: company tokens only, problems for bad input."""

import pytest

from technohub.demand.models import Need
from technohub.demand.tests.factories import need
from technohub.hubs.tokens import token_create

PROBLEM = "application/problem+json"


def bearer(organisation) -> dict[str, str]:
    _token, key = token_create(organisation=organisation, name="HR", actor=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def keys(world):
    return {"a": bearer(world.a), "d": bearer(world.d), "outsider": bearer(world.outsider)}


@pytest.mark.parametrize(
    "role", ["anonymous", "learner", "contact_a", "trainer", "teacher", "coordinator"]
)
def test_a_browser_session_is_not_enough(world, login, role):
    client = login(role)
    for response in (
        client.get("/api/v1/topics"),
        client.post("/api/v1/needs", {}, content_type="application/json"),
    ):
        assert response.status_code == 401
        assert response["Content-Type"].startswith(PROBLEM)


def test_topics_are_what_the_tokens_company_may_see(world, client, keys):
    for company in (world.b, world.c):
        need(world.hub, company, "warmtepomp basis", confidentiality="open")
    need(world.hub, world.d, "warmtepomp basis", confidentiality="coordinator")
    assert client.get("/api/v1/topics", **keys["a"]).json() == []  # 2 counted others < k
    need(world.hub, world.a, "warmtepomp installeren", people=2)
    assert client.get("/api/v1/topics", **keys["a"]).json() == []  # own need does not help
    [topic] = client.get("/api/v1/topics", **keys["d"]).json()  # A, B, C counted for D
    assert topic["companies_at_least"] == 3 and topic["your_people"] == 0
    assert topic["named_companies"] == ["Bedrijf B", "Bedrijf C"]
    assert client.get("/api/v1/topics", **keys["outsider"]).json() == []
    assert client.get("/api/v1/topics?hub=elders", **keys["d"]).json() == []


def test_post_a_need_for_the_own_company(world, client, keys):
    payload = {"hub": "woerden", "text": "warmtepomp basis", "people": 3, "daypart": "evening",
               "weekdays": [1, 3], "confidentiality": "open"}  # fmt: skip
    response = client.post("/api/v1/needs", payload, content_type="application/json", **keys["a"])
    assert response.status_code == 201, response.content
    created = Need.objects.get(pk=response.json()["id"])
    assert created.organisation == world.a and created.source == "api" and created.topic
    assert created.weekdays == [1, 3]


@pytest.mark.parametrize(
    "payload",
    [
        {"hub": "woerden", "text": "", "people": 3},
        {"hub": "woerden", "text": "x", "people": 0},
        {"hub": "woerden", "text": "x", "people": 3, "confidentiality": "secret"},
        {"hub": "woerden", "text": "x", "people": 3, "weekdays": [7]},
        {"hub": "woerden", "text": "a\x00b", "people": 3},
        {"text": "x", "people": 3},
    ],
)
def test_bad_input_is_a_400_problem_and_creates_nothing(world, client, keys, payload):
    response = client.post("/api/v1/needs", payload, content_type="application/json", **keys["a"])
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert Need.objects.count() == 0


def test_a_hub_the_company_is_not_in_is_not_found(world, client, keys):
    payload = {"hub": world.other_hub.slug, "text": "VCA", "people": 1}
    for key in (keys["a"], keys["outsider"]):
        response = client.post("/api/v1/needs", payload, content_type="application/json", **key)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Need.objects.count() == 0


def test_both_endpoints_are_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths["/api/v1/topics"] and "post" in paths["/api/v1/needs"]
    assert paths["/api/v1/needs"]["post"]["security"] == [{"CompanyToken": []}]
