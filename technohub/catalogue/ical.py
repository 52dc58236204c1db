"""iCalendar (RFC 5545) calendars of sessions, built with the `icalendar` library.

A session keeps one UID for its life; every change a calendar must see raises its SEQUENCE
(`Session.sequence`, raised by the scheduling service) and its LAST-MODIFIED/DTSTAMP follow
`Session.changed_at`. A cancelled session (or a session of a cancelled edition) is an event
with STATUS:CANCELLED, not a vanished one: calendar apps then strike it out. Feeds are
METHOD:PUBLISH; the mails about a change carry METHOD:REQUEST (or METHOD:CANCEL), RFC 5546.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from technohub.catalogue.models import Session

PRODID = "-//TechnoHUB//technohub//NL"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@technohub"


def is_cancelled(session: Session) -> bool:
    return (
        session.status == Session.Status.CANCELLED
        or session.edition.status == session.edition.Status.CANCELLED
    )


def calendar_for(
    sessions: Iterable[Session], *, name: str, method: str = "PUBLISH", organizer: str = ""
) -> bytes:
    """A VCALENDAR with one VEVENT per session. Sessions should have edition__course and place.

    `method`: PUBLISH (feeds, attachments), REQUEST (a change mail) or CANCEL (a cancellation
    mail: every event in it is cancelled)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    for session in sessions:
        stamp = session.changed_at or now
        edition = session.edition
        course = edition.course
        place = session.place or edition.location
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", session.sequence)
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
        if organizer:  # RFC 5546: a REQUEST/CANCEL names its organizer
            event.add("organizer", f"mailto:{organizer}")
        cancelled = method == "CANCEL" or is_cancelled(session)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
