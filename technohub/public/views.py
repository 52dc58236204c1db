"""The public site: home, catalogue, course pages, agenda. No login needed; only public data."""

import calendar
import datetime as dt
import hashlib
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from technohub.catalogue import selectors
from technohub.public.forms import CatalogueFilterForm
from technohub.web.forms import MAX_DATE
from technohub.web.params import iso_week_param, month_param, page_param

PAGE_SIZE = 20
# The last week the agenda shows (the week views link to the next week and show 8 more).
LAST_MONDAY = MAX_DATE - dt.timedelta(days=MAX_DATE.weekday() + 7 * 10)
HOME_SESSIONS = 8
COVERAGE_WEEKS = 8
# How long an anonymous visitor's catalogue page (with its seat counts) may be served from cache.
CATALOGUE_CACHE_SECONDS = getattr(settings, "CATALOGUE_CACHE_SECONDS", 30)


def _hub_or_404(slug: str | None):
    if not slug:
        return None
    return get_object_or_404(selectors.public_hubs(), slug=slug)


def _by_local_day(sessions) -> dict[dt.date, list]:
    days: dict[dt.date, list] = defaultdict(list)
    for session in sessions:
        days[timezone.localtime(session.starts_at).date()].append(session)
    return days


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    hubs = list(selectors.public_hubs())
    sessions = selectors.agenda_sessions(start=timezone.now())[:HOME_SESSIONS]
    return render(
        request,
        "public/home.html",
        {"hubs": hubs, "sessions": sessions, "many_hubs": len(hubs) > 1},
    )


def _assets() -> dict[str, str]:
    return {"public_css": static("css/public.css"), "public_js": static("js/public.js")}


