"""The agenda builder: OR-Tools CP-SAT over dayparts, a greedy baseline, and explanations.

See docs/agenda-builder.md for the model. In short: every edition (request) gets a list of
*options* — the dates and daypart of all its sessions that follow its pattern, the term and the
hub's holidays — filtered by what can never work (no trainer who can teach on those days, no
free room that fits, not enough equipment). CP-SAT picks at most one option per edition, one
room per edition and a trainer per session (one for all sessions when the pattern asks so),
such that no trainer, room or piece of equipment is double booked and no trainer teaches more
than their weekly maximum; it maximises the weighted goals. Editions it cannot place come back
with the rules that block them.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from ortools.sat.python import cp_model

from technohub.scheduling.planning import (
    BASELINE,
    EXPLAIN,
    MODEL,
    MORNING,
    OPTIONS,
    SEARCH,
    Plan,
    Problem,
    Reason,
    Request,
    Session,
    Slot,
    days_covered,
    monday_of,
)


class Reporter(Protocol):
    """Receives a run's progress: each phase as it starts, each better plan as it is found."""

    def phase(self, name: str) -> None: ...

    def solution(self, solutions: int, objective: float, bound: float) -> None: ...


MAX_START_DAYS = 400  # safety: never enumerate more start days than this per edition


# --- options ---------------------------------------------------------------------------------


@dataclass
class Option:
    starts: tuple[Slot, ...]  # start slot of each session
    length: int
    rooms: list[int] = field(default_factory=list)  # rooms free at every session
    trainers: list[int] = field(default_factory=list)  # same_trainer: free at every session
    per_session: list[list[int]] = field(default_factory=list)  # else: per session
    current: bool = False

    def slots_of(self, start: Slot) -> list[Slot]:
        return [(start[0], start[1] + i) for i in range(self.length)]

    @property
    def slots(self) -> list[Slot]:
        return [slot for start in self.starts for slot in self.slots_of(start)]


def _date_patterns(problem: Problem, request: Request) -> list[tuple[Slot, ...]]:
    """Every run of session dates (with one daypart) that follows the request's pattern."""
    first = max(problem.start, request.earliest or problem.start)
    last = min(problem.end, request.latest or problem.end)
    parts = sorted(request.dayparts)
    if request.length > 1:
        parts = [MORNING] if MORNING in request.dayparts else []

    def allowed(day: dt.date) -> bool:
        return day.weekday() in request.weekdays and not request.is_closed(problem, day)

    patterns = []
    day = first
    for _ in range(MAX_START_DAYS):
        if day > last:
            break
        if allowed(day):
            dates = _dates_from(day, request, allowed, last)
            if dates:
                patterns.extend(tuple((d, part) for d in dates) for part in parts)
        day += dt.timedelta(days=1)
    return patterns


def _dates_from(start, request: Request, allowed, last) -> list[dt.date] | None:
    dates = [start]
    step = dt.timedelta(weeks=request.every_weeks) if request.every_weeks else None
    while len(dates) < request.count:
        if step is not None:  # weekly rhythm; a closed day moves on to the next period
            nxt = dates[-1] + step
            while nxt <= last and not allowed(nxt):
                nxt += step
        else:  # intensive: the next allowed day at least `min_gap_days` later
            nxt = dates[-1] + dt.timedelta(days=max(1, request.min_gap_days))
            while nxt <= last and not allowed(nxt):
                nxt += dt.timedelta(days=1)
        if nxt > last:
            return None
        dates.append(nxt)
    return dates


