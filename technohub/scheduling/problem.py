"""From the database to a planning `Problem` and back: dayparts ↔ times, ids ↔ objects."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Q

from technohub.catalogue.models import Edition, Place, Session
from technohub.hubs.models import Hub, Person
from technohub.scheduling import calendar, preferences
from technohub.scheduling import models as m
from technohub.scheduling.fit import room_fits
from technohub.scheduling.planning import (
    AFTERNOON,
    DAYPARTS,
    EVENING,
    MORNING,
    Equipment,
    Problem,
    Request,
    Room,
    Slot,
    Trainer,
    Weights,
    monday_of,
)
from technohub.scheduling.planning import Session as Placed

LOCAL = ZoneInfo("Europe/Amsterdam")
# When a daypart's sessions start, and the window used to tell which dayparts a booking covers.
STARTS = {MORNING: dt.time(9, 0), AFTERNOON: dt.time(13, 30), EVENING: dt.time(19, 0)}
WHOLE_DAY_START = dt.time(8, 30)
WINDOWS = {
    MORNING: (dt.time(6, 0), dt.time(12, 45)),
    AFTERNOON: (dt.time(12, 45), dt.time(17, 30)),
    EVENING: (dt.time(17, 30), dt.time(23, 59)),
}
TIME_PARTS = {
    m.PlanningRequest.Time.DAYTIME: frozenset({MORNING, AFTERNOON}),
    m.PlanningRequest.Time.EVENING: frozenset({EVENING}),
    m.PlanningRequest.Time.WHOLE_DAY: frozenset({MORNING}),
    m.PlanningRequest.Time.ANY: frozenset(DAYPARTS),
}
RHYTHM_WEEKS = {"weekly": 1, "fortnightly": 2, "intensive": 0}


def slots_of(starts_at: dt.datetime, ends_at: dt.datetime) -> list[Slot]:
    """The dayparts a time range touches (local time)."""
    start, end = starts_at.astimezone(LOCAL), ends_at.astimezone(LOCAL)
    result, day = [], start.date()
    while day <= end.date():
        for part, (lo, hi) in WINDOWS.items():
            window_start = dt.datetime.combine(day, lo, tzinfo=LOCAL)
            window_end = dt.datetime.combine(day, hi, tzinfo=LOCAL)
            if start < window_end and end > window_start:
                result.append((day, part))
        day += dt.timedelta(days=1)
    return result


def session_times(
    day: dt.date, part: int, length: int, minutes: int
) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, WHOLE_DAY_START if length > 1 else STARTS[part], tzinfo=LOCAL)
    return start, start + dt.timedelta(minutes=minutes)


def closed_days(hub: Hub, start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """The hub's closed days in the term: public holidays and its own closed periods."""
    return frozenset(calendar.closed_days(hub=hub, start=start, end=end))


def _school_closed(hub: Hub, courses, start: dt.date, end: dt.date, settings) -> dict:
    """Per course for school students: the school holidays of the hub's region in the term."""
    result = {}
    for course in courses:
        region = calendar.school_region_for(course=course, settings=settings)
        if region:
            result[course.pk] = frozenset(
                calendar.school_holidays(start=start, end=end, region=region)
            )
    return result


@dataclass
class Built:
    """A problem with the objects behind its ids."""

    problem: Problem
    editions: dict[int, Edition]
    requests: dict[int, m.PlanningRequest | None]
    places: dict[int, Place]
    people: dict[int, Person]
    current: dict[int, list[Session]] = field(default_factory=dict)  # re-planning

    def times(self, placed: Placed) -> tuple[dt.datetime, dt.datetime]:
        request = self.requests.get(placed.request)
        if request is not None:
            minutes = request.session_minutes
        else:  # re-planning an edition without a request: keep its sessions' length
            session = self.current[placed.request][placed.index]
            minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
        return session_times(placed.day, placed.part, placed.length, minutes)


def _window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(start, dt.time(0, 0), tzinfo=LOCAL),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0), tzinfo=LOCAL),
    )


