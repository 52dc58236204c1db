"""Writes of planning requests and proposals (run, accept) and re-planning.

See docs/agenda-builder.md."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Edition, Place, Session
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Person, User
from technohub.scheduling import problem as problem_module
from technohub.scheduling import solver, validator
from technohub.scheduling.errors import (
    BookingConflict,
    InvalidBooking,
    ProposalNotReady,
)
from technohub.scheduling.models import (
    Equipment,
    Feature,
    PlanningRequest,
    Proposal,
    ProposedSession,
    RequestEquipment,
)
from technohub.scheduling.planning import Weights, changes
from technohub.scheduling.services._common import _ensure_coordinator
from technohub.scheduling.services.availability import exception_add
from technohub.scheduling.services.sessions import (
    SessionSpec,
    sessions_reschedule,
    sessions_schedule,
)

# --- planning requests -----------------------------------------------------------------------


@transaction.atomic
def planning_request_save(
    *,
    edition: Edition,
    actor: User | None,
    features: Iterable[Feature] = (),
    equipment: dict[Equipment, int] | None = None,
    **pattern,
) -> PlanningRequest:
    """Set the session pattern of an edition that the agenda builder is to plan."""
    _ensure_coordinator(actor, edition.hub_id)
    if edition.sessions.exists():
        raise InvalidBooking(_("This edition already has sessions; move them by re-planning."))
    request, _created = PlanningRequest.objects.get_or_create(edition=edition, defaults={**pattern})
    for name, value in pattern.items():
        setattr(request, name, value)
    request.full_clean(exclude=["edition"])
    request.save()
    request.features.set([f for f in features if f.hub_id == edition.hub_id])
    request.needs.all().delete()
    RequestEquipment.objects.bulk_create(
        RequestEquipment(request=request, equipment=item, quantity=quantity)
        for item, quantity in (equipment or {}).items()
        if item.hub_id == edition.hub_id and quantity > 0
    )
    return request


# --- proposals -------------------------------------------------------------------------------


def _enqueue(proposal: Proposal) -> None:
    from technohub.scheduling.tasks import run_proposal

    transaction.on_commit(lambda: run_proposal.enqueue(proposal.pk))


@transaction.atomic
def proposal_create(
    *,
    hub: Hub,
    actor: User | None,
    starts_on: dt.date,
    ends_on: dt.date,
    seconds: int = 10,
    weights: Weights | None = None,
    seed: int = 1,
) -> Proposal:
    """Ask the agenda builder for a plan of the waiting editions; it runs as a task."""
    _ensure_coordinator(actor, hub.pk)
    if ends_on < starts_on:
        raise InvalidBooking(_("The term must end after it starts."), field="ends_on")
    proposal = Proposal.objects.create(
        hub=hub,
        starts_on=starts_on,
        ends_on=ends_on,
        seconds=seconds,
        seed=seed,
        weights=(weights or Weights()).as_dict(),
        created_by=actor,
    )
    _enqueue(proposal)
    return proposal


@transaction.atomic
def replan_create(
    *,
    hub: Hub,
    actor: User | None,
    starts_on: dt.date,
    ends_on: dt.date,
    trainer: Person | None = None,
    place: Place | None = None,
    scope: str = Proposal.Scope.SESSIONS,
    seconds: int = 10,
) -> Proposal:
    """Re-plan what a trainer's drop-out or a lost room affects from `starts_on`.

    The trainer gets an exception for the period (they cannot teach then). `scope` says what
    may move: only the sessions with that trainer or in that room (the rest stays where it
    is), also the other sessions of their editions, or any session of the hub in the period.
    Every move costs the `moves` weight, so the builder moves as little as it can.
    """
    _ensure_coordinator(actor, hub.pk)
    if (trainer is None) == (place is None):
        raise InvalidBooking(_("Choose a trainer or a room."))
    if place is not None and place.hub_id != hub.pk:
        raise NotAllowed()
    if scope not in Proposal.Scope.values:
        raise InvalidBooking(_("Choose how much may move."), field="scope")
    if trainer is not None:
        exception_add(
            person=trainer,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=_("Dropped out"),
            actor=actor,
            hub=hub,
        )
    proposal = Proposal.objects.create(
        hub=hub,
        kind=Proposal.Kind.REPLAN,
        starts_on=starts_on,
        ends_on=ends_on,
        seconds=seconds,
        weights=Weights().as_dict(),
        created_by=actor,
        replan={
            "trainer": trainer.pk if trainer else None,
            "place": place.pk if place else None,
            "scope": scope,
        },
    )
    _enqueue(proposal)
    return proposal


def _affected(proposal: Proposal) -> dict[int, list[Session]]:
    """Future sessions of the hub (in the period) to place again, by edition."""
    lo, hi = problem_module._window(proposal.starts_on, proposal.ends_on)
    sessions = Session.objects.filter(
        edition__hub=proposal.hub,
        edition__status__in=[
            Edition.Status.PUBLISHED,
            Edition.Status.RUNNING,
            Edition.Status.DRAFT,
        ],
        starts_at__gte=max(lo, timezone.now()),
        starts_at__lt=hi,
    ).select_related("edition__course", "edition__location")
    change = proposal.replan

    def hit(s: Session) -> bool:
        trainer, place = change.get("trainer"), change.get("place")
        if trainer and (s.trainer_id or s.edition.trainer_id) == trainer:
            return True
        return bool(place) and (s.place_id or s.edition.location_id) == place

    scope = change.get("scope", Proposal.Scope.SESSIONS)
    if scope == Proposal.Scope.SESSIONS:
        sessions = [s for s in sessions if hit(s)]
    elif scope == Proposal.Scope.EDITIONS:
        editions = {s.edition_id for s in sessions if hit(s)}
        sessions = [s for s in sessions if s.edition_id in editions]
    result: dict[int, list[Session]] = {}
    for s in sorted(sessions, key=lambda s: s.starts_at):
        result.setdefault(s.edition_id, []).append(s)
    return result


# What a re-planning run adds to `Proposal.replan` (the rest is what the coordinator asked).
REPLAN_RESULTS = ("moved", "trainer_only", "by_edition", "affected")


class _ProgressWriter:
    """Writes a run's progress into its proposal as the solver reports it (a `solver.Reporter`).

    Every write is conditional on the run still being the proposal's (status running), so a
    run given up on as stalled never overwrites what came after it.
    """

    MIN_INTERVAL = 0.5  # seconds between two writes for better plans

    def __init__(self, proposal: Proposal):
        self.proposal = proposal
        self.solutions = 0
        self.search_began: float | None = None
        self.written = 0.0

    def _write(self, **fields) -> None:
        Proposal.objects.filter(pk=self.proposal.pk, status=Proposal.Status.RUNNING).update(
            **fields
        )

    def phase(self, name: str) -> None:
        if name == Proposal.Phase.SEARCH:
            self.search_began = time.monotonic()
        self._write(
            phase=name, phase_started_at=timezone.now(), progress=Proposal.PHASE_PROGRESS[name]
        )

    def solution(self, solutions: int, objective: float, bound: float) -> None:
        self.solutions = solutions
        now = time.monotonic()
        if solutions > 1 and now - self.written < self.MIN_INTERVAL:
            return
        self.written = now
        low = Proposal.PHASE_PROGRESS[Proposal.Phase.SEARCH]
        high = Proposal.PHASE_PROGRESS[Proposal.Phase.EXPLAIN]
        used = (now - (self.search_began or now)) / max(1, self.proposal.seconds)
        self._write(
            progress=low + int((high - low) * min(1.0, used)),
            solutions=solutions,
            objective=objective,
            bound=bound,
        )


class _Abandoned(Exception):
    """The run was given up on (stalled) while it was still working: its result is dropped."""


def proposal_run(*, proposal_id: int) -> Proposal:
    """The background task's body: build the problem, solve, store the proposed sessions.

    Takes the proposal only if it is still queued (a second worker, or a retry, finds it taken)
    and reports each phase and each better plan into it, so the page can show the progress.
    """
    now = timezone.now()
    taken = Proposal.objects.filter(pk=proposal_id, status=Proposal.Status.QUEUED).update(
        status=Proposal.Status.RUNNING,
        started_at=now,
        phase=Proposal.Phase.READING,
        phase_started_at=now,
        progress=Proposal.PHASE_PROGRESS[Proposal.Phase.READING],
    )
    proposal = Proposal.objects.select_related("hub").get(pk=proposal_id)
    if not taken:
        return proposal
    writer = _ProgressWriter(proposal)
    try:
        built = _build(proposal)
        plan = solver.solve(
            built.problem,
            seconds=proposal.seconds,
            seed=proposal.seed,
            deterministic_seconds=proposal.seconds,
            reporter=writer,
        )
        errors = validator.violations(built.problem, plan)
        if errors:  # never store a plan that breaks a rule
            raise RuntimeError("; ".join(errors[:3]))
        writer.phase(Proposal.Phase.STORING)
        _store(proposal, built, plan, solutions=writer.solutions)
    except _Abandoned:
        pass
    except Exception as exc:  # noqa: BLE001 - the coordinator must see that the run failed
        Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.RUNNING).update(
            status=Proposal.Status.FAILED,
            message=str(exc)[:300],
            finished_at=timezone.now(),
        )
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_retry(*, proposal: Proposal, actor: User | None) -> Proposal:
    """Run a failed or stalled proposal again, as a new proposal with the same settings.

    A stalled run (its worker died) is marked failed first, so if it ever wakes up its result
    is dropped.
    """
    _ensure_coordinator(actor, proposal.hub_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.FAILED and not proposal.stalled:
        raise ProposalNotReady(_("This proposal is still being calculated."))
    if proposal.status != Proposal.Status.FAILED:
        proposal.status = Proposal.Status.FAILED
        proposal.message = _("The run stopped responding.")
        proposal.finished_at = timezone.now()
        proposal.save(update_fields=["status", "message", "finished_at"])
    again = Proposal.objects.create(
        hub=proposal.hub,
        kind=proposal.kind,
        starts_on=proposal.starts_on,
        ends_on=proposal.ends_on,
        seconds=proposal.seconds,
        seed=proposal.seed,
        weights=proposal.weights,
        replan={k: v for k, v in proposal.replan.items() if k not in REPLAN_RESULTS},
        created_by=actor,
    )
    log_action("agenda.retried", actor=actor, target=proposal, after={"proposal": again.pk})
    _enqueue(again)
    return again


def _build(proposal: Proposal) -> problem_module.Built:
    weights = Weights(**{k: v for k, v in proposal.weights.items() if k in Weights().as_dict()})
    if proposal.kind == Proposal.Kind.TERM:
        return problem_module.build(
            hub=proposal.hub,
            start=proposal.starts_on,
            end=proposal.ends_on,
            requests=list(problem_module.pending_requests(proposal.hub)),
            weights=weights,
        )
    change = proposal.replan
    period = (proposal.starts_on, proposal.ends_on)
    return problem_module.build(
        hub=proposal.hub,
        start=proposal.starts_on,
        end=proposal.ends_on,
        requests=[],
        weights=weights,
        replan_editions=_affected(proposal),
        lost_trainer=(change["trainer"], *period) if change.get("trainer") else None,
        lost_place=(change["place"], *period) if change.get("place") else None,
    )


@transaction.atomic
def _store(proposal: Proposal, built: problem_module.Built, plan, *, solutions: int) -> None:
    rows = []
    for placed in plan.sessions:
        starts_at, ends_at = built.times(placed)
        current = built.current.get(placed.request)
        rows.append(
            ProposedSession(
                proposal=proposal,
                edition_id=placed.request,
                index=placed.index,
                starts_at=starts_at,
                ends_at=ends_at,
                place_id=placed.room,
                trainer_id=placed.trainer,
                replaces=current[placed.index] if current else None,
            )
        )
    ProposedSession.objects.bulk_create(rows)
    explanations = [
        {"edition": edition_id, "code": reason.code, "data": reason.data}
        for edition_id, reasons in plan.unplaced.items()
        for reason in reasons
    ]
    replan = dict(proposal.replan)
    if proposal.kind == Proposal.Kind.REPLAN:
        found = changes(built.problem, plan.sessions)
        replan["moved"] = found.moved_total
        replan["trainer_only"] = found.trainer_only_total
        replan["by_edition"] = {
            str(edition_id): {
                "moved": found.moved.get(edition_id, 0),
                "trainer_only": found.trainer_only.get(edition_id, 0),
            }
            for edition_id in built.current
        }
        replan["affected"] = sum(len(s) for s in built.current.values())
    stored = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.RUNNING).update(
        status=Proposal.Status.READY,
        progress=100,
        solutions=solutions,
        objective=plan.objective,
        bound=plan.bound,
        explanations=explanations,
        replan=replan,
        finished_at=timezone.now(),
    )
    if not stored:  # given up on meanwhile: drop the proposed sessions with the transaction
        raise _Abandoned()


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, actor: User | None, edition_ids: Iterable[int] | None = None
) -> tuple[list[Edition], dict[Edition, str]]:
    """Turn the proposal's sessions into real sessions (all editions, or those chosen).

    Each edition is accepted on its own: its sessions are created (or moved) through the
    catalogue's services, its room and equipment booked; one that no longer fits (someone
    booked the room meanwhile) is left out with the reason, the others go ahead. Accepting
    never publishes: a draft stays a draft until the coordinator publishes it
    (`enrolment.publishing.edition_publish`, which says who is told).
    """
    _ensure_coordinator(actor, proposal.hub_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (Proposal.Status.READY, Proposal.Status.ACCEPTED):
        raise ProposalNotReady()
    rows = proposal.sessions.filter(accepted_at__isnull=True).select_related(
        "edition__course", "place", "trainer", "replaces"
    )
    if edition_ids is not None:
        rows = rows.filter(edition_id__in=list(edition_ids))
    by_edition: dict[Edition, list[ProposedSession]] = {}
    for row in rows.order_by("edition_id", "index"):
        by_edition.setdefault(row.edition, []).append(row)
    accepted, failed = [], {}
    for edition, proposed in by_edition.items():
        try:
            with transaction.atomic():
                _accept_edition(edition, proposed, actor)
        except DomainError as exc:  # e.g. its room was booked meanwhile; the others go ahead
            failed[edition] = str(exc.message)
            continue
        accepted.append(edition)
    if accepted and not proposal.sessions.filter(accepted_at__isnull=True).exists():
        proposal.status = Proposal.Status.ACCEPTED
        proposal.save(update_fields=["status"])
    return accepted, failed


def _accept_edition(edition: Edition, proposed: list[ProposedSession], actor) -> None:
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    request = PlanningRequest.objects.filter(edition=edition).first()
    equipment = (
        tuple((n.equipment, n.quantity) for n in request.needs.select_related("equipment"))
        if request
        else ()
    )
    trainers = {row.trainer_id for row in proposed}
    if proposed[0].replaces_id is None:
        if edition.sessions.exists():
            raise BookingConflict(_("This edition has been planned meanwhile."))
        one = len(trainers) == 1
        if one and edition.trainer_id != proposed[0].trainer_id:
            catalogue_services.edition_set_trainer(
                edition=edition, trainer=proposed[0].trainer, actor=actor
            )
        sessions_schedule(
            edition=edition,
            specs=[
                SessionSpec(
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    place=row.place,
                    trainer=None if one else row.trainer,
                    equipment=equipment,
                )
                for row in proposed
            ],
            actor=actor,
        )
        if edition.location_id is None:
            edition.location = proposed[0].place
            edition.save(update_fields=["location"])
        # A draft stays a draft: publishing is the coordinator's own step afterwards
        # (enrolment.publishing.edition_publish, which says who is told).
    else:
        sessions_reschedule(
            changes=[
                (
                    row.replaces,
                    SessionSpec(
                        starts_at=row.starts_at,
                        ends_at=row.ends_at,
                        place=row.place,
                        trainer=row.trainer,
                        topic=row.replaces.topic,
                        equipment=equipment,
                    ),
                )
                for row in proposed
            ],
            actor=actor,
        )
    ProposedSession.objects.filter(pk__in=[r.pk for r in proposed]).update(
        accepted_at=timezone.now()
    )
    log_action(
        "agenda.accepted",
        actor=actor,
        target=edition,
        after={"sessions": len(proposed), "proposal": proposed[0].proposal_id},
    )
