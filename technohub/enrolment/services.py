"""Enrolment rules: seats, the waitlist, approval, cancellation, attendance and completion.

Every write locks the edition row first (one lock per transaction), so that seats are counted
and taken by one transaction at a time: never an overbooked seat. See docs/enrolment.md.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Sum
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
    NotEnoughSeats,
    OverCompanyCap,
    PoolFull,
    PoolReleased,
)
from technohub.enrolment.models import Attendance, EditionSeatRules, Enrolment, SeatPool
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed, NotFound
from technohub.hubs.models import Organisation, Person, User

Status = Enrolment.Status


def lock_edition(edition_pk: int) -> Edition:
    """The edition, row-locked until the transaction ends (unless the test switch is off)."""
    queryset = Edition.objects.select_related("course", "hub")
    if settings.ENROLMENT_LOCKING:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=edition_pk)


def seats_taken(edition: Edition) -> int:
    """Seat holders plus the seats companies reserved in open pools and have not named yet."""
    holders = edition.enrolments.filter(status__in=Enrolment.SEAT_HOLDING).count()
    return holders + _unnamed_pool_seats(edition)


def _unnamed_pool_seats(edition: Edition, organisation_id: int | None = None) -> int:
    pools = SeatPool.objects.filter(edition=edition, released_at__isnull=True)
    if organisation_id is not None:
        pools = pools.filter(organisation_id=organisation_id)
    return pools.aggregate(n=Sum(F("seats") - F("named")))["n"] or 0


def company_seats(edition: Edition, organisation_id: int) -> int:
    """Seats a company holds in an edition: its seat holders and its unnamed pool seats."""
    holders = edition.enrolments.filter(
        organisation_id=organisation_id, status__in=Enrolment.SEAT_HOLDING
    ).count()
    return holders + _unnamed_pool_seats(edition, organisation_id)


def company_cap(edition: Edition) -> int | None:
    rules = EditionSeatRules.objects.filter(edition=edition).first()
    return rules.company_cap if rules else None


def _at_cap(edition: Edition, organisation_id: int | None) -> bool:
    cap = company_cap(edition) if organisation_id is not None else None
    return cap is not None and company_seats(edition, organisation_id) >= cap


def _next_waitlist_position(edition: Edition) -> int:
    last = edition.enrolments.filter(status=Status.WAITLISTED).aggregate(m=Max("waitlist_position"))
    return (last["m"] or 0) + 1


def _place(enrolment: Enrolment, edition: Edition) -> None:
    """A seat of the enrolment's pool, else a free seat within the company's cap, else the
    next waitlist position. The caller holds the edition lock and saves the enrolment."""
    pool = enrolment.pool
    if pool is not None and pool.is_open and pool.named < pool.seats:
        enrolment.status, enrolment.waitlist_position = Status.CONFIRMED, None
        SeatPool.objects.filter(pk=pool.pk).update(named=F("named") + 1)
        pool.named += 1
        return
    enrolment.pool = None
    free = seats_taken(edition) < edition.capacity
    if free and not _at_cap(edition, enrolment.organisation_id):
        enrolment.status, enrolment.waitlist_position = Status.CONFIRMED, None
    else:
        enrolment.status = Status.WAITLISTED
        enrolment.waitlist_position = _next_waitlist_position(edition)


def release_due_pools(edition: Edition, *, actor: User | None = None) -> list[SeatPool]:
    """Release the pools of the edition whose release time has passed. Caller holds the lock.

    Called at the start of every seat change of the edition (and by the pool pages), so that a
    deadline takes effect without a scheduler.
    """
    due = list(
        SeatPool.objects.filter(
            edition=edition, released_at__isnull=True, release_at__lte=timezone.now()
        )
    )
    for pool in due:
        _release(pool, actor=actor, action="seat_pool.released_at_deadline")
    return due


def _release(pool: SeatPool, *, actor: User | None, action: str) -> None:
    before = {"seats": pool.seats, "named": pool.named}
    pool.released_at = timezone.now()
    pool.save(update_fields=["released_at"])
    log_action(action, actor=actor, target=pool, before=before, after={"released": True})


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
    by: str | None = None,
) -> None:
    """Move an enrolment to a state off the waitlist, audited (`by`: the actor's role, when it
    matters); `mail(id)` is sent after commit."""
    before = _snapshot(enrolment)
    was_seated = enrolment.status in Enrolment.SEAT_HOLDING
    enrolment.status, enrolment.waitlist_position = to, None
    fields = ["status", "waitlist_position", "updated_at"]
    if to == Status.CANCELLED and was_seated:
        enrolment.cancelled_at = timezone.now()
        fields.append("cancelled_at")
        if enrolment.pool_id is not None:
            # the seat returns to the company's pool (or, once released, to the edition)
            SeatPool.objects.filter(pk=enrolment.pool_id).update(named=F("named") - 1)
    enrolment.save(update_fields=fields)
    after = _snapshot(enrolment) | ({"by": by} if by else {})
    log_action(action, actor=actor, target=enrolment, before=before, after=after)
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


def _notify_placed(enrolment: Enrolment) -> None:
    if enrolment.status in (Status.CONFIRMED, Status.WAITLISTED):
        pk = enrolment.pk
        transaction.on_commit(lambda: notifications.send_enrolment_mail(pk))


def _is_contact_of(actor: User, organisation_id: int | None) -> bool:
    # access.is_contact(actor, None) means "a contact of any organisation": never use it here.
    return organisation_id is not None and access.is_contact(actor, organisation_id)


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
def enrolment_reject(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The employer's contact or the hub's coordinator turns a pending self-enrolment down."""
    lock_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.select_related("edition").get(pk=enrolment.pk)
    role = _approver_role(actor, enrolment)
    if enrolment.status != Status.PENDING_APPROVAL:
        raise InvalidTransition()
    _move(enrolment, to=Status.REJECTED, action="enrolment.rejected", actor=actor, by=role)
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


