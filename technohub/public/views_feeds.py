"""iCalendar (RFC 5545) feeds: a hub's sessions, a course's sessions, a person's own sessions."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from technohub.catalogue import selectors
from technohub.catalogue.ical import calendar_for
from technohub.enrolment.selectors import sessions_of_person
from technohub.hubs.models import Person

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, *, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
    else:
        response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def hub_feed(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = get_object_or_404(selectors.public_hubs(), slug=hub_slug)
    sessions = selectors.agenda_sessions(hub=hub, include_cancelled=True)
    return _ics(calendar_for(sessions, name=hub.name), filename=f"{hub.slug}.ics")


@require_GET
def course_feed(request: HttpRequest, hub_slug: str, course_slug: str) -> HttpResponse:
    course = selectors.public_course(hub_slug=hub_slug, course_slug=course_slug)
    if course is None:
        raise Http404
    sessions = selectors.agenda_sessions(course=course, include_cancelled=True)
    name = f"{course.title} ({course.hub.name})"
    return _ics(calendar_for(sessions, name=name), filename=f"{course.slug}.ics")


@require_GET
def person_feed(request: HttpRequest, feed_token: str) -> HttpResponse:
    """A person's own agenda, by the secret token in the address (calendar apps cannot log in)."""
    person = Person.objects.filter(feed_token=feed_token).only("pk").first()
    if person is None:
        raise Http404
    sessions = sessions_of_person(person_id=person.pk, include_cancelled=True)
    return _ics(
        calendar_for(sessions, name=_("My TechnoHUB agenda")),
        filename="technohub.ics",
        private=True,
    )
