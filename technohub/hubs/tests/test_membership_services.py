import pytest

from technohub.hubs import membership_services as services
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry, Membership
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SectorFactory,
    contact_user,
    coordinator_user,
)

pytestmark = pytest.mark.django_db


def test_upsert_creates_then_changes_with_audit():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    organisation = OrganisationFactory()
    sector = SectorFactory(hub=hub)
    membership = services.membership_upsert(
        hub=hub, organisation=organisation, actor=coordinator, status="member", sectors=[sector]
    )
    services.membership_upsert(
        hub=hub, organisation=organisation, actor=coordinator, status="member", sectors=[sector]
    )  # no change: no second entry
    services.membership_upsert(
        hub=hub, organisation=organisation, actor=coordinator, status="non_member", tier="partner"
    )
    membership.refresh_from_db()
    assert (membership.status, membership.tier) == ("non_member", "partner")
    assert not membership.sectors.exists()
    actions = list(AuditEntry.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["membership.created", "membership.changed"]
    assert Membership.objects.count() == 1


@pytest.mark.parametrize("who", ["other_coordinator", "contact"])
def test_only_the_hubs_coordinator_may_upsert(who):
    hub = HubFactory()
    organisation = OrganisationFactory()
    actor = (
        coordinator_user(HubFactory()) if who == "other_coordinator" else contact_user(organisation)
    )
    with pytest.raises(NotAllowed):
        services.membership_upsert(hub=hub, organisation=organisation, actor=actor, status="member")
    assert not Membership.objects.exists()


def test_sector_of_another_hub_is_refused():
    hub = HubFactory()
    with pytest.raises(services.SectorOfOtherHub):
        services.membership_upsert(
            hub=hub,
            organisation=OrganisationFactory(),
            actor=coordinator_user(hub),
            status="member",
            sectors=[SectorFactory()],
        )


def test_member_add_makes_unique_slugs():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    first = services.member_add(hub=hub, actor=coordinator, name="Bos & Zn")
    second = services.member_add(hub=hub, actor=coordinator, name="Bos & Zn")
    assert first.organisation.slug == "bos-zn" and second.organisation.slug == "bos-zn-2"


def test_start_team_member_add_only_people_of_the_hub():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    sector = SectorFactory(hub=hub)
    member = MembershipFactory(hub=hub)
    person = PersonFactory(employer=member.organisation)
    team = services.start_team_member_add(sector=sector, person=person, actor=coordinator)
    services.start_team_member_add(sector=sector, person=person, actor=coordinator)
    assert list(team.members.all()) == [person]
    assert AuditEntry.objects.filter(action="start_team.member_added").count() == 1
    with pytest.raises(services.NotOfThisHub):
        services.start_team_member_add(sector=sector, person=PersonFactory(), actor=coordinator)
    with pytest.raises(NotAllowed):
        services.start_team_member_add(
            sector=sector, person=person, actor=coordinator_user(HubFactory())
        )
