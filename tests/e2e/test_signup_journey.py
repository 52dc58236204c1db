"""A new job seeker signs up from a course page, confirms the address from the mail, and is
enrolled in that edition; later a company contact links them as an employee, they confirm in the
portal, and their certificate is still theirs in their passport."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.competences.tests.factories import CertificateFactory
from technohub.hubs.models import Person
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    contact_user,
)

PASSWORD = "geheim-wachtwoord-123"  # the factories' password
NEW_PASSWORD = "Warmtepomp-2027!"


@pytest.fixture
def world(transactional_db, live_server, settings):
    settings.SITE_URL = live_server.url
    hub = HubFactory(
        name="TechnoHUB Woerden",
        slug="woerden",
        contact_email="info@technohub-woerden.nl",
        contact_phone="0348 700 160",
        address="Techniekweg 12, 3449 HV Woerden",
    )
    course = CourseFactory(hub=hub, title="Basiscursus lassen", slug="basiscursus-lassen")
    start = timezone.localdate() + dt.timedelta(days=7)
    edition = EditionFactory(course=course, code="LAS-01", capacity=8, starts_on=start)
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time(19, 0)))
    SessionFactory(edition=edition, starts_at=begin, ends_at=begin + dt.timedelta(hours=2))
    bogro = OrganisationFactory(name="Bogro Snelrewaard BV")
    MembershipFactory(hub=hub, organisation=bogro)
    return {"hub": hub, "edition": edition, "company": bogro, "contact": contact_user(bogro)}


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_job_seeker_signs_up_enrols_and_keeps_certificate_when_linked(world, new_page, screenshot):
    edition = world["edition"]
    page = new_page(mobile=True)
    page.goto("/cursussen/woerden/basiscursus-lassen/")
    assert "0348 700 160" in page.locator("footer").inner_text()
    page.locator(f"a[href='/mijn/inschrijven/{edition.pk}/']").click()
    page.wait_for_url("**/mijn/inloggen/**")
    assert "Vragen? Bel of mail de hub." in page.locator("main").inner_text()
    screenshot(page, "signup-1-login-phone")
    page.get_by_role("link", name="Account aanmaken").click()
    page.wait_for_url("**/aanmelden/woerden/?next=*")

    page.fill("input[name=first_name]", "Job")
    page.fill("input[name=last_name]", "Zoeker")
    page.fill("input[name=email]", "job.zoeker@example.nl")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.get_by_label("Werkzoekende").check()
    page.get_by_label("Ik heb de privacyverklaring gelezen en ga ermee akkoord.").check()
    no_sideways_scroll(page)
    screenshot(page, "signup-2-form-phone")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/aanmelden/controleer-je-mail/**")
    screenshot(page, "signup-3-check-mail-phone")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["job.zoeker@example.nl"]
    page.goto(link_in(mail.outbox[0]))
    page.get_by_role("button", name="Bevestigen en doorgaan").click()
    page.wait_for_url(f"**/mijn/inschrijven/{edition.pk}/")
    screenshot(page, "signup-4-enrol-phone")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mijn/")
    person = Person.objects.get(email="job.zoeker@example.nl")
    assert edition.enrolments.filter(person=person).exists()
    assert person.learner_kind == Person.LearnerKind.JOB_SEEKER

    # a certificate of an earlier course, then a company contact links the job seeker
    CertificateFactory(person=person, course__hub=world["hub"], course__title="Veilig werken")
    contact = new_page()
    contact.goto(f"/mijn/bedrijf/{world['company'].pk}/medewerkers/nieuw/")
    contact.fill("input[name=username]", world["contact"].email)
    contact.fill("input[name=password]", PASSWORD)
    contact.locator("main form button[type=submit]").click()
    contact.wait_for_url("**/medewerkers/nieuw/")
    contact.fill("input[name=first_name]", "Job")
    contact.fill("input[name=last_name]", "Zoeker")
    contact.fill("input[name=email]", "job.zoeker@example.nl")
    contact.locator("main form button[type=submit]").first.click()
    contact.wait_for_url("**/medewerkers/")
    assert "uitnodiging" in contact.locator(".messages").inner_text()
    screenshot(contact, "signup-5-contact-invited")

    page.goto("/mijn/werkgever/")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/mijn/werkgever/")
    assert "Bogro Snelrewaard BV" in page.locator("main").inner_text()
    no_sideways_scroll(page)
    screenshot(page, "signup-6-employer-confirmed-phone")
    person.refresh_from_db()
    assert person.employer == world["company"]
    assert Person.objects.filter(email="job.zoeker@example.nl").count() == 1

    page.goto("/mijn/paspoort/")
    assert page.get_by_role("heading", name="Veilig werken").count() == 1
    screenshot(page, "signup-7-passport-phone")
    contact.reload()
    assert "Job Zoeker" in contact.locator("#employees").inner_text()
