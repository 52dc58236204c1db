"""Enrolment rules: seats, the waitlist, approval, cancellation, attendance and completion.

Every write locks the edition row first (one lock per transaction), so that seats are counted
and taken by one transaction at a time: never an overbooked seat. See docs/enrolment.md.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition, Session
from technohub.enrolment import events, notifications
from technohub.enrolment.errors import (
    AlreadyEnrolled,
    CancellationClosed,
    CapacityBelowTaken,
    EnrolmentClosed,
    InvalidTransition,
)
from technohub.enrolment.models import Attendance, Enrolment
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Organisation, Person, User

Status = Enrolment.Status


def lock_edition(edition_pk: int) -> Edition:
    """The edition, row-locked until the transaction ends (unless the test switch is off)."""
    queryset = Edition.objects.select_related("course", "hub")
    if settings.ENROLMENT_LOCKING:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=edition_pk)


def seats_taken(edition: Edition) -> int:
    return edition.enrolments.filter(status__in=Enrolment.SEAT_HOLDING).count()


def _next_waitlist_position(edition: Edition) -> int:
    last = edition.enrolments.filter(status=Status.WAITLISTED).aggregate(m=Max("waitlist_position"))
    return (last["m"] or 0) + 1


def _place(enrolment: Enrolment, edition: Edition) -> None:
    """Give the enrolment a seat if one is left, else the next waitlist position."""
    if seats_taken(edition) < edition.capacity:
        enrolment.status, enrolment.waitlist_position = Status.CONFIRMED, None
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.waitlist_position = _next_waitlist_position(edition)


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


def _snapshot(enrolment: Enrolment) -> dict:
    return {"status": enrolment.status, "waitlist_position": enrolment.waitlist_position}


def _move(
    enrolment: Enrolment,
    *,
    to: str,
    action: str,
    actor: User | None,
    mail: Callable[[int], None] | None = None,
) -> None:
    """Move an enrolment to a state off the waitlist, audited; `mail(id)` is sent after commit."""
    before = _snapshot(enrolment)
    enrolment.status, enrolment.waitlist_position = to, None
    enrolment.save(update_fields=["status", "waitlist_position", "updated_at"])
    log_action(action, actor=actor, target=enrolment, before=before, after=_snapshot(enrolment))
    if mail is not None:
        pk = enrolment.pk
        transaction.on_commit(lambda: mail(pk))


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
    enrolment = Enrolment(edition=edition, person=person, organisation=employer, enrolled_by=actor)
    self_service = on_behalf_of is None and actor is not None and person.user_id == actor.pk
    if self_service and employer is not None and employer.approval_required:
        enrolment.status = Status.PENDING_APPROVAL
    else:
        _place(enrolment, edition)
    enrolment.save()
    log_action("enrolment.created", actor=actor, target=enrolment, after=_snapshot(enrolment))
    _notify_placed(enrolment)
    return enrolment


def _notify_placed(enrolment: Enrolment) -> None:
    if enrolment.status in (Status.CONFIRMED, Status.WAITLISTED):
        pk = enrolment.pk
        transaction.on_commit(lambda: notifications.send_enrolment_mail(pk))


def _is_contact_of(actor: User, organisation_id: int | None) -> bool:
    # access.is_contact(actor, None) means "a contact of any organisation": never use it here.
    return organisation_id is not None and access.is_contact(actor, organisation_id)


def _ensure_contact(actor: User, enrolment: Enrolment) -> None:
    if not (
        _is_contact_of(actor, enrolment.organisation_id)
        or access.is_coordinator(actor, enrolment.edition.hub_id)
    ):
        raise NotAllowed()


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The employer approves a pending self-enrolment: it now gets a seat or a waitlist place."""
    edition = lock_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    _ensure_contact(actor, enrolment)
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
        after=_snapshot(enrolment),
    )
    _notify_placed(enrolment)
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, actor: User) -> Enrolment:
    lock_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.select_related("edition").get(pk=enrolment.pk)
    _ensure_contact(actor, enrolment)
    if enrolment.status != Status.PENDING_APPROVAL:
        raise InvalidTransition()
    _move(enrolment, to=Status.REJECTED, action="enrolment.rejected", actor=actor)
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


def _close_waitlist_gap(edition: Edition, position: int) -> None:
    behind = edition.enrolments.filter(status=Status.WAITLISTED, waitlist_position__gt=position)
    for enrolment in behind.order_by("waitlist_position"):
        enrolment.waitlist_position -= 1
        enrolment.save(update_fields=["waitlist_position", "updated_at"])


def promote_waitlist(*, edition: Edition, actor: User | None) -> list[Enrolment]:
    """Fill free seats from the head of the waitlist. The caller holds the edition lock."""
    promoted = []
    free = edition.capacity - seats_taken(edition)
    waiting = list(
        edition.enrolments.filter(status=Status.WAITLISTED).order_by("waitlist_position")
    )
    for enrolment in waiting[: max(free, 0)]:
        _move(
            enrolment,
            to=Status.CONFIRMED,
            action="enrolment.promoted",
            actor=actor,
            mail=notifications.send_promotion_mail,
        )
        promoted.append(enrolment)
    for position, enrolment in enumerate(waiting[len(promoted) :], start=1):
        if enrolment.waitlist_position != position:
            enrolment.waitlist_position = position
            enrolment.save(update_fields=["waitlist_position", "updated_at"])
    return promoted


