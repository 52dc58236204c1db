import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.hubs.models import AuditEntry, Membership, Sector, StartTeam
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
    # 9 before, + the member organisations per sector and the two new forms' select lists
    with django_assert_max_num_queries(12):
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


# --- removing start-team members, member organisations in sectors, new sectors -------------


def team_remove_url(hub, sector, person):
    return reverse("backoffice:start_team_member_remove", args=[hub.slug, sector.pk, person.pk])


def member_remove_url(hub, sector, membership):
    return reverse("backoffice:sector_member_remove", args=[hub.slug, sector.pk, membership.pk])


@pytest.fixture
def team(world):
    sector = SectorFactory(hub=world.hub, name="Metaal")
    person = PersonFactory(employer=world.company, first_name="Sanne", last_name="de Haan")
    StartTeam.objects.create(sector=sector).members.add(person)
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    membership.sectors.add(sector)
    return sector, person, membership


def test_team_member_removal_confirmation_access_per_role(client, world, role, team):
    sector, person, _membership = team
    check_access(client, world, role, team_remove_url(world.hub, sector, person))


def test_team_member_removal_post_access_per_role(client, world, role, team):
    sector, person, _membership = team
    check_access(
        client, world, role, team_remove_url(world.hub, sector, person), method="post", ok=302
    )
    still = StartTeam.objects.filter(sector=sector, members=person).exists()
    assert still == (role != "coordinator")


def test_sector_member_removal_confirmation_access_per_role(client, world, role, team):
    sector, _person, membership = team
    check_access(client, world, role, member_remove_url(world.hub, sector, membership))


def test_sector_member_removal_post_access_per_role(client, world, role, team):
    sector, _person, membership = team
    check_access(
        client, world, role, member_remove_url(world.hub, sector, membership), method="post", ok=302
    )
    assert membership.sectors.filter(pk=sector.pk).exists() == (role != "coordinator")


def test_removal_asks_first_and_changes_nothing_on_a_get(coordinator_client, world, team):
    sector, person, membership = team

    response = coordinator_client.get(team_remove_url(world.hub, sector, person))

    html = response.content.decode()
    assert "Sanne de Haan" in html and "Metaal" in html and 'method="post"' in html
    assert f'href="{url(world.hub)}"' in html  # a way back without removing
    assert StartTeam.objects.filter(sector=sector, members=person).exists()
    coordinator_client.get(member_remove_url(world.hub, sector, membership))
    assert membership.sectors.filter(pk=sector.pk).exists()


def test_removing_a_team_member_is_audited(coordinator_client, world, team):
    sector, person, _membership = team

    response = coordinator_client.post(team_remove_url(world.hub, sector, person))

    assert response.status_code == 302 and response.url == url(world.hub)
    assert not sector.start_team.members.exists()
    entry = AuditEntry.objects.get(action="start_team.member_removed")
    assert entry.before == {"person": person.pk}


def test_removing_an_organisation_from_a_sector_is_audited(coordinator_client, world, team):
    sector, _person, membership = team

    coordinator_client.post(member_remove_url(world.hub, sector, membership))

    assert not membership.sectors.exists()
    entry = AuditEntry.objects.get(action="membership.changed")
    assert entry.before == {"sectors": [sector.pk]} and entry.after == {"sectors": []}


def test_unknown_or_foreign_ids_are_404(coordinator_client, world, team):
    sector, person, membership = team
    foreign_sector = SectorFactory(hub=world.other_hub)
    not_in_team = PersonFactory(employer=world.company)
    other_membership = Membership.objects.get(hub=world.other_hub)
    for path in [
        team_remove_url(world.hub, foreign_sector, person),
        team_remove_url(world.hub, sector, not_in_team),
        reverse("backoffice:start_team_member_remove", args=[world.hub.slug, sector.pk, 999999]),
        member_remove_url(world.hub, foreign_sector, membership),
        member_remove_url(world.hub, sector, other_membership),
        reverse("backoffice:sector_member_remove", args=[world.hub.slug, 999999, membership.pk]),
    ]:
        assert coordinator_client.get(path).status_code == 404, path
        assert coordinator_client.post(path).status_code == 404, path


def test_the_page_lists_each_sectors_member_organisations(coordinator_client, world, team):
    sector, _person, membership = team
    html = coordinator_client.get(url(world.hub)).content.decode()
    assert membership.organisation.name in html
    assert member_remove_url(world.hub, sector, membership) in html


