"""Writes of facilities and scheduling: bookings, availability, closed days, planning requests,
proposals (run, accept) and re-planning. See docs/agenda-builder.md."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Course, Edition, Place, Session
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Membership, Organisation, Person, User
from technohub.scheduling import problem as problem_module
from technohub.scheduling import solver, validator
from technohub.scheduling.errors import (
    BookingConflict,
    CredentialMissing,
    InvalidBooking,
    ProposalNotReady,
)
from technohub.scheduling.models import (
    AvailabilityException,
    Booking,
    ClosedPeriod,
    Equipment,
    Feature,
    PlanningRequest,
    Proposal,
    ProposedSession,
    RequestEquipment,
    TrainerProfile,
    WeeklyAvailability,
)
from technohub.scheduling.planning import Weights, changes


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    # actor None: a management command (the demo), which runs with the operator's rights
    if actor is not None and not access.is_coordinator(actor, hub_id):
        raise NotAllowed()


# --- facilities ------------------------------------------------------------------------------


@transaction.atomic
def feature_create(*, hub: Hub, name: str, actor: User | None) -> Feature:
    _ensure_coordinator(actor, hub.pk)
    feature, _created = Feature.objects.get_or_create(hub=hub, name=name.strip())
    return feature


@transaction.atomic
def place_set_features(
    *, place: Place, features: Iterable[Feature], bookable: bool, actor: User | None
) -> Place:
    _ensure_coordinator(actor, place.hub_id)
    features = list(features)
    if any(f.hub_id != place.hub_id for f in features):
        raise NotAllowed()
    place.features.set(features)
    if place.bookable_by_members != bookable:
        place.bookable_by_members = bookable
        place.save(update_fields=["bookable_by_members"])
    return place


@transaction.atomic
def equipment_save(
    *, hub: Hub, actor: User | None, equipment: Equipment | None = None, **fields
) -> Equipment:
    _ensure_coordinator(actor, hub.pk)
    equipment = equipment or Equipment(hub=hub)
    if equipment.hub_id != hub.pk:
        raise NotAllowed()
    for name, value in fields.items():
        setattr(equipment, name, value)
    equipment.full_clean()
    equipment.save()
    return equipment


# --- bookings --------------------------------------------------------------------------------


def _lock(resource: Place | Equipment) -> Place | Equipment:
    """One lock per booking transaction: the resource's row (SQLite: the IMMEDIATE write lock)."""
    return type(resource).objects.select_for_update().get(pk=resource.pk)


def _overlapping(resource, starts_at, ends_at):
    field = "place" if isinstance(resource, Place) else "equipment"
    return Booking.objects.filter(**{field: resource}, starts_at__lt=ends_at, ends_at__gt=starts_at)


def _peak(bookings: list[Booking], starts_at, ends_at) -> int:
    """The most units in use at one moment within [starts_at, ends_at)."""
    events = []
    for b in bookings:
        events += [
            (max(b.starts_at, starts_at), b.quantity),
            (min(b.ends_at, ends_at), -b.quantity),
        ]
    peak = level = 0
    for _moment, change in sorted(events, key=lambda e: (e[0], e[1])):
        level += change
        peak = max(peak, level)
    return peak


def _check_free(resource, starts_at, ends_at, quantity: int, ignore_session=None) -> None:
    if isinstance(resource, Place):
        taken = _overlapping(resource, starts_at, ends_at).exists()
        sessions = Session.objects.filter(
            place=resource, starts_at__lt=ends_at, ends_at__gt=starts_at, bookings__isnull=True
        ).exclude(edition__status=Edition.Status.CANCELLED)
        if ignore_session is not None:
            sessions = sessions.exclude(pk=ignore_session.pk)
        if taken or sessions.exists():
            raise BookingConflict(
                _("%(name)s is already booked at that time.") % {"name": resource.name}
            )
        return
    used = _peak(list(_overlapping(resource, starts_at, ends_at)), starts_at, ends_at)
    if used + quantity > resource.quantity:
        raise BookingConflict(
            _("Only %(free)s of %(total)s %(name)s are free at that time.")
            % {
                "free": max(0, resource.quantity - used),
                "total": resource.quantity,
                "name": resource.name,
            }
        )


