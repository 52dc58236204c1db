"""Every plan the builder returns satisfies every hard rule, checked by the independent
validator (not by the solver's model). Plain Python problems: no database."""

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from technohub.scheduling import solver, synthetic, validator
from technohub.scheduling.planning import EVENING, MORNING, Plan, Problem, Request, Room, Trainer

START = dt.date(2026, 3, 2)  # a Monday


@st.composite
def problems(draw) -> Problem:
    weeks = draw(st.integers(2, 4))
    rooms = [
        Room(
            id=n + 1,
            name=f"R{n}",
            capacity=draw(st.sampled_from([6, 10, 16])),
            features=frozenset(draw(st.sets(st.sampled_from(["las", "klimaat"]), max_size=2))),
            busy=frozenset(
                (START + dt.timedelta(days=d), p)
                for d, p in draw(
                    st.sets(st.tuples(st.integers(0, 13), st.integers(0, 2)), max_size=4)
                )
            ),
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    trainers = [
        Trainer(
            id=n + 1,
            name=f"T{n}",
            weekly=frozenset(
                draw(
                    st.sets(st.tuples(st.integers(0, 5), st.integers(0, 2)), min_size=1, max_size=8)
                )
            ),
            unavailable=frozenset({START + dt.timedelta(days=draw(st.integers(0, 20)))}),
            max_per_week=draw(st.sampled_from([None, 1, 2, 3])),
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    requests = []
    for n in range(draw(st.integers(1, 5))):
        whole = draw(st.booleans())
        requests.append(
            Request(
                id=n + 1,
                name=f"E{n}",
                course=1,
                seats=draw(st.sampled_from([4, 8, 12])),
                count=draw(st.integers(1, 3)),
                every_weeks=draw(st.sampled_from([0, 1, 2])),
                length=2 if whole else 1,
                dayparts=frozenset({MORNING})
                if whole
                else frozenset(draw(st.sets(st.integers(0, 2), min_size=1))),
                same_trainer=draw(st.booleans()),
                trainers=tuple(t.id for t in trainers if draw(st.booleans())) or (trainers[0].id,),
                features=frozenset(draw(st.sets(st.sampled_from(["las", "klimaat"]), max_size=1))),
                equipment={1: draw(st.integers(0, 2))} if draw(st.booleans()) else {},
                part_votes={EVENING: draw(st.integers(0, 5))},
                day_votes={1: draw(st.integers(0, 5))},
                # school holidays of a course for students; the rooms its course fits in
                closed=frozenset(
                    START + dt.timedelta(days=d)
                    for d in draw(st.sets(st.integers(0, 27), max_size=6))
                ),
                rooms=None
                if draw(st.booleans())
                else frozenset(draw(st.sets(st.sampled_from([r.id for r in rooms]), max_size=2))),
            )
        )
    from technohub.scheduling.planning import Equipment

    closed = frozenset(
        START + dt.timedelta(days=d)
        for d in draw(st.sets(st.integers(0, 27), min_size=1, max_size=4))
    )
    return Problem(
        start=START,
        end=START + dt.timedelta(weeks=weeks, days=-1),
        rooms=rooms,
        trainers=trainers,
        requests=requests,
        equipment=[Equipment(id=1, name="Las", quantity=2, used={})],
        closed=closed,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_cp_sat_plan_passes_the_validator(problem):
    plan = solver.solve(problem, seconds=5, deterministic_seconds=1)
    assert validator.violations(problem, plan) == []
    _never_closed_never_unfit(problem, plan)
    placed = {s.request for s in plan.sessions}
    assert placed | set(plan.unplaced) == {r.id for r in problem.requests}
    assert all(plan.unplaced[r] for r in plan.unplaced), "every unplaced edition has a reason"


@settings(max_examples=40, deadline=None)
@given(problems())
def test_every_greedy_plan_passes_the_validator(problem):
    plan = solver.greedy(problem)
    assert validator.violations(problem, plan) == []
    _never_closed_never_unfit(problem, plan)


def _never_closed_never_unfit(problem, plan):
    """Said outright, besides the validator: no session on a closed day (the hub's, or the
    school holidays of its course) and none in a room its course does not fit."""
    by_id = {r.id: r for r in problem.requests}
    for session in plan.sessions:
        request = by_id[session.request]
        assert session.day not in problem.closed and session.day not in request.closed
        assert request.rooms is None or session.room in request.rooms


def test_the_validator_finds_a_school_holiday_and_a_room_that_does_not_fit():
    room, lab = Room(id=1, name="Lokaal", capacity=10), Room(id=2, name="Lab", capacity=10)
    trainer = Trainer(id=1, name="T", weekly=frozenset({(0, EVENING)}))
    request = Request(
        id=1,
        name="E",
        course=1,
        seats=8,
        count=1,
        dayparts=frozenset({EVENING}),
        trainers=(1,),
        closed=frozenset({START}),
        rooms=frozenset({2}),
    )
    problem = Problem(
        start=START,
        end=START + dt.timedelta(days=13),
        rooms=[room, lab],
        trainers=[trainer],
        requests=[request],
    )
    plan = solver.solve(problem, seconds=5, deterministic_seconds=1)
    assert [(s.day, s.room) for s in plan.sessions] == [(START + dt.timedelta(weeks=1), 2)]
    on_holiday = dataclasses.replace(plan.sessions[0], day=START)
    assert any("closed" in e for e in validator.violations(problem, [on_holiday]))
    in_classroom = dataclasses.replace(plan.sessions[0], room=1)
    assert any("does not fit" in e for e in validator.violations(problem, [in_classroom]))


def test_cp_sat_places_at_least_what_greedy_places_and_is_deterministic():
    problem = synthetic.hub_term(seed=3, weeks=4, rooms=6, trainers=10, sessions=60)
    first = solver.solve(problem, seconds=20, deterministic_seconds=2, seed=5)
    second = solver.solve(problem, seconds=20, deterministic_seconds=2, seed=5)
    assert validator.violations(problem, first) == []
    assert len(first.sessions) >= len(solver.greedy(problem).sessions)
    assert sorted(dataclasses.astuple(s) for s in first.sessions) == sorted(
        dataclasses.astuple(s) for s in second.sessions
    )


def test_the_validator_finds_broken_rules():
    """A validator that finds nothing would make the property tests worthless."""
    problem = synthetic.hub_term(seed=1, weeks=3, rooms=4, trainers=8, sessions=30)
    plan = solver.greedy(problem)
    a, b = plan.sessions[0], plan.sessions[1]
    clash = dataclasses.replace(b, day=a.day, part=a.part, room=a.room, trainer=a.trainer)
    broken = Plan(sessions=[*plan.sessions[:1], clash, *plan.sessions[2:]])
    found = validator.violations(problem, broken)
    assert any("double booked" in error for error in found)
    holiday = next(iter(problem.closed))
    moved = dataclasses.replace(a, day=holiday)
    assert any("closed" in e for e in validator.violations(problem, [moved, *plan.sessions[1:]]))
