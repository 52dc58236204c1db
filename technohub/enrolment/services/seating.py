"""Locking, counting and placing seats, and the audited move every enrolment service shares.

Every function here expects the caller to hold the edition lock (`lock_edition`), except
`lock_edition` itself and the read-only counts. The counts are looked up through this module
(`seating.seats_taken`) by the other modules, so a test can widen the window between counting and
taking a seat in one place (the concurrency tests' control).
"""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.enrolment import notifications
from technohub.enrolment.models import EditionSeatRules, Enrolment, SeatPool
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.models import User

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


def _notify_placed(enrolment: Enrolment) -> None:
    if enrolment.status in (Status.CONFIRMED, Status.WAITLISTED):
        pk = enrolment.pk
        transaction.on_commit(lambda: notifications.send_enrolment_mail(pk))


def _is_contact_of(actor: User, organisation_id: int | None) -> bool:
    # access.is_contact(actor, None) means "a contact of any organisation": never use it here.
    return organisation_id is not None and access.is_contact(actor, organisation_id)
