"""A company contact enrols employees (one or many, or a new one) at /mijn/inschrijven/<id>/."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Person, Role
from technohub.hubs.tests.factories import PersonFactory, RoleFactory, contact_user
from technohub.portal.services import EnrolmentFailedFor, company_enrol

pytestmark = pytest.mark.django_db


def url(edition) -> str:
    return reverse("portal:enrol", args=[edition.pk])


def test_contact_enrols_two_employees_at_once_both_confirmed(client, world):
    # given a contact of the company with two more employees
    contact = contact_user(world.company)
    first, second = PersonFactory.create_batch(2, employer=world.company)
    client.force_login(contact)
    # when they tick both and submit once
    response = client.post(url(world.edition), {"people": [first.pk, second.pk]}, follow=True)
    # then both have a confirmed seat, made on behalf of the company
    enrolments = Enrolment.objects.filter(person__in=[first, second])
    assert sorted(e.status for e in enrolments) == ["confirmed", "confirmed"]
    assert {e.organisation for e in enrolments} == {world.company}
    assert response.redirect_chain[-1][0] == reverse(
        "portal:company_enrolments", args=[world.company.pk]
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_over_capacity_goes_to_the_waitlist_and_the_page_says_so(client, world):
    world.edition.capacity = 3  # two seats taken: one left
    world.edition.save()
    contact = contact_user(world.company)
    first, second = PersonFactory.create_batch(2, employer=world.company)
    client.force_login(contact)
    page = client.get(url(world.edition))
    assert page.context["edition"].seats_left == 1
    response = client.post(url(world.edition), {"people": [first.pk, second.pk]}, follow=True)
    statuses = dict(
        Enrolment.objects.filter(person__in=[first, second]).values_list("person", "status")
    )
    assert sorted(statuses.values()) == ["confirmed", "waitlisted"]
    assert sorted(m.level_tag for m in response.context["messages"]) == ["success", "warning"]


def test_contact_adds_a_new_employee_inline_and_enrols_them(client, world):
    contact = contact_user(world.company)
    client.force_login(contact)
    client.post(
        url(world.edition),
        {"first_name": "Nieuwe", "last_name": "Monteur", "email": "NIEUW@example.nl"},
    )
    person = Person.objects.get(last_name="Monteur")
    assert person.employer == world.company and person.email == "nieuw@example.nl"
    assert Enrolment.objects.get(person=person).status == Enrolment.Status.CONFIRMED


def test_new_employee_needs_both_names(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(url(world.edition), {"email": "x@example.nl"})
    assert set(response.context["form"].errors) == {"first_name", "last_name"}


def test_nothing_chosen_is_a_form_error(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(url(world.edition), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_already_enrolled_employee_cannot_be_ticked(client, world):
    contact = contact_user(world.company)
    client.force_login(contact)
    page = client.get(url(world.edition))
    already = {p.pk: p.already for p in page.context["employees"]}
    assert already[world.employee.pk] is True
    assert f'name="people" value="{world.employee.pk}"' not in page.content.decode()


def test_a_failure_enrols_nobody_and_names_the_person(client, world):
    # given enrolment closed after the contact opened the page
    contact = contact_user(world.company)
    first = PersonFactory(employer=world.company, first_name="Femke", last_name="Eerst")
    client.force_login(contact)
    world.edition.enrolment_closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.edition.save()
    # when they submit one employee and a new one
    response = client.post(
        url(world.edition), {"people": [first.pk], "first_name": "Nieuw", "last_name": "Mens"}
    )
    # then the error names the person, nobody is enrolled and the new employee is not kept
    assert response.status_code == 200
    assert "Femke Eerst" in " ".join(response.context["form"].non_field_errors())
    assert not Enrolment.objects.filter(person=first).exists()
    assert not Person.objects.filter(last_name="Mens").exists()


def test_company_enrol_names_the_second_person_when_the_second_fails(world):
    contact = contact_user(world.company)
    first = PersonFactory(employer=world.company)
    with pytest.raises(EnrolmentFailedFor) as failure:
        company_enrol(
            edition=world.edition,
            organisation=world.company,
            people=[first, world.employee],  # world.employee is already enrolled
            actor=contact,
        )
    assert failure.value.person == world.employee
    assert failure.value.code == "already_enrolled"
    assert not Enrolment.objects.filter(person=first).exists()


def test_contact_of_another_company_cannot_enrol_our_employee(client, world):
    # the rival's contact posts our employee's id
    spare = PersonFactory(employer=world.company)
    client.force_login(contact_user(world.rival))
    response = client.post(url(world.edition), {"people": [spare.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["people"]
    assert not Enrolment.objects.filter(person=spare).exists()
    # and never sees our people on the page
    page = client.get(url(world.edition)).content.decode()
    assert spare.full_name not in page and world.employee.full_name not in page


def test_contact_cannot_act_for_an_organisation_by_guessing_its_id(client, world):
    client.force_login(contact_user(world.rival))
    response = client.get(url(world.edition), {"organisation": world.company.pk})
    assert response.status_code == 404
    spare = PersonFactory(employer=world.company)
    response = client.post(
        url(world.edition), {"organisation": world.company.pk, "people": [spare.pk]}
    )
    assert response.status_code == 404
    assert not Enrolment.objects.filter(person=spare).exists()


def test_contact_of_two_organisations_picks_one(client, world):
    contact = contact_user(world.company)
    RoleFactory(user=contact, kind=Role.Kind.CONTACT, organisation=world.rival)
    spare = PersonFactory(employer=world.rival)
    client.force_login(contact)
    page = client.get(url(world.edition), {"organisation": world.rival.pk})
    assert page.context["chooser"] is not None
    assert page.context["organisation"] == world.rival
    client.post(url(world.edition), {"organisation": world.rival.pk, "people": [spare.pk]})
    assert Enrolment.objects.get(person=spare).organisation == world.rival


def test_company_enrol_page_query_count(client, world, django_assert_max_num_queries):
    PersonFactory.create_batch(25, employer=world.company)
    client.force_login(contact_user(world.company))
    # constant, whatever the number of employees (the price, issue 11, adds three)
    with django_assert_max_num_queries(15):
        response = client.get(url(world.edition))
    assert len(response.context["employees"]) == 27