def options_for(problem: Problem, request: Request) -> tuple[list[Option], Reason | None]:
    """The request's workable options, or none and the first rule that rules them all out."""
    patterns = _date_patterns(problem, request)
    current = tuple((s.day, s.part) for s in sorted(request.current, key=lambda s: s.index))
    if current and len(current) == request.count and current not in patterns:
        patterns.insert(0, current)
    if not patterns:
        return [], Reason(
            "no_dates",
            {"count": request.count, "every_weeks": request.every_weeks},
        )
    rooms = [
        room
        for room in problem.rooms
        if request.room_allowed(room) and room.fits(request.seats, request.features)
    ]
    if not rooms and not any(request.room_allowed(room) for room in problem.rooms):
        return [], Reason("no_room_kind", {"kind": request.room_kind})
    if not rooms:
        biggest = max((room.capacity or 0 for room in problem.rooms), default=0)
        return [], Reason(
            "no_room",
            {"seats": request.seats, "features": sorted(request.features), "biggest": biggest},
        )
    trainers = [problem.trainer_by_id[t] for t in request.trainers if t in problem.trainer_by_id]
    if not trainers:
        return [], Reason("no_trainer")
    for item_id, quantity in request.equipment.items():
        item = problem.equipment_by_id.get(item_id)
        if item is None or item.quantity < quantity:
            have = item.quantity if item else 0
            name = item.name if item else str(item_id)
            return [], Reason(
                "equipment_short", {"equipment": name, "need": quantity, "have": have}
            )

    options, stage = [], {"trainer": 0, "room": 0, "equipment": 0}
    for starts in patterns:
        option = Option(starts=starts, length=request.length, current=starts == current)
        slot_lists = [option.slots_of(start) for start in starts]
        per_session = [
            [t.id for t in trainers if all(t.can_teach(slot) for slot in slots)]
            for slots in slot_lists
        ]
        if request.same_trainer:
            option.trainers = [
                t for t in per_session[0] if all(t in ids for ids in per_session[1:])
            ]
            if not option.trainers:
                continue
        elif not all(per_session):
            continue
        option.per_session = per_session
        stage["trainer"] += 1
        all_slots = option.slots
        option.rooms = [
            room.id for room in rooms if room.shared or not any(s in room.busy for s in all_slots)
        ]
        if not option.rooms:
            continue
        stage["room"] += 1
        if any(
            problem.equipment_by_id[item_id].free(slot) < quantity
            for item_id, quantity in request.equipment.items()
            for slot in all_slots
        ):
            continue
        stage["equipment"] += 1
        options.append(option)
    if options:
        return options, None
    if not stage["trainer"]:
        return [], Reason("trainer_unavailable", {"trainers": [t.name for t in trainers]})
    if not stage["room"]:
        return [], Reason("room_busy", {"rooms": [room.name for room in rooms]})
    return [], Reason("equipment_busy", {"equipment": _equipment_names(problem, request)})


def _equipment_names(problem: Problem, request: Request) -> list[str]:
    return [problem.equipment_by_id[i].name for i in request.equipment]


def _preference(request: Request, option: Option) -> int:
    return sum(request.preference(day, part) for day, part in option.starts)


def _moves(request: Request, option: Option) -> int:
    if not request.current:
        return 0
    now = {(s.day, s.part) for s in request.current}
    return sum(1 for start in option.starts if start not in now)


# --- the state of a partial plan (greedy, explanations) --------------------------------------


