import pytest
from django.core import mail

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import InvalidTransition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.helpers import company_with_contact, full_edition_with_waitlist
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    coordinator_user,
    learner_user,
    trainer_user,
)

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def _pending(edition=None):
    """A self-enrolment of an employee whose employer wants to approve it first."""
    edition = edition or EditionFactory(capacity=2)
    company, contact = company_with_contact(approval_required=True)
    learner = learner_user(employer=company)
    enrolment = services.enrolment_create(edition=edition, person=learner.person, actor=learner)
    return edition, company, contact, learner, enrolment


def test_pending_self_enrolment_holds_no_seat():
    # given one seat and a pending self-enrolment
    edition, _, _, _, pending = _pending(EditionFactory(capacity=1))
    assert pending.status == Status.PENDING_APPROVAL and pending.waitlist_position is None
    # when somebody else enrols
    job_seeker = learner_user(employer=None, learner_kind="job_seeker")
    other = services.enrolment_create(edition=edition, person=job_seeker.person, actor=job_seeker)
    # then that person gets the seat
    assert other.status == Status.CONFIRMED


def test_pending_is_not_mailed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _pending()
    assert mail.outbox == []


def test_contact_approves_and_the_enrolment_gets_a_seat(django_capture_on_commit_callbacks):
    # given a pending self-enrolment with seats left
    _, _, contact, learner, pending = _pending()
    # when the employer's contact approves
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.enrolment_approve(enrolment=pending, actor=contact)
    # then it is confirmed, the learner is mailed, and the audit trail holds before/after
    assert (approved.status, approved.waitlist_position) == (Status.CONFIRMED, None)
    assert [m.to for m in mail.outbox] == [[learner.person.email]]
    entry = AuditEntry.objects.get(action="enrolment.approved")
    assert entry.before == {"status": "pending", "waitlist_position": None}
    assert entry.after == {"status": "confirmed", "waitlist_position": None, "by": "contact"}


def test_approval_on_a_full_edition_joins_the_end_of_the_waitlist():
    # given a full edition with two people waiting, and a pending self-enrolment
    edition, _, _, _ = full_edition_with_waitlist(capacity=1, waiting=2)
    _, _, contact, _, pending = _pending(edition)
    # when the contact approves
    approved = services.enrolment_approve(enrolment=pending, actor=contact)
    # then it gets the next waitlist place (the approval moment counts, not the request)
    assert (approved.status, approved.waitlist_position) == (Status.WAITLISTED, 3)


def test_hub_coordinator_approves_when_the_contact_is_away(django_capture_on_commit_callbacks):
    # given a pending self-enrolment with seats left
    edition, _, _, learner, pending = _pending()
    coordinator = coordinator_user(edition.hub)
    # when the hub's coordinator approves it
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.enrolment_approve(enrolment=pending, actor=coordinator)
    # then it is confirmed, the learner is mailed, and the audit entry names the coordinator
    assert (approved.status, approved.waitlist_position) == (Status.CONFIRMED, None)
    assert [m.to for m in mail.outbox] == [[learner.person.email]]
    entry = AuditEntry.objects.get(action="enrolment.approved")
    assert entry.actor == coordinator
    assert entry.after == {"status": "confirmed", "waitlist_position": None, "by": "coordinator"}


def test_coordinator_approval_on_a_full_edition_keeps_the_waitlist_order():
    # given a full edition with two people waiting, and a pending self-enrolment
    edition, *_ = full_edition_with_waitlist(capacity=1, waiting=2)
    _, _, _, _, pending = _pending(edition)
    # when the coordinator approves
    approved = services.enrolment_approve(enrolment=pending, actor=coordinator_user(edition.hub))
    # then it joins the end of the waitlist, behind those already waiting
    assert (approved.status, approved.waitlist_position) == (Status.WAITLISTED, 3)
    assert sorted(
        Enrolment.objects.filter(edition=edition, status=Status.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    ) == [1, 2, 3]


def test_hub_coordinator_rejects():
    edition, _, _, _, pending = _pending()
    coordinator = coordinator_user(edition.hub)
    rejected = services.enrolment_reject(enrolment=pending, actor=coordinator, reason="Geen budget")
    assert rejected.status == Status.REJECTED
    entry = AuditEntry.objects.get(action="enrolment.rejected")
    assert (entry.actor, entry.after["by"]) == (coordinator, "coordinator")


def test_contact_rejects():
    # given a pending self-enrolment
    _, _, contact, _, pending = _pending()
    # when the contact rejects it
    rejected = services.enrolment_reject(enrolment=pending, actor=contact, reason="Geen budget")
    # then it is rejected (an end state) and audited
    assert (rejected.status, rejected.waitlist_position) == (Status.REJECTED, None)
    entry = AuditEntry.objects.get(action="enrolment.rejected")
    assert (entry.before, entry.after["status"]) == (
        {"status": "pending", "waitlist_position": None},
        "rejected",
    )
    with pytest.raises(InvalidTransition):
        services.enrolment_approve(enrolment=rejected, actor=contact)


def test_only_pending_can_be_approved_or_rejected():
    # given a confirmed enrolment (the contact enrolled the employee directly)
    edition, company, contact, _, pending = _pending()
    confirmed = services.enrolment_approve(enrolment=pending, actor=contact)
    # when / then neither approve nor reject applies
    with pytest.raises(InvalidTransition):
        services.enrolment_approve(enrolment=confirmed, actor=contact)
    with pytest.raises(InvalidTransition):
        services.enrolment_reject(enrolment=confirmed, actor=contact, reason="Geen budget")


def test_others_may_not_approve_or_reject():
    # given a pending self-enrolment
    _, _, _, learner, pending = _pending()
    _, other_contact = company_with_contact()
    outsiders = [learner, other_contact, trainer_user(), coordinator_user(HubFactory())]
    # when / then the learner themself, another company, a trainer, another hub are refused
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            services.enrolment_approve(enrolment=pending, actor=actor)
        with pytest.raises(NotAllowed):
            services.enrolment_reject(enrolment=pending, actor=actor, reason="Geen budget")
    pending.refresh_from_db()
    assert pending.status == Status.PENDING_APPROVAL


def test_contact_enrolling_an_employee_skips_approval():
    # given a company that wants to approve self-enrolments
    edition = EditionFactory()
    company, contact = company_with_contact(approval_required=True)
    learner = learner_user(employer=company)
    # when its contact enrols the employee
    enrolment = services.enrolment_create(
        edition=edition, person=learner.person, actor=contact, on_behalf_of=company
    )
    # then no approval is needed
    assert enrolment.status == Status.CONFIRMED
