"""Agenda builder benchmark: a hub term of 500 sessions, 30 rooms, 50 trainers, 10 weeks.

Prints, for CP-SAT and for the greedy baseline in the same run: time to the first feasible
plan, objective and CP-SAT's bound (gap), sessions placed, days covered per week; then the
re-planning after one trainer drops out (time, sessions moved). No database.

    .venv/bin/python benchmarks/agenda_builder.py [--seconds 10] [--seed 7]
"""

import argparse
import dataclasses
import os
import time

from technohub.scheduling import solver, synthetic, validator
from technohub.scheduling.planning import changes, days_covered


def coverage(problem, plan) -> str:
    weeks = days_covered(problem, plan.sessions)
    met = sum(1 for n in weeks.values() if n >= problem.goal)
    days = " ".join(str(n) for n in weeks.values())
    return f"{days}  (goal {problem.goal} met in {met}/{len(weeks)} weeks)"


def score(problem, plan) -> int:
    """The CP-SAT objective evaluated for any plan (so greedy is comparable)."""
    w = problem.weights
    weeks = days_covered(problem, plan.sessions)
    total = w.placed * len(plan.sessions)
    total += sum(w.coverage * min(problem.goal, n) + w.extra_day * n for n in weeks.values())
    by_id = {r.id: r for r in problem.requests}
    total += sum(w.preference * by_id[s.request].preference(s.day, s.part) for s in plan.sessions)
    total += sum(
        w.room for r, ss in plan.by_request().items() if ss[0].room == by_id[r].preferred_room
    )
    load = {}
    for s in plan.sessions:
        load[s.trainer] = load.get(s.trainer, 0) + 1
    weeks_n = len(problem.weeks)
    peak = max(
        (
            100 * n // max(1, (problem.trainer_by_id[t].max_per_week or 1) * weeks_n)
            for t, n in load.items()
        ),
        default=0,
    )
    return total - w.balance * peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    problem = synthetic.hub_term(seed=args.seed)
    sessions = sum(r.count for r in problem.requests)
    print(
        f"term: {sessions} sessions in {len(problem.requests)} editions, "
        f"{len(problem.rooms)} rooms, {len(problem.trainers)} trainers, "
        f"{len(problem.weeks)} weeks; load average {os.getloadavg()[0]:.2f}"
    )

    began = time.perf_counter()
    greedy = solver.greedy(problem)
    greedy_seconds = time.perf_counter() - began
    assert validator.violations(problem, greedy) == []
    print(
        f"greedy : {greedy_seconds:6.2f} s  placed {len(greedy.sessions)}/{sessions}  "
        f"objective {score(problem, greedy)}"
    )
    print(f"         days covered per week: {coverage(problem, greedy)}")

    plan = solver.solve(problem, seconds=args.seconds, seed=1, hint=greedy)
    assert validator.violations(problem, plan) == []
    first = f"{plan.first_solution_seconds:.2f} s" if plan.first_solution_seconds else "none"
    print(
        f"CP-SAT : first feasible plan after {first} (model building included), stopped after "
        f"{plan.seconds:.2f} s ({plan.status}); placed {len(plan.sessions)}/{sessions}"
    )
    if plan.objective is not None:
        print(
            f"         objective {plan.objective:.0f}, bound {plan.bound:.0f}, "
            f"gap {100 * plan.gap:.2f} %"
        )
    print(f"         days covered per week: {coverage(problem, plan)}")

    # One trainer drops out for the whole term. Trainers in order of load; the first whose
    # editions another trainer can take over is shown (for the busier ones nobody can: the
    # builder then only explains, "trainer_unavailable").
    load = {}
    for s in plan.sessions:
        load[s.trainer] = load.get(s.trainer, 0) + 1
    busier = 0
    for dropped in sorted(load, key=lambda t: (-load[t], t)):
        replan, affected, kept = _without(problem, plan, dropped)
        began = time.perf_counter()
        result = solver.solve(replan, seconds=5, seed=1)
        seconds = time.perf_counter() - began
        assert validator.violations(replan, result) == []
        if result.sessions:
            break
        busier += 1
    changed = changes(replan, result.sessions)
    by_request = plan.by_request()
    print(
        f"re-plan: trainer {dropped} drops out ({busier} busier trainers could not be replaced): "
        f"{sum(len(by_request[r]) for r in affected)} sessions of {len(affected)} editions "
        f"affected, {len(kept)} kept in place; re-planned in {seconds:.2f} s, "
        f"{len(result.sessions)} placed: {changed.moved_total} moved (another day, daypart or "
        f"room), {changed.trainer_only_total} kept in place with another trainer; "
        f"{len(result.unplaced)} editions unplaced"
    )


def _without(problem, plan, dropped):
    """The re-planning problem: the dropped trainer's editions again, everything else fixed."""
    affected = {s.request for s in plan.sessions if s.trainer == dropped}
    kept = [s for s in plan.sessions if s.request not in affected]
    rooms_busy = {}
    for s in kept:
        for slot in s.slots:
            rooms_busy.setdefault(s.room, set()).add(slot)
    trainers = [
        dataclasses.replace(
            t,
            unavailable=frozenset(problem.days) if t.id == dropped else t.unavailable,
            busy=t.busy | {slot for s in kept if s.trainer == t.id for slot in s.slots},
        )
        for t in problem.trainers
    ]
    rooms = [
        dataclasses.replace(r, busy=r.busy | rooms_busy.get(r.id, set())) for r in problem.rooms
    ]
    by_request = plan.by_request()
    requests = [
        dataclasses.replace(r, current=tuple(by_request[r.id]))
        for r in problem.requests
        if r.id in affected
    ]
    replan = dataclasses.replace(problem, rooms=rooms, trainers=trainers, requests=requests)
    return replan, affected, kept


if __name__ == "__main__":
    main()
