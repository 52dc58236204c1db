"""One rule for "a company enrols an employee", used by the portal and the API: the company's
employee with that e-mail address (never a second person), else a new one; all or none."""

import pytest

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import AlreadyEnrolled
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services import NewEmployee
from technohub.enrolment.tests.helpers import company_with_contact
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Person
from technohub.hubs.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_known_address_is_the_companys_employee_not_a_new_person():
    company, contact = company_with_contact()
    known = PersonFactory(employer=company, email="monteur@bogro.nl")
    edition = EditionFactory()
    for actor in (contact, None):  # the portal (a contact) and the API (the token)
        Enrolment.objects.all().delete()
        [enrolment] = services.employees_enrol(
            edition=edition,
            organisation=company,
            new_employees=[NewEmployee("M", "Onteur", "MONTEUR@bogro.nl")],
            actor=actor,
        )
        assert enrolment.person == known and enrolment.organisation == company
    assert Person.objects.filter(email__iexact="monteur@bogro.nl").count() == 1


def test_an_unknown_address_adds_the_employee():
    company, contact = company_with_contact()
    [enrolment] = services.employees_enrol(
        edition=EditionFactory(),
        organisation=company,
        new_employees=[NewEmployee("Nieuwe", "Monteur", "nieuw@bogro.nl")],
        actor=contact,
    )
    assert enrolment.person.employer == company and enrolment.person.email == "nieuw@bogro.nl"


def test_all_or_none_and_the_error_names_the_person():
    company, contact = company_with_contact()
    edition = EditionFactory()
    first = PersonFactory(employer=company)
    services.enrolment_create(edition=edition, person=first, actor=contact, on_behalf_of=company)
    second = PersonFactory(employer=company)
    with pytest.raises(AlreadyEnrolled) as failed:
        services.employees_enrol(
            edition=edition,
            organisation=company,
            people=[second, first],
            new_employees=[NewEmployee("Nieuw", "Mens", "nieuw@bogro.nl")],
            actor=contact,
        )
    assert failed.value.person == first
    assert not Person.objects.filter(email="nieuw@bogro.nl").exists()
    assert not edition.enrolments.filter(person=second).exists()


def test_a_contact_of_another_company_cannot():
    company, _ = company_with_contact()
    _, rival_contact = company_with_contact()
    with pytest.raises(NotAllowed):
        services.employees_enrol(
            edition=EditionFactory(),
            organisation=company,
            new_employees=[NewEmployee("A", "B", "ab@example.nl")],
            actor=rival_contact,
        )
    assert not Enrolment.objects.exists()
