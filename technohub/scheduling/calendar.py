"""The calendar of closed days: Dutch public holidays, a hub's own closed days and, for
courses for school students, the school holidays of the hub's region.

Sources (docs/agenda-builder.md, "Closed days"):

- public holidays: the `holidays` package (`holidays.country_holidays("NL")`, names in Dutch),
  which follows the Algemene termijnenwet. Liberation Day (5 May) is a public holiday there only
  every five years (as in most collective agreements); a hub is closed on it every year unless
  its `PlanningSettings.liberation_day` is off;
- school holidays: the same package's `school` category per region (noord / midden / zuid),
  from the official "Regeling vaststelling schoolvakanties" (rijksoverheid.nl), 2014–2030;
- a hub's own closed days: its `ClosedPeriod`s.

A course is *for school students* when its delivery model is "school course"
(`for_students`); only then do the school holidays of the hub's region close days for it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from technohub.catalogue.models import Course
from technohub.hubs.models import Hub
from technohub.scheduling.models import ClosedPeriod, PlanningSettings, SchoolRegion

# Our region codes → the `holidays` package's subdivisions.
SUBDIVISIONS = {
    SchoolRegion.NOORD: "Noord",
    SchoolRegion.MIDDEN: "Midden",
    SchoolRegion.ZUID: "Zuid",
}
LIBERATION_DAY = "Bevrijdingsdag"


@lru_cache(maxsize=64)
def _public(year: int, liberation_day: bool) -> tuple[tuple[dt.date, str], ...]:
    days = dict(holidays.country_holidays("NL", years=year, language="nl"))
    if liberation_day:
        days.setdefault(dt.date(year, 5, 5), LIBERATION_DAY)
    return tuple(sorted(days.items()))


@lru_cache(maxsize=64)
def _school(year: int, region: str) -> tuple[tuple[dt.date, str], ...]:
    days = holidays.country_holidays(
        "NL", subdiv=SUBDIVISIONS[region], years=year, categories=("school",), language="nl"
    )
    return tuple(sorted(days.items()))


def _years(start: dt.date, end: dt.date) -> range:
    return range(start.year, end.year + 1)


def public_holidays(
    *, start: dt.date, end: dt.date, liberation_day: bool = True
) -> dict[dt.date, str]:
    """Dutch public holidays from `start` to `end` (inclusive), with their Dutch names."""
    return {
        day: name
        for year in _years(start, end)
        for day, name in _public(year, liberation_day)
        if start <= day <= end
    }


def school_holidays(*, start: dt.date, end: dt.date, region: str) -> dict[dt.date, str]:
    """The school holidays of a region (noord / midden / zuid), every day of them."""
    if region not in SUBDIVISIONS:
        return {}
    return {
        day: name
        for year in _years(start, end)
        for day, name in _school(year, region)
        if start <= day <= end
    }


def settings_of(hub: Hub) -> PlanningSettings:
    """The hub's planning settings (unsaved defaults when it has none yet)."""
    found = PlanningSettings.objects.filter(hub=hub).first()
    return found if found is not None else PlanningSettings(hub=hub)


def for_students(course: Course) -> bool:
    """A course for school students: its delivery model is "school course"."""
    return course.delivery_model == Course.DeliveryModel.SCHOOL_COURSE


def school_region_for(*, course: Course, settings: PlanningSettings | None = None) -> str | None:
    """The school-holiday region that closes days for this course, if any."""
    if not for_students(course):
        return None
    settings = settings if settings is not None else settings_of(course.hub)
    return settings.school_region or None


def closed_days(
    *,
    hub: Hub,
    start: dt.date,
    end: dt.date,
    school_region: str | None = None,
    settings: PlanningSettings | None = None,
) -> dict[dt.date, str]:
    """Every closed day from `start` to `end` (inclusive) → its Dutch name, in date order.

    A day that is closed for more than one reason keeps the first name: a public holiday, then
    the hub's own closed period, then the school holiday.
    """
    if end < start:
        return {}
    settings = settings if settings is not None else settings_of(hub)
    days = public_holidays(start=start, end=end, liberation_day=settings.liberation_day)
    periods = ClosedPeriod.objects.filter(hub=hub, starts_on__lte=end, ends_on__gte=start)
    for period in periods.order_by("starts_on", "pk"):
        day = max(start, period.starts_on)
        while day <= min(end, period.ends_on):
            days.setdefault(day, period.name)
            day += dt.timedelta(days=1)
    if school_region:
        for day, name in school_holidays(start=start, end=end, region=school_region).items():
            days.setdefault(day, name)
    return dict(sorted(days.items()))


def is_closed(hub: Hub, day: dt.date, *, school_region: str | None = None) -> bool:
    return day in closed_days(hub=hub, start=day, end=day, school_region=school_region)


def next_open_day(
    hub: Hub, after: dt.date, *, school_region: str | None = None, weekdays=range(5)
) -> dt.date:
    """The first day on or after `after` that is a working day (Monday–Friday by default)
    and not closed."""
    closed = closed_days(
        hub=hub, start=after, end=after + dt.timedelta(days=366), school_region=school_region
    )
    day = after
    while day.weekday() not in weekdays or day in closed:
        day += dt.timedelta(days=1)
    return day


def as_ranges(days: dict[dt.date, str]) -> list[tuple[str, dt.date, dt.date]]:
    """Consecutive days with the same name as (name, first, last), for lists on a page."""
    result: list[list] = []
    for day, name in sorted(days.items()):
        if result and result[-1][0] == name and result[-1][2] + dt.timedelta(days=1) == day:
            result[-1][2] = day
        else:
            result.append([name, day, day])
    return [(name, first, last) for name, first, last in result]


def suggested_first_day(
    hub: Hub, *, today: dt.date, weeks_ahead: int = 4, weekday: int | None = None
) -> dt.date:
    """A default first day for a new edition: at least `weeks_ahead` weeks from today, on
    `weekday` (else any working day), not closed, and outside the school holidays of the hub's
    region (the weeks most learners are away, e.g. between Christmas and New Year)."""
    earliest = today + dt.timedelta(weeks=weeks_ahead)
    settings = settings_of(hub)
    horizon = earliest + dt.timedelta(days=366)
    closed = closed_days(hub=hub, start=earliest, end=horizon, settings=settings)
    if settings.school_region:
        school = school_holidays(start=earliest, end=horizon, region=settings.school_region)
        closed = {**school, **closed}
    allowed = range(5) if weekday is None else (weekday,)
    day = earliest
    while day.weekday() not in allowed or day in closed:
        day += dt.timedelta(days=1)
        if day > horizon:
            return earliest
    return day
