"""Pool seats and open seats taken at the same moment: never over capacity, never over a cap.

PostgreSQL only: real threads, each with its own connection and transaction, released together
at a barrier. Five companies compete for one edition of 12 seats with a cap of 4 per company:
two of them reserved seats (A 4, B 3) that their employees claim with the link
(`seat_pool_claim`) and their contacts name (`seat_pool_assign`), while contacts of all five
enrol more staff on open seats (`enrolment_create`, which uses the company's own pool first).
Demand is far above supply, so every seat ends taken.

The control switches the edition row lock off (`settings.ENROLMENT_LOCKING = False`, the
test-only switch read by `lock_edition`) and widens the read-then-write windows by a few
milliseconds; the same services then overbook, exceed a cap, give a waitlist position twice or
run into the pool's `named <= seats` database constraint.
"""

import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import IntegrityError, connection, transaction

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import PoolFull
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.hubs.tests.concurrency import run_at_once
from technohub.hubs.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
    learner_user,
)

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real concurrency)"
    ),
]

WORKERS = 24
CAPACITY, CAP = 12, 4
Status = Enrolment.Status


def _world():
    """The edition, its rules, two pools and the list of seat requests (callables)."""
    edition = EditionFactory(capacity=CAPACITY)
    services.edition_set_seat_rules(
        edition=edition,
        company_cap=CAP,
        pool_release_at=None,
        actor=coordinator_user(edition.hub),
    )
    companies = {name: OrganisationFactory(name=name) for name in "ABCDE"}
    contacts = {name: contact_user(org) for name, org in companies.items()}
    pool_a = services.seat_pool_reserve(
        edition=edition, organisation=companies["A"], seats=4, actor=None
    )
    pool_b = services.seat_pool_reserve(
        edition=edition, organisation=companies["B"], seats=3, actor=None
    )
    tasks: list[Callable[[], object]] = []

    def claim(pool, org):
        user = learner_user(employer=org)
        return lambda: services.seat_pool_claim(claim_code=pool.claim_code, actor=user)

    def assign(pool, name):
        person = PersonFactory(employer=companies[name])
        return lambda: services.seat_pool_assign(pool=pool, people=[person], actor=contacts[name])

    def enrol(name):
        person = PersonFactory(employer=companies[name])
        return lambda: services.enrolment_create(
            edition=edition,
            person=person,
            actor=contacts[name],
            on_behalf_of=companies[name],
        )

    with transaction.atomic():
        tasks += [claim(pool_a, companies["A"]) for _ in range(6)]
        tasks += [enrol("A") for _ in range(2)]
        tasks += [assign(pool_b, "B") for _ in range(3)]
        tasks += [claim(pool_b, companies["B"]) for _ in range(2)]
        tasks += [enrol("B") for _ in range(3)]
        for name in "CDE":
            tasks += [enrol(name) for _ in range(6)]
    return edition, companies, tasks


def _run_at_once(tasks) -> list[BaseException]:
    return run_at_once(tasks, workers=WORKERS, expected=(PoolFull, IntegrityError))


def _outcome(edition, companies):
    """Seats as they really are: seat holders plus unnamed seats of open pools."""
    rows = list(
        Enrolment.objects.filter(edition=edition).values_list(
            "organisation_id", "status", "waitlist_position", "pool_id"
        )
    )
    holders = Counter(r[0] for r in rows if r[1] in Enrolment.SEAT_HOLDING)
    pools = list(SeatPool.objects.filter(edition=edition, released_at__isnull=True))
    named = Counter(r[3] for r in rows if r[1] in Enrolment.SEAT_HOLDING and r[3])
    unnamed = {p.organisation_id: max(p.seats - named[p.pk], 0) for p in pools}
    per_company = {
        name: holders[org.pk] + unnamed.get(org.pk, 0) for name, org in companies.items()
    }
    return {
        "taken": sum(holders.values()) + sum(unnamed.values()),
        "per_company": per_company,
        "over_named": [p.pk for p in pools if named[p.pk] > p.seats],
        "positions": sorted(r[2] for r in rows if r[1] == Status.WAITLISTED),
        "pool_counters_right": all(p.named == named[p.pk] for p in pools),
    }


@pytest.fixture
def slow_windows(monkeypatch):
    """Widen the windows between reading seats (or a pool) and taking one: a busy server."""
    # patched where they are looked up: the seat counts in `seating`, the pool lock in `seat_pools`
    for module, name in (
        (services.seating, "seats_taken"),
        (services.seating, "company_seats"),
        (services.seat_pools, "_lock_pool"),
    ):
        original = getattr(module, name)

        def slowly(*args, _original=original, **kwargs):
            result = _original(*args, **kwargs)
            time.sleep(0.005)
            return result

        monkeypatch.setattr(module, name, slowly)


def test_pool_claims_and_open_enrolments_at_once_respect_capacity_and_caps(slow_windows):
    # given 12 seats, a cap of 4, pools of 4 (A) and 3 (B), and 34 requests ready
    edition, companies, tasks = _world()
    # when they all arrive together (slow counting, the lock on)
    errors = _run_at_once(tasks)
    # then only "pool full" refusals, every seat taken exactly once, no company over its cap
    assert all(isinstance(e, PoolFull) for e in errors), errors
    outcome = _outcome(edition, companies)
    assert outcome["taken"] == CAPACITY
    assert max(outcome["per_company"].values()) <= CAP, outcome["per_company"]
    assert outcome["per_company"]["A"] == 4 and outcome["per_company"]["B"] >= 3
    assert outcome["over_named"] == [] and outcome["pool_counters_right"]
    # and the others wait in one unbroken line
    assert outcome["positions"] == list(range(1, len(outcome["positions"]) + 1))
    total = Enrolment.objects.filter(edition=edition).count()
    assert total + len(errors) == len(tasks)


def test_control_without_the_lock_the_same_requests_break_the_rules(settings, slow_windows):
    # given the edition row lock switched off (test-only switch) and slow counting
    settings.ENROLMENT_LOCKING = False
    edition, companies, tasks = _world()
    # when the same requests arrive together
    errors = _run_at_once(tasks)
    # then the race shows: overbooked, a company over its cap, a waitlist position given twice,
    # or a pool over-named (stopped only by the database constraint)
    outcome = _outcome(edition, companies)
    broken = {
        "overbooked": outcome["taken"] > CAPACITY,
        "over_cap": max(outcome["per_company"].values()) > CAP,
        "duplicate_position": len(outcome["positions"]) != len(set(outcome["positions"])),
        "pool_constraint": any(isinstance(e, IntegrityError) for e in errors),
    }
    assert any(broken.values()), (outcome, errors)
