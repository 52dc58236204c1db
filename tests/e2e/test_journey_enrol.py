"""The foundation's main journey, in a real browser.

A visitor searches "lassen" and opens the course; a company contact logs in and enrols two
employees, who show as confirmed; one of them, a learner with a login, finds the session in
their own agenda (on a phone).
"""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.enrolment.models import Enrolment
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    learner_user,
)

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    welding = CourseFactory(
        hub=hub,
        title="Basiscursus lassen",
        slug="basiscursus-lassen",
        summary="In 25 avonden leer je veilig lassen in de praktijkhal.",
    )
    CourseFactory(hub=hub, title="Meet- en regeltechniek", slug="meet-en-regeltechniek")
    start = timezone.localdate() + dt.timedelta(days=7)
    edition = EditionFactory(course=welding, code="LAS-01", capacity=8, starts_on=start)
    for week in range(3):
        day = start + dt.timedelta(weeks=week)
        begin = timezone.make_aware(dt.datetime.combine(day, dt.time(19, 0)))
        SessionFactory(edition=edition, starts_at=begin, ends_at=begin + dt.timedelta(hours=2))
    bogro = OrganisationFactory(name="Bogro Snelrewaard BV", slug="bogro")
    contact = contact_user(bogro)
    learner = learner_user(employer=bogro, first_name="Sander", last_name="Visser")
    colleague = PersonFactory(employer=bogro, first_name="Kees", last_name="Bakker")
    return {"edition": edition, "contact": contact, "learner": learner, "colleague": colleague}


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_visitor_finds_course_contact_enrols_two_learner_sees_agenda(world, new_page, screenshot):
    edition, learner, colleague = world["edition"], world["learner"], world["colleague"]

    # a visitor searches the catalogue for "lassen" and opens the course
    page = new_page()
    page.goto("/cursussen/")
    page.fill("input[name=q]", "lassen")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/cursussen/?*q=lassen*")
    results = page.locator("main")
    assert results.get_by_role("link", name="Basiscursus lassen").count() >= 1
    assert results.get_by_role("link", name="Meet- en regeltechniek").count() == 0
    screenshot(page, "journey-1-search-lassen")
    results.get_by_role("link", name="Basiscursus lassen").first.click()
    page.wait_for_url("**/cursussen/woerden/basiscursus-lassen/")
    assert "Basiscursus lassen" in page.locator("h1").inner_text()
    screenshot(page, "journey-2-course")

    # the company contact follows "Enrol", logs in, and enrols two employees at once
    page.locator(f"a[href='/mijn/inschrijven/{edition.pk}/']").click()
    page.wait_for_url("**/mijn/inloggen/**")
    log_in(page, world["contact"].email)
    page.wait_for_url(f"**/mijn/inschrijven/{edition.pk}/")
    page.check(f"#person-{learner.person.pk}")
    page.check(f"#person-{colleague.pk}")
    screenshot(page, "journey-3-enrol-two")
    page.locator("#enrol-company button[type=submit]").click()
    page.wait_for_url("**/inschrijvingen/**")
    table = page.locator("#enrolments")
    for name in ("Sander Visser", "Kees Bakker"):
        row = table.locator("tr", has_text=name)
        assert row.count() == 1
        assert row.locator("[data-status=confirmed]").count() == 1
    screenshot(page, "journey-4-confirmed")
    assert Enrolment.objects.filter(edition=edition, status="confirmed").count() == 2

    # the learner logs in on a phone and finds the sessions in their own agenda
    phone = new_page(mobile=True)
    phone.goto("/mijn/agenda/")
    log_in(phone, learner.email)
    phone.wait_for_url("**/mijn/agenda/")
    agenda = phone.locator("main")
    assert agenda.get_by_text("Basiscursus lassen").count() >= 3
    screenshot(phone, "journey-5-learner-agenda-phone")
