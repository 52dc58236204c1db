"""Synthetic hub terms for the benchmark and the property tests (no database)."""

from __future__ import annotations

import datetime as dt
import random

from technohub.scheduling.planning import (
    AFTERNOON,
    EVENING,
    MORNING,
    Equipment,
    Problem,
    Request,
    Room,
    Trainer,
)

FEATURES = ("lascabines", "klimaatinstallatie", "demowoning", "beamer", "xr", "elektropanelen")


def hub_term(
    *,
    seed: int = 7,
    weeks: int = 10,
    rooms: int = 30,
    trainers: int = 50,
    sessions: int = 500,
    start: dt.date = dt.date(2026, 2, 2),
) -> Problem:
    """A term like a big hub's: evening courses, day courses, intensive ones and one-offs."""
    rng = random.Random(seed)
    end = start + dt.timedelta(weeks=weeks, days=-1)
    closed = frozenset(
        [start + dt.timedelta(weeks=weeks // 2, days=d) for d in range(6)]  # a holiday week
        + [start + dt.timedelta(weeks=2, days=3)]  # a closed Thursday
    )
    room_list = [
        Room(
            id=n + 1,
            name=f"Lokaal {n + 1}",
            capacity=rng.choice((8, 10, 12, 16, 20, 24, 40)),
            features=frozenset(rng.sample(FEATURES, rng.randint(0, 2))) | {"beamer"},
        )
        for n in range(rooms)
    ]
    courses = list(range(1, 41))
    trainer_list = []
    for n in range(trainers):
        if n % 2:
            weekly = {(d, EVENING) for d in rng.sample(range(5), rng.randint(2, 4))}
        else:
            days = rng.sample(range(6), rng.randint(2, 4))
            weekly = {(d, p) for d in days for p in (MORNING, AFTERNOON)}
            weekly |= {(d, EVENING) for d in rng.sample(range(5), rng.randint(0, 2))}
        off = start + dt.timedelta(days=rng.randrange(weeks * 7))
        trainer_list.append(
            Trainer(
                id=n + 1,
                name=f"Trainer {n + 1}",
                weekly=frozenset(weekly),
                courses=frozenset(rng.sample(courses, 4)),
                unavailable=frozenset({off, off + dt.timedelta(days=1)}),
                max_per_week=rng.choice((3, 4, 5, 6)),
            )
        )
    equipment = [
        Equipment(id=1, name="Lasapparaat", quantity=10),
        Equipment(id=2, name="XR-bril", quantity=12),
        Equipment(id=3, name="Warmtepomp-opstelling", quantity=2),
    ]
    requests, total, n = [], 0, 0
    while total < sessions:
        n += 1
        kind = rng.random()
        course = rng.choice(courses)
        qualified = tuple(t.id for t in trainer_list if course in t.courses)
        if not qualified:
            continue
        if kind < 0.45:  # weekly evening course for working people
            count = min(rng.choice((4, 6, 8)), sessions - total)
            pattern = {"count": count, "dayparts": frozenset({EVENING}), "part_votes": {EVENING: 1}}
        elif kind < 0.6:  # every other week
            count = min(rng.choice((3, 4)), sessions - total)
            pattern = {"count": count, "every_weeks": 2, "dayparts": frozenset({EVENING})}
        elif kind < 0.8:  # daytime course, weekly
            count = min(rng.choice((2, 3, 4)), sessions - total)
            pattern = {"count": count, "dayparts": frozenset({MORNING, AFTERNOON})}
        elif kind < 0.9:  # intensive whole days
            count = min(rng.choice((2, 3)), sessions - total)
            pattern = {"count": count, "every_weeks": 0, "length": 2}
        else:  # a one-off inspiration session
            pattern = {"count": 1, "part_votes": {EVENING: 3}}
        feature = rng.random()
        requests.append(
            Request(
                id=n,
                name=f"Editie {n}",
                course=course,
                seats=rng.choice((6, 8, 10, 12)),
                trainers=qualified,
                same_trainer=rng.random() < 0.8,
                features=frozenset({rng.choice(FEATURES)}) if feature < 0.3 else frozenset(),
                equipment={1: 4} if feature > 0.95 else {},
                **pattern,
            )
        )
        total += pattern["count"]
    return Problem(
        start=start,
        end=end,
        rooms=room_list,
        trainers=trainer_list,
        requests=requests,
        equipment=equipment,
        closed=closed,
    )
