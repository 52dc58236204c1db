"""The approvals queue: pending self-enrolments of a company that approves."""

import pytest
from django.urls import reverse

from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import contact_user, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("portal:company_approvals", args=[organisation.pk])


def decide_url(organisation, enrolment) -> str:
    return reverse("portal:company_approval_decide", args=[organisation.pk, enrolment.pk])


@pytest.fixture
def pending(world):
    world.company.approval_required = True
    world.company.save()
    learner = learner_user(employer=world.company, first_name="Pim", last_name="Pending")
    return EnrolmentFactory(edition=world.edition, person=learner.person, status="pending")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_contact_sees_the_queue(role, client, login_as, world, pending):
    user = login_as(role)
    response = client.get(url(world.company))
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.context["pending"] == [pending]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_contact_decides(role, client, login_as, world, pending):
    user = login_as(role)
    response = client.post(decide_url(world.company, pending), {"decision": "approve"})
    pending.refresh_from_db()
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert pending.status == Enrolment.Status.CONFIRMED
        return
    else:
        assert response.status_code == 404
    assert pending.status == Enrolment.Status.PENDING_APPROVAL


def test_approve_flow_from_self_enrolment_to_seat(client, world):
    # given a company that approves, and its employee enrolling themselves in the portal
    world.company.approval_required = True
    world.company.save()
    learner = learner_user(employer=world.company)
    client.force_login(learner)
    client.post(reverse("portal:enrol", args=[world.edition.pk]))
    enrolment = Enrolment.objects.get(person=learner.person)
    assert enrolment.status == Enrolment.Status.PENDING_APPROVAL
    # when the contact approves it from the queue
    client.force_login(contact_user(world.company))
    assert client.get(url(world.company)).context["pending"] == [enrolment]
    client.post(decide_url(world.company, enrolment), {"decision": "approve"})
    # then the employee has a seat and the queue is empty
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert client.get(url(world.company)).context["pending"] == []


def test_approval_when_full_goes_to_the_waitlist(client, world, pending):
    world.edition.capacity = 2
    world.edition.save()
    client.force_login(contact_user(world.company))
    response = client.post(decide_url(world.company, pending), {"decision": "approve"}, follow=True)
    pending.refresh_from_db()
    assert (pending.status, pending.waitlist_position) == ("waitlisted", 1)
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_reject(client, world, pending):
    # rejecting asks for a reason first (issue 11): the button leads to the reason form
    client.force_login(contact_user(world.company))
    form = client.post(decide_url(world.company, pending), {"decision": "reject"})
    assert form.status_code == 200 and b'id="reject-form"' in form.content
    pending.refresh_from_db()
    assert pending.status == Enrolment.Status.PENDING_APPROVAL
    client.post(decide_url(world.company, pending), {"decision": "reject", "reason": "Geen tijd"})
    pending.refresh_from_db()
    assert pending.status == Enrolment.Status.REJECTED


def test_deciding_twice_is_a_message_not_a_crash(client, world, pending):
    client.force_login(contact_user(world.company))
    client.post(
        decide_url(world.company, pending), {"decision": "reject", "reason": "Vol"}, follow=True
    )
    response = client.post(decide_url(world.company, pending), {"decision": "approve"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    pending.refresh_from_db()
    assert pending.status == Enrolment.Status.REJECTED


def test_unknown_decision_changes_nothing(client, world, pending):
    client.force_login(contact_user(world.company))
    client.post(decide_url(world.company, pending), {"decision": "maybe"})
    pending.refresh_from_db()
    assert pending.status == Enrolment.Status.PENDING_APPROVAL


def test_queue_query_count(client, world, django_assert_max_num_queries):
    for _ in range(20):
        EnrolmentFactory(
            edition=world.edition,
            person=learner_user(employer=world.company).person,
            status="pending",
        )
    client.force_login(contact_user(world.company))
    with django_assert_max_num_queries(8):
        response = client.get(url(world.company))
    assert len(response.context["pending"]) == 20
