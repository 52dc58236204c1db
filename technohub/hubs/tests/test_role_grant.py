import pytest

from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Role
from technohub.hubs.services import role_grant
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    contact_user,
    coordinator_user,
)

pytestmark = pytest.mark.django_db


def test_coordinator_grants_contact_role_for_an_organisation_of_their_hub():
    membership = MembershipFactory()
    role = role_grant(
        user=UserFactory(),
        kind=Role.Kind.CONTACT,
        organisation=membership.organisation,
        actor=coordinator_user(membership.hub),
    )
    assert role.organisation == membership.organisation


def test_coordinator_cannot_grant_contact_role_for_another_hubs_organisation():
    membership = MembershipFactory()
    with pytest.raises(NotAllowed):
        role_grant(
            user=UserFactory(),
            kind=Role.Kind.CONTACT,
            organisation=membership.organisation,
            actor=coordinator_user(HubFactory()),
        )
    assert (
        not Role.objects.filter(kind=Role.Kind.CONTACT)
        .exclude(user__email="")
        .filter(organisation=membership.organisation)
        .exists()
    )


def test_contact_adds_a_colleague_but_not_for_another_company():
    company, other = OrganisationFactory.create_batch(2)
    contact = contact_user(company)
    role_grant(user=UserFactory(), kind=Role.Kind.CONTACT, organisation=company, actor=contact)
    with pytest.raises(NotAllowed):
        role_grant(user=UserFactory(), kind=Role.Kind.CONTACT, organisation=other, actor=contact)
    with pytest.raises(NotAllowed):
        role_grant(user=UserFactory(), kind=Role.Kind.COORDINATOR, hub=HubFactory(), actor=contact)
