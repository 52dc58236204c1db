import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue import selectors
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.catalogue.tests.helpers import local
from technohub.hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2031, 3, 3)  # a Monday, far enough ahead to be "coming"


def sessions_on(edition, *days, hour=19):
    for day in days:
        start = local(day, hour)
        SessionFactory(edition=edition, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def day(week: int, weekday: int) -> dt.date:
    """ISO weekday 1-7 of week `week` (0 = the week of MONDAY)."""
    return MONDAY + dt.timedelta(weeks=week, days=weekday - 1)


def test_counts_distinct_days_per_week_including_a_multi_session_week():
    # given a hub with a goal of 4 days and a course that meets Mon, Tue (twice), Thu and Sat in
    # week 0, and only on Wednesday in week 1
    hub = HubFactory(days_per_week_goal=4)
    edition = EditionFactory(course__hub=hub, starts_on=MONDAY, ends_on=day(1, 3))
    sessions_on(edition, day(0, 1), day(0, 2), day(0, 4), day(0, 6), day(1, 3))
    sessions_on(edition, day(0, 2), hour=9)  # a second session on Tuesday counts once
    # when
    coverage = selectors.week_coverage(hub=hub, weeks=8, start=MONDAY)
    # then
    assert len(coverage.weeks) == 8
    first, second = coverage.weeks[0], coverage.weeks[1]
    assert first.days == (True, True, False, True, False, True, False)
    assert (first.covered, first.met) == (4, True)
    assert second.days == (False, False, True, False, False, False, False)
    assert (second.covered, second.met) == (1, False)
    assert [w.covered for w in coverage.weeks[2:]] == [0] * 6
    assert coverage.weeks_met == 1
    assert coverage.goal == 4
    assert first.iso == "2031-W10" and first.start == MONDAY


def test_only_published_and_running_editions_count():
    hub = HubFactory()
    for status, weekday in [
        (Edition.Status.PUBLISHED, 1),
        (Edition.Status.RUNNING, 2),
        (Edition.Status.DRAFT, 3),
        (Edition.Status.CANCELLED, 4),
        (Edition.Status.COMPLETED, 5),
    ]:
        edition = EditionFactory(course__hub=hub, status=status, starts_on=MONDAY, ends_on=MONDAY)
        sessions_on(edition, day(0, weekday))
    coverage = selectors.week_coverage(hub=hub, weeks=1, start=MONDAY)
    assert coverage.weeks[0].days == (True, True, False, False, False, False, False)


def test_days_are_local_amsterdam_days():
    # a session at 00:30 on Tuesday, Amsterdam time, is Monday 22:30 or 23:30 in UTC
    hub = HubFactory()
    edition = EditionFactory(course__hub=hub, starts_on=MONDAY, ends_on=MONDAY)
    start = local(day(0, 2), 0, 30)
    SessionFactory(edition=edition, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    coverage = selectors.week_coverage(hub=hub, weeks=1, start=MONDAY)
    assert coverage.weeks[0].days == (False, True, False, False, False, False, False)


def test_other_hubs_do_not_count_and_goal_is_the_hubs():
    hub, other = HubFactory(days_per_week_goal=2), HubFactory()
    mine = EditionFactory(course__hub=hub, starts_on=MONDAY, ends_on=MONDAY)
    theirs = EditionFactory(course__hub=other, starts_on=MONDAY, ends_on=MONDAY)
    sessions_on(mine, day(0, 1), day(0, 7))
    sessions_on(theirs, day(0, 3), day(0, 4), day(0, 5))
    coverage = selectors.week_coverage(hub=hub, weeks=1, start=MONDAY)
    assert coverage.weeks[0].covered == 2 and coverage.weeks[0].met
    all_hubs = selectors.week_coverage(weeks=1, start=MONDAY)
    assert all_hubs.goal == 4 and all_hubs.weeks[0].covered == 5


def test_start_mid_week_begins_at_that_weeks_monday():
    coverage = selectors.week_coverage(hub=HubFactory(), weeks=2, start=day(0, 4))
    assert [w.start for w in coverage.weeks] == [MONDAY, MONDAY + dt.timedelta(weeks=1)]


def test_default_start_is_this_week():
    coverage = selectors.week_coverage(hub=HubFactory())
    today = timezone.localdate()
    assert coverage.weeks[0].start <= today <= coverage.weeks[0].end
    assert len(coverage.weeks) == 8


def test_hubs_coverage_is_one_query_for_all_hubs(django_assert_num_queries):
    hubs = [HubFactory(), HubFactory(days_per_week_goal=1)]
    edition = EditionFactory(course__hub=hubs[1], starts_on=MONDAY, ends_on=MONDAY)
    sessions_on(edition, day(0, 5))
    with django_assert_num_queries(1):
        result = selectors.hubs_coverage(hubs=hubs, weeks=8, start=MONDAY)
    assert [c.weeks[0].covered for c in result] == [0, 1]
    assert [c.weeks_met for c in result] == [0, 1]
