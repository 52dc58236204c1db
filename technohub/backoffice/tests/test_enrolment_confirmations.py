"""The coordinator's confirmation steps: completing an edition (what will happen, early only
with a reason), cancelling an enrolment (free or the fee; who moves up), not approving a request
(a reason, shown to the person and mailed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.hubs.models import AuditEntry
from technohub.pricing.models import EditionPrice
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def bo_url(name, world, edition, *extra):
    return reverse(f"backoffice:{name}", args=[world.hub.slug, edition.pk, *extra])


@pytest.fixture
def held(world):
    """An edition of two sessions that both took place; one completes, one does not."""
    edition = EditionFactory(course=CourseFactory(hub=world.hub), **past_dates())
    sessions = SessionFactory.create_batch(2, edition=edition)
    good, poor = EnrolmentFactory.create_batch(2, edition=edition)
    for session in sessions:
        Attendance.objects.create(enrolment=good, session=session, status="present")
    Attendance.objects.create(enrolment=poor, session=sessions[0], status="absent")
    return edition, good, poor


def test_completion_page_per_role(client, world, role, held):
    edition, _, _ = held
    check_access(client, world, role, bo_url("edition_complete", world, edition))
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_completion_page_counts_and_is_valid_html(coordinator_client, world, held):
    edition, good, poor = held
    page = coordinator_client.get(bo_url("edition_complete", world, edition))
    text = " ".join(page.content.decode().split())
    assert (
        "1 deelnemer krijgt een certificaat, 1 heeft de aanwezigheidsdrempel niet gehaald" in text
    )
    assert_valid(coordinator_client, bo_url("edition_complete", world, edition))
    response = coordinator_client.post(
        bo_url("edition_complete", world, edition), {"complete-confirm": "on"}
    )
    assert response.status_code == 302
    good.refresh_from_db()
    poor.refresh_from_db()
    assert (good.status, poor.status) == (Status.COMPLETED, Status.NOT_COMPLETED)


def test_early_completion_needs_a_reason_and_audits_it(coordinator_client, world):
    edition = EditionFactory(course=CourseFactory(hub=world.hub))  # its sessions lie ahead
    SessionFactory(edition=edition)
    url = bo_url("edition_complete", world, edition)
    page = coordinator_client.get(url)
    assert b'name="complete-early_reason"' in page.content
    assert_valid(coordinator_client, url)
    refused = coordinator_client.post(url, {"complete-confirm": "on"})
    assert refused.status_code == 400
    assert refused.context["complete_form"].errors["early_reason"]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    coordinator_client.post(url, {"complete-confirm": "on", "complete-early_reason": "Vervalt"})
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETED
    assert AuditEntry.objects.get(action="edition.completed").after["reason"] == "Vervalt"


def test_the_detail_page_links_to_the_confirmation_steps(coordinator_client, world, held):
    edition, good, _ = held
    html = coordinator_client.get(bo_url("edition_detail", world, edition)).content.decode()
    assert bo_url("edition_complete", world, edition) in html
    assert f'href="{bo_url("enrolment_cancel", world, edition, good.pk)}"' in html


def test_cancel_confirmation_page_per_role(client, world, role, held):
    edition, good, _ = held
    check_access(client, world, role, bo_url("enrolment_cancel", world, edition, good.pk))
    good.refresh_from_db()
    assert good.status == Status.CONFIRMED


def test_cancel_page_says_the_fee_and_who_moves_up(coordinator_client, world):
    # given a late cancellation costs 50 % of a € 200 seat, and someone waits
    edition = EditionFactory(
        course=CourseFactory(hub=world.hub, non_member_price=Decimal("200.00")), capacity=1
    )
    EditionPrice.objects.create(
        edition=edition,
        model="per_participant",
        member_price=Decimal("200.00"),
        non_member_price=Decimal("200.00"),
        free_cancellation_until=timezone.now() - dt.timedelta(days=1),
        late_cancellation_percent=50,
    )
    seated = EnrolmentFactory(edition=edition)
    EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    url = bo_url("enrolment_cancel", world, edition, seated.pk)
    page = coordinator_client.get(url)
    assert page.context["fee"].fee == 10000
    assert b'id="cancel-fee"' in page.content and b'id="cancel-moves-up"' in page.content
    assert "€ 100,00" in page.content.decode()
    assert_valid(coordinator_client, url)


def test_reject_page_per_role(client, world, role, held):
    edition, _, _ = held
    pending = EnrolmentFactory(
        edition=edition, person__employer=world.company, status=Status.PENDING_APPROVAL
    )
    check_access(client, world, role, bo_url("enrolment_reject", world, edition, pending.pk))
    pending.refresh_from_db()
    assert pending.status == Status.PENDING_APPROVAL


def test_rejecting_needs_a_reason_which_is_stored_and_mailed(
    coordinator_client, world, held, mailoutbox, django_capture_on_commit_callbacks
):
    edition, _, _ = held
    pending = EnrolmentFactory(
        edition=edition, person__employer=world.company, status=Status.PENDING_APPROVAL
    )
    url = bo_url("enrolment_reject", world, edition, pending.pk)
    assert_valid(coordinator_client, url)
    refused = coordinator_client.post(url, {"reason": "   "})
    assert refused.status_code == 400 and refused.context["form"].errors["reason"]
    pending.refresh_from_db()
    assert pending.status == Status.PENDING_APPROVAL
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"reason": "De cursus is te hoog gegrepen"})
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == (
        Status.REJECTED,
        "De cursus is te hoog gegrepen",
    )
    [mail] = mailoutbox
    assert mail.to == [pending.person.email]
    assert "De cursus is te hoog gegrepen" in mail.body and "niet goedgekeurd" in mail.body