class Occupancy:
    """Who uses which room, trainer and equipment in which slot, as sessions are added."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.rooms: set[tuple[Slot, int]] = set()
        self.trainers: set[tuple[Slot, int]] = set()
        self.equipment: dict[tuple[Slot, int], int] = defaultdict(int)
        self.week_load: dict[tuple[int, dt.date], int] = defaultdict(int)
        self.load: dict[int, int] = defaultdict(int)

    def add(self, request: Request, sessions: list[Session]) -> None:
        for session in sessions:
            for slot in session.slots:
                if not self.problem.room_by_id[session.room].shared:
                    self.rooms.add((slot, session.room))
                if session.trainer is not None:
                    self.trainers.add((slot, session.trainer))
                for item_id, quantity in request.equipment.items():
                    self.equipment[(slot, item_id)] += quantity
            if session.trainer is not None:
                self.week_load[(session.trainer, monday_of(session.day))] += 1
                self.load[session.trainer] += 1

    def trainer_blocks(self, trainer_id: int, start: Slot, length: int) -> str | None:
        trainer = self.problem.trainer_by_id[trainer_id]
        if any(((start[0], start[1] + i), trainer_id) in self.trainers for i in range(length)):
            return "trainer_taken"
        if trainer.max_per_week is not None:
            monday = monday_of(start[0])
            done = trainer.week_load.get(monday, 0) + self.week_load[(trainer_id, monday)]
            if done >= trainer.max_per_week:
                return "trainer_week_full"
        return None

    def room_taken(self, room_id: int, slots: list[Slot]) -> bool:
        if self.problem.room_by_id[room_id].shared:
            return False
        return any((slot, room_id) in self.rooms for slot in slots)

    def equipment_short(self, request: Request, slots: list[Slot]) -> bool:
        return any(
            self.problem.equipment_by_id[item_id].free(slot) - self.equipment[(slot, item_id)]
            < quantity
            for item_id, quantity in request.equipment.items()
            for slot in slots
        )

    def place(self, request: Request, option: Option) -> list[Session] | None:
        """The option with a free room and trainers, or None (first fit, least loaded)."""
        if self.equipment_short(request, option.slots):
            return None
        rooms = sorted(
            option.rooms,
            key=lambda r: (
                r != request.preferred_room,
                sum(1 for s in request.current if s.room != r),  # re-planning: fewer moves
                self.problem.room_by_id[r].capacity or 10**6,
            ),
        )
        room = next((r for r in rooms if not self.room_taken(r, option.slots)), None)
        if room is None:
            return None
        trainers: list[int] = []
        if request.same_trainer:
            for t in sorted(option.trainers, key=lambda t: self.load[t]):
                if self._fits_all(t, option):
                    trainers = [t] * len(option.starts)
                    break
            else:
                return None
        else:
            for start, ids in zip(option.starts, option.per_session, strict=True):
                free = [t for t in ids if not self.trainer_blocks(t, start, option.length)]
                if not free:
                    return None
                trainers.append(min(free, key=lambda t: self.load[t]))
            if len(set(trainers)) < len(trainers) and not self._weeks_ok(option, trainers):
                return None
        return [
            Session(request.id, n, start[0], start[1], option.length, room, trainer)
            for n, (start, trainer) in enumerate(zip(option.starts, trainers, strict=True))
        ]

    def _fits_all(self, trainer_id: int, option: Option) -> bool:
        return all(
            not self.trainer_blocks(trainer_id, start, option.length) for start in option.starts
        ) and self._weeks_ok(option, [trainer_id] * len(option.starts))

    def _weeks_ok(self, option: Option, trainers: list[int]) -> bool:
        extra: dict[tuple[int, dt.date], int] = defaultdict(int)
        for start, t in zip(option.starts, trainers, strict=True):
            extra[(t, monday_of(start[0]))] += 1
        for (t, monday), n in extra.items():
            trainer = self.problem.trainer_by_id[t]
            if trainer.max_per_week is None:
                continue
            done = trainer.week_load.get(monday, 0) + self.week_load[(t, monday)]
            if done + n > trainer.max_per_week:
                return False
        return True


# --- greedy baseline -------------------------------------------------------------------------


def greedy(problem: Problem, options: dict[int, list[Option]] | None = None) -> Plan:
    """A simple baseline: hardest editions first, each in its first workable option."""
    began = time.perf_counter()
    options = options if options is not None else _all_options(problem)[0]
    state = Occupancy(problem)
    sessions: list[Session] = []
    unplaced: dict[int, list[Reason]] = {}
    order = sorted(problem.requests, key=lambda r: (len(options.get(r.id, [])), -r.count))
    for request in order:
        ranked = sorted(
            options.get(request.id, []),
            key=lambda o: (-_preference(request, o), _moves(request, o), o.starts),
        )
        placed = next((p for o in ranked if (p := state.place(request, o))), None)
        if placed is None:
            unplaced[request.id] = []
            continue
        state.add(request, placed)
        sessions.extend(placed)
    plan = Plan(sessions=sessions, unplaced=unplaced, status="feasible")
    plan.seconds = plan.first_solution_seconds = time.perf_counter() - began
    return plan


def _all_options(problem: Problem) -> tuple[dict[int, list[Option]], dict[int, Reason]]:
    options, reasons = {}, {}
    for request in problem.requests:
        found, reason = options_for(problem, request)
        options[request.id] = found
        if reason is not None:
            reasons[request.id] = reason
    return options, reasons


# --- CP-SAT ----------------------------------------------------------------------------------


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, began: float, reporter: Reporter | None):
        super().__init__()
        self.began, self.reporter = began, reporter
        self.solutions, self.first = 0, None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.first is None:
            self.first = time.perf_counter() - self.began
        if self.reporter is not None:
            self.reporter.solution(self.solutions, self.ObjectiveValue(), self.BestObjectiveBound())


@dataclass
class _Vars:
    options: dict[int, list[tuple[Option, cp_model.IntVar]]] = field(default_factory=dict)
    rooms: dict[tuple[int, int], object] = field(default_factory=dict)
    trainers: dict[tuple[int, int], object] = field(default_factory=dict)  # same_trainer
    session_trainer: dict[tuple[int, Slot, int], object] = field(default_factory=dict)


def solve(
    problem: Problem,
    *,
    seconds: float = 10.0,
    seed: int = 1,
    workers: int = 1,
    deterministic_seconds: float | None = None,
    reporter: Reporter | None = None,
    hint: Plan | None = None,
) -> Plan:
    """Plan the requests with CP-SAT; deterministic for a seed with one worker.

    `deterministic_seconds` limits the search in CP-SAT's deterministic time (same result on
    every run), `seconds` in wall-clock time (a safety net). The `reporter` hears each phase
    and each better plan found.
    """

    def phase(name: str) -> None:
        if reporter is not None:
            reporter.phase(name)

    began = time.perf_counter()
    phase(OPTIONS)
    options, reasons = _all_options(problem)
    if hint is None:
        phase(BASELINE)
        hint = greedy(problem, options)
    phase(MODEL)
    model = cp_model.CpModel()
    v = _Vars()
    objective = []
    w = problem.weights
    start_terms: dict[tuple[int, Slot], list] = defaultdict(list)
    starts_by_day: dict[dt.date, list] = defaultdict(list)
    by_id = {r.id: r for r in problem.requests}
    hinted = _hint_index(hint)

    for request in problem.requests:
        opts = options[request.id]
        if not opts:
            continue
        hint_starts = tuple((s.day, s.part) for s in hinted.get((request.id, "sessions"), []))
        chosen = []
        for k, option in enumerate(opts):
            x = model.new_bool_var(f"o{request.id}_{k}")
            model.add_hint(x, option.starts == hint_starts)
            chosen.append((option, x))
            for start in option.starts:
                start_terms[(request.id, start)].append(x)
                starts_by_day[start[0]].append(x)
            score = w.placed * request.count + w.preference * _preference(request, option)
            score -= w.moves * _moves(request, option)
            objective.append(score * x)
        v.options[request.id] = chosen
        model.add_at_most_one(x for _, x in chosen)
        _rooms(model, v, request, chosen, hinted, objective, w)
        _trainers(model, v, request, chosen, hinted)

    _conflicts(model, v, problem, by_id, start_terms, hinted)
    _coverage(model, problem, starts_by_day, objective, hint)
    _balance(model, v, problem, by_id, objective, hint)
    model.maximize(sum(objective))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    if deterministic_seconds is not None:
        solver.parameters.max_deterministic_time = deterministic_seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Presolve of this large, mostly boolean model costs more than it gains: without it the
    # hinted first plan is found in seconds and the LP bound is tighter (docs/agenda-builder.md).
    solver.parameters.cp_model_presolve = False
    callback = _Callback(began, reporter)
    phase(SEARCH)
    status = solver.solve(model, callback)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # No solution within the time limit: the greedy plan (valid, only less good) stands.
        sessions, plan_status = hint.sessions, "greedy"
    else:
        sessions = _extract(solver, v, problem, by_id)
        plan_status = "optimal" if status == cp_model.OPTIMAL else "feasible"

    solved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    plan = Plan(
        sessions=sessions,
        status=plan_status,
        objective=solver.objective_value if solved else None,
        bound=solver.best_objective_bound if solved else None,
        first_solution_seconds=callback.first,
    )
    placed = {s.request for s in sessions}
    if len(placed) < len(problem.requests):
        phase(EXPLAIN)
    for request in problem.requests:
        if request.id not in placed:
            plan.unplaced[request.id] = (
                [reasons[request.id]]
                if request.id in reasons
                else explain(problem, request, options[request.id], sessions)
            )
    plan.seconds = time.perf_counter() - began
    return plan


def _hint_index(hint: Plan) -> dict:
    """The greedy plan by (request, start slot), with each request's sessions, room, trainer."""
    index: dict = {}
    for request_id, sessions in hint.by_request().items():
        index[(request_id, "sessions")] = sessions
        index[(request_id, "room")] = sessions[0].room
        index[(request_id, "trainer")] = sessions[0].trainer
        for session in sessions:
            index[(request_id, (session.day, session.part))] = session
    return index


