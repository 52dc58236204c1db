"""The builder and the calendar, room fit and rosters, from the database: closed days are never
proposed, a course goes only into a room it fits, only the hub's own active trainers are
planned, and another hub's sessions of a shared trainer are busy time, nothing more."""

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse

from technohub.catalogue.models import Course, Place, RoomKind
from technohub.catalogue.tests.factories import (
    CourseFactory,
    EditionFactory,
    PlaceFactory,
    SessionFactory,
)
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user
from technohub.scheduling import problem, services, solver, validator
from technohub.scheduling.models import PlanningSettings
from technohub.scheduling.planning import EVENING, MORNING
from technohub.scheduling.tests.factories import at, next_monday, on_roster, waiting_edition

pytestmark = pytest.mark.django_db
FRI, MON, TUE, THU = 4, 0, 1, 3


def _plan(hub, start, end):
    built = problem.build(
        hub=hub, start=start, end=end, requests=list(problem.pending_requests(hub))
    )
    plan = solver.solve(built.problem, seconds=5, deterministic_seconds=1)
    assert validator.violations(built.problem, plan) == []
    return built, plan


def _days(plan, edition):
    return sorted(s.day for s in plan.sessions if s.request == edition.pk)


def test_the_builder_skips_christmas_and_new_year():
    # given a weekly Friday course of three sessions over the Christmas holidays
    hub = HubFactory()
    trainer = PersonFactory()
    edition = waiting_edition(hub, trainer=trainer, weekdays=[FRI], time_of_day="daytime")
    services.availability_set(person=trainer, slots={(FRI, MORNING)}, actor=None)
    # when the builder plans 21 Dec 2026 – 24 Jan 2027
    _built, plan = _plan(hub, dt.date(2026, 12, 21), dt.date(2027, 1, 24))
    # then Fri 25 Dec and Fri 1 Jan are skipped: the course moves on a week each time
    assert _days(plan, edition) == [dt.date(2027, 1, 8), dt.date(2027, 1, 15), dt.date(2027, 1, 22)]


def test_school_holidays_close_days_only_for_courses_for_students():
    hub = HubFactory()
    PlanningSettings.objects.create(hub=hub, school_region="midden")
    school = CourseFactory(hub=hub, delivery_model=Course.DeliveryModel.SCHOOL_COURSE)
    company = CourseFactory(hub=hub, delivery_model=Course.DeliveryModel.JOINT_PURCHASE)
    a, b = PersonFactory(), PersonFactory()
    for_students = waiting_edition(hub, trainer=a, course=school, weekdays=[MON])
    for_workers = waiting_edition(hub, trainer=b, course=company, weekdays=[MON])
    for person in (a, b):
        services.availability_set(person=person, slots={(MON, EVENING)}, actor=None)
    # Voorjaarsvakantie 2027, regio midden: 20–28 February
    _built, plan = _plan(hub, dt.date(2027, 2, 15), dt.date(2027, 3, 14))
    assert _days(plan, for_students) == [
        dt.date(2027, 2, 15),
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 8),
    ]
    assert _days(plan, for_workers) == [
        dt.date(2027, 2, 15),
        dt.date(2027, 2, 22),
        dt.date(2027, 3, 1),
    ]


def test_the_hubs_own_closed_day_and_liberation_day():
    hub = HubFactory()
    trainer = PersonFactory()
    edition = waiting_edition(hub, trainer=trainer, count=2, weekdays=[2], time_of_day="evening")
    services.availability_set(person=trainer, slots={(2, EVENING)}, actor=None)
    services.closed_period_create(
        hub=hub,
        name="Open dag",
        starts_on=dt.date(2027, 5, 12),
        ends_on=dt.date(2027, 5, 12),
        actor=None,
    )
    _built, plan = _plan(hub, dt.date(2027, 5, 3), dt.date(2027, 5, 30))  # Wed 5, 12, 19, 26
    assert _days(plan, edition) == [dt.date(2027, 5, 19), dt.date(2027, 5, 26)]
    assert _built.problem.closed >= {dt.date(2027, 5, 5), dt.date(2027, 5, 12)}


def test_a_practical_course_goes_only_into_a_lab_and_online_into_the_online_room():
    hub = HubFactory()
    online = PlaceFactory(hub=hub, name="Online", kind=Place.Kind.ONLINE, capacity=None)
    classroom = PlaceFactory(
        hub=hub, name="Theorielokaal", capacity=40, room_kind=RoomKind.CLASSROOM
    )
    lab = PlaceFactory(hub=hub, name="Installatielab", capacity=12, room_kind=RoomKind.LAB)
    practical = CourseFactory(hub=hub, room_kind=RoomKind.LAB)
    webinar = CourseFactory(hub=hub, room_kind=RoomKind.ONLINE, format=Course.Format.ONLINE)
    a, b = PersonFactory(), PersonFactory()
    hands_on = waiting_edition(hub, trainer=a, course=practical, place=online)
    live = waiting_edition(hub, trainer=b, course=webinar, place=classroom)
    start = dt.date(2027, 3, 1)
    built, plan = _plan(hub, start, start + dt.timedelta(weeks=4, days=-1))
    rooms = {s.request: s.room for s in plan.sessions}
    assert rooms[hands_on.pk] == lab.pk, "never the Online room, not the bigger classroom"
    assert rooms[live.pk] == online.pk
    assert built.problem.requests[0].rooms is not None


