"""Public reads of the catalogue: what anyone may see, without logging in.

Only editions with status *published* or *running* are ever public (never draft, cancelled or
completed). Every selector returns querysets with their relations loaded, so that a page needs a
small, constant number of queries whatever the number of results.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from technohub.catalogue.models import EVENING_FROM, Course, Edition, Place, Session
from technohub.catalogue.search import filter_courses
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs.models import Hub, Sector

PUBLIC_STATUSES = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
# A course page stays reachable (links in old mails and feeds) once an edition was public.
COURSE_PAGE_STATUSES = (*PUBLIC_STATUSES, Edition.Status.COMPLETED)
DEFAULT_DAYS_GOAL = 4
DAYTIME = "day"
EVENING = "evening"

_SESSION_RELATED = ("edition__course", "edition__hub", "edition__location", "place")


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the site's time zone (Europe/Amsterdam), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.isoweekday() - 1)


def _upcoming(at: dt.datetime) -> Q:
    """An edition with a session still to come, or one without sessions yet that has not ended."""
    sessions = Session.objects.filter(edition=OuterRef("pk"))
    return Q(Exists(sessions.filter(starts_at__gte=at))) | (
        Q(ends_on__gte=timezone.localdate(at)) & ~Q(Exists(sessions))
    )


# --- hubs -------------------------------------------------------------------------------------


def public_hubs() -> QuerySet[Hub]:
    """The hubs on this installation, by name."""
    return Hub.objects.order_by("name")


# --- editions and courses ---------------------------------------------------------------------


def public_editions(
    *,
    hub: Hub | None = None,
    course: Course | None = None,
    upcoming: bool = True,
    at: dt.datetime | None = None,
    with_sessions: bool = False,
) -> QuerySet[Edition]:
    """Published and running editions (upcoming ones by default), with seat counts.

    Annotated by `with_seat_counts`: `seats_taken`, `seats_left`, `waitlist_length`.
    With `with_sessions`, each edition's sessions (and their places) are prefetched.
    """
    editions = Edition.objects.filter(status__in=PUBLIC_STATUSES)
    if hub is not None:
        editions = editions.filter(hub=hub)
    if course is not None:
        editions = editions.filter(course=course)
    if upcoming:
        editions = editions.filter(_upcoming(at or timezone.now()))
    editions = with_seat_counts(editions).select_related(
        "course__hub", "course__sector", "hub", "location"
    )
    if with_sessions:
        editions = editions.prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("place"))
        )
    return editions.order_by("starts_on", "id")


def public_courses(*, hub: Hub | None = None) -> QuerySet[Course]:
    """Courses that have (or had) a public edition: those may have a course page."""
    editions = Edition.objects.filter(course=OuterRef("pk"), status__in=COURSE_PAGE_STATUSES)
    courses = Course.objects.filter(Exists(editions))
    if hub is not None:
        courses = courses.filter(hub=hub)
    return courses.select_related("hub", "sector", "provider")


def public_course(*, hub_slug: str, course_slug: str) -> Course | None:
    """The course at /cursussen/<hub_slug>/<course_slug>/, or None when it is not public."""
    return public_courses().filter(hub__slug=hub_slug, slug=course_slug).first()


def _matching_sessions(
    *,
    at: dt.datetime,
    weekday: int | None,
    daytime: str,
    place_kind: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> QuerySet[Session]:
    """Future sessions of public editions that meet the session-level filters."""
    start = at
    if date_from is not None:
        start = max(start, local_midnight(date_from))
    sessions = Session.objects.filter(edition__status__in=PUBLIC_STATUSES, starts_at__gte=start)
    if date_to is not None:
        sessions = sessions.filter(starts_at__lt=local_midnight(date_to + dt.timedelta(days=1)))
    if weekday:
        sessions = sessions.filter(starts_at__iso_week_day=weekday)
    if daytime == EVENING:
        sessions = sessions.filter(starts_at__time__gte=EVENING_FROM)
    elif daytime == DAYTIME:
        sessions = sessions.filter(starts_at__time__lt=EVENING_FROM)
    if place_kind:
        sessions = sessions.filter(
            Q(place__kind=place_kind) | Q(place__isnull=True, edition__location__kind=place_kind)
        )
    return sessions


def catalogue_search(
    *,
    q: str = "",
    hub: Hub | None = None,
    sector: Sector | None = None,
    level: str = "",
    format: str = "",  # noqa: A002 - the course field's name
    weekday: int | None = None,
    daytime: str = "",
    place_kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    free_for_members: bool = False,
    at: dt.datetime | None = None,
) -> QuerySet[Course]:
    """Courses with an upcoming public edition that matches the search and every filter.

    `q` is Dutch full-text search with prefixes ("lass" finds "Basiscursus lassen").
    Session filters (ISO `weekday` 1-7, `daytime` "day"/"evening", `place_kind`, the period
    `date_from`..`date_to`) need one future session of the edition that meets them all.

    Each course is annotated with `next_start` (its first matching future session) and carries
    `public_editions`: its matching editions with seat counts (prefetched in one query).
    """
    at = at or timezone.now()
    sessions = _matching_sessions(
        at=at,
        weekday=weekday,
        daytime=daytime,
        place_kind=place_kind,
        date_from=date_from,
        date_to=date_to,
    )
    editions = Edition.objects.filter(status__in=PUBLIC_STATUSES)
    if any((weekday, daytime, place_kind, date_from, date_to)):
        editions = editions.filter(Exists(sessions.filter(edition=OuterRef("pk"))))
    else:
        editions = editions.filter(_upcoming(at))

    courses = Course.objects.filter(Exists(editions.filter(course=OuterRef("pk"))))
    if hub is not None:
        courses = courses.filter(hub=hub)
    if sector is not None:
        courses = courses.filter(sector=sector)
    if level:
        courses = courses.filter(level=level)
    if format:
        courses = courses.filter(format=format)
    if free_for_members:
        courses = courses.filter(member_price=0)
    courses = filter_courses(courses, q)

    next_session = (
        sessions.filter(edition__course=OuterRef("pk"), edition__in=editions)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    shown_editions = with_seat_counts(editions).select_related("location").order_by("starts_on")
    return (
        courses.annotate(next_start=Subquery(next_session))
        .select_related("hub", "sector", "provider")
        .prefetch_related(Prefetch("editions", queryset=shown_editions, to_attr="public_editions"))
        .order_by(F("next_start").asc(nulls_last=True), "title", "pk")
    )


# --- agenda and feeds -------------------------------------------------------------------------


def agenda_sessions(
    *,
    hub: Hub | None = None,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
    course: Course | None = None,
) -> QuerySet[Session]:
    """Sessions of public editions starting in [start, end); dates are local (Amsterdam) days."""
    sessions = Session.objects.filter(edition__status__in=PUBLIC_STATUSES)
    if hub is not None:
        sessions = sessions.filter(edition__hub=hub)
    if course is not None:
        sessions = sessions.filter(edition__course=course)
    if start is not None:
        if not isinstance(start, dt.datetime):
            start = local_midnight(start)
        sessions = sessions.filter(starts_at__gte=start)
    if end is not None:
        if not isinstance(end, dt.datetime):
            end = local_midnight(end)
        sessions = sessions.filter(starts_at__lt=end)
    return sessions.select_related(*_SESSION_RELATED).order_by("starts_at", "pk")


def place_of(session: Session) -> Place | None:
    return session.place or session.edition.location


# --- the 4-of-7 coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCoverage:
    """One ISO week: on which of its 7 days (Monday first) there is something to enrol in."""

    start: dt.date
    days: tuple[bool, ...]
    goal: int

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def covered(self) -> int:
        return sum(self.days)

    @property
    def met(self) -> bool:
        return self.covered >= self.goal

    @property
    def iso(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def number(self) -> int:
        return self.start.isocalendar()[1]

    @property
    def dates(self) -> list[tuple[dt.date, bool]]:
        return [(self.start + dt.timedelta(days=i), on) for i, on in enumerate(self.days)]


@dataclass(frozen=True)
class Coverage:
    """A hub's coverage over a number of weeks against its days-per-week goal."""

    hub: Hub | None
    goal: int
    weeks: list[WeekCoverage]

    @property
    def weeks_met(self) -> int:
        return sum(1 for week in self.weeks if week.met)


