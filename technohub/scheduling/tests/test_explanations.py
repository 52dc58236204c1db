"""When an edition cannot be placed, the builder says which rule blocks it."""

import datetime as dt

from technohub.scheduling import solver
from technohub.scheduling.explain import sentence
from technohub.scheduling.planning import EVENING, Problem, Request, Room, Trainer

MONDAY = dt.date(2026, 3, 2)
TUE_EVENING = frozenset({(1, EVENING)})


def _problem(requests, *, rooms=None, trainers=None, weeks=3, closed=frozenset()):
    return Problem(
        start=MONDAY,
        end=MONDAY + dt.timedelta(weeks=weeks, days=-1),
        rooms=rooms or [Room(id=1, name="Praktijkhal", capacity=10)],
        trainers=trainers or [Trainer(id=1, name="Gerrit Postma", weekly=TUE_EVENING)],
        requests=requests,
        closed=closed,
    )


def _request(id=1, **fields):
    base = {
        "name": f"Lassen {id}",
        "course": 1,
        "seats": 8,
        "count": 3,
        "trainers": (1,),
        "dayparts": frozenset({EVENING}),
    }
    return Request(id=id, **{**base, **fields})


def _codes(plan, request_id=1):
    return [reason.code for reason in plan.unplaced[request_id]]


def test_too_many_seats_for_every_room():
    plan = solver.solve(_problem([_request(seats=30)]), seconds=5)
    assert _codes(plan) == ["no_room"]
    assert "30" in sentence("no_room", plan.unplaced[1][0].data)


def test_no_trainer_when_nobody_qualifies():
    assert _codes(solver.solve(_problem([_request(trainers=())]), seconds=5)) == ["no_trainer"]


def test_trainer_never_available_in_the_dayparts_allowed():
    request = _request(dayparts=frozenset({0}))  # mornings only; Gerrit teaches Tuesday evenings
    assert _codes(solver.solve(_problem([request]), seconds=5)) == ["trainer_unavailable"]


def test_pattern_does_not_fit_the_term():
    assert _codes(solver.solve(_problem([_request(count=5)]), seconds=5)) == ["no_dates"]


def test_two_editions_want_the_one_trainer_evening():
    # Gerrit can teach on three Tuesday evenings; both editions need all three.
    plan = solver.solve(_problem([_request(1), _request(2)]), seconds=5)
    assert len(plan.unplaced) == 1
    (request_id,) = plan.unplaced
    assert "trainer_taken" in _codes(plan, request_id)
    assert "Gerrit Postma" in sentence("trainer_taken", plan.unplaced[request_id][0].data)
