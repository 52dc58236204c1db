"""A learner completes a course: the trainer marks attendance and completes the edition, the
certificate appears in the learner's passport, the verification link opens as valid in a fresh
browser, and the manager's team matrix changes from a gap to 'meets'."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.competences.models import DevelopmentPlan
from technohub.competences.tests.factories import (
    CompetenceFactory,
    LearningOutcomeFactory,
    RoleRequirementFactory,
)
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db, live_server, settings):
    settings.SITE_URL = live_server.url  # the QR code and verification links point here
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    bogro = OrganisationFactory(name="Bogro Snelrewaard")
    MembershipFactory(hub=hub, organisation=bogro)
    learner = learner_user(first_name="Sander", last_name="Verkerk", employer=bogro)
    trainer = trainer_user(first_name="Ingrid", last_name="Bakker", employer=None)
    edition = EditionFactory(
        course__hub=hub, course__title="Meet- en regeltechniek", trainer=trainer.person
    )
    begin = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() - dt.timedelta(days=1), dt.time(18, 30))
    )
    session = SessionFactory(
        edition=edition, starts_at=begin, ends_at=begin + dt.timedelta(hours=3)
    )
    EnrolmentFactory(edition=edition, person=learner.person)
    competence = CompetenceFactory(
        framework__hub=hub, code="MR-1", label_nl="Meten aan elektrische installaties"
    )
    LearningOutcomeFactory(course=edition.course, competence=competence, level=3)
    requirement = RoleRequirementFactory(
        profile__hub=hub,
        profile__name="Servicemonteur warmtepompen",
        competence=competence,
        level=2,
    )
    DevelopmentPlan.objects.create(person=learner.person, role_profile=requirement.profile)
    return {
        "learner": learner,
        "trainer": trainer,
        "manager": contact_user(bogro),
        "coordinator": coordinator_user(hub),
        "company": bogro,
        "edition": edition,
        "session": session,
    }


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_certificate_from_attendance_to_verification(world, new_page, screenshot):
    team_url = f"/mijn/bedrijf/{world['company'].pk}/team/"
    manager = new_page()
    manager.goto(team_url)
    log_in(manager, world["manager"].email)
    manager.wait_for_url(f"**{team_url}")
    cell = manager.locator("#team-matrix tbody td.cell").first
    assert "cell-gap" in cell.get_attribute("class")

    trainer = new_page(mobile=True)
    trainer.goto(f"/mijn/trainer/sessies/{world['session'].pk}/aanwezigheid/")
    log_in(trainer, world["trainer"].email)
    trainer.locator("#attendance-form button[type=submit]").click()
    trainer.wait_for_url(f"**/trainer/edities/{world['edition'].pk}/")
    trainer.locator("#complete-edition a").click()  # a confirmation page first (issue 11)
    trainer.wait_for_url(f"**/trainer/edities/{world['edition'].pk}/afronden/")
    trainer.locator("#complete-form input[name=confirm]").check()
    trainer.locator("#complete-form button[type=submit]").click()
    trainer.wait_for_url(f"**/trainer/edities/{world['edition'].pk}/")

    learner = new_page()
    learner.goto("/mijn/paspoort/")
    log_in(learner, world["learner"].email)
    learner.wait_for_url("**/mijn/paspoort/")
    assert learner.get_by_role("heading", name="Meet- en regeltechniek").count() == 1
    screenshot(learner, "competences-passport")
    learner.locator(".cert-card a").first.click()
    learner.wait_for_load_state()
    verify_url = learner.locator("#verify-link").get_attribute("href")
    screenshot(learner, "competences-certificate")

    stranger = new_page(mobile=True)  # a fresh browser: no login, no cookies
    stranger.goto(verify_url)
    status = stranger.locator(".verify-status")
    assert "verify-valid" in status.get_attribute("class")
    assert re.search("geldig", status.inner_text(), re.IGNORECASE)
    assert "Sander Verkerk" in status.inner_text()
    screenshot(stranger, "competences-verify-phone")
    stranger.get_by_role("link", name="Profiel van de uitgever").click()
    stranger.wait_for_load_state()
    assert stranger.get_by_role(
        "heading", level=1, name="TechnoHUB Woerden als uitgever van certificaten"
    ).is_visible()
    assert stranger.locator("#issuer-keys li").count() == 1
    screenshot(stranger, "competences-issuer-phone")

    coordinator = new_page(
        mobile=True
    )  # the back-office list is one card per row, no sideways scroll
    coordinator.goto("/beheer/woerden/certificaten/")
    log_in(coordinator, world["coordinator"].email)
    coordinator.wait_for_url("**/beheer/woerden/certificaten/")
    row = coordinator.locator("#certificates tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    issued = row.locator("td").nth(1)
    assert issued.evaluate("td => getComputedStyle(td, '::before').content") == '"Uitgereikt op: "'
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(coordinator, "competences-certificates-phone")

    manager.reload()
    cell = manager.locator("#team-matrix tbody td.cell").first
    assert "cell-met" in cell.get_attribute("class")
    assert "3" in cell.inner_text()
    screenshot(manager, "competences-team-matrix")
