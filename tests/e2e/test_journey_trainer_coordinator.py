"""The trainer takes attendance for a class of 15 in one screen; the coordinator adds seats and
the head of the waitlist gets one."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import HubFactory, coordinator_user, trainer_user

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    trainer = trainer_user(first_name="Richard", last_name="de Jong")
    edition = EditionFactory(
        course__hub=hub,
        course__title="Kennismaking warmtepomptechniek",
        capacity=15,
        trainer=trainer.person,
    )
    # started half an hour ago: attendance is recorded from a session's start on
    begin = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=30)
    session = SessionFactory(
        edition=edition, starts_at=begin, ends_at=begin + dt.timedelta(hours=2)
    )
    seated = EnrolmentFactory.create_batch(15, edition=edition)
    waiting = EnrolmentFactory(edition=edition, status="waitlisted", waitlist_position=1)
    return {
        "hub": hub,
        "trainer": trainer,
        "coordinator": coordinator_user(hub),
        "edition": edition,
        "session": session,
        "seated": seated,
        "waiting": waiting,
    }


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_trainer_takes_attendance_for_fifteen_in_one_screen(world, new_page, screenshot):
    session, seated = world["session"], world["seated"]
    page = new_page(mobile=True)  # between jobs, on a phone
    page.goto(f"/mijn/trainer/sessies/{session.pk}/aanwezigheid/")
    log_in(page, world["trainer"].email)
    page.wait_for_url(f"**/sessies/{session.pk}/aanwezigheid/")
    absent, excused = seated[0], seated[1]
    page.locator(f"tr:has(#p-{absent.pk}) input[value=absent]").check()
    page.locator(f"tr:has(#p-{excused.pk}) input[value=excused]").check()
    screenshot(page, "attendance-15-phone")
    page.locator("#attendance-form button[type=submit]").click()
    page.wait_for_load_state()
    marks = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert len(marks) == 15
    assert marks[absent.pk] == "absent" and marks[excused.pk] == "excused"
    assert sum(status == "present" for status in marks.values()) == 13


def test_coordinator_adds_a_seat_and_the_waitlist_moves_up(world, new_page, screenshot):
    hub, edition, waiting = world["hub"], world["edition"], world["waiting"]
    page = new_page()
    page.goto("/beheer/")
    log_in(page, world["coordinator"].email)
    page.wait_for_url(f"**/beheer/{hub.slug}/")
    page.goto(f"/beheer/{hub.slug}/edities/{edition.pk}/")
    assert page.locator("#waitlist").count() == 1
    page.fill("#capacity-form input[name=capacity]", "16")
    page.locator("#capacity-form button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "coordinator-edition-after-capacity")
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    assert page.locator("#waitlist").count() == 0
