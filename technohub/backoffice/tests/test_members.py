import datetime as dt

import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.hubs.models import AuditEntry, Membership, Organisation
from technohub.hubs.tests.factories import MembershipFactory, PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db


def list_url(hub):
    return reverse("backoffice:members", args=[hub.slug])


def add_url(hub):
    return reverse("backoffice:member_add", args=[hub.slug])


def edit_url(hub, membership):
    return reverse("backoffice:membership_edit", args=[hub.slug, membership.pk])


def test_list_access_per_role(client, world, role):
    check_access(client, world, role, list_url(world.hub))


def test_add_page_access_per_role(client, world, role):
    check_access(client, world, role, add_url(world.hub))


def test_edit_page_access_per_role(client, world, role):
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    check_access(client, world, role, edit_url(world.hub, membership))


def test_membership_of_another_hub_is_404(coordinator_client, world):
    foreign = Membership.objects.get(hub=world.other_hub)
    assert coordinator_client.get(edit_url(world.hub, foreign)).status_code == 404


def test_list_shows_members_with_sectors_and_employees(
    coordinator_client, world, django_assert_max_num_queries
):
    # given 15 more organisations in this hub, one with two sectors and three employees
    sectors = SectorFactory.create_batch(2, hub=world.hub)
    memberships = MembershipFactory.create_batch(15, hub=world.hub)
    memberships[0].sectors.set(sectors)
    PersonFactory.create_batch(3, employer=memberships[0].organisation)
    # when the list is shown, in a fixed number of queries
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(list_url(world.hub))
    # then it has this hub's 16 organisations and not the other hub's
    rows = {m.pk: m for m in response.context["page"].object_list}
    assert len(rows) == 16
    assert rows[memberships[0].pk].employee_count == 3
    assert list(rows[memberships[0].pk].sectors.all()) == sorted(sectors, key=lambda s: s.name)
    assert world.other_company.name not in response.content.decode()


def test_add_organisation_with_membership(coordinator_client, world):
    sector = SectorFactory(hub=world.hub)
    response = coordinator_client.post(
        add_url(world.hub),
        {
            "name": "Van Dam Elektro",
            "kind": "company",
            "city": "Bodegraven",
            "status": "member",
            "tier": "partner",
            "since": "2026-01-01",
            "sectors": [sector.pk],
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(hub=world.hub, organisation__name="Van Dam Elektro")
    assert (membership.status, membership.tier) == ("member", "partner")
    assert membership.since == dt.date(2026, 1, 1)
    assert list(membership.sectors.all()) == [sector]
    assert AuditEntry.objects.filter(action="membership.created").count() == 1


@pytest.mark.parametrize(
    "overrides", [{"name": ""}, {"status": "vip"}, {"since": "ooit"}, {"website": "geen url"}]
)
def test_invalid_add_shows_errors_and_creates_nothing(coordinator_client, world, overrides):
    before = Organisation.objects.count()
    data = {"name": "Nieuw BV", "kind": "company", "status": "member", "tier": "standard"}
    response = coordinator_client.post(add_url(world.hub), {**data, **overrides})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Organisation.objects.count() == before


def test_edit_membership_is_audited(coordinator_client, world):
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    response = coordinator_client.post(
        edit_url(world.hub, membership), {"status": "non_member", "tier": "standard"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "non_member" and membership.since is None
    entry = AuditEntry.objects.get(action="membership.changed")
    assert entry.before["status"] == "member" and entry.after["status"] == "non_member"
    assert entry.actor == world.coordinator


def test_edit_with_sector_of_another_hub_changes_nothing(coordinator_client, world):
    membership = Membership.objects.get(hub=world.hub, organisation=world.company)
    foreign = SectorFactory(hub=world.other_hub)
    response = coordinator_client.post(
        edit_url(world.hub, membership),
        {"status": "non_member", "tier": "standard", "sectors": [foreign.pk]},
    )
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.status == "member"
    assert not AuditEntry.objects.exists()


# --- search ---------------------------------------------------------------------------------


def _search(client, hub, q, **extra):
    response = client.get(list_url(hub), {"q": q, **extra})
    assert response.status_code == 200
    return sorted(m.organisation.name for m in response.context["page"].object_list)


@pytest.fixture
def searchable(world):
    metal = SectorFactory(hub=world.hub, name="Metaal")
    installatie = SectorFactory(hub=world.hub, name="Installatietechniek")
    bakker = MembershipFactory(
        hub=world.hub, organisation__name="Bakker Lastechniek", organisation__city="Bodegraven"
    )
    bakker.sectors.set([metal])
    jansen = MembershipFactory(
        hub=world.hub, organisation__name="Jansen Warmte", organisation__city="Montfoort"
    )
    jansen.sectors.set([installatie])
    # another hub's member that matches every search below
    foreign = MembershipFactory(
        hub=world.other_hub,
        organisation__name="Bakker Jansen Metaal",
        organisation__city="Montfoort",
    )
    foreign.sectors.set([SectorFactory(hub=world.other_hub, name="Metaal")])
    return world


def test_search_access_per_role(client, world, role):
    check_access(client, world, role, list_url(world.hub) + "?q=bakker")


def test_search_by_name_city_and_sector(coordinator_client, searchable):
    hub = searchable.hub
    assert _search(coordinator_client, hub, "bakker") == ["Bakker Lastechniek"]
    assert _search(coordinator_client, hub, "MONTFOORT") == ["Jansen Warmte"]
    assert _search(coordinator_client, hub, "metaal") == ["Bakker Lastechniek"]
    assert _search(coordinator_client, hub, "warmte installatie") == ["Jansen Warmte"]
    assert _search(coordinator_client, hub, "warmte metaal") == []


def test_search_shows_the_count_and_a_way_back(coordinator_client, searchable):
    html = coordinator_client.get(list_url(searchable.hub), {"q": "bakker"}).content.decode()
    assert 'value="bakker"' in html and "1 organisatie" in html
    assert f'href="{list_url(searchable.hub)}"' in html
    nothing = coordinator_client.get(list_url(searchable.hub), {"q": "xyz"}).content.decode()
    assert "Geen organisatie voldoet" in nothing


def test_search_never_shows_another_hubs_members(coordinator_client, searchable):
    html = coordinator_client.get(list_url(searchable.hub), {"q": "montfoort"}).content.decode()
    assert "Bakker Jansen Metaal" not in html


def test_extreme_search_input_is_no_error(coordinator_client, world):
    for q in ["x" * 10_000, "%", "_", "' OR 1=1 --", " ".join(["a"] * 500)]:
        assert coordinator_client.get(list_url(world.hub), {"q": q}).status_code == 200


def test_the_next_page_keeps_the_search(coordinator_client, world):
    MembershipFactory.create_batch(51, hub=world.hub, organisation__city="Kamerik")
    html = coordinator_client.get(list_url(world.hub), {"q": "kamerik"}).content.decode()
    assert "?q=kamerik&amp;pagina=2" in html