def test_no_room_of_the_kind_is_explained():
    hub = HubFactory()
    PlaceFactory(hub=hub, room_kind=RoomKind.CLASSROOM)
    waiting_edition(
        hub, trainer=PersonFactory(), course=CourseFactory(hub=hub, room_kind=RoomKind.LAB)
    )
    start = dt.date(2027, 3, 1)
    _built, plan = _plan(hub, start, start + dt.timedelta(weeks=4, days=-1))
    assert [r.code for reasons in plan.unplaced.values() for r in reasons] == ["no_room_kind"]


def test_only_the_hubs_own_active_trainers_are_planned():
    hub, other = HubFactory(), HubFactory()
    course = CourseFactory(hub=hub)
    edition = waiting_edition(hub, trainer=PersonFactory(), course=course)
    edition.trainer = None
    edition.save(update_fields=["trainer"])
    mine, inactive, theirs = PersonFactory(), PersonFactory(), PersonFactory()
    for person in (mine, inactive, theirs):
        services.availability_set(person=person, slots={(TUE, EVENING)}, actor=None)
    on_roster(hub, mine, courses=[course])
    on_roster(hub, inactive, courses=[course], active=False)
    on_roster(other, theirs)  # engaged elsewhere only
    start = dt.date(2027, 3, 1)
    built, plan = _plan(hub, start, start + dt.timedelta(weeks=4, days=-1))
    assert {s.trainer for s in plan.sessions} == {mine.pk}
    assert built.problem.requests[0].trainers == (mine.pk,)


def test_another_hubs_sessions_are_busy_time_only():
    # given Richard on both rosters, teaching the other hub's course every Tuesday evening
    hub, other = HubFactory(), HubFactory()
    coordinator = coordinator_user(hub)
    richard = PersonFactory()
    course = CourseFactory(hub=hub)
    on_roster(hub, richard, courses=[course], most=1)
    secret = EditionFactory(
        course=CourseFactory(hub=other, title="Geheime maatwerkcursus Van Dijk"),
        trainer=richard,
    )
    start = next_monday()
    for week in range(6):
        day = start + dt.timedelta(weeks=week, days=TUE)
        SessionFactory(edition=secret, starts_at=at(day, "19:00"), ends_at=at(day, "21:30"))
    ours = waiting_edition(hub, trainer=richard, course=course)  # Tue and Thu evenings
    blocked = waiting_edition(hub, trainer=richard, course=course, weekdays=[TUE], count=1)
    # when this hub's builder proposes six weeks
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = services.proposal_create(
            hub=hub,
            actor=coordinator,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=6, days=-1),
            seconds=5,
        )
    proposal.refresh_from_db()
    # then the other hub's Tuesdays are avoided, its sessions do not count to this hub's
    # weekly maximum, and nothing of the other edition shows
    days = [s.starts_at.date() for s in proposal.sessions.filter(edition=ours)]
    assert len(days) == 3 and all(d.weekday() == THU for d in days)
    assert not proposal.sessions.filter(edition=blocked).exists()
    client = TestCase.client_class()
    client.force_login(coordinator)
    page = client.get(reverse("backoffice:proposal", args=[hub.slug, proposal.pk])).content.decode()
    assert blocked.code in page  # explained …
    for leak in ("Geheime maatwerkcursus", secret.code, str(secret.course.title)):
        assert leak not in page and leak not in str(proposal.explanations)


def test_the_builder_keeps_to_the_requests_earliest_start_and_latest_end():
    # given a weekly Tuesday course that may only run from 19 Jan to 9 Feb 2027
    hub = HubFactory()
    trainer = PersonFactory()
    edition = waiting_edition(
        hub,
        trainer=trainer,
        weekdays=[TUE],
        earliest=dt.date(2027, 1, 19),
        latest=dt.date(2027, 2, 9),
    )
    # when the builder plans the whole of January and February
    _built, plan = _plan(hub, dt.date(2027, 1, 4), dt.date(2027, 2, 28))
    # then all three sessions fall inside the edition's own period
    days = _days(plan, edition)
    assert len(days) == 3
    assert all(dt.date(2027, 1, 19) <= day <= dt.date(2027, 2, 9) for day in days)
