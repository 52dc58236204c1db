"""A learner enrols themselves at /mijn/inschrijven/<edition>/."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import OrganisationFactory, PersonFactory, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(edition) -> str:
    return reverse("portal:enrol", args=[edition.pk])


@pytest.mark.parametrize("role", ROLES)
def test_enrol_page_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.edition))
    if user is None:
        assert_login_redirect(response)
        return
    assert response.status_code == 200
    contact = role.startswith("contact")
    expected = "portal/enrol_company.html" if contact else "portal/enrol_self.html"
    assert expected in [t.name for t in response.templates]


def test_learner_enrols_and_gets_a_confirmed_seat(client, world):
    learner = learner_user(employer=None)
    client.force_login(learner)
    response = client.post(url(world.edition), follow=True)
    enrolment = Enrolment.objects.get(person=learner.person)
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.enrolled_by == learner
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_full_edition_puts_the_learner_on_the_waitlist_with_position(client, world):
    # given an edition whose seats are all taken (2 of 2)
    world.edition.capacity = 2
    world.edition.save()
    learner = learner_user(employer=None)
    client.force_login(learner)
    # when the learner enrols
    response = client.get(url(world.edition))
    assert response.context["edition"].seats_left == 0
    response = client.post(url(world.edition), follow=True)
    # then they are first on the waitlist and told so
    enrolment = Enrolment.objects.get(person=learner.person)
    assert (enrolment.status, enrolment.waitlist_position) == ("waitlisted", 1)
    assert "1" in str(list(response.context["messages"])[0])


def test_employee_of_a_company_that_approves_waits_for_approval(client, world):
    company = OrganisationFactory(approval_required=True)
    learner = learner_user(employer=company)
    client.force_login(learner)
    page = client.get(url(world.edition))
    assert page.context["needs_approval"] is True
    client.post(url(world.edition))
    enrolment = Enrolment.objects.get(person=learner.person)
    assert enrolment.status == Enrolment.Status.PENDING_APPROVAL
    assert enrolment.organisation == company


def test_already_enrolled_learner_sees_the_status_instead_of_a_form(client, world):
    learner = learner_user(employer=None)
    EnrolmentFactory(edition=world.edition, person=learner.person)
    client.force_login(learner)
    response = client.get(url(world.edition))
    assert response.context["current"] is not None
    assert b'id="enrol-self"' not in response.content
    client.post(url(world.edition))
    assert Enrolment.objects.filter(person=learner.person).count() == 1


def test_closed_enrolment_shows_the_domain_error(client, world):
    world.edition.enrolment_closes_at = timezone.now() - dt.timedelta(days=1)
    world.edition.save()
    learner = learner_user(employer=None)
    client.force_login(learner)
    assert b'id="enrol-self"' not in client.get(url(world.edition)).content
    response = client.post(url(world.edition))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Enrolment.objects.filter(person=learner.person).exists()


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.CANCELLED])
def test_unpublished_editions_are_404(status, client):
    client.force_login(learner_user())
    assert client.get(url(EditionFactory(status=status))).status_code == 404


def test_unknown_edition_is_404(client):
    client.force_login(learner_user())
    assert client.get(reverse("portal:enrol", args=[999999])).status_code == 404


def test_learner_cannot_enrol_someone_else_by_posting_extra_fields(client, world):
    learner = learner_user(employer=None)
    stranger = PersonFactory()
    client.force_login(learner)
    client.post(url(world.edition), {"people": [stranger.pk], "person": stranger.pk})
    assert not Enrolment.objects.filter(person=stranger).exists()
    assert Enrolment.objects.filter(person=learner.person).exists()
