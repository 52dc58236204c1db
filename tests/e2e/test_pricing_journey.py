"""Joint purchase in a real browser: together is cheaper than alone.

The coordinator prices F-gassen as a joint purchase (€ 1,500 fixed + € 400 per participant,
€ 300 from 8 participants). Bogro enrols three fitters and pays the whole fixed cost; Van Vliet
joins with three (on a phone) and Bogro's share falls; Bogro adds two more, the group reaches the
tier of 8 and Van Vliet's share falls. The coordinator closes the period and Bogro's contact
downloads the statement: a real PDF with Bogro's lines on it.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from technohub.catalogue.tests.factories import EditionFactory
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
)
from technohub.pricing.models import EditionPrice, Statement

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    bogro = OrganisationFactory(name="Bogro Snelrewaard BV", slug="bogro")
    vliet = OrganisationFactory(name="Van Vliet Installatietechniek", slug="van-vliet")
    for company in (bogro, vliet):
        MembershipFactory(hub=hub, organisation=company)
    edition = EditionFactory(
        course__hub=hub, course__title="F-gassen categorie I", code="FGS-01", capacity=12
    )
    return {
        "hub": hub,
        "edition": edition,
        "coordinator": coordinator_user(hub),
        "bogro": bogro,
        "vliet": vliet,
        "contact_bogro": contact_user(bogro),
        "contact_vliet": contact_user(vliet),
        "staff_bogro": PersonFactory.create_batch(5, employer=bogro),
        "staff_vliet": PersonFactory.create_batch(3, employer=vliet),
    }


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


def submit(page, button) -> None:
    """Submit with the keyboard (focus the button, Enter) and wait for the page it leads to.

    The keyboard also proves the forms work without a mouse; a click right after a full-page
    screenshot can land before the layout settles."""
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def enrol(page, edition, people) -> None:
    page.goto(f"/mijn/inschrijven/{edition.pk}/")
    for person in people:
        page.check(f"#person-{person.pk}")
    page.locator("#enrol-company button[type=submit]").click()
    page.wait_for_url("**/inschrijvingen/**")


def share_on_costs_page(page, organisation) -> str:
    page.goto(f"/mijn/bedrijf/{organisation.pk}/kosten/")
    return page.locator("#costs td.share").inner_text().strip()


def test_joint_purchase_shares_fall_as_companies_join_and_the_statement_is_a_pdf(
    world, new_page, screenshot
):
    hub, edition = world["hub"], world["edition"]

    # the coordinator sets a joint-purchase price with a group tier
    office = new_page()
    office.goto(f"/beheer/{hub.slug}/edities/{edition.pk}/kosten/")
    log_in(office, world["coordinator"].email)
    office.wait_for_url(f"**/edities/{edition.pk}/kosten/")
    form = office.locator("#price-form")
    form.locator("select[name=price-model]").select_option("joint_purchase")
    # only the joint purchase's fields are shown for this model (all of them without JavaScript)
    expect(form.locator("input[name=price-member_price]")).to_be_hidden()
    form.locator("input[name=price-fixed_cost]").fill("1500")
    form.locator("input[name=price-per_participant_cost]").fill("400")
    form.locator("input[name=price-tier1_from]").fill("8")
    form.locator("input[name=price-tier1_rate]").fill("300")
    form.locator("input[name=price-vat_rate]").fill("0")
    screenshot(office, "pricing-1-coordinator-sets-joint-purchase")
    submit(office, form.locator("button[type=submit]"))
    assert office.locator(".messages").inner_text().strip() == "Opgeslagen."
    price = EditionPrice.objects.get(edition=edition)
    assert (price.model, price.fixed_cost) == ("joint_purchase", Decimal("1500.00"))
    assert [(t.from_participants, t.per_participant_cost) for t in price.tiers.all()] == [
        (8, Decimal("300.00"))
    ]

    # Bogro enrols three fitters: alone, it pays the whole fixed cost
    bogro = new_page()
    bogro.goto(f"/mijn/bedrijf/{world['bogro'].pk}/kosten/")
    log_in(bogro, world["contact_bogro"].email)
    bogro.wait_for_url("**/kosten/")
    enrol(bogro, edition, world["staff_bogro"][:3])
    assert share_on_costs_page(bogro, world["bogro"]) == "€ 2.700,00"  # 1,500 + 3 × 400

    # Van Vliet joins with three on a phone: 6 × 400 + 1,500 = 3,900, half each
    vliet = new_page(mobile=True)
    vliet.goto(f"/mijn/bedrijf/{world['vliet'].pk}/kosten/")
    log_in(vliet, world["contact_vliet"].email)
    vliet.wait_for_url("**/kosten/")
    enrol(vliet, edition, world["staff_vliet"])
    assert share_on_costs_page(vliet, world["vliet"]) == "€ 1.950,00"
    screenshot(vliet, "pricing-2-van-vliet-share-phone")

    # ... and Bogro sees its share fall
    assert share_on_costs_page(bogro, world["bogro"]) == "€ 1.950,00"
    assert "€ 750,00" in bogro.locator("#costs td.saving").inner_text()
    screenshot(bogro, "pricing-3-bogro-share-fell")

    # Bogro adds two: 8 participants reach the tier, 1,500 + 8 × 300 = 3,900 split 5 : 3
    enrol(bogro, edition, world["staff_bogro"][3:])
    assert share_on_costs_page(bogro, world["bogro"]) == "€ 2.437,50"
    assert share_on_costs_page(vliet, world["vliet"]) == "€ 1.462,50"
    assert "€ 1.237,50" in vliet.locator("#costs td.saving").inner_text()  # alone: 2,700
    screenshot(vliet, "pricing-4-van-vliet-share-fell-phone")

    # the coordinator adds the period and closes it: statements are issued
    today = timezone.localdate()
    office.goto(f"/beheer/{hub.slug}/kosten/")
    office.fill("#period-form input[name=name]", "Kwartaal 1")
    office.fill("#period-form input[name=starts_on]", str(today - dt.timedelta(days=30)))
    office.fill("#period-form input[name=ends_on]", str(today + dt.timedelta(days=60)))
    submit(office, office.locator("#period-form button[type=submit]"))
    submit(office, office.locator("#periods a.button-danger"))  # a confirmation page first
    submit(office, office.locator("#close-form button[type=submit]"))
    screenshot(office, "pricing-5-period-closed")
    statement = Statement.objects.get(organisation=world["bogro"])
    assert statement.total_excl_vat == Decimal("2437.50")

    # Bogro's contact downloads the statement PDF from the costs page
    bogro.goto(f"/mijn/bedrijf/{world['bogro'].pk}/kosten/")
    assert bogro.locator("#costs .badge").inner_text().strip() == "definitief"
    screenshot(bogro, "pricing-6-bogro-statement")
    with bogro.expect_download() as download_info:
        bogro.locator("#statements a", has_text="PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert statement.reference in text
    assert "Bogro Snelrewaard BV" in text
    assert "2.437,50" in text
    assert "Van Vliet" not in text  # never another company's lines