def _catalogue_cache_key(request: HttpRequest) -> str:
    """The same parameters (in any order) in the same language share one cached page."""
    params = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(params.encode()).hexdigest()[:32]
    return f"public:catalogue:{translation.get_language()}:{digest}"


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue. Its content is the same for everyone and holds no CSRF token, so an
    anonymous visitor's copy is cached for CATALOGUE_CACHE_SECONDS (seats shown may be that old;
    a course page always counts them live). Logged-in visitors always get a fresh one."""
    key = None if request.user.is_authenticated else _catalogue_cache_key(request)
    cached = cache.get(key) if key else None
    if cached is not None:
        return render(request, "public/catalogue.html", {**cached, **_assets()})
    hubs = list(selectors.public_hubs())
    form = CatalogueFilterForm(request.GET or None, hubs=hubs)
    filters = form.filters()
    page = selectors.catalogue_page(number=page_param(request), per_page=PAGE_SIZE, **filters)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "hub": filters["hub"],
        "query": query.urlencode(),
        "filtered": any(v for k, v in filters.items() if k != "hub"),
        "many_hubs": len(hubs) > 1,
    }
    # Rendered without the request: no context processors, nothing per user can get in.
    hub = filters["hub"]
    shown = {
        "body": render_to_string("public/_catalogue_body.html", context),
        "title": _("Courses of %(name)s") % {"name": hub.name} if hub else _("Courses"),
    }
    if key and not form.errors:
        cache.set(key, shown, CATALOGUE_CACHE_SECONDS)
    return render(request, "public/catalogue.html", {**context, **shown, **_assets()})


@require_GET
def course_detail(request: HttpRequest, hub_slug: str, course_slug: str) -> HttpResponse:
    course = selectors.public_course(hub_slug=hub_slug, course_slug=course_slug)
    if course is None:
        raise Http404
    editions = list(selectors.public_editions(course=course, with_sessions=True))
    now = timezone.now()
    return render(
        request,
        "public/course_detail.html",
        {
            "course": course,
            "hub": course.hub,
            "editions": [(e, e.enrolment_is_open(now)) for e in editions],
            "now": now,
        },
    )


def _parse_week(request: HttpRequest) -> dt.date:
    """Monday of the ISO week `?week=YYYY-Www`; this week when missing or not a week; the 400
    page for a week out of the sane range (technohub.web.params)."""
    return iso_week_param(
        request, "week", default=selectors.monday_of(timezone.localdate()), max=LAST_MONDAY
    )


def _iso(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_of_week(monday: dt.date, today: dt.date) -> dt.date:
    """The month the week view's "Month view" link opens (its first day): the month of today
    when the week holds today, else the month of the week's Thursday (the ISO 8601 rule, so a
    week spanning two months opens the month that has most of its days)."""
    if monday <= today < monday + dt.timedelta(days=7):
        return today.replace(day=1)
    return (monday + dt.timedelta(days=3)).replace(day=1)


def week_of_month(first: dt.date, today: dt.date) -> dt.date:
    """The Monday of the week the month view's "Week view" link opens: this week in the
    current month, else the first week whose Thursday lies in the month (ISO 8601)."""
    if (first.year, first.month) == (today.year, today.month):
        return selectors.monday_of(today)
    monday = selectors.monday_of(first)
    thursday = monday + dt.timedelta(days=3)
    return monday if thursday.month == first.month else monday + dt.timedelta(days=7)


def _coverage(hub, hubs):
    if hub is not None:
        return [selectors.week_coverage(hub=hub, weeks=COVERAGE_WEEKS)]
    return selectors.hubs_coverage(hubs=hubs, weeks=COVERAGE_WEEKS)


@require_GET
def agenda_week(request: HttpRequest) -> HttpResponse:
    hubs = list(selectors.public_hubs())
    hub = _hub_or_404(request.GET.get("hub"))
    monday = _parse_week(request)
    end = monday + dt.timedelta(days=7)
    by_day = _by_local_day(selectors.agenda_sessions(hub=hub, start=monday, end=end))
    today = timezone.localdate()
    days = [
        (day, by_day.get(day, []), day == today)
        for day in (monday + dt.timedelta(days=i) for i in range(7))
    ]
    return render(
        request,
        "public/agenda_week.html",
        {
            "hub": hub,
            "hubs": hubs,
            "days": days,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "week_number": monday.isocalendar()[1],
            "week": _iso(monday),
            "previous_week": _iso(monday - dt.timedelta(days=7)),
            "next_week": _iso(end),
            "this_week": _iso(today),
            "month": month_of_week(monday, today).strftime("%Y-%m"),
            "empty": not by_day,
            "show_hub": hub is None and len(hubs) > 1,
            "coverages": _coverage(hub, hubs),
            "coverage_weeks": COVERAGE_WEEKS,
        },
    )


def _parse_month(request: HttpRequest) -> dt.date:
    """The first of the month `?month=YYYY-MM`; this month when missing or not a month."""
    return month_param(request, "month", default=timezone.localdate().replace(day=1))


@require_GET
def agenda_month(request: HttpRequest) -> HttpResponse:
    hubs = list(selectors.public_hubs())
    hub = _hub_or_404(request.GET.get("hub"))
    first = _parse_month(request)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    start = selectors.monday_of(first)
    end = selectors.monday_of(last) + dt.timedelta(days=7)
    by_day = _by_local_day(selectors.agenda_sessions(hub=hub, start=start, end=end))
    today = timezone.localdate()
    weeks = []
    day = start
    while day < end:
        weeks.append(
            [
                (d, by_day.get(d, []), d.month == first.month, d == today)
                for d in (day + dt.timedelta(days=i) for i in range(7))
            ]
        )
        day += dt.timedelta(days=7)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return render(
        request,
        "public/agenda_month.html",
        {
            "hub": hub,
            "hubs": hubs,
            "first": first,
            "weeks": weeks,
            "month": first.strftime("%Y-%m"),
            "previous_month": previous.strftime("%Y-%m"),
            "next_month": following.strftime("%Y-%m"),
            "this_month": today.strftime("%Y-%m"),
            "week": _iso(week_of_month(first, today)),
            "empty": not by_day,
            "coverages": _coverage(hub, hubs),
            "coverage_weeks": COVERAGE_WEEKS,
        },
    )
