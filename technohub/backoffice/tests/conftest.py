"""The people every back-office test needs, and the per-role access check.

Hub `hub` has a member company with a contact; `other_hub` has its own company and coordinator.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

# What each role gets on a page of `hub`: the login page, 403, 200 (or the page's own OK), 404.
EXPECTED = {
    "anonymous": "login",
    "learner": 403,
    "contact": 403,
    "other_contact": 403,
    "trainer": 403,
    "coordinator": "ok",
    "other_coordinator": 404,
}


@pytest.fixture
def world(db):
    hub, other_hub = HubFactory(), HubFactory()
    company = OrganisationFactory()
    MembershipFactory(hub=hub, organisation=company)
    other_company = OrganisationFactory()
    MembershipFactory(hub=other_hub, organisation=other_company)
    users = {
        "anonymous": None,
        "learner": learner_user(employer=company),
        "contact": contact_user(company),
        "other_contact": contact_user(other_company),
        "trainer": trainer_user(employer=None),
        "coordinator": coordinator_user(hub),
        "other_coordinator": coordinator_user(other_hub),
    }
    return SimpleNamespace(
        hub=hub,
        other_hub=other_hub,
        company=company,
        other_company=other_company,
        users=users,
        coordinator=users["coordinator"],
        other_coordinator=users["other_coordinator"],
    )


@pytest.fixture(params=list(EXPECTED))
def role(request):
    return request.param


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world.coordinator)
    return client


def check_access(client, world, role, url, *, method="get", data=None, ok=200):
    """Request `url` as `role` and assert the outcome the role must get."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    expected = EXPECTED[role]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("portal:login"))
    elif expected == "ok":
        assert response.status_code == ok, response.content[:500]
    else:
        assert response.status_code == expected
    return response
