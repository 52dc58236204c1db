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


def test_propose_and_accept_creates_booked_public_sessions():
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
        assert edition.status == Edition.Status.PUBLISHED
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
