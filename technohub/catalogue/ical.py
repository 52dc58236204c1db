"""iCalendar (RFC 5545) calendars of sessions, built with the `icalendar` library."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from technohub.catalogue.models import Session

PRODID = "-//TechnoHUB//technohub//NL"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@technohub"


def calendar_for(sessions: Iterable[Session], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per session. Sessions should have edition__course and place."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for session in sessions:
        edition = session.edition
        course = edition.course
        place = session.place or edition.location
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        summary = course.title if not session.topic else f"{course.title}: {session.topic}"
        event.add("summary", summary)
        if place is not None:
            event["location"] = vText(
                ", ".join(p for p in (place.name, place.address, place.city) if p)
            )
        event.add("description", course.summary)
        event.add("url", f"{settings.SITE_URL}/cursussen/{edition.hub.slug}/{course.slug}/")
        event.add(
            "status", "CANCELLED" if edition.status == edition.Status.CANCELLED else "CONFIRMED"
        )
        cal.add_component(event)
    return cal.to_ical()
