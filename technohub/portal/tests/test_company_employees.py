"""A company contact's employees: list, add, invite. Never another company's people."""

import pytest
from django.core import mail
from django.urls import reverse

from technohub.hubs.models import Person, Role, User
from technohub.hubs.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
    contact_user,
    learner_user,
)
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(organisation, name="portal:company_employees") -> str:
    return reverse(name, args=[organisation.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_own_contact_sees_its_employees(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.company))
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.status_code == 200
        assert world.employee in response.context["people"]
        assert world.rival_employee.full_name not in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_add_employee_page_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.company, "portal:company_employee_add"))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role == "contact_same_company" else 404)


def test_list_shows_login_and_enrolment_count(client, world):
    contact = contact_user(world.company)
    client.force_login(contact)
    response = client.get(url(world.company))
    people = {p.pk: p for p in response.context["people"]}
    assert people[world.employee.pk].enrolment_count == 1
    assert people[world.employee.pk].user is None
    assert people[contact.person.pk].user == contact


def test_company_index_redirects_a_contact_of_one_company(client, world):
    client.force_login(contact_user(world.company))
    response = client.get(reverse("portal:company"))
    assert response["Location"] == url(world.company)


def test_company_index_lists_several_companies_and_404s_for_non_contacts(client, world):
    contact = contact_user(world.company)
    RoleFactory(user=contact, kind=Role.Kind.CONTACT, organisation=world.rival)
    client.force_login(contact)
    assert len(client.get(reverse("portal:company")).context["organisations"]) == 2
    client.force_login(learner_user())
    assert client.get(reverse("portal:company")).status_code == 404


def test_contact_adds_an_employee_and_invites_them(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(contact_user(world.company))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(world.company, "portal:company_employee_add"),
            {
                "first_name": "Nina",
                "last_name": "Nieuw",
                "email": "nina@example.nl",
                "invite": "on",
            },
        )
    assert response["Location"] == url(world.company)
    person = Person.objects.get(email="nina@example.nl")
    assert person.employer == world.company
    assert person.user is not None and not person.user.has_usable_password()
    assert len(mail.outbox) == 1 and "/mijn/uitnodiging/" in mail.outbox[0].body


def test_invitation_needs_an_email_address(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(
        url(world.company, "portal:company_employee_add"),
        {"first_name": "Zonder", "last_name": "Mail", "invite": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Person.objects.filter(last_name="Mail").exists()


def test_email_in_use_rolls_back_the_new_employee(client, world):
    UserFactory(email="bezet@example.nl")
    client.force_login(contact_user(world.company))
    response = client.post(
        url(world.company, "portal:company_employee_add"),
        {"first_name": "Al", "last_name": "Bezet", "email": "bezet@example.nl", "invite": "on"},
    )
    assert response.context["form"].errors["email"]
    assert not Person.objects.filter(last_name="Bezet").exists()


def test_contact_invites_an_existing_employee(client, world, django_capture_on_commit_callbacks):
    client.force_login(contact_user(world.company))
    invite = reverse("portal:company_employee_invite", args=[world.company.pk, world.employee.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite)
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.user.email == world.employee.email
    assert len(mail.outbox) == 1


def test_invite_is_post_only(client, world):
    client.force_login(contact_user(world.company))
    invite = reverse("portal:company_employee_invite", args=[world.company.pk, world.employee.pk])
    assert client.get(invite).status_code == 405


@pytest.mark.parametrize(
    "organisation_attr", ["company", "rival"], ids=["own-url-their-person", "their-url"]
)
def test_contact_cannot_invite_another_companys_employee_by_guessing_ids(
    organisation_attr, client, world
):
    # the rival's contact tries our employee, through their own company's URL and through ours
    client.force_login(contact_user(world.rival))
    organisation = getattr(world, organisation_attr)
    invite = reverse("portal:company_employee_invite", args=[organisation.pk, world.employee.pk])
    assert client.post(invite).status_code == 404
    world.employee.refresh_from_db()
    assert world.employee.user is None
    assert not User.objects.filter(email=world.employee.email).exists()


def test_unknown_organisation_is_404(client, world):
    client.force_login(contact_user(world.company))
    assert client.get(url(OrganisationFactory())).status_code == 404
    assert client.get(reverse("portal:company_employees", args=[999999])).status_code == 404


def test_employee_list_query_count(client, world, django_assert_max_num_queries):
    for person in PersonFactory.create_batch(30, employer=world.company):
        person.user = UserFactory()
        person.save()
    client.force_login(contact_user(world.company))
    with django_assert_max_num_queries(8):
        response = client.get(url(world.company))
    assert len(response.context["people"]) == 32