def _rooms(model, v: _Vars, request: Request, chosen, hinted, objective, w) -> None:
    room_ids = sorted({r for option, _ in chosen for r in option.rooms})
    hint_room = hinted.get((request.id, "room"))
    for room_id in room_ids:
        if len(room_ids) == 1:
            y = sum(x for _, x in chosen)
        else:
            y = model.new_bool_var(f"r{request.id}_{room_id}")
            model.add_hint(y, room_id == hint_room)
            for option, x in chosen:
                if room_id not in option.rooms:
                    model.add_bool_or([x.Not(), y.Not()])
        v.rooms[(request.id, room_id)] = y
        if room_id == request.preferred_room:
            objective.append(w.room * y)
        # re-planning: a session taken out of its room moves too, even at the same time
        elsewhere = sum(1 for s in request.current if s.room != room_id)
        if elsewhere:
            objective.append(-w.moves * elsewhere * y)
    if len(room_ids) > 1:
        model.add(sum(v.rooms[(request.id, r)] for r in room_ids) == sum(x for _, x in chosen))


def _trainers(model, v: _Vars, request: Request, chosen, hinted) -> None:
    if request.same_trainer:
        trainer_ids = sorted({t for option, _ in chosen for t in option.trainers})
        hint_trainer = hinted.get((request.id, "trainer"))
        for t in trainer_ids:
            if len(trainer_ids) == 1:
                v.trainers[(request.id, t)] = sum(x for _, x in chosen)
                continue
            y = model.new_bool_var(f"t{request.id}_{t}")
            model.add_hint(y, t == hint_trainer)
            v.trainers[(request.id, t)] = y
            for option, x in chosen:
                if t not in option.trainers:
                    model.add_bool_or([x.Not(), y.Not()])
        if len(trainer_ids) > 1:
            model.add(
                sum(v.trainers[(request.id, t)] for t in trainer_ids) == sum(x for _, x in chosen)
            )
        return
    # any qualified trainer per session: one variable per (start slot, trainer)
    candidates: dict[Slot, set[int]] = defaultdict(set)
    uses: dict[Slot, list] = defaultdict(list)
    for option, x in chosen:
        for start, ids in zip(option.starts, option.per_session, strict=True):
            candidates[start].update(ids)
            uses[start].append(x)
    for start, ids in candidates.items():
        terms = []
        for t in sorted(ids):
            y = model.new_bool_var(f"s{request.id}_{start[0].toordinal()}_{start[1]}_{t}")
            session = hinted.get((request.id, start))
            model.add_hint(y, session is not None and session.trainer == t)
            v.session_trainer[(request.id, start, t)] = y
            terms.append(y)
        model.add(sum(terms) == sum(uses[start]))
        for option, x in chosen:  # a trainer who cannot teach every session of this option
            if start in option.starts:
                allowed = option.per_session[option.starts.index(start)]
                for t in sorted(ids - set(allowed)):
                    model.add_bool_or([x.Not(), v.session_trainer[(request.id, start, t)].Not()])


