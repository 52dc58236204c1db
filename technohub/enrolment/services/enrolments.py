"""Enrolling, approving, rejecting and cancelling one person's enrolment."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.enrolment import notifications
from technohub.enrolment.errors import (
    AlreadyEnrolled,
    CancellationClosed,
    EnrolmentClosed,
    InvalidTransition,
    ReasonRequired,
)
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.enrolment.services.seating import (
    _is_contact_of,
    _move,
    _notify_placed,
    _place,
    _snapshot,
    lock_edition,
    release_due_pools,
)
from technohub.enrolment.services.waitlist import _close_waitlist_gap, promote_waitlist
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Organisation, Person, User
from technohub.hubs.services import person_create

Status = Enrolment.Status
REASON_MAX = 1000


def _may_act_for(actor: User | None, person: Person, edition: Edition, on_behalf_of) -> bool:
    if on_behalf_of is not None:
        if person.employer_id != on_behalf_of.pk:
            return False
        # actor None = the organisation's API token, already authenticated by the API layer
        return (
            actor is None
            or access.is_contact(actor, on_behalf_of)
            or (access.is_coordinator(actor, edition.hub_id))
        )
    if actor is None:
        return False
    return (person.user_id is not None and person.user_id == actor.pk) or access.is_coordinator(
        actor, edition.hub_id
    )


@transaction.atomic
def enrolment_create(
    *,
    edition: Edition,
    person: Person,
    actor: User | None,
    on_behalf_of: Organisation | None = None,
) -> Enrolment:
    """Enrol `person`: confirmed while seats are left, else waitlisted.

    A learner enrolling themselves whose employer asks for approval waits in `pending`
    (no seat held) until a company contact approves. `on_behalf_of` is the organisation a
    company contact or its API token acts for; the person must be its employee.
    """
    edition = lock_edition(edition.pk)
    release_due_pools(edition)
    if not _may_act_for(actor, person, edition, on_behalf_of):
        raise NotAllowed()
    if not edition.enrolment_is_open():
        raise EnrolmentClosed()
    if edition.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).exists():
        raise AlreadyEnrolled()

    # A contact (or token) acting for the employer keeps seeing what it enrolled, also for an
    # apprentice or student it employs; otherwise only employees' enrolments belong to one.
    employer = on_behalf_of or (
        person.employer if person.learner_kind == Person.LearnerKind.EMPLOYEE else None
    )
    # The company's own reserved seats are used first (its seats are held there anyway).
    pool = (
        SeatPool.objects.filter(edition=edition, organisation=employer, released_at__isnull=True)
        .filter(named__lt=F("seats"))
        .first()
        if employer is not None
        else None
    )
    enrolment = Enrolment(
        edition=edition, person=person, organisation=employer, enrolled_by=actor, pool=pool
    )
    self_service = on_behalf_of is None and actor is not None and person.user_id == actor.pk
    if self_service and employer is not None and employer.approval_required:
        enrolment.status = Status.PENDING_APPROVAL
    else:
        _place(enrolment, edition)
    enrolment.save()
    log_action("enrolment.created", actor=actor, target=enrolment, after=_snapshot(enrolment))
    _notify_placed(enrolment)
    return enrolment


@transaction.atomic
def enrol_many(
    *, edition: Edition, people: Iterable[Person], actor: User | None, on_behalf_of: Organisation
) -> list[Enrolment]:
    """A company contact enrols several employees at once: all of them, or (on an error) none."""
    enrolments = []
    for person in people:
        try:
            enrolments.append(
                enrolment_create(
                    edition=edition, person=person, actor=actor, on_behalf_of=on_behalf_of
                )
            )
        except DomainError as error:
            error.person = person  # the caller can say whom it failed for
            raise
    return enrolments


@dataclass(frozen=True)
class NewEmployee:
    """An employee a company names while enrolling (not yet known, or known by e-mail)."""

    first_name: str
    last_name: str
    email: str = ""


def _employee(*, organisation: Organisation, new: NewEmployee, actor: User | None) -> Person:
    """The company's employee with this e-mail address (case-insensitive), or a new one."""
    email = new.email.strip()
    person = None
    if email:
        person = (
            Person.objects.filter(
                employer=organisation,
                learner_kind=Person.LearnerKind.EMPLOYEE,
                email__iexact=email,
            )
            .order_by("pk")
            .first()
        )
    if person is None:
        person = person_create(
            actor=actor,
            employer=organisation,
            first_name=new.first_name,
            last_name=new.last_name,
            email=email,
        )
    return person