def pending_requests(hub: Hub):
    """Editions waiting for the agenda builder: a planning request and no sessions yet."""
    return (
        m.PlanningRequest.objects.filter(
            edition__hub=hub,
            edition__status__in=[Edition.Status.DRAFT, Edition.Status.PUBLISHED],
            edition__sessions__isnull=True,
        )
        .select_related("edition__course", "edition__trainer", "edition__location")
        .prefetch_related("features", "needs")
        .order_by("edition__code")
    )


def build(
    *,
    hub: Hub,
    start: dt.date,
    end: dt.date,
    requests: list[m.PlanningRequest],
    weights: Weights | None = None,
    replan_editions: dict[int, list[Session]] | None = None,
    lost_trainer: tuple[int, dt.date, dt.date] | None = None,
    lost_place: tuple[int, dt.date, dt.date] | None = None,
) -> Built:
    """The term's problem: rooms, equipment, trainers and what is already booked.

    `replan_editions`: editions whose listed sessions are to be placed again (re-planning);
    their current sessions are then not counted as busy.
    """
    replan_editions = replan_editions or {}
    moving = {s.pk for sessions in replan_editions.values() for s in sessions}
    lo, hi = _window(start, end)
    places = {p.pk: p for p in Place.objects.filter(hub=hub).prefetch_related("features")}
    room_busy: dict[int, set[Slot]] = defaultdict(set)
    equipment_used: dict[int, dict[Slot, int]] = defaultdict(lambda: defaultdict(int))
    bookings = m.Booking.objects.filter(starts_at__lt=hi, ends_at__gt=lo).filter(
        Q(place__hub=hub) | Q(equipment__hub=hub)
    )
    for booking in bookings.exclude(session_id__in=moving):
        for slot in slots_of(booking.starts_at, booking.ends_at):
            if booking.place_id:
                room_busy[booking.place_id].add(slot)
            else:
                equipment_used[booking.equipment_id][slot] += booking.quantity
    sessions = (
        Session.objects.filter(starts_at__lt=hi, ends_at__gt=lo)
        .exclude(edition__status=Edition.Status.CANCELLED)
        .exclude(status=Session.Status.CANCELLED)
        .exclude(pk__in=moving)
        .select_related("edition")
    )
    trainer_busy: dict[int, set[Slot]] = defaultdict(set)
    trainer_weeks: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    covered = set()
    for session in sessions:
        slots = slots_of(session.starts_at, session.ends_at)
        place_id = session.place_id or session.edition.location_id
        if place_id in places:
            room_busy[place_id].update(slots)
        trainer_id = session.trainer_id or session.edition.trainer_id
        if trainer_id:  # every hub's sessions are busy time; only this hub's count to its limit
            trainer_busy[trainer_id].update(slots)
            if session.edition.hub_id == hub.pk:
                trainer_weeks[trainer_id][monday_of(slots[0][0])] += 1
        if session.edition.hub_id == hub.pk and session.edition.status in (
            Edition.Status.PUBLISHED,
            Edition.Status.RUNNING,
        ):
            covered.add(session.starts_at.astimezone(LOCAL).date())
    if lost_place is not None:
        place_id, lost_from, lost_until = lost_place
        day = max(start, lost_from)
        while day <= min(end, lost_until):
            room_busy[place_id].update((day, part) for part in DAYPARTS)
            day += dt.timedelta(days=1)

    rooms = [
        Room(
            id=p.pk,
            name=p.name,
            capacity=p.capacity,
            features=frozenset(f.name for f in p.features.all()),
            busy=frozenset(room_busy[p.pk]),
            shared=p.kind == Place.Kind.ONLINE,
        )
        for p in places.values()
    ]
    equipment = [
        Equipment(id=e.pk, name=e.name, quantity=e.quantity, used=dict(equipment_used[e.pk]))
        for e in m.Equipment.objects.filter(hub=hub)
    ]
    built_trainers, people = _trainers(
        hub, requests, replan_editions, trainer_busy, trainer_weeks, lost_trainer, start, end
    )
    editions = {r.edition_id: r.edition for r in requests}
    settings = calendar.settings_of(hub)
    courses = {r.edition.course for r in requests}
    courses |= {s[0].edition.course for s in replan_editions.values()}
    school = _school_closed(hub, courses, start, end, settings)
    wishes = preferences.from_needs(hub=hub, editions=editions.values())
    plan_requests = [
        _request(r, places, built_trainers, wishes[r.edition_id], school) for r in requests
    ]
    by_edition = {r.edition_id: r for r in requests}
    for existing in m.PlanningRequest.objects.filter(
        edition_id__in=replan_editions
    ).prefetch_related("features", "needs"):
        by_edition.setdefault(existing.edition_id, existing)
    for edition_id, current in replan_editions.items():
        edition = current[0].edition
        editions[edition_id] = edition
        plan_requests.append(
            _replan_request(
                edition, by_edition.get(edition_id), current, built_trainers, start, places, school
            )
        )
    if replan_editions:  # the length of a moved session stays its own, whatever the request
        by_edition = {k: v for k, v in by_edition.items() if k not in replan_editions}
    problem = Problem(
        start=start,
        end=end,
        rooms=rooms,
        trainers=list(built_trainers.values()),
        requests=plan_requests,
        equipment=equipment,
        closed=frozenset(calendar.closed_days(hub=hub, start=start, end=end, settings=settings)),
        covered=frozenset(covered),
        goal=hub.days_per_week_goal,
        weights=weights or Weights(),
    )
    return Built(
        problem=problem,
        editions=editions,
        requests=by_edition,
        places=places,
        people=people,
        current=replan_editions,
    )