def _product(model, a, b, name: str, hint: bool):
    """A literal that is 1 whenever both are (enough here: it only appears in ≤ rules)."""
    if not isinstance(b, cp_model.IntVar):
        return a
    z = model.new_bool_var(name)
    model.add(z >= a + b - 1)
    model.add_hint(z, hint)
    return z


def _covers(start: Slot, length: int) -> list[Slot]:
    return [(start[0], start[1] + i) for i in range(length)]


def _conflicts(model, v: _Vars, problem: Problem, by_id, start_terms, hinted) -> None:
    """No room, trainer or equipment double booked; trainers' weekly maximum.

    Products (session here AND in that room/with that trainer) are made only for a slot that
    two editions could both want; elsewhere no rule is needed.
    """
    rooms_of: dict[int, list] = defaultdict(list)
    for (rid, room_id), y in v.rooms.items():
        if not problem.room_by_id[room_id].shared:
            rooms_of[rid].append((room_id, y))
    trainers_of: dict[tuple[int, Slot | None], list] = defaultdict(list)
    for (rid, t), y in v.trainers.items():
        trainers_of[(rid, None)].append((t, y))
    for (rid, start, t), y in v.session_trainer.items():
        trainers_of[(rid, start)].append((t, y))

    def trainer_list(request: Request, start: Slot) -> list:
        return trainers_of[(request.id, None if request.same_trainer else start)]

    wanted: dict[tuple, set[int]] = defaultdict(set)
    for rid, start in start_terms:
        request = by_id[rid]
        for slot in _covers(start, request.length):
            for room_id, _ in rooms_of[rid]:
                wanted[(slot, "r", room_id)].add(rid)
            for t, _ in trainer_list(request, start):
                wanted[(slot, "t", t)].add(rid)

    use: dict[tuple, list] = defaultdict(list)
    equipment_use: dict[tuple[Slot, int], list] = defaultdict(list)
    for (rid, start), xs in start_terms.items():
        request = by_id[rid]
        started = sum(xs)
        hint = hinted.get((rid, start))
        covered = _covers(start, request.length)
        for kind, items in (("r", rooms_of[rid]), ("t", trainer_list(request, start))):
            for key, y in items:
                if all(len(wanted[(slot, kind, key)]) < 2 for slot in covered):
                    continue
                if kind == "t" and not request.same_trainer:
                    term = y
                else:
                    chosen = hint is not None and key == (
                        hint.room if kind == "r" else hint.trainer
                    )
                    name = f"z{kind}{rid}_{start[0].toordinal()}_{start[1]}_{key}"
                    term = _product(model, started, y, name, chosen)
                for slot in covered:
                    use[(slot, kind, key)].append(term)
        for item_id, quantity in request.equipment.items():
            for slot in covered:
                equipment_use[(slot, item_id)].append(quantity * started)
    for terms in use.values():
        if len(terms) > 1:
            model.add(sum(terms) <= 1)
    for (slot, item_id), terms in equipment_use.items():
        model.add(sum(terms) <= problem.equipment_by_id[item_id].free(slot))
    _week_limits(model, v, problem, by_id, hinted)


