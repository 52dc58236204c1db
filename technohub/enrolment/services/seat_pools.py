"""Company seat pools and caps: seats a company reserves to name later; the cap per company."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.enrolment.errors import (
    AlreadyEnrolled,
    EnrolmentClosed,
    NotEnoughSeats,
    OverCompanyCap,
    PoolFull,
    PoolReleased,
)
from technohub.enrolment.models import EditionSeatRules, Enrolment, SeatPool
from technohub.enrolment.services import seating
from technohub.enrolment.services.seating import (
    _is_contact_of,
    _notify_placed,
    _place,
    _release,
    _snapshot,
    company_cap,
    lock_edition,
    release_due_pools,
)
from technohub.enrolment.services.waitlist import promote_waitlist
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed, NotFound
from technohub.hubs.models import Organisation, Person, User

Status = Enrolment.Status


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
    free = edition.capacity - seating.seats_taken(edition)
    if seats > free:
        raise NotEnoughSeats(
            _("Only %(free)s seats are free.") % {"free": max(free, 0)}, field="seats"
        )
    cap = company_cap(edition)
    held = seating.company_seats(edition, organisation.pk)
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