def _trainers(hub, requests, replan_editions, busy, weeks, lost, start, end):
    course_ids = {r.edition.course_id for r in requests}
    course_ids |= {s[0].edition.course_id for s in replan_editions.values()}
    fixed = {r.edition.trainer_id for r in requests if r.edition.trainer_id}
    fixed |= {s.trainer_id or s.edition.trainer_id for ss in replan_editions.values() for s in ss}
    # The hub's own roster: who teaches which course here, and the hub's weekly maximum.
    # Another hub's trainers are never candidates; their sessions elsewhere are busy time only.
    rows = {
        row.person_id: row
        for row in m.HubTrainer.objects.filter(hub=hub).prefetch_related("courses")
    }
    people = (
        Person.objects.filter(
            Q(rosters__hub=hub, rosters__active=True, rosters__courses__in=course_ids)
            | Q(pk__in=[t for t in fixed if t])
        )
        .distinct()
        .prefetch_related("availability")
    )
    exceptions = defaultdict(set)
    for item in m.AvailabilityException.objects.filter(starts_on__lte=end, ends_on__gte=start):
        day = max(start, item.starts_on)
        while day <= min(end, item.ends_on):
            exceptions[item.person_id].add(day)
            day += dt.timedelta(days=1)
    if lost is not None:
        person_id, lost_from, lost_until = lost
        day = max(start, lost_from)
        while day <= min(end, lost_until):
            exceptions[person_id].add(day)
            day += dt.timedelta(days=1)
    result, by_id = {}, {}
    for person in people:
        row = rows.get(person.pk)
        active = row is not None and row.active
        result[person.pk] = Trainer(
            id=person.pk,
            name=person.full_name,
            weekly=frozenset((a.weekday, a.daypart) for a in person.availability.all()),
            courses=frozenset(c.pk for c in row.courses.all()) if active else frozenset(),
            unavailable=frozenset(exceptions[person.pk]),
            busy=frozenset(busy[person.pk]),
            max_per_week=row.max_sessions_per_week if row else None,
            week_load=dict(weeks[person.pk]),
        )
        by_id[person.pk] = person
    return result, by_id


