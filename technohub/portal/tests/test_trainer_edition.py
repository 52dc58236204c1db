"""The trainer's edition page: sessions with attendance counts, and completing the edition."""

import pytest
from django.urls import reverse

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.services import attendance_record
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("held")]
ALLOWED = {"trainer_this_edition", "coordinator_this_hub"}


def url(edition) -> str:
    return reverse("portal:trainer_edition", args=[edition.pk])


def complete_url(edition) -> str:
    return reverse("portal:trainer_edition_complete", args=[edition.pk])


@pytest.mark.parametrize("role", ROLES)
def test_edition_page_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.edition))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role in ALLOWED else 404)


@pytest.mark.parametrize("role", ROLES)
def test_complete_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.post(complete_url(world.edition), {"confirm": "on"})
    world.edition.refresh_from_db()
    if user is None:
        assert_login_redirect(response)
    elif role in ALLOWED:
        assert world.edition.status == Edition.Status.COMPLETED
        return
    else:
        assert response.status_code == 404
    assert world.edition.status == Edition.Status.PUBLISHED


def test_sessions_show_attendance_counts(client, world):
    attendance_record(
        session=world.sessions[0],
        marks={world.enrolment.pk: "present", world.rival_enrolment.pk: "absent"},
        actor=world.trainer,
    )
    client.force_login(world.trainer)
    sessions = client.get(url(world.edition)).context["sessions"]
    assert [(s.present_count, s.absent_count, s.excused_count) for s in sessions] == [
        (1, 1, 0),
        (0, 0, 0),
    ]


def test_complete_shows_who_completed(client, world):
    # given: our employee attended both sessions, the rival's employee one of two (50% < 80%)
    marks = {world.enrolment.pk: "present", world.rival_enrolment.pk: "present"}
    attendance_record(session=world.sessions[0], marks=marks, actor=world.trainer)
    marks[world.rival_enrolment.pk] = "absent"
    attendance_record(session=world.sessions[1], marks=marks, actor=world.trainer)
    client.force_login(world.trainer)
    # when the trainer completes the edition
    response = client.post(complete_url(world.edition), {"confirm": "on"}, follow=True)
    # then the page shows who completed and offers no second completion
    statuses = {e.pk: (e.status, e.rate) for e in response.context["participants"]}
    assert statuses[world.enrolment.pk] == (Enrolment.Status.COMPLETED, 100)
    assert statuses[world.rival_enrolment.pk] == (Enrolment.Status.NOT_COMPLETED, 50)
    assert response.context["can_complete"] is False
    assert b'id="complete-edition"' not in response.content


def test_completing_twice_is_a_message(client, world):
    client.force_login(world.trainer)
    client.post(complete_url(world.edition), {"confirm": "on"}, follow=True)
    response = client.post(complete_url(world.edition), {"confirm": "on"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_edition_page_query_count(client, world, django_assert_max_num_queries):
    for _ in range(20):
        enrolment = EnrolmentFactory(edition=world.edition, person=PersonFactory())
        Attendance.objects.create(enrolment=enrolment, session=world.sessions[0], status="present")
    client.force_login(world.trainer)
    with django_assert_max_num_queries(10):
        response = client.get(url(world.edition))
    assert len(response.context["participants"]) == 22
