"""Proposals: run (inline, as with no worker), accept through the catalogue, re-plan."""

import datetime as dt

import pytest
from django.test import TestCase

from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import CourseFactory, PlaceFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user
from technohub.scheduling import services
from technohub.scheduling.models import Booking, Proposal
from technohub.scheduling.tests.factories import next_monday, waiting_edition

pytestmark = pytest.mark.django_db


def _propose(hub, actor, weeks=4):
    start = next_monday()
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = services.proposal_create(
            hub=hub,
            actor=actor,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=weeks, days=-1),
            seconds=5,
        )
    proposal.refresh_from_db()
    return proposal


def test_propose_and_accept_creates_booked_draft_sessions():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    gerrit, ingrid = PersonFactory(), PersonFactory()
    room = PlaceFactory(hub=hub, capacity=10)
    first = waiting_edition(hub, trainer=gerrit, place=room)
    second = waiting_edition(hub, trainer=ingrid, place=room)
    proposal = _propose(hub, coordinator)
    assert proposal.status == Proposal.Status.READY and proposal.progress == 100
    assert proposal.sessions.count() == 6 and proposal.explanations == []

    accepted, failed = services.proposal_accept(proposal=proposal, actor=coordinator)
    assert set(accepted) == {first, second} and failed == {}
    for edition in (first, second):
        edition.refresh_from_db()
        assert edition.status == Edition.Status.DRAFT  # publishing is its own step (issue 10)
        assert edition.sessions.count() == 3
        assert edition.first_session_at == edition.sessions.order_by("starts_at")[0].starts_at
    starts = list(Session.objects.filter(place=room).values_list("starts_at", flat=True))
    assert len(starts) == len(set(starts)), "one room, never two sessions at once"
    assert Booking.objects.filter(place=room, session__isnull=False).count() == 6
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_accept_some_and_the_rest_later():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    first = waiting_edition(hub, trainer=PersonFactory())
    second = waiting_edition(hub, trainer=PersonFactory())
    proposal = _propose(hub, coordinator)
    services.proposal_accept(proposal=proposal, actor=coordinator, edition_ids=[first.pk])
    assert first.sessions.count() == 3 and second.sessions.count() == 0
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.READY
    services.proposal_accept(proposal=proposal, actor=coordinator, edition_ids=[second.pk])
    assert second.sessions.count() == 3


def test_an_edition_that_cannot_be_placed_is_explained():
    hub = HubFactory()
    waiting_edition(hub, trainer=PersonFactory(), count=9)  # nine weeks in a four-week term
    proposal = _propose(hub, coordinator_user(hub))
    assert proposal.status == Proposal.Status.READY
    assert [e["code"] for e in proposal.explanations] == ["no_dates"]


def test_only_the_hubs_coordinator_proposes():
    hub = HubFactory()
    with pytest.raises(NotAllowed):
        services.proposal_create(
            hub=hub,
            actor=coordinator_user(HubFactory()),
            starts_on=next_monday(),
            ends_on=next_monday() + dt.timedelta(days=30),
        )
    assert not Proposal.objects.exists()


def test_replan_moves_only_the_affected_sessions():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    course = CourseFactory(hub=hub)
    gerrit, erik, ingrid = PersonFactory(), PersonFactory(), PersonFactory()
    dropped = waiting_edition(hub, trainer=gerrit, course=course)
    other = waiting_edition(hub, trainer=ingrid)
    services.proposal_accept(proposal=_propose(hub, coordinator), actor=coordinator)
    before = {s.pk: (s.starts_at, s.place_id) for s in Session.objects.filter(edition=other)}
    # Erik can teach the course on the same evenings; Gerrit drops out for the whole term
    services.availability_set(person=erik, slots={(1, 2), (3, 2)}, actor=None)
    services.trainer_profile_update(
        person=erik, hub=hub, actor=None, max_sessions_per_week=2, courses=[course]
    )
    start = next_monday()
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = services.replan_create(
            hub=hub,
            actor=coordinator,
            trainer=gerrit,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=4, days=-1),
            seconds=5,
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.READY, proposal.message
    assert proposal.replan["affected"] == 3
    assert {row.trainer_id for row in proposal.sessions.all()} == {erik.pk}
    services.proposal_accept(proposal=proposal, actor=coordinator)
    assert all((s.trainer_id or s.edition.trainer_id) == erik.pk for s in dropped.sessions.all())
    after = {s.pk: (s.starts_at, s.place_id) for s in Session.objects.filter(edition=other)}
    assert after == before, "sessions that were not affected stay where they were"


