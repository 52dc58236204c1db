"""Public reads of the catalogue: what anyone may see, without logging in.

Only editions with status *published* or *running* are ever public (never draft, cancelled or
completed). Every selector returns querysets with their relations loaded, so that a page needs a
small, constant number of queries whatever the number of results.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from technohub.catalogue.models import EVENING_FROM, Course, Edition, Place, Session
from technohub.catalogue.search import filter_courses, search_terms
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs.models import Hub, Sector

PUBLIC_STATUSES = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
# A course page stays reachable (links in old mails and feeds) once an edition was public.
COURSE_PAGE_STATUSES = (*PUBLIC_STATUSES, Edition.Status.COMPLETED)
DEFAULT_DAYS_GOAL = 4
DAYTIME = "day"
EVENING = "evening"

# What a list of courses shows (public/_catalogue_body.html): a page reads nothing else.
LIST_FIELDS = (
    "hub",
    "title",
    "slug",
    "summary",
    "sector",
    "level",
    "format",
    "study_hours",
    "member_price",
    "hub__name",
    "hub__slug",
    "sector__name",
)
LIST_RELATED = ("hub", "sector")
LIST_EDITION_FIELDS = ("course", "starts_on", "capacity", "status")
CATALOGUE_ORDER = (F("next_start").asc(nulls_last=True), "title", "pk")

_SESSION_RELATED = ("edition__course", "edition__hub", "edition__location", "place")


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the site's time zone (Europe/Amsterdam), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.isoweekday() - 1)


def _upcoming(at: dt.datetime, prefix: str = "") -> Q:
    """An edition with a session still to come, or one without sessions yet that has not ended.

    Decided on the edition row: `last_session_at` (the start of its last session, None without
    sessions) is kept in step with the sessions by catalogue.services. `prefix` reaches the
    edition through a relation, e.g. "editions__" from a course.
    """
    return Q(**{f"{prefix}last_session_at__gte": at}) | Q(
        **{
            f"{prefix}last_session_at__isnull": True,
            f"{prefix}ends_on__gte": timezone.localdate(at),
        }
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


def _session_conditions(
    *,
    at: dt.datetime,
    weekday: int | None,
    daytime: str,
    place_kind: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    prefix: str = "",
    edition: str = "edition__",
) -> Q:
    """Future sessions of public editions that meet the session-level filters.

    `prefix`/`edition` reach the session and its edition through relations: ""/"edition__"
    from a session, "editions__sessions__"/"editions__" from a course (in one `filter()` call,
    every condition then applies to one and the same session row).
    """
    start = at
    if date_from is not None:
        start = max(start, local_midnight(date_from))
    conditions = Q(
        **{
            f"{edition}status__in": PUBLIC_STATUSES,
            f"{prefix}starts_at__gte": start,
            f"{prefix}status": Session.Status.SCHEDULED,  # a join ignores the default manager
        }
    )
    if date_to is not None:
        end = local_midnight(date_to + dt.timedelta(days=1))
        conditions &= Q(**{f"{prefix}starts_at__lt": end})
    if weekday:
        conditions &= Q(**{f"{prefix}starts_at__iso_week_day": weekday})
    if daytime == EVENING:
        conditions &= Q(**{f"{prefix}starts_at__time__gte": EVENING_FROM})
    elif daytime == DAYTIME:
        conditions &= Q(**{f"{prefix}starts_at__time__lt": EVENING_FROM})
    if place_kind:
        conditions &= Q(**{f"{prefix}place__kind": place_kind}) | Q(
            **{f"{prefix}place__isnull": True, f"{edition}location__kind": place_kind}
        )
    return conditions


def catalogue_search(*, at: dt.datetime | None = None, **filters: Any) -> QuerySet[Course]:
    """Courses with an upcoming public edition that matches the search and every filter
    (keyword arguments of `_catalogue`: q, hub, sector, level, format, weekday, daytime,
    place_kind, date_from, date_to, free_for_members).

    `q` is Dutch full-text search with prefixes ("lass" finds "Basiscursus lassen").
    Session filters (ISO `weekday` 1-7, `daytime` "day"/"evening", `place_kind`, the period
    `date_from`..`date_to`) need one future session of the edition that meets them all.

    Each course is annotated with `next_start` (its first matching future session) and
    `catalogue_total` (the number of courses found, the same on every row), and carries
    `public_editions`: its matching editions with seat counts (prefetched in one query, for the
    courses fetched only). Soonest first, then by title. Whole courses with hub, sector and
    provider; for a page of a list use `catalogue_page`, which reads only what a list shows.
    """
    courses, shown_editions = _catalogue(at=at or timezone.now(), **filters)
    return (
        courses.annotate(catalogue_total=Window(Count("pk")))
        .select_related("hub", "sector", "provider")
        .prefetch_related(Prefetch("editions", queryset=shown_editions, to_attr="public_editions"))
        .order_by(*CATALOGUE_ORDER)
    )


def catalogue_page(*, number: int | str | None = 1, per_page: int = 20, **filters: Any) -> Page:
    """One page of the courses `catalogue_search(**filters)` finds, in two small queries.

    1. The page's course ids with their `next_start`, `edition_count` (matching editions) and
       the number of courses found, from one grouped query over course ids/titles and edition
       rows (a window count over the groups: no second scan to count the pages).
    2. Their first matching edition (by first day) with seat counts, as `first_edition`, with
       the course, its hub and sector: only the columns the list shows.

    Like `Paginator.get_page`, a page number that is not a number gives the first page, one
    past the end the last page.
    """
    courses, shown_editions = _catalogue(**{"at": timezone.now(), **filters})
    rows = (
        courses.annotate(catalogue_total=Window(Count("pk")))
        .order_by(*CATALOGUE_ORDER)
        .values_list("pk", "next_start", "edition_count", "catalogue_total")
    )
    try:
        number = max(1, int(number or 1))
    except (TypeError, ValueError):
        number = 1
    found = list(rows[(number - 1) * per_page : number * per_page])
    # Nothing on this page: nothing found, or a page past the end (count, show the last page).
    total = found[0][3] if found else (courses.count() if number > 1 else 0)
    paginator = Paginator(Course.objects.none(), per_page)
    paginator.count = total  # known already: the paginator runs no COUNT query
    if not found and total:
        number = paginator.num_pages
        found = list(rows[(number - 1) * per_page : number * per_page])
    ids = [row[0] for row in found]
    # Each course's first matching edition (by first day) with seat counts, and the course with
    # it (select_related): one query. Fields: what a list shows.
    related = [f"course__{name}" for name in LIST_FIELDS]
    first_editions = (
        shown_editions.select_related(None)
        .select_related(*(f"course__{name}" for name in LIST_RELATED))
        .only(*LIST_EDITION_FIELDS, *related)
        .filter(course__in=ids)
        .annotate(
            place_in_course=Window(
                RowNumber(), partition_by=F("course_id"), order_by=(F("starts_on"), F("pk"))
            )
        )
        .filter(place_in_course=1)
    )
    by_id = {}
    for edition in first_editions if ids else ():
        by_id[edition.course_id] = edition.course
        edition.course.first_edition = edition
    missing = set(ids) - by_id.keys()
    if missing:  # their editions changed since the first query: show them without one
        courses = Course.objects.only(*LIST_FIELDS).select_related(*LIST_RELATED)
        for course in courses.filter(pk__in=missing):
            by_id[course.pk], course.first_edition = course, None
    page = []
    for pk, next_start, edition_count, _ in found:
        if pk not in by_id:  # deleted since the first query
            continue
        course = by_id[pk]
        course.next_start, course.edition_count, course.catalogue_total = (
            next_start,
            edition_count,
            total,
        )
        page.append(course)
    return Page(page, number, paginator)


def _matching(courses: QuerySet[Course], q: str) -> QuerySet[Course]:
    """Courses matching every term of `q`, as `search.filter_courses` finds them.

    On PostgreSQL the match is a condition on the course row itself, the very expression of the
    GIN index (migration 0003), not `id IN (subquery)`: the planner then reads the matching
    courses once, and plans in a fraction of the time. Elsewhere: `filter_courses`.
    """
    terms = search_terms(q)
    if not terms or connection.vendor != "postgresql":
        return filter_courses(courses, q)
    tsquery = " & ".join(f"{term}:*" for term in terms)
    table = Course._meta.db_table
    match = RawSQL(  # noqa: S611 - the query is a bound parameter
        f"to_tsvector('dutch', {table}.search_text) @@ to_tsquery('dutch', %s)",
        [tsquery],
        output_field=BooleanField(),
    )
    return courses.filter(match)


def _catalogue(
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
    at: dt.datetime,
) -> tuple[QuerySet[Course], QuerySet[Edition]]:
    """The matching courses grouped with their matching editions (annotated `next_start`), and
    the queryset of matching editions with seat counts that a course shows.

    An edition is public and upcoming by its own row (`status`, `last_session_at`, `ends_on`);
    the sessions are read only for editions that have started but not ended (to find their next
    session), and when a session filter is given (then one join course -> edition -> session,
    every condition on the same session row).
    """
    courses = Course.objects.all()
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
    courses = _matching(courses, q)

    session_filters = {
        "at": at,
        "weekday": weekday,
        "daytime": daytime,
        "place_kind": place_kind,
        "date_from": date_from,
        "date_to": date_to,
    }
    editions = Edition.objects.filter(status__in=PUBLIC_STATUSES)
    if any((weekday, daytime, place_kind, date_from, date_to)):
        conditions = _session_conditions(
            **session_filters, prefix="editions__sessions__", edition="editions__"
        )
        courses = courses.filter(conditions).annotate(
            next_start=Min("editions__sessions__starts_at"),
            edition_count=Count("editions", distinct=True),
        )
        sessions = Session.objects.filter(_session_conditions(**session_filters))
        editions = editions.filter(Exists(sessions.filter(edition=OuterRef("pk"))))
    else:
        started = Session.objects.filter(edition=OuterRef("editions__pk"), starts_at__gte=at)
        next_session = Case(
            When(editions__first_session_at__gte=at, then=F("editions__first_session_at")),
            When(  # started but not over: look up its next session
                editions__last_session_at__gte=at,
                then=Subquery(started.order_by("starts_at").values("starts_at")[:1]),
            ),
        )
        courses = courses.filter(
            Q(editions__status__in=PUBLIC_STATUSES) & _upcoming(at, prefix="editions__")
        ).annotate(next_start=Min(next_session), edition_count=Count("editions"))
        editions = editions.filter(_upcoming(at))
    shown_editions = with_seat_counts(editions).select_related("location").order_by("starts_on")
    return courses, shown_editions


# --- agenda and feeds -------------------------------------------------------------------------


def agenda_sessions(
    *,
    hub: Hub | None = None,
    start: dt.date | dt.datetime | None = None,
    end: dt.date | dt.datetime | None = None,
    course: Course | None = None,
    include_cancelled: bool = False,
) -> QuerySet[Session]:
    """Sessions of public editions starting in [start, end); dates are local (Amsterdam) days.

    `include_cancelled`: also the cancelled sessions (feeds show them as cancelled, so that a
    subscribed calendar strikes them out instead of keeping a stale copy)."""
    manager = Session.all_objects if include_cancelled else Session.objects
    sessions = manager.filter(edition__status__in=PUBLIC_STATUSES)
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
