"""Company seat pools: reserve, name, claim, release; the cap per company."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import (
    AlreadyEnrolled,
    CapacityBelowTaken,
    EnrolmentClosed,
    NotEnoughSeats,
    OverCompanyCap,
    PoolFull,
    PoolReleased,
)
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.enrolment.selectors import with_seat_counts
from technohub.enrolment.tests.helpers import company_with_contact
from technohub.hubs.errors import NotAllowed, NotFound
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    PersonFactory,
    coordinator_user,
    learner_user,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def seats_left(edition) -> int:
    return with_seat_counts(type(edition).objects.filter(pk=edition.pk)).get().seats_left


def test_reserve_holds_seats_for_the_company_only():
    # given an edition of 5 seats and a company that reserves 3
    edition = EditionFactory(capacity=5)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=3, actor=contact)
    # then only 2 seats are left for others, and the audit says who reserved
    assert pool.seats == 3 and pool.named == 0
    assert services.seats_taken(edition) == 3 and seats_left(edition) == 2
    assert AuditEntry.objects.filter(action="seat_pool.reserved", actor=contact).exists()
    other, other_contact = company_with_contact()
    people = PersonFactory.create_batch(3, employer=other)
    made = services.enrol_many(
        edition=edition, people=people, actor=other_contact, on_behalf_of=other
    )
    assert [e.status for e in made] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def test_reserve_again_adds_to_the_open_pool_and_never_exceeds_capacity():
    edition = EditionFactory(capacity=4)
    company, contact = company_with_contact()
    services.seat_pool_reserve(edition=edition, organisation=company, seats=2, actor=contact)
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=2, actor=contact)
    assert SeatPool.objects.count() == 1 and pool.seats == 4
    with pytest.raises(NotEnoughSeats):
        services.seat_pool_reserve(edition=edition, organisation=company, seats=1, actor=contact)
    with pytest.raises(NotEnoughSeats):
        services.seat_pool_reserve(edition=edition, organisation=company, seats=0, actor=contact)


def test_cap_limits_reservations_and_sends_extra_enrolments_to_the_waitlist():
    edition = EditionFactory(capacity=10)
    hub_coordinator = coordinator_user(edition.hub)
    services.edition_set_seat_rules(
        edition=edition, company_cap=2, pool_release_at=None, actor=hub_coordinator
    )
    company, contact = company_with_contact()
    with pytest.raises(OverCompanyCap):
        services.seat_pool_reserve(edition=edition, organisation=company, seats=3, actor=contact)
    made = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(3, employer=company),
        actor=contact,
        on_behalf_of=company,
    )
    assert [e.status for e in made] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    # a seat freed by the company's own cancellation goes to its waiting employee
    services.enrolment_cancel(enrolment=made[0], actor=contact)
    made[2].refresh_from_db()
    assert made[2].status == Status.CONFIRMED


def test_promotion_skips_a_company_at_its_cap():
    edition = EditionFactory(capacity=2)
    coordinator = coordinator_user(edition.hub)
    services.edition_set_seat_rules(
        edition=edition, company_cap=1, pool_release_at=None, actor=coordinator
    )
    a, contact_a = company_with_contact()
    b, contact_b = company_with_contact()
    a1, a2 = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(2, employer=a),
        actor=contact_a,
        on_behalf_of=a,
    )
    (b1,) = services.enrol_many(
        edition=edition, people=[PersonFactory(employer=b)], actor=contact_b, on_behalf_of=b
    )
    assert (a1.status, a2.status, b1.status) == (
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.CONFIRMED,
    )
    # B cancels: the seat cannot go to A (at its cap); A's employee keeps waiting
    services.enrolment_cancel(enrolment=b1, actor=contact_b)
    a2.refresh_from_db()
    assert a2.status == Status.WAITLISTED and a2.waitlist_position == 1
    # the coordinator lifts the cap: now A's employee gets the free seat
    services.edition_set_seat_rules(
        edition=edition, company_cap=None, pool_release_at=None, actor=coordinator
    )
    a2.refresh_from_db()
    assert a2.status == Status.CONFIRMED


def test_contact_names_people_in_the_pool_all_or_none():
    edition = EditionFactory(capacity=6)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=2, actor=contact)
    people = PersonFactory.create_batch(3, employer=company)
    with pytest.raises(PoolFull):
        services.seat_pool_assign(pool=pool, people=people, actor=contact)
    assert not Enrolment.objects.exists()
    made = services.seat_pool_assign(pool=pool, people=people[:2], actor=contact)
    pool.refresh_from_db()
    assert pool.named == 2 and all(e.status == Status.CONFIRMED and e.pool == pool for e in made)
    assert services.seats_taken(edition) == 2
    with pytest.raises(AlreadyEnrolled):
        services.seat_pool_assign(pool=pool, people=people[:1], actor=contact)


def test_another_company_cannot_use_the_pool():
    edition = EditionFactory(capacity=6)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=2, actor=contact)
    rival, rival_contact = company_with_contact()
    with pytest.raises(NotAllowed):
        services.seat_pool_assign(
            pool=pool, people=[PersonFactory(employer=company)], actor=rival_contact
        )
    with pytest.raises(NotAllowed):
        services.seat_pool_assign(pool=pool, people=[PersonFactory(employer=rival)], actor=contact)
    with pytest.raises(NotAllowed):
        services.seat_pool_reserve(
            edition=edition, organisation=company, seats=1, actor=rival_contact
        )
    with pytest.raises(NotAllowed):
        services.seat_pool_release(pool=pool, actor=learner_user())


def test_employee_claims_a_seat_with_the_link():
    edition = EditionFactory(capacity=6)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=1, actor=contact)
    employee = learner_user(employer=company)
    enrolment = services.seat_pool_claim(claim_code=pool.claim_code, actor=employee)
    assert enrolment.status == Status.CONFIRMED and enrolment.pool == pool
    second = learner_user(employer=company)
    with pytest.raises(PoolFull):
        services.seat_pool_claim(claim_code=pool.claim_code, actor=second)
    # someone of another company, or a wrong code: not found
    with pytest.raises(NotFound):
        services.seat_pool_claim(claim_code=pool.claim_code, actor=learner_user())
    with pytest.raises(NotFound):
        services.seat_pool_claim(claim_code="wrong", actor=second)


def test_claim_with_approval_waits_and_takes_the_pool_seat_on_approval():
    edition = EditionFactory(capacity=1)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=1, actor=contact)
    services.seat_pool_set_approval(pool=pool, claims_need_approval=True, actor=contact)
    employee = learner_user(employer=company)
    enrolment = services.seat_pool_claim(claim_code=pool.claim_code, actor=employee)
    assert enrolment.status == Status.PENDING_APPROVAL
    approved = services.enrolment_approve(enrolment=enrolment, actor=contact)
    assert approved.status == Status.CONFIRMED and approved.pool_id == pool.pk
    pool.refresh_from_db()
    assert pool.named == 1 and services.seats_taken(edition) == 1


def test_cancelled_pool_seat_returns_to_the_pool_not_the_waitlist():
    edition = EditionFactory(capacity=2)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=1, actor=contact)
    (named,) = services.seat_pool_assign(
        pool=pool, people=[PersonFactory(employer=company)], actor=contact
    )

    other, other_contact = company_with_contact()
    o1, o2 = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(2, employer=other),
        actor=other_contact,
        on_behalf_of=other,
    )
    assert o1.status == Status.CONFIRMED and o2.status == Status.WAITLISTED
    services.enrolment_cancel(enrolment=named, actor=contact)
    pool.refresh_from_db()
    o2.refresh_from_db()
    assert pool.named == 0 and o2.status == Status.WAITLISTED
    # releasing the pool gives the seat to the waitlist at once
    services.seat_pool_release(pool=pool, actor=contact)
    o2.refresh_from_db()
    assert o2.status == Status.CONFIRMED
    with pytest.raises(PoolReleased):
        services.seat_pool_assign(
            pool=pool, people=[PersonFactory(employer=company)], actor=contact
        )


def test_pool_is_released_at_its_deadline_on_the_next_seat_change():
    edition = EditionFactory(capacity=1)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(
        edition=edition,
        organisation=company,
        seats=1,
        actor=contact,
        release_at=timezone.now() + dt.timedelta(minutes=5),
    )
    SeatPool.objects.filter(pk=pool.pk).update(release_at=timezone.now() - dt.timedelta(minutes=1))
    person = learner_user(employer=None).person
    enrolment = services.enrolment_create(edition=edition, person=person, actor=person.user)
    assert enrolment.status == Status.CONFIRMED
    pool.refresh_from_db()
    assert pool.released_at is not None
    assert AuditEntry.objects.filter(action="seat_pool.released_at_deadline").exists()


def test_contact_enrolment_uses_the_company_pool_first():
    edition = EditionFactory(capacity=3)
    company, contact = company_with_contact()
    pool = services.seat_pool_reserve(edition=edition, organisation=company, seats=2, actor=contact)
    made = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(3, employer=company),
        actor=contact,
        on_behalf_of=company,
    )
    assert [e.pool_id for e in made] == [pool.pk, pool.pk, None]
    assert [e.status for e in made] == [Status.CONFIRMED] * 3
    assert services.seats_taken(edition) == 3


def test_coordinator_may_reserve_in_a_draft_edition_a_contact_may_not():
    edition = EditionFactory(capacity=5, status="draft")
    company, contact = company_with_contact()
    with pytest.raises(EnrolmentClosed):
        services.seat_pool_reserve(edition=edition, organisation=company, seats=1, actor=contact)
    pool = services.seat_pool_reserve(
        edition=edition, organisation=company, seats=2, actor=coordinator_user(edition.hub)
    )
    assert pool.seats == 2
    # the demand funnel reserves as the hub itself (actor None)
    other, _ = company_with_contact()
    assert (
        services.seat_pool_reserve(edition=edition, organisation=other, seats=1, actor=None).seats
        == 1
    )
    with pytest.raises(NotAllowed):
        services.seat_pool_reserve(
            edition=edition,
            organisation=other,
            seats=1,
            actor=coordinator_user(EditionFactory().hub),
        )


def test_capacity_cannot_drop_below_reserved_seats():
    edition = EditionFactory(capacity=4)
    company, contact = company_with_contact()
    services.seat_pool_reserve(edition=edition, organisation=company, seats=3, actor=contact)
    with pytest.raises(CapacityBelowTaken):
        services.edition_set_capacity(
            edition=edition, capacity=2, actor=coordinator_user(edition.hub)
        )
