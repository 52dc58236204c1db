"""Calendars and mails follow a session's change: same UID, higher SEQUENCE; a cancelled session
is STATUS:CANCELLED (feeds) and METHOD:CANCEL (mail), not a vanished event."""

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from icalendar import Calendar

from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import EditionFactory, PlaceFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
)
from technohub.scheduling import services
from technohub.scheduling.tests.factories import at

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 1, 14)


def evening(day):
    return services.SessionSpec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"))


@pytest.fixture
def planned():
    """A published edition, two sessions, a confirmed learner of a company with a contact."""
    hub = HubFactory()
    trainer = PersonFactory(email="richard@example.org", first_name="Richard")
    edition = EditionFactory(
        hub=hub, course__hub=hub, trainer=trainer, location=PlaceFactory(hub=hub)
    )
    company = OrganisationFactory()
    contact = contact_user(company)
    learner = PersonFactory(email="anouk@example.org", employer=company)
    EnrolmentFactory(
        edition=edition, person=learner, organisation=company, status=Enrolment.Status.CONFIRMED
    )
    EnrolmentFactory(
        edition=edition, status=Enrolment.Status.WAITLISTED, waitlist_position=1
    )  # not told
    sessions = services.sessions_schedule(
        edition=edition, specs=[evening(DAY), evening(DAY + dt.timedelta(7))], actor=None
    )
    mail.outbox.clear()
    return {
        "edition": edition,
        "sessions": sessions,
        "learner": learner,
        "contact": contact,
        "trainer": trainer,
        "coordinator": coordinator_user(hub),
    }


def attached(message) -> Calendar:
    (name, content, mimetype), *_rest = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_a_move_mails_each_person_once_with_the_same_uid_and_a_higher_sequence(planned):
    session = planned["sessions"][0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_reschedule(
            session=session, actor=planned["coordinator"], starts_at=at(DAY, "18:30")
        )
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted(["anouk@example.org", "richard@example.org", planned["contact"].email])
    for message in mail.outbox:
        assert message.subject.startswith("Gewijzigd: ")
        assert "18:30" in message.body
        assert message.alternatives and "<html" in message.alternatives[0][0]
        calendar = attached(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"session-{session.pk}@technohub"
        assert int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART") == at(DAY, "18:30")


def test_a_series_change_is_one_mail_per_person_listing_every_session(planned):
    a, b = planned["sessions"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.sessions_reschedule(
            changes=[(a, evening(DAY + dt.timedelta(1))), (b, evening(DAY + dt.timedelta(8)))],
            actor=planned["coordinator"],
        )
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert len(attached(message).walk("VEVENT")) == 2


def test_a_cancellation_is_a_cancel_in_the_mail_and_cancelled_in_the_feed(client, planned):
    session = planned["sessions"][0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_cancel(session=session, actor=planned["coordinator"])
    assert len(mail.outbox) == 3
    calendar = attached(mail.outbox[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    # the learner's own feed keeps the event, cancelled, with the raised sequence
    response = client.get(f"/feeds/persoon/{planned['learner'].feed_token}.ics")
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    cancelled = events[f"session-{session.pk}@technohub"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    other = events[f"session-{planned['sessions'][1].pk}@technohub"]
    assert str(other["STATUS"]) == "CONFIRMED"
    # and the hub feed too
    hub = planned["edition"].hub
    response = client.get(f"/feeds/{hub.slug}.ics")
    statuses = {
        str(e["UID"]): str(e["STATUS"]) for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert statuses[f"session-{session.pk}@technohub"] == "CANCELLED"


def test_the_feed_shows_a_moved_session_with_the_same_uid_and_a_higher_sequence(client, planned):
    session = planned["sessions"][1]
    url = f"/feeds/persoon/{planned['learner'].feed_token}.ics"
    before = {str(e["UID"]): e for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
    services.session_reschedule(
        session=session, actor=planned["coordinator"], starts_at=at(DAY + dt.timedelta(8), "19:00")
    )
    after = {str(e["UID"]): e for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
    uid = f"session-{session.pk}@technohub"
    assert set(before) == set(after)
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTART") == at(DAY + dt.timedelta(8), "19:00")
    assert "LAST-MODIFIED" in after[uid]


def test_a_new_trainer_and_the_former_one_are_both_told(planned):
    session = planned["sessions"][0]
    other = PersonFactory(email="wiebe@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_reschedule(session=session, actor=planned["coordinator"], trainer=other)
    to = {m.to[0] for m in mail.outbox}
    assert {"wiebe@example.org", "richard@example.org"} <= to
    assert Session.objects.get(pk=session.pk).trainer == other


def test_a_draft_edition_tells_nobody(planned):
    edition = planned["edition"]
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.DRAFT)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_cancel(session=planned["sessions"][0], actor=None)
        services.session_reschedule(
            session=planned["sessions"][1], actor=None, starts_at=at(DAY, "09:00")
        )
    assert mail.outbox == []


def test_notify_false_tells_nobody(planned):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_cancel(session=planned["sessions"][0], actor=None, notify=False)
    assert mail.outbox == []