def _week_limits(model, v: _Vars, problem: Problem, by_id, hinted) -> None:
    """Each trainer's weekly maximum, with one integer per (edition, trainer, week)."""
    per_week: dict[tuple[int, dt.date], list] = defaultdict(list)  # (request, monday) → terms
    for rid, chosen in v.options.items():
        for option, x in chosen:
            counts: dict[dt.date, int] = defaultdict(int)
            for start in option.starts:
                counts[monday_of(start[0])] += 1
            for monday, n in counts.items():
                per_week[(rid, monday)].append((n, x))
    load: dict[tuple[int, dt.date], list] = defaultdict(list)
    for (rid, t), y in v.trainers.items():
        trainer = problem.trainer_by_id[t]
        if trainer.max_per_week is None:
            continue
        for (request_id, monday), terms in per_week.items():
            if request_id != rid:
                continue
            most = max(n for n, _ in terms)
            sessions = sum(n * x for n, x in terms)
            if not isinstance(y, cp_model.IntVar):
                load[(t, monday)].append((most, sessions))
                continue
            p = model.new_int_var(0, most, f"w{rid}_{t}_{monday.toordinal()}")
            model.add(p >= sessions - most * (1 - y))
            hint = hinted.get((rid, "trainer"))
            hinted_n = sum(
                1 for s in hinted.get((rid, "sessions"), []) if monday_of(s.day) == monday
            )
            model.add_hint(p, hinted_n if hint == t else 0)
            load[(t, monday)].append((most, p))
    for (_rid, start, t), y in v.session_trainer.items():
        if problem.trainer_by_id[t].max_per_week is not None:
            load[(t, monday_of(start[0]))].append((1, y))
    for (t, monday), terms in load.items():
        trainer = problem.trainer_by_id[t]
        room = trainer.max_per_week - trainer.week_load.get(monday, 0)
        if sum(most for most, _ in terms) > room:
            model.add(sum(term for _, term in terms) <= max(0, room))


def _coverage(model, problem: Problem, starts_by_day, objective, hint: Plan) -> None:
    """Days with something to enrol in, per week: up to the goal first, then beyond."""
    w = problem.weights
    hinted = days_covered(problem, hint.sessions)
    by_week: dict[dt.date, list] = defaultdict(list)
    for day in problem.days:
        if day in problem.covered:
            by_week[monday_of(day)].append(1)
        elif starts_by_day.get(day):
            c = model.new_bool_var(f"c{day.toordinal()}")
            model.add(c <= sum(starts_by_day[day]))
            model.add_hint(c, any(s.day == day for s in hint.sessions))
            by_week[monday_of(day)].append(c)
    for monday, days in by_week.items():
        count = sum(days)
        upto = model.new_int_var(0, problem.goal, f"g{monday.toordinal()}")
        model.add(upto <= count)
        model.add_hint(upto, min(problem.goal, hinted.get(monday, 0)))
        objective.append(w.coverage * upto)
        objective.append(w.extra_day * count)


