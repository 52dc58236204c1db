"""More rules of `enrolment_create` (the original cases live in test_enrolment_create.py)."""

import pytest

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
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
