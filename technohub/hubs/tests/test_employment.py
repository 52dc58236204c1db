"""Employment links: asked, confirmed, declined, ended; the same person keeps their history."""

import pytest
from django.core import mail

from technohub.competences.tests.factories import CertificateFactory
from technohub.hubs.employment import (
    AlreadyEmployee,
    NotPending,
    employee_add,
    employee_update,
    employment_confirm,
    employment_decline,
    employment_end,
    employment_request,
)
from technohub.hubs.errors import DomainError, NotAllowed, NotFound
from technohub.hubs.models import AuditEntry, Employment, Person, Role
from technohub.hubs.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    contact_user,
    learner_user,
)

pytestmark = pytest.mark.django_db
Status = Employment.Status


@pytest.fixture
def job_seeker():
    return learner_user(
        first_name="Job",
        last_name="Zoeker",
        employer=None,
        learner_kind=Person.LearnerKind.JOB_SEEKER,
    )


def test_a_contact_links_an_existing_account_the_person_confirms_and_keeps_everything(
    job_seeker, django_capture_on_commit_callbacks
):
    company = OrganisationFactory()
    contact = contact_user(company)
    certificate = CertificateFactory(person=job_seeker.person)
    people_before = Person.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        person, link = employee_add(
            organisation=company,
            actor=contact,
            first_name="J.",
            last_name="Zoeker",
            email=job_seeker.email.upper(),
        )
    assert person is None and link.status == Status.AWAITS_PERSON
    assert Person.objects.count() == people_before  # no duplicate
    assert mail.outbox[0].to == [job_seeker.email] and "/mijn/werkgever/" in mail.outbox[0].body
    job_seeker.person.refresh_from_db()
    assert job_seeker.person.employer is None  # nothing before the person confirms
    with pytest.raises(NotAllowed):  # the contact cannot confirm for the person
        employment_confirm(employment=link, actor=contact)
    employment_confirm(employment=link, actor=job_seeker)
    job_seeker.person.refresh_from_db()
    assert job_seeker.person.employer == company
    assert job_seeker.person.learner_kind == Person.LearnerKind.EMPLOYEE
    certificate.refresh_from_db()
    assert certificate.person_id == job_seeker.person.pk
    link.refresh_from_db()
    assert link.status == Status.ACTIVE and link.started_on is not None
    assert AuditEntry.objects.filter(action="employment.confirmed").exists()


def test_the_contact_confirms_someone_who_asked(job_seeker):
    company = OrganisationFactory()
    link = employment_request(person=job_seeker.person, organisation=company, actor=job_seeker)
    with pytest.raises(NotAllowed):
        employment_confirm(employment=link, actor=job_seeker)  # not the asker
    with pytest.raises(NotAllowed):
        employment_confirm(employment=link, actor=contact_user(OrganisationFactory()))
    employment_confirm(employment=link, actor=contact_user(company))
    job_seeker.person.refresh_from_db()
    assert job_seeker.person.employer == company
    with pytest.raises(NotPending):
        employment_decline(employment=link, actor=job_seeker)


def test_either_side_may_decline_a_pending_link(job_seeker):
    company = OrganisationFactory()
    link = employment_request(person=job_seeker.person, organisation=company, actor=job_seeker)
    with pytest.raises(NotAllowed):
        employment_decline(employment=link, actor=contact_user(OrganisationFactory()))
    employment_decline(employment=link, actor=contact_user(company))
    link.refresh_from_db()
    assert link.status == Status.DECLINED


def test_confirming_a_new_employer_ends_the_old_one(job_seeker):
    old, new = OrganisationFactory(), OrganisationFactory()
    job_seeker.person.employer = old
    job_seeker.person.save()
    link = employment_request(person=job_seeker.person, organisation=new, actor=job_seeker)
    employment_confirm(employment=link, actor=contact_user(new))
    assert Employment.objects.get(organisation=old).status == Status.ENDED


def test_adding_an_own_employee_again_is_refused():
    company = OrganisationFactory()
    employee = learner_user(employer=company)
    with pytest.raises(AlreadyEmployee):
        employee_add(
            organisation=company,
            actor=contact_user(company),
            first_name="A",
            last_name="B",
            email=employee.email,
        )


def test_ending_an_employment_clears_the_employer_keeps_the_person_and_their_role_goes():
    company = OrganisationFactory()
    contact = contact_user(company)
    colleague = contact_user(company)
    employment_end(organisation=company, person=colleague.person, actor=contact)
    colleague.person.refresh_from_db()
    assert colleague.person.employer is None and colleague.is_active
    assert not Role.objects.filter(user=colleague, organisation=company).exists()
    ended = Employment.objects.get(person=colleague.person)
    assert ended.status == Status.ENDED and ended.ended_on is not None
    entry = AuditEntry.objects.get(action="employment.ended")
    assert entry.before["employer"] == company.pk and entry.after["employer"] is None


def test_only_a_contact_of_the_employer_ends_an_employment_and_never_their_own():
    company = OrganisationFactory()
    contact = contact_user(company)
    employee = PersonFactory(employer=company)
    with pytest.raises(NotAllowed):
        employment_end(
            organisation=company, person=employee, actor=contact_user(OrganisationFactory())
        )
    with pytest.raises(NotFound):
        employment_end(organisation=company, person=PersonFactory(), actor=contact)
    with pytest.raises(DomainError) as own:
        employment_end(organisation=company, person=contact.person, actor=contact)
    assert not isinstance(own.value, NotAllowed)  # a plain refusal with a reason


def test_a_contact_edits_an_employee_but_not_the_address_of_someone_with_a_login():
    company = OrganisationFactory()
    contact = contact_user(company)
    with_login = learner_user(employer=company)
    without = PersonFactory(employer=company, user=None)
    employee_update(
        organisation=company,
        person=without,
        actor=contact,
        first_name="Nina",
        last_name="de Groot",
        job_title="Servicemonteur",
        email="nina.nieuw@example.nl",
    )
    without.refresh_from_db()
    assert (without.last_name, without.job_title, without.email) == (
        "de Groot",
        "Servicemonteur",
        "nina.nieuw@example.nl",
    )
    employee_update(
        organisation=company,
        person=with_login.person,
        actor=contact,
        first_name="X",
        last_name="Y",
        email="gekaapt@example.nl",
    )
    with_login.person.refresh_from_db()
    assert with_login.person.email == with_login.email
    with pytest.raises(NotAllowed):
        employee_update(
            organisation=company,
            person=without,
            actor=contact_user(OrganisationFactory()),
            first_name="A",
            last_name="B",
        )
