"""On SQLite, `transaction_mode = "IMMEDIATE"` (settings) serialises writers.

SQLite ignores `select_for_update`, so the edition row lock is a no-op there. Instead every
`transaction.atomic()` starts with `BEGIN IMMEDIATE`, which takes the database's single write
lock at the start of the transaction: the seat count and the insert of one enrolment happen
while no other writer can run. Other writers wait (busy `timeout` 20 s) instead of failing,
and WAL mode keeps readers unblocked. Ten threads with their own connections on the file test
database, released together, must therefore give exact seats and waitlist positions.

The control runs the same threads with SQLite's default `DEFERRED` transactions: each one
reads under a snapshot, and when it then tries to write after another writer committed,
SQLite refuses at once with "database is locked" (SQLITE_BUSY_SNAPSHOT; the busy timeout
cannot help). So without IMMEDIATE nobody is overbooked, but most of the crowd gets an error.
"""

import threading
import time

import pytest
from django.db import OperationalError, connection

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.models import Enrolment
from technohub.hubs.tests.factories import learner_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's IMMEDIATE transactions"),
]

THREADS = 10


def enrol_at_once(edition, learners, monkeypatch) -> list[BaseException]:
    count = services.seating.seats_taken

    def seats_taken_slowly(edition):
        taken = count(edition)
        time.sleep(0.005)  # a wider window between counting and taking a seat
        return taken

    monkeypatch.setattr(services.seating, "seats_taken", seats_taken_slowly)
    barrier = threading.Barrier(len(learners))
    errors: list[BaseException] = []

    def work(user) -> None:
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            services.enrolment_create(edition=edition, person=user.person, actor=user)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _learners():
    return [learner_user(employer=None, learner_kind="job_seeker") for _ in range(THREADS)]


def test_immediate_transactions_serialise_enrolments(monkeypatch):
    # given 3 seats and 10 learners, with the project's SQLite settings
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    edition = EditionFactory(capacity=3)
    learners = _learners()
    # when they all enrol at once
    errors = enrol_at_once(edition, learners, monkeypatch)
    # then nobody failed with "database is locked" and the seats are exact
    assert errors == []
    rows = list(edition.enrolments.values_list("status", "waitlist_position"))
    assert sum(1 for status, _ in rows if status == Enrolment.Status.CONFIRMED) == 3
    positions = sorted(p for status, p in rows if status == Enrolment.Status.WAITLISTED)
    assert positions == list(range(1, THREADS - 3 + 1))


def test_control_deferred_transactions_fail_with_database_is_locked(monkeypatch):
    # given SQLite's default DEFERRED transactions for the new (thread) connections
    options = connection.settings_dict["OPTIONS"]
    monkeypatch.setitem(options, "transaction_mode", "DEFERRED")
    edition = EditionFactory(capacity=3)
    learners = _learners()
    # when they all enrol at once
    errors = enrol_at_once(edition, learners, monkeypatch)
    # then some are refused with "database is locked", and still nobody is overbooked
    assert errors, "expected SQLITE_BUSY without IMMEDIATE transactions"
    assert all(isinstance(e, OperationalError) and "locked" in str(e) for e in errors)
    confirmed = edition.enrolments.filter(status=Enrolment.Status.CONFIRMED).count()
    assert confirmed <= 3
