"""The agenda builder's vocabulary: a planning problem and a plan, in plain Python.

Nothing here knows Django: `scheduling.problem` builds a `Problem` from the database, the
solver (`scheduling.solver`), the greedy baseline and the independent validator
(`scheduling.validator`) work on these objects, and benchmarks/tests generate them directly.

Time is discretised into **dayparts**: every day has a morning, an afternoon and an evening.
A session takes one daypart, or a whole day (morning and afternoon). A *slot* is a
(date, daypart) pair.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

MORNING, AFTERNOON, EVENING = 0, 1, 2
DAYPARTS = (MORNING, AFTERNOON, EVENING)
SUNDAY = 6

Slot = tuple[dt.date, int]  # (date, daypart)

# The phases of a solver run, in order, as the solver reports them (the proposal page shows them).
OPTIONS, BASELINE, MODEL, SEARCH, EXPLAIN = "options", "baseline", "model", "search", "explain"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Weights:
    """How much each goal counts (all integers; configurable per proposal)."""

    placed: int = 1000  # per session placed: placing everything comes first
    coverage: int = 60  # per covered day of a week, up to the hub's goal (the 4-of-7 ideal)
    extra_day: int = 5  # per covered day beyond the goal
    preference: int = 4  # per session in the daypart learners/training needs asked for
    balance: int = 2  # per percentage point of the busiest trainer's load
    room: int = 3  # per edition in its preferred room (less travel, fewer room changes)
    moves: int = 80  # per session moved away from where it was (re-planning)

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    capacity: int | None = None  # None: no limit (online)
    features: frozenset[str] = frozenset()
    busy: frozenset[Slot] = frozenset()  # already booked (sessions, member bookings)
    shared: bool = False  # online: any number of sessions at once

    def fits(self, seats: int, features: frozenset[str]) -> bool:
        return (self.capacity is None or self.capacity >= seats) and features <= self.features


@dataclass(frozen=True)
class Equipment:
    id: int
    name: str
    quantity: int
    used: dict[Slot, int] = field(default_factory=dict)  # already booked per slot

    def free(self, slot: Slot) -> int:
        return self.quantity - self.used.get(slot, 0)


@dataclass(frozen=True)
class Trainer:
    id: int
    name: str
    weekly: frozenset[tuple[int, int]]  # (weekday 0=Monday, daypart) they can teach
    courses: frozenset[int] = frozenset()  # courses they are qualified for
    unavailable: frozenset[dt.date] = frozenset()  # holidays, sick days (exceptions)
    busy: frozenset[Slot] = frozenset()  # already teaching
    max_per_week: int | None = None
    week_load: dict[dt.date, int] = field(default_factory=dict)  # Monday → sessions already

    def can_teach(self, slot: Slot) -> bool:
        day, part = slot
        return (
            (day.weekday(), part) in self.weekly
            and day not in self.unavailable
            and slot not in self.busy
        )


@dataclass(frozen=True)
class Session:
    """One placed session: its start slot, length in dayparts, room and trainer."""

    request: int
    index: int
    day: dt.date
    part: int
    length: int
    room: int
    trainer: int | None

    @property
    def slots(self) -> list[Slot]:
        return [(self.day, self.part + i) for i in range(self.length)]


@dataclass(frozen=True)
class Request:
    """One edition to plan, with its session pattern."""

    id: int
    name: str
    course: int
    seats: int
    count: int  # number of sessions
    every_weeks: int = 1  # 1 weekly, 2 every other week …; 0 intensive (on consecutive days)
    length: int = 1  # dayparts per session: 1, or 2 for a whole day (morning + afternoon)
    dayparts: frozenset[int] = frozenset(DAYPARTS)  # allowed dayparts (of the start)
    weekdays: frozenset[int] = frozenset(range(6))  # allowed weekdays (Monday … Saturday)
    min_gap_days: int = 1  # minimum days between two sessions
    same_trainer: bool = True
    trainers: tuple[int, ...] = ()  # candidate trainers (qualified, or the one fixed)
    features: frozenset[str] = frozenset()
    equipment: dict[int, int] = field(default_factory=dict)  # equipment id → quantity
    # Preferred times, weighted by the people who asked (training needs, learners' wishes):
    # daypart → people (e.g. evenings for working people), weekday → people.
    part_votes: dict[int, int] = field(default_factory=dict)
    day_votes: dict[int, int] = field(default_factory=dict)
    earliest: dt.date | None = None
    latest: dt.date | None = None
    preferred_room: int | None = None
    current: tuple[Session, ...] = ()  # where its sessions are now (re-planning)
    # Days closed for this edition only, on top of the hub's (school holidays of a course for
    # school students), and the rooms its course fits in (room kind; None: any room).
    closed: frozenset[dt.date] = frozenset()
    rooms: frozenset[int] | None = None
    room_kind: str = ""  # the course's room need, for the explanation when no room fits

    def is_closed(self, problem: Problem, day: dt.date) -> bool:
        return day in problem.closed or day in self.closed

    def room_allowed(self, room: Room) -> bool:
        return self.rooms is None or room.id in self.rooms

    def preference(self, day: dt.date, part: int) -> int:
        """How many people prefer a session starting on this day and daypart."""
        return self.part_votes.get(part, 0) + self.day_votes.get(day.weekday(), 0)


@dataclass
class Problem:
    start: dt.date
    end: dt.date  # inclusive
    rooms: list[Room]
    trainers: list[Trainer]
    requests: list[Request]
    equipment: list[Equipment] = field(default_factory=list)
    closed: frozenset[dt.date] = frozenset()  # holidays and closed days of the hub
    covered: frozenset[dt.date] = frozenset()  # days that already have a public session
    goal: int = 4  # days per week with something to enrol in
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self):
        self.room_by_id = {room.id: room for room in self.rooms}
        self.trainer_by_id = {trainer.id: trainer for trainer in self.trainers}
        self.equipment_by_id = {item.id: item for item in self.equipment}

    @property
    def days(self) -> list[dt.date]:
        n = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(n)]

    @property
    def weeks(self) -> list[dt.date]:
        """The Mondays of the weeks the term touches."""
        return sorted({monday_of(day) for day in self.days})


@dataclass(frozen=True)
class Reason:
    """Why an edition could not be placed: a stable code and its particulars."""

    code: str
    data: dict = field(default_factory=dict)


@dataclass
class Plan:
    sessions: list[Session]
    unplaced: dict[int, list[Reason]] = field(default_factory=dict)
    status: str = "optimal"  # optimal / feasible / no_plan
    objective: float | None = None
    bound: float | None = None
    first_solution_seconds: float | None = None
    seconds: float = 0.0

    def by_request(self) -> dict[int, list[Session]]:
        result: dict[int, list[Session]] = {}
        for session in sorted(self.sessions, key=lambda s: (s.request, s.day, s.part)):
            result.setdefault(session.request, []).append(session)
        return result

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(1.0, abs(self.objective))


def days_covered(problem: Problem, sessions: Iterable[Session]) -> dict[dt.date, int]:
    """Per week (Monday): on how many days there is something (existing or planned)."""
    days = {day for day in problem.covered if problem.start <= day <= problem.end}
    days |= {session.day for session in sessions}
    result = dict.fromkeys(problem.weeks, 0)
    for day in days:
        result[monday_of(day)] += 1
    return result


@dataclass
class Changes:
    """What a re-plan changes, per request: sessions moved (another day, daypart or room) and
    sessions that stay where they are with another trainer."""

    moved: dict[int, int] = field(default_factory=dict)
    trainer_only: dict[int, int] = field(default_factory=dict)

    @property
    def moved_total(self) -> int:
        return sum(self.moved.values())

    @property
    def trainer_only_total(self) -> int:
        return sum(self.trainer_only.values())


def changes(problem: Problem, sessions: Iterable[Session]) -> Changes:
    """Compare each placed session with the session it replaces (same request and index)."""
    by_request = {r.id: r for r in problem.requests}
    result = Changes()
    for new in sessions:
        current = by_request[new.request].current
        if not current:
            continue
        old = current[new.index]
        if (old.day, old.part, old.room) != (new.day, new.part, new.room):
            result.moved[new.request] = result.moved.get(new.request, 0) + 1
        elif old.trainer != new.trainer:
            result.trainer_only[new.request] = result.trainer_only.get(new.request, 0) + 1
    return result
