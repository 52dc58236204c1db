"""A trainer cannot complete an edition early: after 1 of 3 sessions the confirmation page gives
the Dutch reason and no button. After the last session the page says how many get a
certificate and how many did not reach the attendance threshold; confirming issues exactly
those certificates, dated at the end of the last session."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.models import Session
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.competences.models import Certificate
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import HubFactory, PersonFactory, trainer_user

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    trainer = trainer_user(first_name="Ingrid", last_name="Bakker", employer=None)
    today = timezone.localdate()
    edition = EditionFactory(
        course__hub=hub,
        course__title="Basiscursus lassen",
        trainer=trainer.person,
        attendance_threshold=60,
        starts_on=today - dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=14),
    )
    now = timezone.now().replace(second=0, microsecond=0)
    starts = [now - dt.timedelta(days=14), now + dt.timedelta(days=7), now + dt.timedelta(days=14)]
    sessions = [
        SessionFactory(edition=edition, starts_at=start, ends_at=start + dt.timedelta(hours=2))
        for start in starts
    ]
    names = [("Sander", "Verkerk"), ("Fatima", "El Amrani"), ("Joost", "de Haan")]
    enrolments = [
        EnrolmentFactory(
            edition=edition, person=PersonFactory(first_name=first, last_name=last, employer=None)
        )
        for first, last in names
    ]
    return {"trainer": trainer, "edition": edition, "sessions": sessions, "people": enrolments}


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _hold_the_rest(world) -> None:
    """Time passes: the two later sessions take place (moved into the past), with attendance
    3/3, 2/3 and 1/3 (threshold 60 %: two complete)."""
    now = timezone.now().replace(second=0, microsecond=0)
    for n, session in enumerate(world["sessions"][1:], start=1):
        start = now - dt.timedelta(days=14 - 5 * n)
        Session.objects.filter(pk=session.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )
    sander, fatima, joost = world["people"]
    for n, session in enumerate(world["sessions"]):
        for enrolment, present in ((sander, True), (fatima, n < 2), (joost, n < 1)):
            Attendance.objects.update_or_create(
                enrolment=enrolment,
                session=session,
                defaults={"status": "present" if present else "absent"},
            )


def test_a_trainer_cannot_complete_early_then_completes_after_the_last_session(
    world, new_page, screenshot
):
    edition, sessions = world["edition"], world["sessions"]
    page = new_page(mobile=True)
    overview = f"/mijn/trainer/edities/{edition.pk}/"
    page.goto(overview)
    log_in(page, world["trainer"].email)
    page.wait_for_url(f"**{overview}")
    # only the session that took place takes attendance; the later ones say from when
    assert page.locator(f"a[href$='/sessies/{sessions[0].pk}/aanwezigheid/']").count() == 1
    assert page.locator(f"a[href$='/sessies/{sessions[1].pk}/aanwezigheid/']").count() == 0
    assert "Aanwezigheid vanaf" in page.locator("#sessions").inner_text()
    screenshot(page, "completion-early-overview-phone")

    # after 1 of 3 sessions: the confirmation page refuses, in Dutch, without a button
    page.locator("#complete-edition a").click()
    page.wait_for_url(f"**{overview}afronden/")
    refused = page.locator("#complete-refused")
    assert "kan worden afgerond zodra de laatste bijeenkomst voorbij is" in refused.inner_text()
    assert "Alleen een coördinator van de hub" in refused.inner_text()
    assert page.locator("#complete-form").count() == 0
    screenshot(page, "completion-refused-phone")
    edition.refresh_from_db()
    assert edition.status == "published"

    # after the last session the page says what will happen
    _hold_the_rest(world)
    page.goto(f"{overview}afronden/")
    counts = " ".join(page.locator("#completion-counts").inner_text().split())
    assert counts == (
        "2 deelnemers krijgen een certificaat, 1 heeft de aanwezigheidsdrempel niet gehaald."
    )
    assert page.locator("#completion-results tbody tr").count() == 3
    screenshot(page, "completion-confirmation-phone")
    page.locator("#complete-form button[type=submit]").click()  # without the tick: refused
    page.wait_for_load_state()
    assert page.locator("#complete-form .errorlist").count() >= 1
    page.locator("#complete-form input[name=confirm]").check()
    page.locator("#complete-form button[type=submit]").click()
    page.wait_for_url(f"**{overview}")
    screenshot(page, "completion-done-phone")

    sander, fatima, joost = world["people"]
    statuses = dict(Enrolment.objects.filter(edition=edition).values_list("pk", "status"))
    assert statuses == {sander.pk: "completed", fatima.pk: "completed", joost.pk: "not_completed"}
    certificates = list(Certificate.objects.filter(enrolment__edition=edition))
    assert {c.enrolment_id for c in certificates} == {sander.pk, fatima.pk}
    last_end = Session.objects.filter(edition=edition).order_by("-ends_at").first().ends_at
    assert all(c.issued_at == last_end for c in certificates)