def _candidates(edition: Edition, trainers: dict[int, Trainer], *, keep: bool) -> tuple[int, ...]:
    if keep and edition.trainer_id:
        return (edition.trainer_id,) if edition.trainer_id in trainers else ()
    return tuple(sorted(t.id for t in trainers.values() if edition.course_id in t.courses))


def _fitting_rooms(course, places: dict[int, Place]) -> frozenset[int]:
    """The hub's places the course fits in (room kind: `fit.room_fits`, the one rule)."""
    return frozenset(pk for pk, place in places.items() if room_fits(course=course, place=place))


def _request(
    request: m.PlanningRequest, places, trainers, wishes: preferences.Preferences, school
) -> Request:
    edition = request.edition
    part_votes, day_votes = preferences.votes(request, wishes)
    whole_day = request.time_of_day == m.PlanningRequest.Time.WHOLE_DAY
    return Request(
        id=edition.pk,
        name=f"{edition.course.title} ({edition.code})",
        course=edition.course_id,
        seats=edition.capacity,
        count=request.session_count,
        every_weeks=RHYTHM_WEEKS[request.rhythm],
        length=2 if whole_day else 1,
        dayparts=TIME_PARTS[request.time_of_day],
        weekdays=frozenset(request.weekdays) if request.weekdays else frozenset(range(6)),
        min_gap_days=request.min_days_between,
        same_trainer=request.same_trainer,
        trainers=_candidates(edition, trainers, keep=True),
        features=frozenset(f.name for f in request.features.all()),
        equipment={need.equipment_id: need.quantity for need in request.needs.all()},
        part_votes=part_votes,
        day_votes=day_votes,
        preferred_room=edition.location_id if edition.location_id in places else None,
        earliest=request.earliest,
        latest=request.latest,
        closed=school.get(edition.course_id, frozenset()),
        rooms=_fitting_rooms(edition.course, places),
        room_kind=edition.course.room_kind,
    )


def _replan_request(
    edition, request, current: list[Session], trainers, start, places, school
) -> Request:
    """Place an edition's remaining sessions again; where they are now is one option."""
    slots = [slots_of(s.starts_at, s.ends_at) for s in current]
    length = 2 if len(slots[0]) > 1 else 1
    parts = frozenset({slots[0][0][1]})
    if request is not None:
        parts = TIME_PARTS[request.time_of_day]
    placed = tuple(
        Placed(
            edition.pk,
            n,
            slot[0][0],
            slot[0][1],
            length,
            s.place_id or edition.location_id or 0,
            s.trainer_id or edition.trainer_id,
        )
        for n, (s, slot) in enumerate(zip(current, slots, strict=True))
    )
    gaps = [(b.day - a.day).days for a, b in zip(placed, placed[1:], strict=False)]
    every = 0 if gaps and min(gaps) < 7 else (max(1, min(gaps) // 7) if gaps else 1)
    return Request(
        id=edition.pk,
        name=f"{edition.course.title} ({edition.code})",
        course=edition.course_id,
        seats=edition.capacity,
        count=len(current),
        every_weeks=RHYTHM_WEEKS[request.rhythm] if request else every,
        length=length,
        dayparts=parts,
        weekdays=frozenset(request.weekdays)
        if request and request.weekdays
        else frozenset(range(6)),
        min_gap_days=request.min_days_between if request else 1,
        same_trainer=request.same_trainer if request else True,
        trainers=tuple(
            sorted(
                set(_candidates(edition, trainers, keep=False))
                | {p.trainer for p in placed if p.trainer in trainers}
            )
        ),
        features=frozenset(f.name for f in request.features.all()) if request else frozenset(),
        equipment={n.equipment_id: n.quantity for n in request.needs.all()} if request else {},
        preferred_room=placed[0].room,
        earliest=start,
        current=placed,
        closed=school.get(edition.course_id, frozenset()),
        rooms=_fitting_rooms(edition.course, places) | {p.room for p in placed},
        room_kind=edition.course.room_kind,
    )
