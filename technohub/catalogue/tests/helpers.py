"""Helpers to build public catalogue data in tests (days are counted from today, local time)."""

import datetime as dt

from django.utils import timezone

from technohub.catalogue.models import Edition, Place
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.hubs.models import Hub


def local(day: dt.date, hour: int = 19, minute: int = 0) -> dt.datetime:
    """An aware datetime at `hour:minute` on `day` in Europe/Amsterdam."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def edition_with_sessions(
    *,
    hub: Hub,
    days: list[int] | None = None,
    hour: int = 19,
    status: str = Edition.Status.PUBLISHED,
    place: Place | None = None,
    course=None,
    capacity: int = 12,
    **course_fields,
) -> Edition:
    """A course (unless given), one edition, a session at `hour`:00 on each of `days` from today."""
    days = days if days is not None else [7]
    course = course or CourseFactory(hub=hub, **course_fields)
    first, last = in_days(min(days)), in_days(max(days))
    extra = {"location": place} if place is not None else {}
    edition = EditionFactory(
        course=course, status=status, starts_on=first, ends_on=last, capacity=capacity, **extra
    )
    for n in days:
        start = local(in_days(n), hour)
        SessionFactory(
            edition=edition, starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30)
        )
    return edition