def test_add_an_organisation_to_a_sector(coordinator_client, world):
    sector = SectorFactory(hub=world.hub)
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)

    response = coordinator_client.post(
        url(world.hub), {"action": "member", "sector": sector.pk, "membership": membership.pk}
    )

    assert response.status_code == 302
    assert list(membership.sectors.all()) == [sector]
    assert AuditEntry.objects.filter(action="membership.changed").count() == 1


def test_member_post_access_per_role(client, world, role):
    sector = SectorFactory(hub=world.hub)
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    data = {"action": "member", "sector": sector.pk, "membership": membership.pk}
    check_access(client, world, role, url(world.hub), method="post", data=data, ok=302)
    assert membership.sectors.filter(pk=sector.pk).exists() == (role == "coordinator")


@pytest.mark.parametrize("case", ["foreign_membership", "foreign_sector", "missing"])
def test_adding_a_foreign_organisation_or_sector_changes_nothing(coordinator_client, world, case):
    sector = SectorFactory(hub=world.hub)
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    data = {"action": "member", "sector": sector.pk, "membership": membership.pk}
    if case == "foreign_membership":
        data["membership"] = Membership.objects.get(hub=world.other_hub).pk
    elif case == "foreign_sector":
        data["sector"] = SectorFactory(hub=world.other_hub).pk
    else:
        data = {"action": "member"}

    response = coordinator_client.post(url(world.hub), data)

    assert response.status_code == 400 and response.context["member_form"].errors
    assert not Membership.objects.filter(sectors__isnull=False).exists()


def test_add_a_sector(coordinator_client, world):
    response = coordinator_client.post(
        url(world.hub), {"action": "sector", "name": " Zorg  techniek "}
    )

    assert response.status_code == 302
    sector = Sector.objects.get(hub=world.hub)
    assert (sector.name, sector.code) == ("Zorg techniek", "zorg-techniek")
    assert StartTeam.objects.filter(sector=sector).exists()
    assert AuditEntry.objects.filter(action="sector.created").count() == 1


def test_sector_post_access_per_role(client, world, role):
    data = {"action": "sector", "name": "Bouw"}
    check_access(client, world, role, url(world.hub), method="post", data=data, ok=302)
    assert Sector.objects.filter(hub=world.hub, name="Bouw").exists() == (role == "coordinator")


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Metaal"},
        {"name": "metaal"},
        {"name": "Iets anders", "code": "metaal"},
        {"name": ""},
        {"name": "x" * 500},
        {"name": "Geldig", "code": "met spaties"},
    ],
)
def test_a_duplicate_or_invalid_sector_is_a_field_error(coordinator_client, world, data):
    SectorFactory(hub=world.hub, name="Metaal", code="metaal")

    response = coordinator_client.post(url(world.hub), {"action": "sector", **data})

    assert response.status_code == 400 and response.context["sector_form"].errors
    assert Sector.objects.filter(hub=world.hub).count() == 1


def test_the_same_sector_name_is_fine_in_another_hub(coordinator_client, world):
    SectorFactory(hub=world.other_hub, name="Metaal", code="metaal")
    response = coordinator_client.post(url(world.hub), {"action": "sector", "name": "Metaal"})
    assert response.status_code == 302


def test_start_team_people_sort_by_surname_without_tussenvoegsel(coordinator_client, world):
    sector = SectorFactory(hub=world.hub)
    team = StartTeam.objects.create(sector=sector)
    for first, last in [("Karin", "Jansen"), ("Sanne", "de Haan"), ("Anna", "Bakker")]:
        team.members.add(PersonFactory(employer=world.company, first_name=first, last_name=last))

    listed = coordinator_client.get(url(world.hub)).context["sectors"][0]

    assert [p.last_name for p in listed.start_team.members.all()] == ["Bakker", "de Haan", "Jansen"]


def test_the_pages_are_valid_html(coordinator_client, world, team):
    from tests.test_html_validity import assert_valid

    sector, person, membership = team
    for path in [
        url(world.hub),
        team_remove_url(world.hub, sector, person),
        member_remove_url(world.hub, sector, membership),
        reverse("backoffice:members", args=[world.hub.slug]) + "?q=metaal",
        reverse("backoffice:members", args=[world.hub.slug]) + "?q=niets",
    ]:
        assert_valid(coordinator_client, path)
