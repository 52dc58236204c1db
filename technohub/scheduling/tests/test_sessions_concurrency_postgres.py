"""Two coordinators plan at the same moment: real threads, connections and transactions on
PostgreSQL (the harness `hubs.tests.concurrency.run_at_once` releases them together).

- the same room at the same time: exactly one wins, the other gets a SessionConflict;
- the same trainer in two rooms: exactly one wins (the trainer's Person row is locked);
- the control: without the service's locks, and with the check-then-write window widened a
  little, the same code double-books the trainer (nothing in the database stops that) — which
  shows the lock, not luck, keeps the rule.
"""

import datetime as dt
import time
from functools import partial

import pytest
from django.db import OperationalError, connection

from technohub.catalogue.models import Session
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.tests.concurrency import run_at_once
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user
from technohub.scheduling import services
from technohub.scheduling.errors import SessionConflict
from technohub.scheduling.services import sessions as sessions_module
from technohub.scheduling.tests.factories import at

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real concurrency)"
    ),
]

ROUNDS = 5
MONDAY = dt.date(2027, 1, 11)


def _two_coordinators(*, same_room: bool):
    hub = HubFactory()
    trainer = PersonFactory()
    room = PlaceFactory(hub=hub)
    course = CourseFactory(hub=hub)
    editions = [
        EditionFactory(
            course=course,
            location=room if same_room else PlaceFactory(hub=hub),
            trainer=None if same_room else trainer,
        )
        for _n in range(2)
    ]
    return editions, [coordinator_user(hub), coordinator_user(hub)]


def _race(editions, coordinators, day) -> list[BaseException]:
    spec = services.SessionSpec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"))
    tasks = [
        partial(services.sessions_schedule, edition=edition, specs=[spec], actor=coordinator)
        for edition, coordinator in zip(editions, coordinators, strict=True)
    ]
    return run_at_once(tasks, workers=2, expected=(SessionConflict,), timeout=60)


def _widen_the_window(monkeypatch, seconds=0.3):
    original = sessions_module._clashes

    def slow(*args, **kwargs):
        found = original(*args, **kwargs)
        time.sleep(seconds)  # between the check and the write
        return found

    monkeypatch.setattr(sessions_module, "_clashes", slow)


@pytest.mark.parametrize("same_room", [True, False], ids=["room", "trainer"])
def test_two_coordinators_at_once_exactly_one_wins(monkeypatch, same_room):
    editions, coordinators = _two_coordinators(same_room=same_room)
    _widen_the_window(monkeypatch)
    for n in range(ROUNDS):
        day = MONDAY + dt.timedelta(days=n)
        errors = _race(editions, coordinators, day)
        assert len(errors) == 1 and isinstance(errors[0], SessionConflict), errors
        assert Session.objects.filter(starts_at=at(day, "19:00")).count() == 1


def test_control_without_the_locks_the_trainer_is_double_booked(monkeypatch):
    editions, coordinators = _two_coordinators(same_room=False)
    _widen_the_window(monkeypatch)
    monkeypatch.setattr(sessions_module, "_lock", lambda items: None)
    doubled = 0
    for n in range(ROUNDS):
        day = MONDAY + dt.timedelta(days=n)
        errors = _race(editions, coordinators, day)
        assert all(isinstance(e, SessionConflict) for e in errors), errors
        doubled += Session.objects.filter(starts_at=at(day, "19:00")).count() == 2
    assert doubled > 0, "the race did not show: the control proves nothing"


def test_the_exclusion_constraint_still_guards_a_room_without_the_locks(monkeypatch):
    editions, coordinators = _two_coordinators(same_room=True)
    _widen_the_window(monkeypatch)
    monkeypatch.setattr(sessions_module, "_lock", lambda items: None)
    for n in range(ROUNDS):
        day = MONDAY + dt.timedelta(days=n)
        errors = _race(editions, coordinators, day)
        # without the locks PostgreSQL refuses the loser itself: an exclusion violation (our
        # SessionConflict) or, when both wait on each other's row, a detected deadlock
        assert len(errors) == 1, errors
        assert isinstance(errors[0], SessionConflict | OperationalError), errors
        # the loser's transaction rolled back as a whole: no session without its booking
        assert Session.objects.filter(starts_at=at(day, "19:00")).count() == 1
