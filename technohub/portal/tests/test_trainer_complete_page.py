"""The confirmation page before completing an edition, and attendance only from a session's
start (the inputs are hidden before it)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import SessionFactory
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.services import attendance_record
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import coordinator_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
ALLOWED = {"trainer_this_edition", "coordinator_this_hub"}


def complete_url(edition) -> str:
    return reverse("portal:trainer_edition_complete", args=[edition.pk])


def attendance_url(session) -> str:
    return reverse("portal:attendance", args=[session.pk])


@pytest.mark.parametrize("role", ROLES)
def test_confirmation_page_per_role(role, client, login_as, world, held):
    user = login_as(role)
    response = client.get(complete_url(world.edition))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role in ALLOWED else 404)
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.PUBLISHED  # a GET changes nothing


def test_the_page_says_what_will_happen_and_completing_does_it(client, world, held):
    # given our employee attended both sessions, the rival's one of two (50 % < 80 %)
    marks = {world.enrolment.pk: "present", world.rival_enrolment.pk: "present"}
    attendance_record(session=world.sessions[0], marks=marks, actor=world.trainer)
    marks[world.rival_enrolment.pk] = "absent"
    attendance_record(session=world.sessions[1], marks=marks, actor=world.trainer)
    client.force_login(world.trainer)
    # when the trainer opens the confirmation page
    page = client.get(complete_url(world.edition))
    text = page.content.decode()
    # then it says 1 gets a certificate and 1 did not reach the threshold, dated the last session
    assert "1 deelnemer krijgt een certificaat, 1 heeft de aanwezigheidsdrempel niet gehaald" in (
        " ".join(text.split())
    )
    assert page.context["preview"].certificates_dated == world.sessions[1].ends_at
    assert_valid(client, complete_url(world.edition))
    # and confirming completes with exactly that result
    response = client.post(complete_url(world.edition), {"confirm": "on"})
    assert response.status_code == 302
    statuses = dict(world.edition.enrolments.values_list("pk", "status"))
    assert statuses == {
        world.enrolment.pk: Enrolment.Status.COMPLETED,
        world.rival_enrolment.pk: Enrolment.Status.NOT_COMPLETED,
    }


def test_without_the_tick_nothing_happens(client, world, held):
    client.force_login(world.trainer)
    response = client.post(complete_url(world.edition), {})
    assert response.status_code == 400
    assert response.context["form"].errors["confirm"]
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.PUBLISHED


def test_before_the_last_session_the_trainer_gets_the_reason_and_no_button(client, world):
    # given the world's sessions lie ahead (no `held`)
    client.force_login(world.trainer)
    page = client.get(complete_url(world.edition))
    assert page.status_code == 200
    assert b'id="complete-refused"' in page.content and b'id="complete-form"' not in page.content
    assert "Alleen een coördinator van de hub kan" in page.content.decode()
    # and posting anyway (also with a reason) is refused, nothing changes
    response = client.post(complete_url(world.edition), {"confirm": "on", "early_reason": "klaar"})
    assert response.status_code == 400
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.PUBLISHED


def test_a_coordinator_completes_early_with_a_reason(client, world):
    coordinator = coordinator_user(world.hub)
    client.force_login(coordinator)
    page = client.get(complete_url(world.edition))
    assert b'name="early_reason"' in page.content
    assert_valid(client, complete_url(world.edition))
    refused = client.post(complete_url(world.edition), {"confirm": "on", "early_reason": " "})
    assert refused.status_code == 400 and refused.context["form"].errors["early_reason"]
    done = client.post(
        complete_url(world.edition), {"confirm": "on", "early_reason": "Trainer langdurig ziek"}
    )
    assert done.status_code == 302
    entry = AuditEntry.objects.get(action="edition.completed")
    assert entry.after["reason"] == "Trainer langdurig ziek" and entry.actor == coordinator


def test_future_sessions_have_no_attendance_inputs_and_posts_are_refused(client, world):
    client.force_login(world.trainer)
    overview = client.get(reverse("portal:trainer_edition", args=[world.edition.pk]))
    assert attendance_url(world.sessions[0]).encode() not in overview.content
    page = client.get(attendance_url(world.sessions[0]))
    assert page.status_code == 200
    assert b'id="attendance-form"' not in page.content and b'id="attendance-closed"' in page.content
    response = client.post(
        attendance_url(world.sessions[0]),
        {f"mark_{world.enrolment.pk}": "present", f"mark_{world.rival_enrolment.pk}": "present"},
    )
    assert response.status_code in (200, 400)
    assert not Attendance.objects.exists()


def test_a_started_session_shows_the_inputs(client, world):
    session = SessionFactory(
        edition=world.edition, starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    client.force_login(world.trainer)
    overview = client.get(reverse("portal:trainer_edition", args=[world.edition.pk]))
    assert attendance_url(session).encode() in overview.content
    assert b'id="attendance-form"' in client.get(attendance_url(session)).content