def _may_book(actor: User | None, resource, organisation: Organisation | None) -> bool:
    """Coordinators of the resource's hub; a member company (its contact or its API token,
    actor None) for a resource members may book; the operator (actor None, no company)."""
    if actor is not None and access.is_coordinator(actor, resource.hub_id):
        return True
    if organisation is None:
        return actor is None
    if actor is not None and not access.is_contact(actor, organisation):
        return False
    member = Membership.objects.filter(
        hub_id=resource.hub_id, organisation=organisation, status=Membership.Status.MEMBER
    ).exists()
    return member and resource.bookable_by_members


def _check_credential(equipment: Equipment, person: Person | None) -> None:
    if equipment.required_course_id is None:
        return
    from technohub.competences.selectors import holds_credential

    if person is None or not holds_credential(person=person, course=equipment.required_course):
        raise CredentialMissing(field="person")


@transaction.atomic
def booking_create(
    *,
    actor: User | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: Place | None = None,
    equipment: Equipment | None = None,
    quantity: int = 1,
    organisation: Organisation | None = None,
    person: Person | None = None,
    purpose: str = "",
    session: Session | None = None,
) -> Booking:
    """Reserve a room or some equipment; never beyond what there is (locks the resource)."""
    if (place is None) == (equipment is None):
        raise InvalidBooking()
    resource = place or equipment
    if not _may_book(actor, resource, organisation):
        raise NotAllowed()
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at) or ends_at <= starts_at:
        raise InvalidBooking(_("The end must be after the start."), field="ends_at")
    if place is not None:
        if place.kind == Place.Kind.ONLINE:
            raise InvalidBooking(_("An online place cannot be booked."))
        quantity = 1
    elif not 1 <= quantity <= equipment.quantity:
        raise InvalidBooking(
            _("Choose between 1 and %(n)s.") % {"n": equipment.quantity}, field="quantity"
        )
    if person is not None and organisation is not None and person.employer_id != organisation.pk:
        raise NotAllowed()
    if equipment is not None and session is None:  # a course's session: the trainer instructs
        _check_credential(equipment, person)
    resource = _lock(resource)
    _check_free(resource, starts_at, ends_at, quantity, ignore_session=session)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                place=place,
                equipment=equipment,
                quantity=quantity,
                starts_at=starts_at,
                ends_at=ends_at,
                organisation=organisation,
                person=person,
                purpose=purpose,
                session=session,
                booked_by=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint, the last guard
        raise BookingConflict() from exc
    log_action(
        "booking.created",
        actor=actor,
        target=booking,
        after={
            "resource": str(resource),
            "quantity": quantity,
            "from": starts_at.isoformat(),
            "until": ends_at.isoformat(),
            "organisation": organisation.pk if organisation else None,
        },
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, actor: User | None) -> None:
    resource = booking.resource
    allowed = actor is None or access.is_coordinator(actor, resource.hub_id)
    if not allowed and booking.session_id is None and booking.organisation_id is not None:
        allowed = access.is_contact(actor, booking.organisation_id)
    if not allowed:
        raise NotAllowed()
    log_action(
        "booking.cancelled",
        actor=actor,
        target=booking,
        before={"resource": str(resource), "from": booking.starts_at.isoformat()},
    )
    booking.delete()


def _book_session(session: Session, needs: dict[Equipment, int], actor: User | None) -> None:
    if session.place is not None and session.place.kind != Place.Kind.ONLINE:
        booking_create(
            actor=actor,
            place=session.place,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            session=session,
            purpose=str(session.edition),
        )
    for item, quantity in needs.items():
        booking_create(
            actor=actor,
            equipment=item,
            quantity=quantity,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            session=session,
            purpose=str(session.edition),
        )


@transaction.atomic
def sessions_book(*, edition: Edition, actor: User | None) -> int:
    """Book the rooms of an edition's sessions that have none yet (e.g. planned by hand).

    Sessions whose room is taken are left without a booking and counted as not booked.
    """
    _ensure_coordinator(actor, edition.hub_id)
    booked = 0
    for session in edition.sessions.select_related("place", "edition").filter(
        bookings__isnull=True
    ):
        if session.place is None:
            continue
        try:
            with transaction.atomic():
                _book_session(session, {}, actor)
                booked += 1
        except BookingConflict:
            continue
    return booked


