"""The topic funnel in a real browser (issue 4).

Three companies' contacts state differently worded heat-pump needs in the portal (one on a
phone); the coordinator sees one topic that reached critical mass on the board, creates a
draft edition from it and invites the companies that asked; each contact then finds the
first right (seats reserved for its company, with the deadline) on its portal home and
needs page, and goes from there to the seat pool to choose who takes the seats.
"""

import pytest

from technohub.catalogue.models import Edition
from technohub.demand.models import Need, Topic, TopicInvitation
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    SectorFactory,
    contact_user,
    coordinator_user,
)

PASSWORD = "geheim-wachtwoord-123"  # the factories' password
NEEDS = [  # company, the need in its own words, people, who may know
    ("Bogro Snelrewaard BV", "warmtepomp basis", 3, "open"),
    ("Van Vliet Installatietechniek", "kennismaking warmtepomptechniek", 2, "anonymous"),
    ("De Groot Klimaattechniek", "installeren van warmtepompen", 4, "coordinator"),
]


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    SectorFactory(hub=hub, code="pie-installatie", name="PIE installatie & elektro")
    contacts = []
    for name, *_need in NEEDS:
        company = OrganisationFactory(name=name)
        MembershipFactory(hub=hub, organisation=company)
        contacts.append(contact_user(company))
    return {"hub": hub, "contacts": contacts, "coordinator": coordinator_user(hub)}


def log_in(page, email: str) -> None:
    page.goto("/mijn/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def state_need(page, contact, text: str, people: int, confidentiality: str) -> None:
    company = contact.roles.get().organisation
    page.get_by_role("link", name="Opleidingsbehoeften").first.click()
    page.wait_for_url(f"**/mijn/bedrijf/{company.pk}/behoeften/")
    page.locator("main .title-row").get_by_role("link", name="Opleidingsbehoefte doorgeven").click()
    page.fill("#id_text", text)
    page.fill("#id_people", str(people))
    page.check("#id_daypart input[value=evening]")
    page.check(f"#id_confidentiality input[value={confidentiality}]")
    page.locator("#need-form button[type=submit]").click()
    page.wait_for_url(f"**/mijn/bedrijf/{company.pk}/behoeften/")
    assert "opgeslagen" in page.locator("main").inner_text()
    assert text in page.locator("#needs").inner_text()


def test_three_heat_pump_needs_become_one_topic_an_edition_and_invitations(
    world, new_page, screenshot
):
    # three contacts state the same wish in their own words; the last one on a phone
    for number, (contact, (_name, text, people, confidentiality)) in enumerate(
        zip(world["contacts"], NEEDS, strict=True), start=1
    ):
        page = new_page(mobile=number == 3)
        log_in(page, contact.email)
        state_need(page, contact, text, people, confidentiality)
        screenshot(page, f"demand-{number}-need-{confidentiality}")
    assert Topic.objects.count() == 1
    assert Need.objects.filter(topic__isnull=False).count() == 3

    # the coordinator sees one topic that reached critical mass (3 companies, 9 people)
    page = new_page()
    log_in(page, world["coordinator"].email)
    page.goto("/beheer/woerden/")
    page.locator("nav").get_by_role("link", name="Opleidingsbehoeften").click()
    page.wait_for_url("**/beheer/woerden/vraag/")
    rows = page.locator("#funnel tbody tr:not(.demand-stage-row)")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert "warmtepomp" in row.lower() and "gehaald" in row
    assert page.locator("figure.demand-chart canvas").count() == 1
    screenshot(page, "demand-4-board")

    # … opens it and creates a draft edition, prefilled from the needs (evening, 9 seats)
    rows.first.get_by_role("link").click()
    page.get_by_role("link", name="Maak een editie van dit onderwerp").click()
    assert page.input_value("#id_start") == "19:00"
    assert int(page.input_value("#id_capacity")) >= 9
    page.fill("#id_title", "Warmtepompen installeren en onderhouden")
    screenshot(page, "demand-5-edition-form")
    page.get_by_role("button", name="Concepteditie maken").click()
    page.wait_for_selector("#invite-form")
    edition = Edition.objects.get()
    assert edition.status == Edition.Status.DRAFT and edition.sessions.count() == 4
    assert Topic.objects.get().stage == Topic.Stage.PLANNED

    # … and invites the companies that asked: each gets its seats reserved first
    page.get_by_role("button", name="Nodig de bedrijven uit die erom vroegen").click()
    page.wait_for_selector("#invitations")
    invited = page.locator("#invitations").inner_text()
    for name, *_need in NEEDS:
        assert name in invited
    screenshot(page, "demand-6-invited")
    assert TopicInvitation.objects.filter(pool_reserved=True).count() == 3

    # every contact finds the first right in the portal, coordinator-only need included:
    # a notice on the home's company card and on the needs page, with the seats and deadline
    for number, (contact, (_name, _text, people, _conf)) in enumerate(
        zip(world["contacts"], NEEDS, strict=True), start=1
    ):
        page = new_page(mobile=number == 2)
        log_in(page, contact.email)
        company = contact.roles.get().organisation
        seats = f"{people} plaatsen zijn voor je mensen gereserveerd tot"
        assert seats in page.locator(".demand-first-right").inner_text()
        page.goto(f"/mijn/bedrijf/{company.pk}/behoeften/")
        notice = page.locator(".demand-first-right")
        assert seats in notice.inner_text()
        assert "Warmtepompen installeren en onderhouden" in notice.inner_text()
        screenshot(page, f"demand-7-notice-{number}")
        notice.get_by_role("link", name="Bekijk de uitnodigingen").click()
        page.wait_for_url(f"**/mijn/bedrijf/{company.pk}/voorrang/")
        card = page.locator("#invitations").inner_text()
        assert "Warmtepompen installeren en onderhouden" in card
        assert seats in card
        screenshot(page, f"demand-8-invitation-{number}")
        page.get_by_role("link", name="Kies wie de plaatsen krijgt").click()
        page.wait_for_url(f"**/mijn/bedrijf/{company.pk}/plaatsen/*/")
        screenshot(page, f"demand-9-pool-{number}")
