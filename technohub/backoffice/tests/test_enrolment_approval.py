"""The coordinator approves or rejects pending self-enrolments on the edition page."""

import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.models import AuditEntry
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def edition(world):
    return EditionFactory(course=CourseFactory(hub=world.hub), capacity=1)


@pytest.fixture
def pending(world, edition):
    return EnrolmentFactory(
        edition=edition,
        person__employer=world.company,
        status=Status.PENDING_APPROVAL,
        person__first_name="Fatima",
        person__last_name="El Amrani",
    )


def url(name, world, edition, enrolment):
    return reverse(f"backoffice:enrolment_{name}", args=[world.hub.slug, edition.pk, enrolment.pk])


@pytest.mark.parametrize("name", ["approve", "reject"])
def test_access_per_role(client, world, role, edition, pending, name):
    data = {"reason": "Geen plek in de planning"} if name == "reject" else {}
    check_access(
        client, world, role, url(name, world, edition, pending), method="post", data=data, ok=302
    )
    pending.refresh_from_db()
    expected = {"approve": Status.CONFIRMED, "reject": Status.REJECTED}[name]
    assert pending.status == (expected if role == "coordinator" else Status.PENDING_APPROVAL)


@pytest.mark.parametrize("name", ["approve"])
def test_get_is_refused(coordinator_client, world, edition, pending, name):
    response = coordinator_client.get(url(name, world, edition, pending))
    assert response.status_code == 405
    pending.refresh_from_db()
    assert pending.status == Status.PENDING_APPROVAL


def test_detail_shows_approve_and_reject_named_per_person(
    coordinator_client, world, edition, pending
):
    coordinator_client.cookies["django_language"] = "en"
    html = coordinator_client.get(
        reverse("backoffice:edition_detail", args=[world.hub.slug, edition.pk])
    ).content.decode()
    assert url("approve", world, edition, pending) in html
    assert url("reject", world, edition, pending) in html
    for action in ("Approve", "Reject", "Cancel"):
        assert f'{action}<span class="bo-sr"> enrolment of Fatima El Amrani</span>' in html


def test_pending_page_is_valid_html(coordinator_client, world, edition, pending):
    assert_valid(
        coordinator_client, reverse("backoffice:edition_detail", args=[world.hub.slug, edition.pk])
    )


def test_approval_with_a_seat_free_confirms_and_audits(coordinator_client, world, edition, pending):
    response = coordinator_client.post(url("approve", world, edition, pending), follow=True)
    pending.refresh_from_db()
    assert (pending.status, pending.waitlist_position) == (Status.CONFIRMED, None)
    entry = AuditEntry.objects.get(action="enrolment.approved")
    assert (entry.actor, entry.after["by"]) == (world.coordinator, "coordinator")
    assert "Fatima El Amrani" in response.content.decode()


def test_approval_on_a_full_edition_joins_the_end_of_the_waitlist(
    coordinator_client, world, edition, pending
):
    # given the only seat is taken and one person waits
    EnrolmentFactory(edition=edition)
    EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    # when the coordinator approves the pending one
    coordinator_client.post(url("approve", world, edition, pending))
    # then it waits behind the one already waiting
    pending.refresh_from_db()
    assert (pending.status, pending.waitlist_position) == (Status.WAITLISTED, 2)


def test_deciding_twice_shows_the_refusal_and_changes_nothing(
    coordinator_client, world, edition, pending
):
    coordinator_client.post(url("reject", world, edition, pending), {"reason": "Vol"}, follow=True)
    response = coordinator_client.post(url("approve", world, edition, pending), follow=True)
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_enrolment_of_another_edition_is_404(coordinator_client, world, edition, pending):
    other = EditionFactory(course=CourseFactory(hub=world.hub))
    response = coordinator_client.post(url("approve", world, other, pending))
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == Status.PENDING_APPROVAL
