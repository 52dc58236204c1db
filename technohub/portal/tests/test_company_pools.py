"""The company's reserved seats: list, name people, claim link, release; per role."""

import pytest
from django.urls import reverse

from technohub.enrolment.models import Enrolment, SeatPool
from technohub.enrolment.services import seat_pool_reserve
from technohub.hubs.tests.factories import PersonFactory, contact_user, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db

ALLOWED = {"contact_same_company"}


@pytest.fixture
def pool(world):
    return seat_pool_reserve(
        edition=world.edition,
        organisation=world.company,
        seats=3,
        actor=contact_user(world.company),
    )


@pytest.mark.parametrize("role", ROLES)
def test_pool_pages_only_for_the_company_contact(client, world, pool, login_as, role):
    login_as(role)
    urls = [
        reverse("portal:company_pools", args=[world.company.pk]),
        reverse("portal:company_pool", args=[world.company.pk, pool.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert_login_redirect(response)
        elif role in ALLOWED:
            assert response.status_code == 200
            assert world.rival.name not in response.content.decode()
        else:
            assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_pool_actions_refused_to_everyone_else(client, world, pool, login_as, role):
    login_as(role)
    person = PersonFactory(employer=world.company)
    base = [world.company.pk, pool.pk]
    responses = [
        client.post(reverse("portal:company_pool", args=base), {"people": [person.pk]}),
        client.post(reverse("portal:company_pool_release", args=base)),
        client.post(
            reverse("portal:company_pool_settings", args=base), {"claims_need_approval": "on"}
        ),
        client.post(
            reverse("portal:company_pool_reserve", args=[world.company.pk, world.edition.pk]),
            {"seats": 1},
        ),
    ]
    pool.refresh_from_db()
    if role == "anonymous":
        for response in responses:
            assert_login_redirect(response)
    elif role in ALLOWED:
        assert [r.status_code for r in responses] == [302, 302, 302, 302]
        # released, then a new pool of 1 reserved
        assert pool.released_at is not None and pool.claims_need_approval
        assert SeatPool.objects.filter(released_at__isnull=True).get().seats == 1
    else:
        assert all(r.status_code == 404 for r in responses)
        assert pool.released_at is None and pool.named == 0 and SeatPool.objects.count() == 1


def test_contact_names_employees_and_sees_them(client, world, pool):
    client.force_login(contact_user(world.company))
    people = PersonFactory.create_batch(2, employer=world.company)
    url = reverse("portal:company_pool", args=[world.company.pk, pool.pk])
    response = client.post(url, {"people": [p.pk for p in people]})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert all(p.full_name in page for p in people)
    pool.refresh_from_db()
    assert pool.named == 2


def test_naming_too_many_shows_an_error_and_changes_nothing(client, world, pool):
    client.force_login(contact_user(world.company))
    people = PersonFactory.create_batch(4, employer=world.company)
    url = reverse("portal:company_pool", args=[world.company.pk, pool.pk])
    response = client.post(url, {"people": [p.pk for p in people]})
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()
    assert not Enrolment.objects.filter(pool=pool).exists()
    # nothing chosen: a field error in Dutch
    response = client.post(url, {})
    assert (
        response.status_code == 400 and "Kies minstens één medewerker" in response.content.decode()
    )


def test_reserving_more_than_free_is_refused_with_a_message(client, world):
    client.force_login(contact_user(world.company))
    url = reverse("portal:company_pool_reserve", args=[world.company.pk, world.edition.pk])
    response = client.post(url, {"seats": 99}, follow=True)
    assert SeatPool.objects.count() == 0
    assert "plaatsen" in response.content.decode()
    response = client.post(url, {"seats": "abc"}, follow=True)
    assert SeatPool.objects.count() == 0


def test_employee_claims_with_the_link_others_get_404(client, world, pool):
    url = reverse("portal:pool_claim", args=[pool.claim_code])
    outsider = learner_user(employer=world.rival)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    employee = learner_user(employer=world.company)
    client.force_login(employee)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    enrolment = Enrolment.objects.get(person=employee.person)
    assert enrolment.pool == pool and enrolment.status == Enrolment.Status.CONFIRMED
    client.logout()
    assert_login_redirect(client.get(url))