@transaction.atomic
def edition_set_capacity(*, edition: Edition, capacity: int, actor: User) -> Edition:
    """Change the number of seats; extra seats go to the waitlist at once."""
    edition = lock_edition(edition.pk)
    if not access.is_coordinator(actor, edition.hub_id):
        raise NotAllowed()
    taken = seats_taken(edition)
    if capacity < taken:
        raise CapacityBelowTaken(
            _("%(taken)s seats are taken; the edition cannot have fewer seats.") % {"taken": taken},
            field="capacity",
        )
    before = {"capacity": edition.capacity}
    edition.capacity = capacity
    edition.save(update_fields=["capacity"])
    log_action(
        "edition.capacity", actor=actor, target=edition, before=before, after={"capacity": capacity}
    )
    promote_waitlist(edition=edition, actor=actor)
    return edition


def _ensure_teaches(actor: User, edition: Edition) -> None:
    person = access.person_of(actor)
    teaches = person is not None and edition.trainer_id == person.pk
    if not (teaches or access.is_coordinator(actor, edition.hub_id)):
        raise NotAllowed()


@transaction.atomic
def attendance_record(*, session: Session, marks: dict[int, str], actor: User) -> list[Attendance]:
    """Record attendance for one session in one go: {enrolment id: present/absent/excused}."""
    _ensure_teaches(actor, session.edition)
    valid = set(Attendance.Status.values)
    enrolments = {
        e.pk: e
        for e in session.edition.enrolments.filter(
            pk__in=marks.keys(), status__in=Enrolment.SEAT_HOLDING
        )
    }
    existing = {a.enrolment_id: a for a in session.attendance.filter(enrolment_id__in=enrolments)}
    saved = []
    for enrolment_id, status in marks.items():
        if enrolment_id not in enrolments or status not in valid:
            raise InvalidTransition()
        record = existing.get(enrolment_id) or Attendance(
            enrolment_id=enrolment_id, session=session
        )
        record.status, record.recorded_by = status, actor
        saved.append(record)
    Attendance.objects.bulk_create(
        saved,
        update_conflicts=True,
        unique_fields=["enrolment", "session"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    return saved


def attendance_rate(enrolment: Enrolment, session_count: int) -> int:
    if session_count == 0:
        return 0
    present = enrolment.attendance.filter(status=Attendance.Status.PRESENT).count()
    return round(100 * present / session_count)


@transaction.atomic
def edition_complete(*, edition: Edition, actor: User) -> Edition:
    """Close an edition: a confirmed participant completes when attendance meets the threshold."""
    edition = lock_edition(edition.pk)
    _ensure_teaches(actor, edition)
    if edition.status not in (Edition.Status.PUBLISHED, Edition.Status.RUNNING):
        raise InvalidTransition()
    session_count = edition.sessions.count()
    for enrolment in edition.enrolments.filter(status=Status.CONFIRMED):
        before = _snapshot(enrolment)
        rate = attendance_rate(enrolment, session_count)
        enrolment.status = (
            Status.COMPLETED if rate >= edition.attendance_threshold else Status.NOT_COMPLETED
        )
        enrolment.save(update_fields=["status", "updated_at"])
        log_action(
            "enrolment.completed",
            actor=actor,
            target=enrolment,
            before=before,
            after={"status": enrolment.status, "attendance": rate},
        )
    # Those still waiting lose their place: each change is audited like any other.
    waiting = edition.enrolments.filter(status__in=(Status.WAITLISTED, Status.PENDING_APPROVAL))
    for enrolment in waiting:
        _move(enrolment, to=Status.CANCELLED, action="enrolment.closed", actor=actor)
    edition.status = Edition.Status.COMPLETED
    edition.save(update_fields=["status"])
    log_action("edition.completed", actor=actor, target=edition)
    events.edition_completed.send(sender=Edition, edition=edition, actor=actor)
    return edition


@transaction.atomic
def enrol_many(
    *, edition: Edition, people: Iterable[Person], actor: User, on_behalf_of: Organisation
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


@transaction.atomic
def edition_cancel(*, edition: Edition, actor: User) -> Edition:
    """The hub cancels an edition: every active enrolment is cancelled and its person mailed."""
    edition = lock_edition(edition.pk)
    if not access.is_coordinator(actor, edition.hub_id):
        raise NotAllowed()
    if edition.status in (Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        raise InvalidTransition()
    for enrolment in edition.enrolments.filter(status__in=Enrolment.ACTIVE):
        _move(
            enrolment,
            to=Status.CANCELLED,
            action="enrolment.edition_cancelled",
            actor=actor,
            mail=notifications.send_edition_cancelled_mail,
        )
    before = {"status": edition.status}
    edition.status = Edition.Status.CANCELLED
    edition.save(update_fields=["status"])
    log_action(
        "edition.status",
        actor=actor,
        target=edition,
        before=before,
        after={"status": edition.status},
    )
    return edition
