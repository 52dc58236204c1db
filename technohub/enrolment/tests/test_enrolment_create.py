import pytest
from django.core import mail

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import AlreadyEnrolled, EnrolmentClosed
from technohub.enrolment.models import Enrolment
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    contact_user,
    learner_user,
)

pytestmark = pytest.mark.django_db


def test_contact_enrols_employee_confirmed_with_mail_and_ics(django_capture_on_commit_callbacks):
    # given a published edition with one session and a company contact
    edition = EditionFactory(capacity=2)
    SessionFactory(edition=edition)
    company = OrganisationFactory()
    contact = contact_user(company)
    employee = PersonFactory(employer=company)
    # when the contact enrols the employee
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(
            edition=edition, person=employee, actor=contact, on_behalf_of=company
        )
    # then the employee has a seat, is mailed in Dutch with an .ics, and an audit entry exists
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.organisation == company
    assert len(mail.outbox) == 1
    assert "ingeschreven" in mail.outbox[0].subject.lower()
    name, content, mimetype = mail.outbox[0].attachments[0]
    text = content if isinstance(content, str) else content.decode()
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in text
    assert AuditEntry.objects.filter(action="enrolment.created").count() == 1


def test_full_edition_waitlists_in_order():
    edition = EditionFactory(capacity=1)
    company = OrganisationFactory()
    contact = contact_user(company)
    people = PersonFactory.create_batch(3, employer=company)
    enrolments = services.enrol_many(
        edition=edition, people=people, actor=contact, on_behalf_of=company
    )
    assert [e.status for e in enrolments] == ["confirmed", "waitlisted", "waitlisted"]
    assert [e.waitlist_position for e in enrolments] == [None, 1, 2]


def test_enrol_many_is_all_or_nothing():
    edition = EditionFactory(capacity=5)
    company = OrganisationFactory()
    contact = contact_user(company)
    first, second = PersonFactory.create_batch(2, employer=company)
    services.enrolment_create(edition=edition, person=second, actor=contact, on_behalf_of=company)
    with pytest.raises(AlreadyEnrolled):
        services.enrol_many(
            edition=edition, people=[first, second], actor=contact, on_behalf_of=company
        )
    assert not Enrolment.objects.filter(person=first).exists()


def test_contact_cannot_enrol_another_companys_employee():
    edition = EditionFactory()
    company, other = OrganisationFactory.create_batch(2)
    contact = contact_user(company)
    stranger = PersonFactory(employer=other)
    with pytest.raises(NotAllowed):
        services.enrolment_create(
            edition=edition, person=stranger, actor=contact, on_behalf_of=company
        )
    with pytest.raises(NotAllowed):
        services.enrolment_create(
            edition=edition, person=stranger, actor=contact, on_behalf_of=other
        )


def test_self_enrolment_waits_for_employer_approval_then_gets_seat():
    edition = EditionFactory(capacity=1)
    company = OrganisationFactory(approval_required=True)
    learner = learner_user(employer=company)
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    assert enrolment.status == Enrolment.Status.PENDING_APPROVAL
    approved = services.enrolment_approve(enrolment=enrolment, actor=contact_user(company))
    assert approved.status == Enrolment.Status.CONFIRMED


def test_job_seeker_enrols_directly_without_employer():
    edition = EditionFactory()
    learner = learner_user(employer=None, learner_kind="job_seeker")
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.organisation is None


def test_draft_edition_refuses_enrolment():
    edition = EditionFactory(status=Edition.Status.DRAFT)
    learner = learner_user(employer=None, learner_kind="job_seeker")
    with pytest.raises(EnrolmentClosed):
        services.enrolment_create(edition=edition, person=learner.person, actor=learner)


def test_cancel_promotes_head_of_waitlist_and_mails(django_capture_on_commit_callbacks):
    edition = EditionFactory(capacity=1)
    company = OrganisationFactory()
    contact = contact_user(company)
    a, b, c = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(3, employer=company),
        actor=contact,
        on_behalf_of=company,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=a, actor=contact)
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, b.waitlist_position) == ("confirmed", None)
    assert (c.status, c.waitlist_position) == ("waitlisted", 1)
    assert [m.to for m in mail.outbox] == [[b.person.email]]
