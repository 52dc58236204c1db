import datetime as dt

import pytest
from icalendar import Calendar

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def parse(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            assert prop in event, prop
        assert isinstance(event.decoded("DTSTART"), dt.datetime)
    return events


def uids(events) -> set[str]:
    return {str(e["UID"]) for e in events}


def session_uids(*editions) -> set[str]:
    return {f"session-{s.pk}@technohub" for e in editions for s in e.sessions.all()}


def test_hub_feed_has_the_hubs_public_sessions(client, world):
    draft = edition_with_sessions(hub=world["hub"], status=Edition.Status.DRAFT)
    elsewhere = edition_with_sessions(hub=world["other_hub"])
    events = parse(client.get("/feeds/woerden.ics"))
    assert uids(events) == session_uids(world["edition"])
    assert not uids(events) & session_uids(draft, elsewhere)
    assert "Basiscursus lassen" in str(events[0]["SUMMARY"])


def test_course_feed_has_the_courses_public_sessions(client, world):
    edition_with_sessions(hub=world["hub"], title="Andere cursus")
    events = parse(client.get("/feeds/woerden/basiscursus-lassen.ics"))
    assert uids(events) == session_uids(world["edition"])


def test_unknown_hub_or_course_feed_is_404(client, world):
    assert client.get("/feeds/bestaat-niet.ics").status_code == 404
    assert client.get("/feeds/woerden/bestaat-niet.ics").status_code == 404


def test_person_feed_contains_own_sessions_never_anothers(client, world):
    # given A enrolled in the welding course and B in another course
    a = world["employee"]
    b = PersonFactory(employer=world["rival"])
    other = edition_with_sessions(hub=world["hub"], title="Warmtepompen", days=[4, 11])
    EnrolmentFactory(edition=other, person=b)
    # when A's and B's feeds are fetched by their tokens
    events_a = parse(client.get(f"/feeds/persoon/{a.feed_token}.ics"))
    events_b = parse(client.get(f"/feeds/persoon/{b.feed_token}.ics"))
    # then each has only their own sessions
    assert uids(events_a) == session_uids(world["edition"])
    assert uids(events_b) == session_uids(other)
    assert not uids(events_a) & uids(events_b)


def test_person_feed_leaves_out_waitlisted_and_cancelled(client, world):
    person = PersonFactory()
    waiting = edition_with_sessions(hub=world["hub"])
    EnrolmentFactory(
        edition=waiting, person=person, status=Enrolment.Status.WAITLISTED, waitlist_position=1
    )
    response = client.get(f"/feeds/persoon/{person.feed_token}.ics")
    assert parse(response) == []
    assert "no-store" in response["Cache-Control"]


def test_unknown_person_token_is_404(client, world):
    assert client.get("/feeds/persoon/niet-het-goede-token.ics").status_code == 404


def test_feeds_are_linked_from_agenda_and_course_page(client, world):
    assert "/feeds/woerden.ics" in client.get("/agenda/", {"hub": "woerden"}).content.decode()
    course_html = client.get("/cursussen/woerden/basiscursus-lassen/").content.decode()
    assert "/feeds/woerden/basiscursus-lassen.ics" in course_html