def _goal(hub: Hub | None) -> int:
    goal = hub.days_per_week_goal if hub is not None else DEFAULT_DAYS_GOAL
    return max(0, min(7, goal))


def _covered_days(
    *, hub_ids: Iterable[int] | None, start: dt.date, end: dt.date
) -> dict[int | None, set[dt.date]]:
    """{hub_id: local days with a session of a public edition} in [start, end), one query."""
    sessions = Session.objects.filter(
        edition__status__in=PUBLIC_STATUSES,
        starts_at__gte=local_midnight(start),
        starts_at__lt=local_midnight(end),
    )
    if hub_ids is not None:
        sessions = sessions.filter(edition__hub_id__in=list(hub_ids))
    rows = (
        sessions.annotate(day=TruncDate("starts_at"))
        .values_list("edition__hub_id", "day")
        .order_by()
        .distinct()
    )
    days: dict[int | None, set[dt.date]] = defaultdict(set)
    for hub_id, day in rows:
        days[hub_id].add(day)
        days[None].add(day)
    return days


def _weeks(start: dt.date, weeks: int, days: set[dt.date], goal: int) -> list[WeekCoverage]:
    result = []
    for w in range(weeks):
        monday = start + dt.timedelta(weeks=w)
        covered = tuple((monday + dt.timedelta(days=i)) in days for i in range(7))
        result.append(WeekCoverage(start=monday, days=covered, goal=goal))
    return result


def week_coverage(
    *, hub: Hub | None = None, weeks: int = 8, start: dt.date | None = None
) -> Coverage:
    """For each of `weeks` ISO weeks from the week of `start` (default: this week): on how many
    of the 7 days there is a session of a published or running edition (of `hub`, or of any hub),
    against the hub's `days_per_week_goal` (4 when no hub is given)."""
    monday = monday_of(start or timezone.localdate())
    end = monday + dt.timedelta(weeks=weeks)
    hub_ids = [hub.pk] if hub is not None else None
    days = _covered_days(hub_ids=hub_ids, start=monday, end=end)
    key = hub.pk if hub is not None else None
    goal = _goal(hub)
    return Coverage(hub=hub, goal=goal, weeks=_weeks(monday, weeks, days.get(key, set()), goal))


def hubs_coverage(
    *, hubs: Iterable[Hub], weeks: int = 8, start: dt.date | None = None
) -> list[Coverage]:
    """`week_coverage` for several hubs at once, in one query."""
    hubs = list(hubs)
    monday = monday_of(start or timezone.localdate())
    end = monday + dt.timedelta(weeks=weeks)
    days = _covered_days(hub_ids=[h.pk for h in hubs], start=monday, end=end)
    return [
        Coverage(
            hub=hub,
            goal=_goal(hub),
            weeks=_weeks(monday, weeks, days.get(hub.pk, set()), _goal(hub)),
        )
        for hub in hubs
    ]
