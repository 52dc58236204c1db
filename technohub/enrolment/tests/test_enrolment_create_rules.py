"""More rules of `enrolment_create` (the original cases live in test_enrolment_create.py)."""

import pytest

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import selectors, services
from technohub.enrolment.errors import AlreadyEnrolled, EnrolmentClosed
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.helpers import company_with_contact, future, past
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    PersonFactory,
    coordinator_user,
    learner_user,
)

pytestmark = pytest.mark.django_db


def _job_seeker():
    return learner_user(employer=None, learner_kind="job_seeker")


@pytest.mark.parametrize(
    "fields",
    [
        {"enrolment_opens_at": future()},
        {"enrolment_closes_at": past()},
        {"status": Edition.Status.CANCELLED},
        {"status": Edition.Status.COMPLETED},
    ],
)
def test_enrolment_window_and_status(fields):
    learner = _job_seeker()
    with pytest.raises(EnrolmentClosed):
        services.enrolment_create(
            edition=EditionFactory(**fields), person=learner.person, actor=learner
        )


def test_running_edition_within_window_accepts():
    edition = EditionFactory(
        status=Edition.Status.RUNNING, enrolment_opens_at=past(), enrolment_closes_at=future()
    )
    learner = _job_seeker()
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    assert enrolment.status == Enrolment.Status.CONFIRMED


def test_enrol_again_after_cancelling():
    # given a cancelled enrolment
    edition = EditionFactory()
    learner = _job_seeker()
    first = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    services.enrolment_cancel(enrolment=first, actor=learner)
    # when the learner enrols again
    second = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    # then it is a new active enrolment, and a third attempt is refused
    assert second.pk != first.pk and second.status == Enrolment.Status.CONFIRMED
    with pytest.raises(AlreadyEnrolled):
        services.enrolment_create(edition=edition, person=learner.person, actor=learner)


def test_creation_is_audited_with_the_placement():
    edition = EditionFactory(capacity=0)
    learner = _job_seeker()
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    entry = AuditEntry.objects.get(action="enrolment.created")
    assert (entry.target_id, entry.actor, entry.before) == (str(enrolment.pk), learner, None)
    assert entry.after == {"status": "waitlisted", "waitlist_position": 1}


def test_learner_cannot_enrol_somebody_else():
    learner = _job_seeker()
    with pytest.raises(NotAllowed):
        services.enrolment_create(edition=EditionFactory(), person=PersonFactory(), actor=learner)


def test_coordinator_enrols_in_own_hub_only():
    edition = EditionFactory()
    person = PersonFactory(employer=None, learner_kind="job_seeker")
    with pytest.raises(NotAllowed):
        services.enrolment_create(
            edition=edition, person=person, actor=coordinator_user(HubFactory())
        )
    enrolment = services.enrolment_create(
        edition=edition, person=person, actor=coordinator_user(edition.hub)
    )
    assert enrolment.status == Enrolment.Status.CONFIRMED


def test_company_token_enrols_own_employee():
    edition = EditionFactory()
    company, _ = company_with_contact()
    other, _ = company_with_contact()
    employee = PersonFactory(employer=company)
    with pytest.raises(NotAllowed):
        services.enrolment_create(edition=edition, person=employee, actor=None, on_behalf_of=other)
    enrolment = services.enrolment_create(
        edition=edition, person=employee, actor=None, on_behalf_of=company
    )
    assert (enrolment.organisation, enrolment.enrolled_by) == (company, None)


def test_contact_keeps_seeing_an_apprentice_it_enrolled():
    """Regression: an employer's student/apprentice enrolled by its contact got no organisation,
    so the contact could neither see nor cancel the enrolment it had just made."""
    # given a company's apprentice (a student employed by the company)
    edition = EditionFactory()
    company, contact = company_with_contact()
    apprentice = PersonFactory(employer=company, learner_kind="student")
    # when the contact enrols the apprentice
    enrolment = services.enrolment_create(
        edition=edition, person=apprentice, actor=contact, on_behalf_of=company
    )
    # then the enrolment belongs to the company: visible to and cancellable by its contact
    assert enrolment.organisation == company
    assert selectors.enrolments_for(actor=contact).filter(pk=enrolment.pk).exists()
    assert services.may_cancel(actor=contact, enrolment=enrolment)


def test_a_student_enrolling_themself_belongs_to_no_company():
    # given a student whose record names an employer
    company, contact = company_with_contact()
    student = learner_user(employer=company, learner_kind="student")
    # when the student enrols themself
    enrolment = services.enrolment_create(
        edition=EditionFactory(), person=student.person, actor=student
    )
    # then it is the student's own business (not the employer's)
    assert enrolment.organisation is None
    assert not selectors.enrolments_for(actor=contact).filter(pk=enrolment.pk).exists()