def _close_waitlist_gap(edition: Edition, position: int) -> None:
    behind = edition.enrolments.filter(status=Status.WAITLISTED, waitlist_position__gt=position)
    for enrolment in behind.order_by("waitlist_position"):
        enrolment.waitlist_position -= 1
        enrolment.save(update_fields=["waitlist_position", "updated_at"])


def promote_waitlist(*, edition: Edition, actor: User | None) -> list[Enrolment]:
    """Fill free seats from the head of the waitlist. The caller holds the edition lock.

    Someone whose company already holds its cap of seats stays waiting; the next in line
    (of another company) gets the seat.
    """
    promoted = []
    free = edition.capacity - seats_taken(edition)
    waiting = list(
        edition.enrolments.filter(status=Status.WAITLISTED).order_by("waitlist_position")
    )
    cap = company_cap(edition)
    held: dict[int, int] = {}
    for enrolment in waiting:
        if free <= 0:
            break
        org = enrolment.organisation_id
        if cap is not None and org is not None:
            if org not in held:
                held[org] = company_seats(edition, org)
            if held[org] >= cap:
                continue
            held[org] += 1
        _move(
            enrolment,
            to=Status.CONFIRMED,
            action="enrolment.promoted",
            actor=actor,
            mail=notifications.send_promotion_mail,
        )
        promoted.append(enrolment)
        free -= 1
    still = [e for e in waiting if e not in promoted]
    for position, enrolment in enumerate(still, start=1):
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
    release_due_pools(edition, actor=actor)
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


def _ensure_teaches(actor: User, edition: Edition, session: Session | None = None) -> None:
    """The edition's trainer, the given session's own trainer, or a coordinator of the hub."""
    person = access.person_of(actor)
    teaches = person is not None and (
        edition.trainer_id == person.pk or (session is not None and session.trainer_id == person.pk)
    )
    if not (teaches or access.is_coordinator(actor, edition.hub_id)):
        raise NotAllowed()


def may_complete(*, actor: User, edition: Edition) -> bool:
    """Whether `actor` may close the edition: its own trainer or a coordinator of the hub."""
    try:
        _ensure_teaches(actor, edition)
    except NotAllowed:
        return False
    return True


@transaction.atomic
def attendance_record(*, session: Session, marks: dict[int, str], actor: User) -> list[Attendance]:
    """Record attendance for one session in one go: {enrolment id: present/absent/excused}."""
    _ensure_teaches(actor, session.edition, session)
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