def _balance(model, v: _Vars, problem: Problem, by_id, objective, hint: Plan) -> None:
    """Minimise the busiest trainer's share of what they can give (in percent)."""
    totals: dict[int, list] = defaultdict(list)
    for (rid, t), y in v.trainers.items():
        totals[t].append(by_id[rid].count * y)
    for (_, _, t), y in v.session_trainer.items():
        totals[t].append(y)
    weeks = len(problem.weeks)
    peak = model.new_int_var(0, 100, "peak_load")
    hinted_load: dict[int, int] = defaultdict(int)
    for session in hint.sessions:
        hinted_load[session.trainer] += 1
    hinted_peak = 0
    for t, terms in totals.items():
        trainer = problem.trainer_by_id[t]
        per_week = trainer.max_per_week or max(1, len(trainer.weekly))
        capacity = max(1, per_week * weeks)
        existing = sum(trainer.week_load.values())
        model.add(100 * (sum(terms) + existing) <= capacity * peak + capacity - 1)
        hinted_peak = max(hinted_peak, 100 * (hinted_load[t] + existing) // capacity)
    model.add_hint(peak, min(100, hinted_peak))
    objective.append(-problem.weights.balance * peak)


def _value(solver, term) -> int:
    return term if isinstance(term, int) else int(solver.value(term))


def _extract(solver, v: _Vars, problem: Problem, by_id) -> list[Session]:
    sessions = []
    for request_id, chosen in v.options.items():
        request = by_id[request_id]
        option = next((o for o, x in chosen if solver.boolean_value(x)), None)
        if option is None:
            continue
        room = next(r for (rid, r), y in v.rooms.items() if rid == request_id and _value(solver, y))
        same = None
        if request.same_trainer:
            same = next(
                t for (rid, t), y in v.trainers.items() if rid == request_id and _value(solver, y)
            )
        for n, start in enumerate(option.starts):
            trainer = same
            if trainer is None:
                trainer = next(
                    t
                    for t in option.per_session[n]
                    if solver.boolean_value(v.session_trainer[(request_id, start, t)])
                )
            sessions.append(
                Session(request_id, n, start[0], start[1], option.length, room, trainer)
            )
    return sessions


# --- explanations ----------------------------------------------------------------------------

BLOCKS = ("trainer_taken", "trainer_week_full", "room_taken", "equipment_taken")


def explain(
    problem: Problem, request: Request, options: list[Option], sessions: list[Session]
) -> list[Reason]:
    """Why none of the request's options fits next to the other planned sessions.

    For every option the rules it breaks are collected; a rule is reported when relaxing it
    alone would let some option through, else the rules seen most often (so the coordinator
    learns what to change: another trainer, another room, more equipment, a longer term).
    """
    by_id = {r.id: r for r in problem.requests}
    state = Occupancy(problem)
    for request_id, placed in _group(sessions).items():
        state.add(by_id[request_id], placed)
    seen: dict[str, int] = defaultdict(int)
    alone: set[str] = set()
    for option in options:
        blocks = _option_blocks(state, request, option)
        for block in blocks:
            seen[block] += 1
        if len(blocks) == 1:
            alone |= blocks
    codes = sorted(alone) or sorted(seen, key=lambda b: -seen[b])[:2]
    data = {
        "trainers": [problem.trainer_by_id[t].name for t in request.trainers],
        "rooms": sorted({problem.room_by_id[r].name for o in options for r in o.rooms}),
        "equipment": _equipment_names(problem, request),
    }
    return [Reason(code, data) for code in codes] or [Reason("no_solution")]


def _group(sessions: list[Session]) -> dict[int, list[Session]]:
    result: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        result[session.request].append(session)
    return result


def _option_blocks(state: Occupancy, request: Request, option: Option) -> set[str]:
    blocks = set()
    if all(state.room_taken(r, option.slots) for r in option.rooms):
        blocks.add("room_taken")
    if state.equipment_short(request, option.slots):
        blocks.add("equipment_taken")
    trainer_lists = (
        [option.trainers] * len(option.starts) if request.same_trainer else option.per_session
    )
    for start, ids in zip(option.starts, trainer_lists, strict=True):
        found = {state.trainer_blocks(t, start, option.length) for t in ids}
        if None not in found:
            blocks |= found
    if (
        request.same_trainer
        and not blocks
        and not any(state._fits_all(t, option) for t in option.trainers)
    ):
        blocks.add("trainer_week_full")
    return blocks
