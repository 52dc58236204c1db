"""A hub with four member companies, a non-member one, and one user per role."""

from types import SimpleNamespace

import pytest

from technohub.demand.tests.factories import member_company
from technohub.hubs.models import StartTeam
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    SectorFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)


@pytest.fixture
def world(db):
    hub, other_hub = HubFactory(slug="woerden"), HubFactory()
    sector = SectorFactory(hub=hub, code="pie-installatie", name="PIE installatie & elektro")
    other_sector = SectorFactory(hub=hub, code="bwi", name="BWI")
    a, b, c, d = (member_company(hub, name=f"Bedrijf {x}") for x in "ABCD")
    outsider = OrganisationFactory(name="Buitenstaander BV")
    teacher = learner_user(employer=None, first_name="Ahmed")
    team = StartTeam.objects.create(sector=sector)
    team.members.add(teacher.person)
    users = {
        "anonymous": None,
        "learner": learner_user(employer=a),
        "contact_a": contact_user(a),
        "contact_b": contact_user(b),
        "outsider": contact_user(outsider),
        "trainer": trainer_user(),
        "teacher": teacher,
        "coordinator": coordinator_user(hub),
        "other_coordinator": coordinator_user(other_hub),
    }
    return SimpleNamespace(
        hub=hub, other_hub=other_hub, sector=sector, other_sector=other_sector,
        a=a, b=b, c=c, d=d, outsider=outsider, users=users,
    )  # fmt: skip


@pytest.fixture
def login(client, world):
    def as_role(role: str):
        user = world.users[role]
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return as_role
