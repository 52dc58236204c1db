"""The organisation setting 'employees need my approval', and its audited service."""

import pytest
from django.urls import reverse

from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.organisation_services import organisation_set_approval_required
from technohub.hubs.tests.factories import contact_user, coordinator_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("portal:company_settings", args=[organisation.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_contact_changes_the_setting(role, client, login_as, world):
    user = login_as(role)
    response = client.post(url(world.company), {"approval_required": "on"})
    world.company.refresh_from_db()
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.status_code == 302
        assert world.company.approval_required is True
        return
    else:
        assert response.status_code == 404
    assert world.company.approval_required is False


def test_turning_it_off_again_is_audited_with_before_and_after(client, world):
    client.force_login(contact_user(world.company))
    client.post(url(world.company), {"approval_required": "on"})
    client.post(url(world.company), {})
    world.company.refresh_from_db()
    assert world.company.approval_required is False
    entries = AuditEntry.objects.filter(action="organisation.approval_required").order_by("at")
    assert [(e.before, e.after) for e in entries] == [
        ({"approval_required": False}, {"approval_required": True}),
        ({"approval_required": True}, {"approval_required": False}),
    ]


def test_saving_without_a_change_writes_no_audit_entry(world):
    contact = contact_user(world.company)
    organisation_set_approval_required(
        organisation=world.company, approval_required=False, actor=contact
    )
    assert not AuditEntry.objects.filter(action="organisation.approval_required").exists()


def test_service_allows_a_coordinator_of_a_hub_the_company_is_in(world):
    organisation_set_approval_required(
        organisation=world.company, approval_required=True, actor=coordinator_user(world.hub)
    )
    world.company.refresh_from_db()
    assert world.company.approval_required is True


@pytest.mark.parametrize("who", ["rival_contact", "other_hub_coordinator"])
def test_service_refuses_others(who, world):
    actor = (
        contact_user(world.rival) if who == "rival_contact" else coordinator_user(world.other_hub)
    )
    with pytest.raises(NotAllowed):
        organisation_set_approval_required(
            organisation=world.company, approval_required=True, actor=actor
        )
