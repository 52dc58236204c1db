"""Everyone clicks at once: real threads, real connections, real transactions on PostgreSQL.

Numbers. PostgreSQL allows `max_connections` = 100 by default and the test run itself (and
other suites on the same server) need some, so the 200 enrolments are made by a pool of
WORKERS = 40 threads, each with its own connection (opened before the start, closed at the
end). All threads wait at a `threading.Barrier` and are released together; each then takes the
next person from a shared queue and calls `enrolment_create` with its own transaction. So 40
transactions really contend for the same edition at every moment.

The control test turns the edition row lock off (`settings.ENROLMENT_LOCKING = False`, the
test-only switch read by `lock_edition`) and makes the count-then-insert window a few
milliseconds wide (`seats_taken` sleeps after counting), and shows that the same code then
overbooks or hands out one waitlist position twice. The same slow counting *with* the lock
stays exact. Runtime of the file: 10–30 s on a shared 2-core machine, test database set-up included.
"""

import time
from collections import Counter
from functools import partial

import pytest
from django.core import mail
from django.db import connection, transaction

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.models import Enrolment
from technohub.hubs.tests.concurrency import run_at_once
from technohub.hubs.tests.factories import learner_user

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real concurrency)"
    ),
]

WORKERS = 40

Status = Enrolment.Status


def _max_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        return int(cursor.fetchone()[0])


def enrol_all_at_once(edition, learners, *, workers: int = WORKERS) -> list[BaseException]:
    """Enrol every learner (themselves) from `workers` threads released together."""
    assert workers + 10 <= _max_connections(), "thread pool larger than PostgreSQL allows"
    tasks = [
        partial(services.enrolment_create, edition=edition, person=user.person, actor=user)
        for user in learners
    ]
    return run_at_once(tasks, workers=workers, timeout=60)


def _learners(count: int):
    with transaction.atomic():  # one commit instead of hundreds
        return [learner_user(employer=None, learner_kind="job_seeker") for _ in range(count)]


def _outcome(edition):
    rows = list(edition.enrolments.values_list("person_id", "status", "waitlist_position"))
    confirmed = [r for r in rows if r[1] == Status.CONFIRMED]
    positions = sorted(r[2] for r in rows if r[1] == Status.WAITLISTED)
    people = Counter(r[0] for r in rows)
    return len(rows), len(confirmed), positions, people


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting the seats and taking one (a busy server)."""
    count = services.seating.seats_taken

    def seats_taken_slowly(edition):
        taken = count(edition)
        time.sleep(0.005)
        return taken

    monkeypatch.setattr(services.seating, "seats_taken", seats_taken_slowly)


def test_200_people_20_seats_never_overbooked():
    # given a published edition with 20 seats and 200 learners ready to click
    edition = EditionFactory(capacity=20)
    learners = _learners(200)
    # when they all enrol at once (40 connections released together)
    started = time.monotonic()
    errors = enrol_all_at_once(edition, learners)
    elapsed = time.monotonic() - started
    # then exactly 20 have a seat, 180 wait at positions 1..180, nobody twice
    assert errors == []
    total, confirmed, positions, people = _outcome(edition)
    assert (total, confirmed) == (200, 20)
    assert positions == list(range(1, 181))
    assert max(people.values()) == 1
    # and everyone got their mail (confirmation or waitlist notice) after their commit
    assert len(mail.outbox) == 200
    assert elapsed < 60  # typically 3–10 s on a shared 2-core machine


def test_with_the_lock_even_slow_counting_is_exact(slow_count):
    # given few seats and a slow count between reading and writing
    edition = EditionFactory(capacity=5)
    learners = _learners(WORKERS)
    # when everyone enrols at once with the lock on
    errors = enrol_all_at_once(edition, learners)
    # then the lock serialises them: exactly 5 seats, positions 1..35
    assert errors == []
    total, confirmed, positions, _ = _outcome(edition)
    assert (total, confirmed) == (WORKERS, 5)
    assert positions == list(range(1, WORKERS - 5 + 1))


def test_control_without_the_lock_the_same_code_overbooks(settings, slow_count):
    # given the edition row lock switched off (test-only switch) and a slow count
    settings.ENROLMENT_LOCKING = False
    edition = EditionFactory(capacity=5)
    learners = _learners(WORKERS)
    # when everyone enrolls at once
    errors = enrol_all_at_once(edition, learners)
    # then the race shows: more than 5 seats taken, or one waitlist position given twice
    assert errors == []
    total, confirmed, positions, _ = _outcome(edition)
    assert total == WORKERS
    duplicate_positions = len(positions) != len(set(positions))
    assert confirmed > 5 or duplicate_positions, (confirmed, positions)