@transaction.atomic
def employees_enrol(
    *,
    edition: Edition,
    organisation: Organisation,
    people: Iterable[Person] = (),
    new_employees: Iterable[NewEmployee] = (),
    actor: User | None,
) -> list[Enrolment]:
    """A company enrols employees: its contact in the portal, or its API token (actor None,
    authenticated by the API layer). All of them, or (on an error) none, also the employees
    added on the way; the error carries `person`, the one it failed for.

    A new employee whose e-mail address the company already has is that employee (never a
    second person taking a second seat). One find-or-add per company at a time: the
    organisation row is locked first, then the edition row (in `enrolment_create`) — always in
    that order, so a client that retries or sends the same person twice at once adds one person.
    """
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    everyone = list(people)
    for new in new_employees:
        everyone.append(_employee(organisation=organisation, new=new, actor=actor))
    return enrol_many(edition=edition, people=everyone, actor=actor, on_behalf_of=organisation)


def _approver_role(actor: User, enrolment: Enrolment) -> str:
    """Who decides on a pending enrolment: the employer's contact, else the hub's coordinator
    (for when the contact is away). The role is written in the audit entry."""
    if _is_contact_of(actor, enrolment.organisation_id):
        return "contact"
    if access.is_coordinator(actor, enrolment.edition.hub_id):
        return "coordinator"
    raise NotAllowed()


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The employer's contact or the hub's coordinator approves a pending self-enrolment:
    it is placed at this moment, a seat while one is free, else the end of the waitlist."""
    edition = lock_edition(enrolment.edition_id)
    release_due_pools(edition)
    enrolment = Enrolment.objects.select_related("pool", "edition").get(pk=enrolment.pk)
    role = _approver_role(actor, enrolment)
    if enrolment.status != Status.PENDING_APPROVAL:
        raise InvalidTransition()
    before = _snapshot(enrolment)
    _place(enrolment, edition)
    enrolment.save(update_fields=["status", "waitlist_position", "updated_at"])
    log_action(
        "enrolment.approved",
        actor=actor,
        target=enrolment,
        before=before,
        after={**_snapshot(enrolment), "by": role},
    )
    _notify_placed(enrolment)
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, actor: User, reason: str) -> Enrolment:
    """The employer's contact or the hub's coordinator turns a pending self-enrolment down.

    A reason is required: it is stored, shown to the person (their enrolments) and mailed to
    them after commit.
    """
    lock_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.select_related("edition").get(pk=enrolment.pk)
    role = _approver_role(actor, enrolment)
    if enrolment.status != Status.PENDING_APPROVAL:
        raise InvalidTransition()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(field="reason")
    if len(reason) > REASON_MAX:
        raise ReasonRequired(
            _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX}, field="reason"
        )
    enrolment.rejection_reason = reason
    enrolment.save(update_fields=["rejection_reason"])
    _move(
        enrolment,
        to=Status.REJECTED,
        action="enrolment.rejected",
        actor=actor,
        by=role,
        mail=notifications.send_rejection_mail,
    )
    return enrolment


def may_cancel(*, actor: User | None, enrolment: Enrolment, on_behalf_of=None) -> bool:
    """Who may cancel: the learner, the employer's contact (or its token), the hub coordinator."""
    if actor is not None and access.is_coordinator(actor, enrolment.edition.hub_id):
        return True
    if on_behalf_of is not None:
        # actor None = the organisation's API token; a user must be a contact of it
        acts_for = actor is None or access.is_contact(actor, on_behalf_of)
        return acts_for and enrolment.organisation_id == on_behalf_of.pk
    if actor is None:
        return False
    return (enrolment.person.user_id == actor.pk) or _is_contact_of(
        actor, enrolment.organisation_id
    )


@transaction.atomic
def enrolment_cancel(
    *, enrolment: Enrolment, actor: User | None, on_behalf_of: Organisation | None = None
) -> Enrolment:
    """Cancel; a freed seat goes to the first on the waitlist, who is mailed.

    Learners and companies may cancel until the edition's cancellation deadline; the
    coordinator may always cancel.
    """
    edition = lock_edition(enrolment.edition_id)
    release_due_pools(edition)
    enrolment = Enrolment.objects.select_related("person", "edition").get(pk=enrolment.pk)
    if not may_cancel(actor=actor, enrolment=enrolment, on_behalf_of=on_behalf_of):
        raise NotAllowed()
    if enrolment.status not in Enrolment.ACTIVE:
        raise InvalidTransition()
    coordinator = actor is not None and access.is_coordinator(actor, edition.hub_id)
    deadline = edition.cancellation_deadline
    if not coordinator and deadline and timezone.now() > deadline:
        raise CancellationClosed()

    freed_position = enrolment.waitlist_position
    _move(enrolment, to=Status.CANCELLED, action="enrolment.cancelled", actor=actor)
    if freed_position is not None:
        _close_waitlist_gap(edition, freed_position)
    promote_waitlist(edition=edition, actor=actor)
    return enrolment
