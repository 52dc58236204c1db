"""Property: whatever a coordinator does through the scheduling service — schedule, move,
cancel, series of them, accept a builder's proposal, with member bookings in between — no two
scheduled sessions ever share a room or a trainer at the same time, equipment is never booked
beyond its quantity, every scheduled session in a room holds exactly its room booking and a
cancelled one holds none."""

import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from technohub.catalogue.models import Session
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.errors import DomainError
from technohub.hubs.tests.factories import HubFactory, PersonFactory
from technohub.scheduling import services
from technohub.scheduling.models import Booking, Proposal, ProposedSession
from technohub.scheduling.services import sessions as sessions_module
from technohub.scheduling.tests.factories import at, equipment

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 1, 11)  # a week without holidays
STARTS = ["09:00", "10:00", "11:30", "13:30", "19:00"]

slot = st.tuples(
    st.integers(0, 2),  # day
    st.integers(0, len(STARTS) - 1),  # start
    st.integers(1, 3),  # hours
    st.integers(0, 2),  # room: 0, 1 or none (the edition's)
    st.integers(0, 2),  # trainer: 0, 1 or the edition's
    st.integers(0, 2),  # units of equipment
)
operation = st.one_of(
    st.tuples(st.just("schedule"), st.integers(0, 2), st.lists(slot, min_size=1, max_size=3)),
    st.tuples(st.just("move"), st.integers(0, 50), slot),
    st.tuples(st.just("series"), st.integers(0, 50), st.lists(slot, min_size=2, max_size=3)),
    st.tuples(st.just("cancel"), st.integers(0, 50)),
    st.tuples(st.just("member"), slot),
    st.tuples(st.just("accept"), st.integers(0, 1), st.lists(slot, min_size=1, max_size=3)),
)


@pytest.fixture
def world(monkeypatch):
    # the offered free slots are not what this property is about, and the costliest part of a
    # refusal: leave them out to keep the run short
    monkeypatch.setattr(sessions_module, "free_slots", lambda **kwargs: [])
    hub = HubFactory()
    rooms = [PlaceFactory(hub=hub, name=f"Lokaal {n}") for n in range(2)]
    trainers = [PersonFactory(first_name=f"Trainer{n}") for n in range(2)]
    course = CourseFactory(hub=hub)
    editions = [
        EditionFactory(course=course, location=rooms[n % 2], trainer=trainers[n % 2])
        for n in range(3)
    ]
    return {
        "rooms": rooms,
        "trainers": trainers,
        "editions": editions,
        "welders": equipment(hub, quantity=2),
    }


def spec(world, choice):
    day, start, hours, room, trainer, units = choice
    starts_at = at(MONDAY + dt.timedelta(days=day), STARTS[start])
    return services.SessionSpec(
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        place=world["rooms"][room] if room < 2 else None,
        trainer=world["trainers"][trainer] if trainer < 2 else None,
        equipment=((world["welders"], units),) if units else (),
    )


def apply(world, op) -> None:
    scheduled = list(Session.objects.order_by("pk"))
    kind = op[0]
    if kind == "schedule":
        _kind, edition, slots = op
        services.sessions_schedule(
            edition=world["editions"][edition], specs=[spec(world, s) for s in slots], actor=None
        )
    elif kind == "move" and scheduled:
        _kind, n, choice = op
        services.sessions_reschedule(
            changes=[(scheduled[n % len(scheduled)], spec(world, choice))], actor=None
        )
    elif kind == "series" and scheduled:
        _kind, n, slots = op
        chosen = scheduled[n % len(scheduled) :][: len(slots)]
        services.sessions_reschedule(
            changes=[(s, spec(world, c)) for s, c in zip(chosen, slots, strict=False)], actor=None
        )
    elif kind == "cancel" and scheduled:
        services.session_cancel(session=scheduled[op[1] % len(scheduled)], actor=None)
    elif kind == "accept":
        _kind, trainer, slots = op
        accept(world, trainer=world["trainers"][trainer], specs=[spec(world, c) for c in slots])
    elif kind == "member":
        item = spec(world, op[1])
        services.booking_create(
            actor=None,
            place=item.place or world["rooms"][0],
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            purpose="Klantdemo",
        )


def accept(world, *, trainer, specs) -> None:
    """The builder's proposal for a new draft edition, accepted: a proposal read from the
    database like the solver's (its sessions may clash with what happened since)."""
    edition = EditionFactory(course=world["editions"][0].course, status="draft", trainer=trainer)
    proposal = Proposal.objects.create(
        hub=edition.hub, starts_on=MONDAY, ends_on=MONDAY, status=Proposal.Status.READY
    )
    ProposedSession.objects.bulk_create(
        ProposedSession(
            proposal=proposal,
            edition=edition,
            index=n,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            place=item.place or world["rooms"][n % 2],
            trainer=item.trainer or trainer,
        )
        for n, item in enumerate(specs)
    )
    services.proposal_accept(proposal=proposal, actor=None)


def check(world) -> None:
    sessions = list(Session.objects.select_related("edition"))
    for a, b in itertools.combinations(sessions, 2):
        if not (a.starts_at < b.ends_at and b.starts_at < a.ends_at):
            continue
        assert a.place_id is None or a.place_id != b.place_id, (a, b)
        trainer_a = a.trainer_id or a.edition.trainer_id
        trainer_b = b.trainer_id or b.edition.trainer_id
        assert trainer_a is None or trainer_a != trainer_b, (a, b)
    for session in sessions:
        rooms = list(session.bookings.filter(place__isnull=False))
        if session.place_id is None:
            assert rooms == []
        else:
            (room,) = rooms
            assert (room.place_id, room.starts_at, room.ends_at) == (
                session.place_id,
                session.starts_at,
                session.ends_at,
            )
    assert not Booking.objects.filter(session__status=Session.Status.CANCELLED).exists()
    room_bookings = list(Booking.objects.filter(place__isnull=False))
    for a, b in itertools.combinations(room_bookings, 2):
        overlap = a.starts_at < b.ends_at and b.starts_at < a.ends_at
        assert not (overlap and a.place_id == b.place_id), (a, b)
    units = list(Booking.objects.filter(equipment=world["welders"]))
    for moment in {b.starts_at for b in units}:
        in_use = sum(b.quantity for b in units if b.starts_at <= moment < b.ends_at)
        assert in_use <= world["welders"].quantity


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=8))
def test_no_sequence_of_changes_double_books(world, operations):
    with transaction.atomic():
        for op in operations:
            try:
                with transaction.atomic():
                    apply(world, op)
            except DomainError:
                pass  # refused: and nothing of it was written (checked below)
            check(world)
        transaction.set_rollback(True)  # the next example starts from the same world


def test_the_accept_operation_books_what_it_accepts(world):
    # given nothing planned yet, when a proposal of two sessions is accepted
    accept(
        world,
        trainer=world["trainers"][0],
        specs=[spec(world, (0, 0, 1, 0, 2, 0)), spec(world, (1, 0, 1, 1, 2, 1))],
    )
    # then both sessions exist with their room bookings, and the world is consistent
    assert Session.objects.count() == 2
    assert Booking.objects.filter(place__isnull=False).count() == 2
    check(world)
