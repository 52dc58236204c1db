import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.hubs.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def edition(world):
    # in the past: its sessions have taken place, so that it can be completed
    return EditionFactory(course=CourseFactory(hub=world.hub), capacity=1, **past_dates())


def action_url(name, hub, edition, *extra):
    return reverse(f"backoffice:{name}", args=[hub.slug, edition.pk, *extra])


def detail(hub, edition):
    return reverse("backoffice:edition_detail", args=[hub.slug, edition.pk])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("edition_capacity", {"capacity": 3}),
        ("edition_status", {"status": "running"}),
        ("edition_complete", {"complete-confirm": "on"}),
    ],
)
def test_access_per_role(client, world, role, edition, name, data):
    check_access(
        client, world, role, action_url(name, world.hub, edition), method="post", data=data, ok=302
    )
    if role != "coordinator":
        edition.refresh_from_db()
        assert (edition.capacity, edition.status) == (1, Edition.Status.PUBLISHED)


def test_capacity_increase_promotes_head_of_waitlist(
    coordinator_client, world, edition, mailoutbox, django_capture_on_commit_callbacks
):
    # given a full edition with two people waiting
    EnrolmentFactory(edition=edition)
    head = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    tail = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=2)
    # when the coordinator adds one seat
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            action_url("edition_capacity", world.hub, edition), {"capacity": 2}
        )
    # then the head of the waitlist has the seat and the tail moves up
    assert response.status_code == 302 and response.url == detail(world.hub, edition)
    head.refresh_from_db()
    tail.refresh_from_db()
    assert (head.status, head.waitlist_position) == (Status.CONFIRMED, None)
    assert (tail.status, tail.waitlist_position) == (Status.WAITLISTED, 1)
    assert AuditEntry.objects.filter(action="edition.capacity").count() == 1
    assert [m.to for m in mailoutbox] == [[head.person.email]]


@pytest.mark.parametrize("capacity", ["", "-1", "abc", "0"])
def test_invalid_capacity_shows_error_and_changes_nothing(
    coordinator_client, world, edition, capacity
):
    EnrolmentFactory(edition=edition)  # one seat taken: 0 is below that
    response = coordinator_client.post(
        action_url("edition_capacity", world.hub, edition), {"capacity": capacity}
    )
    assert response.status_code == 400
    assert response.context["capacity_form"].errors["capacity"]
    edition.refresh_from_db()
    assert edition.capacity == 1


@pytest.mark.parametrize("status", ["draft", "running", "cancelled", "published"])
def test_change_status(coordinator_client, world, edition, status):
    response = coordinator_client.post(
        action_url("edition_status", world.hub, edition), {"status": status}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == status


@pytest.mark.parametrize("status", ["completed", "bogus", ""])
def test_invalid_status_changes_nothing(coordinator_client, world, edition, status):
    response = coordinator_client.post(
        action_url("edition_status", world.hub, edition), {"status": status}
    )
    assert response.status_code == 400
    assert response.context["status_form"].errors
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_cancel_enrolment_after_deadline_promotes_next(coordinator_client, world, edition):
    # given a confirmed participant and one waiting, and a cancellation deadline in the past
    edition.cancellation_deadline = timezone.now() - dt.timedelta(days=1)
    edition.save()
    seated = EnrolmentFactory(edition=edition)
    waiting = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    # when the coordinator cancels the participant (a coordinator may always)
    response = coordinator_client.post(
        action_url("enrolment_cancel", world.hub, edition, seated.pk)
    )
    # then the seat goes to the one waiting
    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED


def test_cancel_enrolment_of_another_edition_is_404(coordinator_client, world, edition):
    other = EnrolmentFactory(edition=EditionFactory(course=CourseFactory(hub=world.hub)))
    response = coordinator_client.post(action_url("enrolment_cancel", world.hub, edition, other.pk))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Status.CONFIRMED


def test_cancel_enrolment_per_role(client, world, role, edition):
    enrolment = EnrolmentFactory(edition=edition)
    url = action_url("enrolment_cancel", world.hub, edition, enrolment.pk)
    check_access(client, world, role, url, method="post", ok=302)
    enrolment.refresh_from_db()
    expected = Status.CANCELLED if role == "coordinator" else Status.CONFIRMED
    assert enrolment.status == expected


def test_cancel_twice_shows_a_message(coordinator_client, world, edition):
    enrolment = EnrolmentFactory(edition=edition, status=Status.CANCELLED)
    response = coordinator_client.post(
        action_url("enrolment_cancel", world.hub, edition, enrolment.pk), follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_complete_edition(coordinator_client, world, edition):
    # given a participant who attended the only session, and someone waiting
    session = SessionFactory(edition=edition)
    enrolment = EnrolmentFactory(edition=edition)
    Attendance.objects.create(enrolment=enrolment, session=session, status="present")
    waiting = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    # when the coordinator confirms completion
    response = coordinator_client.post(
        action_url("edition_complete", world.hub, edition), {"complete-confirm": "on"}
    )
    # then the edition is completed, the participant too, the waitlist closed
    assert response.status_code == 302
    edition.refresh_from_db()
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETED
    assert enrolment.status == Status.COMPLETED
    assert waiting.status == Status.CANCELLED


def test_complete_needs_confirmation(coordinator_client, world, edition):
    response = coordinator_client.post(action_url("edition_complete", world.hub, edition), {})
    assert response.status_code == 400
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_complete_a_draft_edition_shows_the_domain_error(coordinator_client, world, edition):
    edition.status = Edition.Status.DRAFT
    edition.save()
    response = coordinator_client.post(
        action_url("edition_complete", world.hub, edition), {"complete-confirm": "on"}
    )
    assert response.status_code == 400
    assert response.context["complete_form"].non_field_errors()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT


def test_get_on_an_action_is_not_allowed(coordinator_client, world, edition):
    response = coordinator_client.get(action_url("edition_capacity", world.hub, edition))
    assert response.status_code == 405
