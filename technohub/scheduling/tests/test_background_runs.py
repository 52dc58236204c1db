"""The agenda builder as a background task: progress, the database queue, stalled runs."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from technohub.hubs.errors import NotAllowed
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user
from technohub.scheduling import services, solver
from technohub.scheduling.errors import ProposalNotReady
from technohub.scheduling.models import Proposal
from technohub.scheduling.planning import (
    BASELINE,
    EXPLAIN,
    MODEL,
    OPTIONS,
    SEARCH,
    Problem,
    Request,
    Room,
    Trainer,
)
from technohub.scheduling.tests.factories import next_monday, waiting_edition

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Spy:
    def __init__(self):
        self.phases, self.solutions = [], []

    def phase(self, name):
        self.phases.append(name)

    def solution(self, solutions, objective, bound):
        self.solutions.append((solutions, objective, bound))


def _term(hub, actor, **kwargs):
    start = next_monday()
    return services.proposal_create(
        hub=hub,
        actor=actor,
        starts_on=start,
        ends_on=start + dt.timedelta(weeks=4, days=-1),
        seconds=5,
        **kwargs,
    )


def test_the_solver_reports_its_phases_and_each_better_plan():
    start = next_monday()
    problem = Problem(
        start=start,
        end=start + dt.timedelta(days=27),
        rooms=[Room(1, "Lokaal 1", capacity=10)],
        trainers=[Trainer(7, "Gerrit", weekly=frozenset({(1, 2), (3, 2)}))],
        requests=[
            Request(1, "Lassen", 1, seats=8, count=3, trainers=(7,)),
            Request(2, "Elektra", 2, seats=30, count=3, trainers=(7,)),  # no room has 30 seats
        ],
    )
    spy = Spy()
    plan = solver.solve(problem, seconds=5, deterministic_seconds=1, reporter=spy)
    assert spy.phases == [OPTIONS, BASELINE, MODEL, SEARCH, EXPLAIN]
    assert spy.solutions and spy.solutions[-1][1] == plan.objective
    counts = [count for count, _objective, _bound in spy.solutions]
    assert counts == list(range(1, len(counts) + 1))
    assert all(objective <= bound for _count, objective, bound in spy.solutions)


def test_a_run_stores_its_progress_and_runs_only_once():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    waiting_edition(hub, trainer=PersonFactory())
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = _term(hub, coordinator)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.READY and proposal.progress == 100
    assert proposal.solutions >= 1 and proposal.objective is not None
    assert proposal.started_at is not None and proposal.phase == Proposal.Phase.STORING
    again = services.proposal_run(proposal_id=proposal.pk)  # a second worker finds it taken
    assert again.sessions.count() == 3 and again.status == Proposal.Status.READY


@pytest.mark.django_db(transaction=True)  # the worker checks its connection like a real one
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_database_queue_runs_the_proposal_in_a_worker():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    waiting_edition(hub, trainer=PersonFactory())
    proposal = _term(hub, coordinator)  # committed: the task is queued, not run
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.QUEUED, "nothing runs inside the request"
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("run_proposal") and task.status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    proposal.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert proposal.status == Proposal.Status.READY and proposal.sessions.count() == 3


def test_progress_during_the_search_follows_the_time_limit():
    now = timezone.now()
    proposal = Proposal(
        status=Proposal.Status.RUNNING,
        phase=Proposal.Phase.SEARCH,
        seconds=10,
        progress=10,
        created_at=now,
        started_at=now - dt.timedelta(seconds=6),
        phase_started_at=now - dt.timedelta(seconds=5),
    )
    assert 50 <= proposal.live_progress <= 55 and proposal.busy
    proposal.phase_started_at = now - dt.timedelta(seconds=30)
    assert proposal.live_progress == Proposal.PHASE_PROGRESS[Proposal.Phase.EXPLAIN]


def _stalled(hub, **fields):
    late = timezone.now() - Proposal.STALE_AFTER - dt.timedelta(minutes=1)
    proposal = Proposal.objects.create(
        hub=hub,
        starts_on=next_monday(),
        ends_on=next_monday() + dt.timedelta(days=27),
        seconds=5,
        weights={"coverage": 70},
        **fields,
    )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=late)
    proposal.refresh_from_db()
    return proposal


def test_a_run_nobody_takes_up_or_that_stops_is_shown_as_failed():
    hub = HubFactory()
    queued = _stalled(hub)
    assert queued.stalled and not queued.busy
    running = _stalled(hub, status=Proposal.Status.RUNNING, started_at=queued.created_at)
    assert running.stalled and not running.busy
    fresh = Proposal.objects.create(
        hub=hub, starts_on=next_monday(), ends_on=next_monday(), status=Proposal.Status.RUNNING
    )
    assert fresh.busy and not fresh.stalled


def test_retry_runs_the_same_settings_again_and_drops_the_stalled_result(monkeypatch):
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    waiting_edition(hub, trainer=PersonFactory())
    stalled = _stalled(hub, status=Proposal.Status.RUNNING)
    with pytest.raises(NotAllowed):
        services.proposal_retry(proposal=stalled, actor=coordinator_user(HubFactory()))
    with TestCase.captureOnCommitCallbacks(execute=True):
        again = services.proposal_retry(proposal=stalled, actor=coordinator)
    stalled.refresh_from_db()
    again.refresh_from_db()
    assert stalled.status == Proposal.Status.FAILED and stalled.message
    assert again.status == Proposal.Status.READY and again.weights == {"coverage": 70}
    assert again.sessions.count() == 3
    # the old run wakes up: it is no longer its proposal's run, so nothing is stored
    Proposal.objects.filter(pk=stalled.pk).update(status=Proposal.Status.QUEUED)
    original = services._store

    def give_up_meanwhile(proposal, *args, **kwargs):
        Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.FAILED)
        return original(proposal, *args, **kwargs)

    monkeypatch.setattr(services.proposals, "_store", give_up_meanwhile)
    services.proposal_run(proposal_id=stalled.pk)
    assert stalled.sessions.count() == 0


def test_a_run_still_working_is_not_retried():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    with TestCase.captureOnCommitCallbacks(execute=False):
        proposal = _term(hub, coordinator)
    with pytest.raises(ProposalNotReady):
        services.proposal_retry(proposal=proposal, actor=coordinator)
    assert Proposal.objects.count() == 1


def test_the_status_box_polls_while_busy_and_offers_a_retry_when_stalled(client):
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    client.force_login(coordinator)
    busy = Proposal.objects.create(
        hub=hub, starts_on=next_monday(), ends_on=next_monday(), status=Proposal.Status.RUNNING
    )
    url = reverse("backoffice:proposal_status", args=[hub.slug, busy.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert "hx-trigger" in response.content.decode() and "HX-Refresh" not in response
    stalled = _stalled(hub)
    url = reverse("backoffice:proposal_status", args=[hub.slug, stalled.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response["HX-Refresh"] == "true" and "hx-trigger" not in body
    retry = reverse("backoffice:proposal_retry", args=[hub.slug, stalled.pk])
    assert f'action="{retry}"' in body
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(retry)
    again = Proposal.objects.exclude(pk__in=[busy.pk, stalled.pk]).get()
    assert response.url == reverse("backoffice:proposal", args=[hub.slug, again.pk])