# --- trainers --------------------------------------------------------------------------------


def _may_edit_trainer(actor: User | None, person: Person) -> bool:
    if actor is None:
        return True
    if access.person_of(actor) == person and access.is_trainer(actor):
        return True
    return access.is_coordinator(actor)


@transaction.atomic
def availability_set(
    *, person: Person, slots: Iterable[tuple[int, int]], actor: User | None
) -> list[WeeklyAvailability]:
    """Replace a trainer's weekly availability (weekday, daypart pairs)."""
    if not _may_edit_trainer(actor, person):
        raise NotAllowed()
    slots = sorted(set(slots))
    before = list(person.availability.values_list("weekday", "daypart"))
    person.availability.all().delete()
    items = WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(person=person, weekday=w, daypart=d) for w, d in slots
    )
    log_action(
        "trainer.availability",
        actor=actor,
        target=person,
        before={"slots": before},
        after={"slots": slots},
    )
    return items


@transaction.atomic
def exception_add(
    *, person: Person, starts_on: dt.date, ends_on: dt.date, reason: str, actor: User | None
) -> AvailabilityException:
    if not _may_edit_trainer(actor, person):
        raise NotAllowed()
    item = AvailabilityException(person=person, starts_on=starts_on, ends_on=ends_on, reason=reason)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def exception_remove(*, exception: AvailabilityException, actor: User | None) -> None:
    if not _may_edit_trainer(actor, exception.person):
        raise NotAllowed()
    exception.delete()


@transaction.atomic
def trainer_profile_update(
    *,
    person: Person,
    hub: Hub,
    actor: User | None,
    max_sessions_per_week: int | None,
    courses: Iterable[Course],
) -> TrainerProfile:
    """Set the weekly maximum and which of `hub`'s courses the trainer can teach."""
    _ensure_coordinator(actor, hub.pk)
    courses = list(courses)
    if any(c.hub_id != hub.pk for c in courses):
        raise NotAllowed()
    profile, _created = TrainerProfile.objects.get_or_create(person=person)
    profile.max_sessions_per_week = max_sessions_per_week
    profile.save(update_fields=["max_sessions_per_week"])
    other_hubs = profile.courses.exclude(hub=hub)
    profile.courses.set([*other_hubs, *courses])
    return profile


# --- closed days -----------------------------------------------------------------------------


@transaction.atomic
def closed_period_create(
    *, hub: Hub, name: str, starts_on: dt.date, ends_on: dt.date, actor: User | None
) -> ClosedPeriod:
    _ensure_coordinator(actor, hub.pk)
    period = ClosedPeriod(hub=hub, name=name, starts_on=starts_on, ends_on=ends_on)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def closed_period_delete(*, period: ClosedPeriod, actor: User | None) -> None:
    _ensure_coordinator(actor, period.hub_id)
    period.delete()


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
    booked the room meanwhile) is left out with the reason, the others go ahead.
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
    needs = (
        {n.equipment: n.quantity for n in request.needs.select_related("equipment")}
        if request
        else {}
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
        sessions = catalogue_services.sessions_add(
            edition=edition,
            specs=[
                catalogue_services.SessionSpec(
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    place=row.place,
                    trainer=None if one else row.trainer,
                )
                for row in proposed
            ],
            actor=actor,
        )
        if edition.location_id is None:
            edition.location = proposed[0].place
            edition.save(update_fields=["location"])
        if edition.status == Edition.Status.DRAFT:  # planned: it goes into the catalogue
            catalogue_services.edition_set_status(
                edition=edition, status=Edition.Status.PUBLISHED, actor=actor
            )
    else:
        sessions = []
        for row in proposed:
            session = row.replaces
            session.bookings.all().delete()
            sessions.append(
                catalogue_services.session_move(
                    session=session,
                    actor=actor,
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    place=row.place,
                    trainer=None if row.trainer_id == edition.trainer_id else row.trainer,
                )
            )
    for session in sessions:
        session.edition = edition
        _book_session(session, needs, actor)
    ProposedSession.objects.filter(pk__in=[r.pk for r in proposed]).update(
        accepted_at=timezone.now()
    )
    log_action(
        "agenda.accepted",
        actor=actor,
        target=edition,
        after={"sessions": len(proposed), "proposal": proposed[0].proposal_id},
    )