def _replan_room(hub, coordinator, room, scope):
    start = next_monday()
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = services.replan_create(
            hub=hub,
            actor=coordinator,
            place=room,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=4, days=-1),
            scope=scope,
            seconds=5,
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.READY, proposal.message
    return proposal


@pytest.mark.parametrize(
    ("scope", "affected"),
    [(Proposal.Scope.SESSIONS, 2), (Proposal.Scope.EDITIONS, 3), (Proposal.Scope.ANYTHING, 6)],
)
def test_the_coordinator_chooses_how_much_a_replan_may_move(scope, affected):
    """A room is lost: two sessions of one edition are in it, its third in another room, and a
    second edition is elsewhere. The scope decides which of them are placed again."""
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    lost, spare, annex = (PlaceFactory(hub=hub, capacity=10) for _ in range(3))
    hit = waiting_edition(hub, trainer=PersonFactory(), place=lost)
    other = waiting_edition(hub, trainer=PersonFactory(), place=annex)
    services.proposal_accept(proposal=_propose(hub, coordinator), actor=coordinator)
    last = hit.sessions.order_by("starts_at").last()
    Booking.objects.filter(session=last).update(place=spare)
    Session.objects.filter(pk=last.pk).update(place=spare)
    untouched = {s.pk: (s.starts_at, s.place_id) for s in other.sessions.all()}

    proposal = _replan_room(hub, coordinator, lost, scope)

    assert proposal.replan["affected"] == affected and proposal.replan["scope"] == scope
    rows = list(proposal.sessions.all())
    assert all(row.place_id != lost.pk for row in rows)
    assert {row.edition_id for row in rows} <= {hit.pk, other.pk}
    if scope == Proposal.Scope.SESSIONS:
        assert last.pk not in {row.replaces_id for row in rows}
    moved = proposal.replan["by_edition"][str(hit.pk)]["moved"]
    assert moved == 2 and proposal.replan["moved"] == 2, "only what must move, moves"
    services.proposal_accept(proposal=proposal, actor=coordinator)
    assert not Session.objects.filter(place=lost).exists()
    assert {s.pk: (s.starts_at, s.place_id) for s in other.sessions.all()} == untouched


def test_changes_tell_moved_sessions_from_a_new_trainer_only():
    from technohub.scheduling.planning import Problem, Request, Room, Trainer, changes
    from technohub.scheduling.planning import Session as Placed

    start = next_monday()
    now = tuple(Placed(1, i, start + dt.timedelta(weeks=i), 2, 1, 10, 7) for i in range(3))
    problem = Problem(
        start=start,
        end=start + dt.timedelta(weeks=3),
        rooms=[Room(10, "A"), Room(11, "B")],
        trainers=[Trainer(7, "Gerrit", frozenset()), Trainer(8, "Erik", frozenset())],
        requests=[Request(1, "Lassen", 1, seats=8, count=3, current=now)],
    )
    new = [
        now[0],  # stays as it was
        Placed(1, 1, now[1].day, 2, 1, 10, 8),  # same evening and room, another trainer
        Placed(1, 2, now[2].day, 2, 1, 11, 7),  # another room
    ]
    found = changes(problem, new)
    assert found.moved == {1: 1} and found.trainer_only == {1: 1}
    assert (found.moved_total, found.trainer_only_total) == (1, 1)
