import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.hubs.models import AuditEntry, StartTeam
from technohub.hubs.tests.factories import PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db


def url(hub):
    return reverse("backoffice:sectors", args=[hub.slug])


def test_access_per_role(client, world, role):
    check_access(client, world, role, url(world.hub))


def test_post_access_per_role(client, world, role):
    sector = SectorFactory(hub=world.hub)
    person = PersonFactory(employer=world.company)
    data = {"sector": sector.pk, "person": person.pk}
    check_access(client, world, role, url(world.hub), method="post", data=data, ok=302)
    in_team = StartTeam.objects.filter(sector=sector, members=person).exists()
    assert in_team == (role == "coordinator")


def test_lists_sectors_with_start_teams(coordinator_client, world, django_assert_max_num_queries):
    sectors = SectorFactory.create_batch(5, hub=world.hub)
    for sector in sectors:
        team = StartTeam.objects.create(sector=sector)
        team.members.add(*PersonFactory.create_batch(2, employer=world.company))
    foreign = SectorFactory(hub=world.other_hub, name="Elders")
    with django_assert_max_num_queries(9):
        response = coordinator_client.get(url(world.hub))
    listed = list(response.context["sectors"])
    assert {s.pk for s in listed} == {s.pk for s in sectors}
    assert all(len(s.start_team.members.all()) == 2 for s in listed)
    assert foreign.name not in response.content.decode()


def test_add_start_team_member(coordinator_client, world):
    sector = SectorFactory(hub=world.hub)
    person = PersonFactory(employer=world.company)
    response = coordinator_client.post(url(world.hub), {"sector": sector.pk, "person": person.pk})
    assert response.status_code == 302
    assert list(sector.start_team.members.all()) == [person]
    assert AuditEntry.objects.filter(action="start_team.member_added").count() == 1


@pytest.mark.parametrize("case", ["foreign_person", "foreign_sector", "missing"])
def test_invalid_input_changes_nothing(coordinator_client, world, case):
    sector = SectorFactory(hub=world.hub)
    person = PersonFactory(employer=world.company)
    data = {"sector": sector.pk, "person": person.pk}
    if case == "foreign_person":
        data["person"] = PersonFactory(employer=world.other_company).pk
    elif case == "foreign_sector":
        data["sector"] = SectorFactory(hub=world.other_hub).pk
    else:
        data = {}
    response = coordinator_client.post(url(world.hub), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not StartTeam.objects.filter(members__isnull=False).exists()