# --- company seat pools and caps -------------------------------------------------------------


def _ensure_company_or_coordinator(actor: User | None, organisation_id: int, hub_id: int) -> bool:
    """True for the hub's coordinator (or actor None: a service of the hub, a command)."""
    if actor is None or access.is_coordinator(actor, hub_id):
        return True
    if _is_contact_of(actor, organisation_id):
        return False
    raise NotAllowed()


@transaction.atomic
def seat_pool_reserve(
    *,
    edition: Edition,
    organisation: Organisation,
    seats: int,
    actor: User | None,
    release_at: dt.datetime | None = None,
) -> SeatPool:
    """Reserve `seats` seats for a company, to be named later. Locks the edition.

    Never more than the free seats, nor more than the company's cap. A company has one open
    pool per edition: reserving again adds seats to it. The coordinator (or actor None, a hub
    service such as the demand funnel) may reserve in a draft edition too; a company contact
    only while enrolment is open. `release_at` defaults to the edition's pool release time.
    """
    edition = lock_edition(edition.pk)
    release_due_pools(edition, actor=actor)
    by_hub = _ensure_company_or_coordinator(actor, organisation.pk, edition.hub_id)
    if seats < 1:
        raise NotEnoughSeats(_("Reserve at least one seat."), field="seats")
    if not by_hub and not edition.enrolment_is_open():
        raise EnrolmentClosed()
    if edition.status in (Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        raise EnrolmentClosed()
    free = edition.capacity - seats_taken(edition)
    if seats > free:
        raise NotEnoughSeats(
            _("Only %(free)s seats are free.") % {"free": max(free, 0)}, field="seats"
        )
    cap = company_cap(edition)
    held = company_seats(edition, organisation.pk)
    if cap is not None and held + seats > cap:
        raise OverCompanyCap(
            _("At most %(cap)s seats per company; this company holds %(held)s.")
            % {"cap": cap, "held": held},
            field="seats",
        )
    pool = SeatPool.objects.filter(
        edition=edition, organisation=organisation, released_at__isnull=True
    ).first()
    before = {"seats": pool.seats} if pool else None
    if pool is None:
        rules = EditionSeatRules.objects.filter(edition=edition).first()
        default_release = rules.pool_release_at if rules else None
        pool = SeatPool(
            edition=edition,
            organisation=organisation,
            seats=0,
            release_at=release_at or default_release or edition.enrolment_closes_at,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
    elif release_at is not None:
        pool.release_at = release_at
    pool.seats += seats
    pool.save()
    log_action(
        "seat_pool.reserved",
        actor=actor,
        target=pool,
        before=before,
        after={"seats": pool.seats, "organisation": organisation.pk, "edition": edition.pk},
    )
    return pool


def _lock_pool(pool: SeatPool) -> tuple[Edition, SeatPool]:
    edition = lock_edition(pool.edition_id)
    release_due_pools(edition)
    return edition, SeatPool.objects.select_related("organisation").get(pk=pool.pk)


def _pool_enrolment(
    *, edition: Edition, pool: SeatPool, person: Person, actor: User | None, pending: bool
) -> Enrolment:
    if person.employer_id != pool.organisation_id:
        raise NotAllowed()
    if not pool.is_open:
        raise PoolReleased()
    if edition.status in (Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        raise EnrolmentClosed()
    if edition.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).exists():
        raise AlreadyEnrolled()
    if not pending and pool.named >= pool.seats:
        raise PoolFull()
    enrolment = Enrolment(
        edition=edition,
        person=person,
        organisation=pool.organisation,
        enrolled_by=actor,
        pool=pool,
    )
    if pending:
        enrolment.status = Status.PENDING_APPROVAL
    else:
        _place(enrolment, edition)
    enrolment.save()
    log_action(
        "enrolment.created",
        actor=actor,
        target=enrolment,
        after={**_snapshot(enrolment), "pool": pool.pk},
    )
    _notify_placed(enrolment)
    return enrolment


@transaction.atomic
def seat_pool_assign(
    *, pool: SeatPool, people: Iterable[Person], actor: User | None
) -> list[Enrolment]:
    """The company names employees for its reserved seats: all of them, or (on an error) none.

    Allowed to the company's contact (or its API token: actor None) and the hub's coordinator,
    also after enrolment closed (the seats were reserved before).
    """
    edition, pool = _lock_pool(pool)
    if actor is not None and not (
        _is_contact_of(actor, pool.organisation_id) or access.is_coordinator(actor, edition.hub_id)
    ):
        raise NotAllowed()
    enrolments = []
    for person in people:
        try:
            enrolments.append(
                _pool_enrolment(
                    edition=edition, pool=pool, person=person, actor=actor, pending=False
                )
            )
        except DomainError as error:
            error.person = person
            raise
    return enrolments


@transaction.atomic
def seat_pool_claim(*, claim_code: str, actor: User) -> Enrolment:
    """An employee takes a seat of their company's pool with its claim link.

    Confirmed at once, or pending until a contact approves when the pool asks for approval
    (a pending claim holds no seat; on approval it takes a pool seat if one is left).
    """
    pool = SeatPool.objects.filter(claim_code=claim_code).first()
    person = access.person_of(actor)
    if pool is None or person is None or person.employer_id != pool.organisation_id:
        raise NotFound()
    edition, pool = _lock_pool(pool)
    return _pool_enrolment(
        edition=edition,
        pool=pool,
        person=person,
        actor=actor,
        pending=pool.claims_need_approval,
    )


@transaction.atomic
def seat_pool_release(*, pool: SeatPool, actor: User | None) -> SeatPool:
    """Give the unnamed seats back to the edition now (they go to the waitlist at once)."""
    edition, pool = _lock_pool(pool)
    _ensure_company_or_coordinator(actor, pool.organisation_id, edition.hub_id)
    if not pool.is_open:
        raise PoolReleased()
    _release(pool, actor=actor, action="seat_pool.released")
    promote_waitlist(edition=edition, actor=actor)
    return pool


@transaction.atomic
def seat_pool_set_approval(*, pool: SeatPool, claims_need_approval: bool, actor: User) -> SeatPool:
    _ensure_company_or_coordinator(actor, pool.organisation_id, pool.edition.hub_id)
    before = {"claims_need_approval": pool.claims_need_approval}
    pool.claims_need_approval = claims_need_approval
    pool.save(update_fields=["claims_need_approval"])
    log_action(
        "seat_pool.approval",
        actor=actor,
        target=pool,
        before=before,
        after={"claims_need_approval": claims_need_approval},
    )
    return pool


@transaction.atomic
def edition_set_seat_rules(
    *,
    edition: Edition,
    company_cap: int | None,
    pool_release_at: dt.datetime | None,
    actor: User,
) -> EditionSeatRules:
    """The coordinator sets the cap per company and the default release time of pools.

    Seats already held above a new cap are kept (taking a seat away is a conversation, not a
    rule); the cap applies to the next seat. A new release time applies to every open pool.
    Releases what is due and fills freed seats from the waitlist.
    """
    edition = lock_edition(edition.pk)
    if not access.is_coordinator(actor, edition.hub_id):
        raise NotAllowed()
    if company_cap is not None and company_cap < 1:
        raise DomainError(_("A cap is at least 1 seat."), field="company_cap")
    rules, _created = EditionSeatRules.objects.get_or_create(edition=edition)
    before = {
        "company_cap": rules.company_cap,
        "pool_release_at": rules.pool_release_at.isoformat() if rules.pool_release_at else None,
    }
    rules.company_cap, rules.pool_release_at = company_cap, pool_release_at
    rules.save()
    if pool_release_at is not None:
        SeatPool.objects.filter(edition=edition, released_at__isnull=True).update(
            release_at=pool_release_at
        )
    log_action(
        "edition.seat_rules",
        actor=actor,
        target=edition,
        before=before,
        after={
            "company_cap": company_cap,
            "pool_release_at": pool_release_at.isoformat() if pool_release_at else None,
        },
    )
    release_due_pools(edition, actor=actor)
    promote_waitlist(edition=edition, actor=actor)
    return rules
