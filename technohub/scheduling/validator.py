"""An independent check of a plan against every hard rule.

Deliberately written without the solver's options or model: it looks only at the sessions of
a plan and the problem's facts, so that a bug in how the solver builds its model cannot hide
behind the same bug here. Used by the property tests and before a proposal is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from technohub.scheduling.planning import DAYPARTS, Plan, Problem, Request, Session, monday_of


def violations(problem: Problem, plan: Plan | list[Session]) -> list[str]:
    """Every broken hard rule, in words for developers (empty: the plan is valid)."""
    sessions = plan.sessions if isinstance(plan, Plan) else plan
    requests = {r.id: r for r in problem.requests}
    found: list[str] = []
    by_request: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        if session.request not in requests:
            found.append(f"session of unknown request {session.request}")
            continue
        by_request[session.request].append(session)
    for request_id, own in by_request.items():
        found += _request_rules(problem, requests[request_id], own)
    found += _double_bookings(problem, requests, sessions)
    return found


def _request_rules(problem: Problem, request: Request, own: list[Session]) -> list[str]:
    own = sorted(own, key=lambda s: (s.day, s.part))
    name = f"request {request.id}"
    found = []
    if sorted(s.index for s in own) != list(range(request.count)):
        found.append(f"{name}: {len(own)} sessions, pattern asks {request.count}")
    is_current = bool(request.current) and {(s.day, s.part) for s in own} == {
        (s.day, s.part) for s in request.current
    }
    for s in own:
        found += [
            f"{name} on {s.day} part {s.part}: {e}" for e in _session_rules(problem, request, s)
        ]
        if is_current:
            continue
        if s.day.weekday() not in request.weekdays:
            found.append(f"{name}: {s.day} is not an allowed weekday")
        if s.part not in request.dayparts:
            found.append(f"{name}: daypart {s.part} not allowed")
        if (request.earliest and s.day < request.earliest) or (
            request.latest and s.day > request.latest
        ):
            found.append(f"{name}: {s.day} outside the edition's window")
    if len({s.room for s in own}) > 1:
        found.append(f"{name}: sessions in more than one room")
    if request.same_trainer and len({s.trainer for s in own}) > 1:
        found.append(f"{name}: more than one trainer, one asked")
    if not is_current:
        found += [f"{name}: {e}" for e in _pattern_rules(problem, request, own)]
    return found


def _session_rules(problem: Problem, request: Request, s: Session) -> list[str]:
    errors = []
    if not problem.start <= s.day <= problem.end:
        errors.append("outside the term")
    if request.is_closed(problem, s.day):
        errors.append("the hub is closed (holiday)")
    if s.length != request.length or s.part + s.length > len(DAYPARTS):
        errors.append("wrong length")
    room = problem.room_by_id.get(s.room)
    if room is None:
        errors.append("unknown room")
    else:
        if not request.room_allowed(room):
            errors.append(f"room {room.name} does not fit the course (room kind)")
        if room.capacity is not None and room.capacity < request.seats:
            errors.append(f"room {room.name} too small ({room.capacity} < {request.seats})")
        if not request.features <= room.features:
            errors.append(f"room {room.name} lacks {sorted(request.features - room.features)}")
        if not room.shared and any(slot in room.busy for slot in s.slots):
            errors.append(f"room {room.name} already booked")
    trainer = problem.trainer_by_id.get(s.trainer) if s.trainer is not None else None
    if trainer is None or s.trainer not in request.trainers:
        errors.append("no qualified trainer")
    else:
        for day, part in s.slots:
            if (day.weekday(), part) not in trainer.weekly:
                errors.append(f"trainer {trainer.name} not available on that daypart")
            if day in trainer.unavailable:
                errors.append(f"trainer {trainer.name} has a day off")
            if (day, part) in trainer.busy:
                errors.append(f"trainer {trainer.name} already teaching")
    return errors


def _pattern_rules(problem: Problem, request: Request, own: list[Session]) -> list[str]:
    errors = []
    if len({s.part for s in own}) > 1:
        errors.append("sessions in different dayparts")
    for a, b in zip(own, own[1:], strict=False):
        gap = (b.day - a.day).days
        if gap < max(1, request.min_gap_days):
            errors.append(f"{a.day} and {b.day} closer than {request.min_gap_days} days")
        if request.every_weeks:
            period = 7 * request.every_weeks
            if gap % period:
                errors.append(f"{a.day} → {b.day} breaks the {request.every_weeks}-weekly rhythm")
            skipped = [a.day + dt.timedelta(days=period * k) for k in range(1, gap // period)]
            if any(not request.is_closed(problem, day) for day in skipped):
                errors.append(f"{a.day} → {b.day} skips an open week")
        else:
            first_allowed = a.day + dt.timedelta(days=max(1, request.min_gap_days))
            between = (
                first_allowed + dt.timedelta(days=i) for i in range((b.day - first_allowed).days)
            )
            if any(
                d.weekday() in request.weekdays and not request.is_closed(problem, d)
                for d in between
            ):
                errors.append(f"{a.day} → {b.day} is not on the next allowed day")
    return errors


def _double_bookings(problem: Problem, requests, sessions: list[Session]) -> list[str]:
    errors = []
    rooms, trainers, equipment = Counter(), Counter(), Counter()
    weeks: Counter = Counter()
    for s in sessions:
        room = problem.room_by_id.get(s.room)
        for slot in s.slots:
            if room is not None and not room.shared:
                rooms[(slot, s.room)] += 1
            if s.trainer is not None:
                trainers[(slot, s.trainer)] += 1
            for item_id, quantity in requests[s.request].equipment.items():
                equipment[(slot, item_id)] += quantity
        if s.trainer is not None:
            weeks[(s.trainer, monday_of(s.day))] += 1
    errors += [f"room {r} double booked at {slot}" for (slot, r), n in rooms.items() if n > 1]
    errors += [f"trainer {t} double booked at {slot}" for (slot, t), n in trainers.items() if n > 1]
    for (slot, item_id), n in equipment.items():
        item = problem.equipment_by_id.get(item_id)
        if item is None or n > item.free(slot):
            errors.append(f"equipment {item_id} over its quantity at {slot}")
    for (t, monday), n in weeks.items():
        trainer = problem.trainer_by_id.get(t)
        if (
            trainer
            and trainer.max_per_week is not None
            and n + trainer.week_load.get(monday, 0) > trainer.max_per_week
        ):
            errors.append(f"trainer {t} over their weekly maximum in week of {monday}")
    return errors
