"""Given-state for the API tests: two hubs, two companies with tokens, a user per role."""

from dataclasses import dataclass

import pytest

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.hubs.models import Hub, Organisation, User
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.hubs.tests.factories import contact_user as make_contact
from technohub.hubs.tokens import token_create, token_revoke

PROBLEM = "application/problem+json"

# Every kind of caller of a token endpoint that is not the owning company's live token.
SESSION_ROLES = [
    "anonymous",
    "learner",
    "contact_a",
    "contact_b",
    "trainer",
    "coordinator",
    "other_coordinator",
]


@dataclass
class World:
    hub: Hub
    other_hub: Hub
    company_a: Organisation
    company_b: Organisation
    key_a: str
    key_b: str
    revoked_key_a: str
    users: dict[str, User | None]

    def auth(self, key: str) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    @property
    def a(self) -> dict[str, str]:
        return self.auth(self.key_a)

    @property
    def b(self) -> dict[str, str]:
        return self.auth(self.key_b)


@pytest.fixture
def world(db) -> World:
    hub, other_hub = HubFactory(), HubFactory()
    company_a, company_b = OrganisationFactory(), OrganisationFactory()
    _, key_a = token_create(organisation=company_a, name="HR system", actor=None)
    _, key_b = token_create(organisation=company_b, name="HR system", actor=None)
    revoked, revoked_key_a = token_create(organisation=company_a, name="old", actor=None)
    contact_a = make_contact(company_a)
    token_revoke(token=revoked, actor=contact_a)
    users = {
        "anonymous": None,
        "learner": learner_user(employer=company_a),
        "contact_a": contact_a,
        "contact_b": make_contact(company_b),
        "trainer": trainer_user(),
        "coordinator": coordinator_user(hub),
        "other_coordinator": coordinator_user(other_hub),
    }
    return World(hub, other_hub, company_a, company_b, key_a, key_b, revoked_key_a, users)


@pytest.fixture
def as_role(client, world):
    """as_role("contact_a") → the test client logged in (session) as that role."""

    def login(role: str):
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return login


def open_edition(hub: Hub, **fields):
    edition = EditionFactory(course__hub=hub, **fields)
    SessionFactory(edition=edition)
    return edition


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM), response["Content-Type"]
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"].endswith("/" + code)
    assert body["title"] and body["detail"]
    return body
