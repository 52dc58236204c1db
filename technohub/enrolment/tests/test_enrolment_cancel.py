import pytest
from django.core import mail

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import CancellationClosed, InvalidTransition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.helpers import (
    company_with_contact,
    full_edition_with_waitlist,
    future,
    past,
)
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    PersonFactory,
    coordinator_user,
    learner_user,
    trainer_user,
)

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def _own_enrolment(*, deadline):
    """A learner (job seeker) enrolled in an edition with the given cancellation deadline."""
    edition = EditionFactory(cancellation_deadline=deadline)
    learner = learner_user(employer=None, learner_kind="job_seeker")
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    return edition, learner, enrolment


def test_learner_cancels_own_enrolment_before_deadline():
    # given a learner enrolled, the deadline still ahead
    _, learner, enrolment = _own_enrolment(deadline=future())
    # when the learner cancels
    cancelled = services.enrolment_cancel(enrolment=enrolment, actor=learner)
    # then it is cancelled, and the audit trail holds before/after
    assert cancelled.status == Status.CANCELLED
    entry = AuditEntry.objects.get(action="enrolment.cancelled")
    assert entry.before == {"status": "confirmed", "waitlist_position": None}
    assert entry.after == {"status": "cancelled", "waitlist_position": None}
    assert entry.actor == learner


def test_learner_cannot_cancel_after_deadline():
    # given the deadline has passed
    _, learner, enrolment = _own_enrolment(deadline=past())
    # when / then the learner is refused and the seat is kept
    with pytest.raises(CancellationClosed):
        services.enrolment_cancel(enrolment=enrolment, actor=learner)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_no_deadline_means_cancel_any_time():
    _, learner, enrolment = _own_enrolment(deadline=None)
    assert services.enrolment_cancel(enrolment=enrolment, actor=learner).status == "cancelled"


def test_contact_cancels_employee_before_deadline():
    # given a contact's employee enrolled
    edition = EditionFactory(cancellation_deadline=future())
    company, contact = company_with_contact()
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(employer=company), actor=contact, on_behalf_of=company
    )
    # when the contact cancels (as a logged-in contact, and as the company's API token)
    assert services.enrolment_cancel(enrolment=enrolment, actor=contact).status == "cancelled"


def test_company_token_cancels_own_enrolment_only():
    edition = EditionFactory()
    company, contact = company_with_contact()
    other, _ = company_with_contact()
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(employer=company), actor=contact, on_behalf_of=company
    )
    with pytest.raises(NotAllowed):
        services.enrolment_cancel(enrolment=enrolment, actor=None, on_behalf_of=other)
    cancelled = services.enrolment_cancel(enrolment=enrolment, actor=None, on_behalf_of=company)
    assert cancelled.status == Status.CANCELLED


def test_contact_cannot_cancel_after_deadline():
    edition = EditionFactory(cancellation_deadline=past())
    company, contact = company_with_contact()
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(employer=company), actor=contact, on_behalf_of=company
    )
    with pytest.raises(CancellationClosed):
        services.enrolment_cancel(enrolment=enrolment, actor=contact)


def test_coordinator_cancels_after_deadline():
    # given the deadline has passed
    edition, _, enrolment = _own_enrolment(deadline=past())
    coordinator = coordinator_user(edition.hub)
    # when the hub's coordinator cancels
    cancelled = services.enrolment_cancel(enrolment=enrolment, actor=coordinator)
    # then it is allowed
    assert cancelled.status == Status.CANCELLED


