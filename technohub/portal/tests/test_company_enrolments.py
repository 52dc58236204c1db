"""A company's enrolments: filter, cancel (which promotes the waitlist). Own company only."""

import pytest
from django.urls import reverse

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory, contact_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("portal:company_enrolments", args=[organisation.pk])


def cancel_url(organisation, enrolment) -> str:
    return reverse("portal:company_enrolment_cancel", args=[organisation.pk, enrolment.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_contact_sees_its_enrolments(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.company))
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert list(response.context["page"].object_list) == [world.enrolment]
        assert world.rival_employee.full_name not in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_cancel_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.post(cancel_url(world.company, world.enrolment))
    world.enrolment.refresh_from_db()
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.status_code == 302
        assert world.enrolment.status == Enrolment.Status.CANCELLED
        return
    else:
        assert response.status_code == 404
    assert world.enrolment.status == Enrolment.Status.CONFIRMED


def test_filter_by_status(client, world):
    waiting = EnrolmentFactory(
        person=PersonFactory(employer=world.company), status="waitlisted", waitlist_position=1
    )
    client.force_login(contact_user(world.company))
    response = client.get(url(world.company), {"status": "waitlisted"})
    assert list(response.context["page"].object_list) == [waiting]


def test_cancel_promotes_the_first_on_the_waitlist(client, world):
    # given a full edition (capacity 2: ours and the rival's), a third person waiting
    world.edition.capacity = 2
    world.edition.save()
    waiting = EnrolmentFactory(
        edition=world.edition, person=PersonFactory(), status="waitlisted", waitlist_position=1
    )
    client.force_login(contact_user(world.company))
    # when our contact cancels our employee
    client.post(cancel_url(world.company, world.enrolment))
    # then the seat goes to the first on the waitlist
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == ("confirmed", None)


def test_cancelling_a_rivals_enrolment_through_our_own_url_is_404(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(cancel_url(world.company, world.rival_enrolment))
    assert response.status_code == 404
    world.rival_enrolment.refresh_from_db()
    assert world.rival_enrolment.status == Enrolment.Status.CONFIRMED


def test_cancel_returns_to_the_filtered_list_but_never_off_site(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(
        cancel_url(world.company, world.enrolment), {"next": "https://evil.example/"}
    )
    assert response["Location"] == url(world.company)


def test_enrolment_list_query_count(client, world, django_assert_max_num_queries):
    for _ in range(40):
        EnrolmentFactory(edition=EditionFactory(), person=PersonFactory(employer=world.company))
    client.force_login(contact_user(world.company))
    with django_assert_max_num_queries(10):
        response = client.get(url(world.company))
    assert len(response.context["page"].object_list) == 41
