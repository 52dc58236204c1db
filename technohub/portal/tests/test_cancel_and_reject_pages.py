"""Cancelling asks first (without JavaScript): what it costs and who moves up; not approving
asks for a reason, which the person sees on their enrolments page and gets by e-mail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import contact_user, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect
from technohub.pricing.models import EditionPrice
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def own_cancel_url(enrolment) -> str:
    return reverse("portal:enrolment_cancel", args=[enrolment.pk])


def company_cancel_url(organisation, enrolment) -> str:
    return reverse("portal:company_enrolment_cancel", args=[organisation.pk, enrolment.pk])


def decide_url(organisation, enrolment) -> str:
    return reverse("portal:company_approval_decide", args=[organisation.pk, enrolment.pk])


@pytest.fixture
def own(world):
    """A learner with a login, enrolled with a seat; someone waits behind them."""
    learner = learner_user(employer=world.company, first_name="Lotte", last_name="Leerling")
    world.edition.capacity = 3
    world.edition.save(update_fields=["capacity"])
    enrolment = EnrolmentFactory(edition=world.edition, person=learner.person)
    EnrolmentFactory(edition=world.edition, status=Status.WAITLISTED, waitlist_position=1)
    return learner, enrolment


@pytest.mark.parametrize("role", ROLES)
def test_company_cancel_confirmation_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(company_cancel_url(world.company, world.enrolment))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role == "contact_same_company" else 404)
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == Status.CONFIRMED  # the GET changes nothing


@pytest.mark.parametrize("role", ROLES)
def test_own_cancel_confirmation_is_only_the_learners(role, client, login_as, world, own):
    _learner, enrolment = own
    user = login_as(role)
    response = client.get(own_cancel_url(enrolment))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == 404  # nobody else's enrolment
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_the_learner_sees_what_happens_then_cancels(client, world, own):
    learner, enrolment = own
    client.force_login(learner)
    home = client.get(reverse("portal:home")).content.decode()
    assert f'href="{own_cancel_url(enrolment)}"' in home
    page = client.get(own_cancel_url(enrolment))
    assert page.status_code == 200
    assert b'id="cancel-moves-up"' in page.content and b'id="cancel-fee"' in page.content
    assert_valid(client, own_cancel_url(enrolment))
    response = client.post(own_cancel_url(enrolment))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    assert world.edition.enrolments.filter(status=Status.WAITLISTED).count() == 0


def test_after_the_free_deadline_the_page_names_the_fee(client, world, own):
    learner, enrolment = own
    EditionPrice.objects.create(
        edition=world.edition,
        model="per_participant",
        member_price=Decimal("300.00"),
        non_member_price=Decimal("300.00"),
        free_cancellation_until=timezone.now() - dt.timedelta(hours=1),
        late_cancellation_percent=25,
    )
    client.force_login(learner)
    text = " ".join(client.get(own_cancel_url(enrolment)).content.decode().split())
    assert "Kosteloos afmelden kon tot" in text and "€ 75,00" in text


def test_the_contact_confirms_on_a_page_that_returns_to_the_list(client, world):
    client.force_login(contact_user(world.company))
    back = reverse("portal:company_enrolments", args=[world.company.pk]) + "?status=confirmed"
    url = company_cancel_url(world.company, world.enrolment) + "?next=" + back
    assert_valid(client, url)
    assert f'value="{back}"'.replace("&", "&amp;") in client.get(url).content.decode()
    response = client.post(company_cancel_url(world.company, world.enrolment), {"next": back})
    assert response.status_code == 302 and response.url == back
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == Status.CANCELLED


@pytest.fixture
def pending(world):
    world.company.approval_required = True
    world.company.save()
    learner = learner_user(employer=world.company, first_name="Pim", last_name="Pending")
    return learner, EnrolmentFactory(edition=world.edition, person=learner.person, status="pending")


@pytest.mark.parametrize("role", ROLES)
def test_reject_form_per_role(role, client, login_as, world, pending):
    _learner, enrolment = pending
    user = login_as(role)
    response = client.get(decide_url(world.company, enrolment) + "?decision=reject")
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role == "contact_same_company" else 404)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PENDING_APPROVAL


def test_rejecting_needs_a_reason_the_learner_then_sees_and_gets_mailed(
    client, world, pending, mailoutbox, django_capture_on_commit_callbacks
):
    learner, enrolment = pending
    client.force_login(contact_user(world.company))
    url = decide_url(world.company, enrolment)
    assert_valid(client, url + "?decision=reject")
    refused = client.post(url, {"decision": "reject", "reason": " "})
    assert refused.status_code == 400 and refused.context["form"].errors["reason"]
    enrolment.refresh_from_db()
    assert enrolment.status == Status.PENDING_APPROVAL
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "Eerst de basiscursus"})
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.rejection_reason) == (
        Status.REJECTED,
        "Eerst de basiscursus",
    )
    [mail] = mailoutbox
    assert mail.to == [learner.person.email] and "Eerst de basiscursus" in mail.body
    client.force_login(learner)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Reden: Eerst de basiscursus" in home