def test_outsiders_cannot_cancel():
    # given a learner's enrolment
    edition, _, enrolment = _own_enrolment(deadline=future())
    other_company, other_contact = company_with_contact()
    outsiders = [
        learner_user(employer=None, learner_kind="job_seeker"),
        other_contact,
        trainer_user(),
        coordinator_user(HubFactory()),
    ]
    # when / then nobody else may cancel it
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            services.enrolment_cancel(enrolment=enrolment, actor=actor)
    with pytest.raises(NotAllowed):
        services.enrolment_cancel(enrolment=enrolment, actor=None, on_behalf_of=other_company)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_contact_cannot_cancel_an_enrolment_without_employer():
    """Regression: `is_contact(actor, None)` means "a contact of any organisation"."""
    # given a job seeker's enrolment (no organisation) and some company's contact
    _, _, enrolment = _own_enrolment(deadline=future())
    _, contact = company_with_contact()
    # when / then the contact may not cancel it
    assert not services.may_cancel(actor=contact, enrolment=enrolment)
    with pytest.raises(NotAllowed):
        services.enrolment_cancel(enrolment=enrolment, actor=contact)


def test_on_behalf_of_needs_a_contact_of_that_company():
    """Regression: naming an organisation is not enough; the actor must be its contact."""
    # given an employee's enrolment and a learner of the same company without a contact role
    edition = EditionFactory()
    company, contact = company_with_contact()
    colleague = learner_user(employer=company)
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(employer=company), actor=contact, on_behalf_of=company
    )
    # when / then the colleague cannot cancel it by claiming to act for the company
    with pytest.raises(NotAllowed):
        services.enrolment_cancel(enrolment=enrolment, actor=colleague, on_behalf_of=company)
    assert (
        services.enrolment_cancel(enrolment=enrolment, actor=contact, on_behalf_of=company).status
        == Status.CANCELLED
    )


def test_cancelled_enrolment_cannot_be_cancelled_again():
    _, learner, enrolment = _own_enrolment(deadline=None)
    services.enrolment_cancel(enrolment=enrolment, actor=learner)
    with pytest.raises(InvalidTransition):
        services.enrolment_cancel(enrolment=enrolment, actor=learner)


def test_cancelling_a_waitlisted_enrolment_closes_the_gap(django_capture_on_commit_callbacks):
    # given one seat and four people on the waitlist
    edition, _, contact, (seat, w1, w2, w3, w4) = full_edition_with_waitlist(capacity=1, waiting=4)
    mail.outbox.clear()
    # when the second on the waitlist cancels
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=w2, actor=contact)
    # then the positions stay 1..N in the same order, nobody is promoted or mailed
    waiting = edition.enrolments.filter(status=Status.WAITLISTED).order_by("waitlist_position")
    assert [(e.pk, e.waitlist_position) for e in waiting] == [(w1.pk, 1), (w3.pk, 2), (w4.pk, 3)]
    assert edition.enrolments.get(pk=seat.pk).status == Status.CONFIRMED
    assert mail.outbox == []


def test_promotion_mails_the_promoted_person_only(django_capture_on_commit_callbacks):
    # given two seats, both taken, and two people waiting
    edition, _, contact, (a, b, w1, w2) = full_edition_with_waitlist(capacity=2, waiting=2)
    mail.outbox.clear()
    # when a seat holder cancels
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.enrolment_cancel(enrolment=a, actor=contact)
    # then the head of the waitlist gets the seat and the only mail; the rest move up
    w1.refresh_from_db()
    w2.refresh_from_db()
    assert (w1.status, w1.waitlist_position) == (Status.CONFIRMED, None)
    assert (w2.status, w2.waitlist_position) == (Status.WAITLISTED, 1)
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[w1.person.email]]
    promoted = AuditEntry.objects.get(action="enrolment.promoted")
    assert promoted.target_id == str(w1.pk)
    assert promoted.before == {"status": "waitlisted", "waitlist_position": 1}
    assert promoted.after == {"status": "confirmed", "waitlist_position": None}


def test_cancelling_a_pending_enrolment_promotes_nobody():
    # given a full edition with a waitlist, and a pending self-enrolment
    edition, company, _, (seat, waiting) = full_edition_with_waitlist(capacity=1, waiting=1)
    company.approval_required = True
    company.save()
    learner = learner_user(employer=company)
    pending = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    # when the learner cancels the pending request
    services.enrolment_cancel(enrolment=pending, actor=learner)
    # then the waitlist is unchanged
    waiting.refresh_from_db()
    assert (waiting.status, waiting.waitlist_position) == (Status.WAITLISTED, 1)
