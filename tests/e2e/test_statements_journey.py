"""Closing a period in a real browser: a confirmation first, then every company's statement in
its contacts' mailbox (PDF attached), the deliveries on the statement list, and a resend.

Before that, Bogro's contact records on a phone the trainer hours Bogro gives; the coordinator
confirms them in the contributions ledger, and they are on Bogro's statement as contributions
in kind (not an amount to pay). Hoekstra has no contact with a login: its statement is "not
sent: no contact" until the coordinator sends it to an address.
"""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.services import enrol_many
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
)
from technohub.pricing.models import Contribution, Statement, StatementDelivery
from technohub.pricing.services import edition_price_set, period_create

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    coordinator = coordinator_user(hub)
    companies = {
        "bogro": OrganisationFactory(name="Bogro Snelrewaard BV", slug="bogro"),
        "vliet": OrganisationFactory(name="Van Vliet Installatietechniek", slug="van-vliet"),
        "hoekstra": OrganisationFactory(name="Hoekstra Metaal", slug="hoekstra"),
    }
    for company in companies.values():
        MembershipFactory(hub=hub, organisation=company)
    today = timezone.localdate()
    edition = EditionFactory(
        course__hub=hub,
        course__title="Warmtepompen installeren",
        code="WP-01",
        capacity=12,
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=20),
        status="published",
    )
    edition_price_set(
        edition=edition,
        actor=coordinator,
        model="per_participant",
        member_price=Decimal("450"),
        non_member_price=Decimal("600"),
    )
    contacts = {
        "bogro": contact_user(companies["bogro"]),
        "vliet": contact_user(companies["vliet"]),
    }
    for key, count in (("bogro", 2), ("vliet", 1), ("hoekstra", 1)):
        enrol_many(
            edition=edition,
            people=PersonFactory.create_batch(count, employer=companies[key]),
            actor=coordinator,
            on_behalf_of=companies[key],
        )
    period = period_create(
        hub=hub,
        name="Kwartaal 1",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=60),
        actor=coordinator,
    )
    return {
        "hub": hub,
        "coordinator": coordinator,
        "edition": edition,
        "period": period,
        "contacts": contacts,
        **companies,
    }


def log_in(page, email: str) -> None:
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


def submit(page, control) -> None:
    """Keyboard submit (focus, Enter) and wait for the page it leads to."""
    control.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_closing_mails_every_company_its_statement_and_a_contribution_is_on_it(
    world, new_page, screenshot
):
    hub, bogro, edition = world["hub"], world["bogro"], world["edition"]
    mail.outbox = []

    # Bogro's contact records, on a phone, the trainer hours Bogro gives
    phone = new_page(mobile=True)
    phone.goto(f"/mijn/bedrijf/{bogro.pk}/bijdragen/")
    log_in(phone, world["contacts"]["bogro"].email)
    phone.wait_for_url("**/bijdragen/")
    form = phone.locator("#contribution-form")
    form.locator("select[name=edition]").select_option(str(edition.pk))
    form.locator("select[name=kind]").select_option("trainer_hours")
    form.locator("input[name=description]").fill("Richard geeft de praktijkavonden")
    form.locator("input[name=quantity]").fill("1e23")  # nonsense: a Dutch field error
    form.locator("input[name=unit_value]").fill("65")
    submit(phone, form.locator("button[type=submit]"))
    expect(phone.locator("#contribution-form .errorlist").first).to_be_visible()
    assert not Contribution.objects.exists()
    phone.locator("#contribution-form input[name=quantity]").fill("12")
    submit(phone, phone.locator("#contribution-form button[type=submit]"))
    expect(phone.locator("#contributions")).to_contain_text("Wacht op bevestiging")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the contributions page is {width}px wide on a phone"
    screenshot(phone, "statements-1-contact-records-contribution-phone")

    # the coordinator confirms it in the ledger
    office = new_page()
    office.goto(f"/beheer/{hub.slug}/kosten/bijdragen/")
    log_in(office, world["coordinator"].email)
    office.wait_for_url("**/kosten/bijdragen/")
    expect(office.locator("#awaiting")).to_contain_text("Richard geeft de praktijkavonden")
    screenshot(office, "statements-2-ledger-awaiting")
    submit(office, office.locator("#awaiting button[type=submit]").first)
    expect(office.locator(".messages")).to_contain_text("Bevestigd")
    expect(office.locator("#ledger")).to_contain_text("€ 780,00")  # 12 × 65

    # closing asks first, and says what will happen
    office.goto(f"/beheer/{hub.slug}/kosten/")
    submit(office, office.locator("#periods a.button-danger"))
    office.wait_for_url("**/afsluiten/")
    summary = office.locator("#closing-summary")
    expect(summary).to_contain_text("3 kostenoverzichten worden uitgegeven")
    expect(summary).to_contain_text("kan niet ongedaan worden gemaakt")
    expect(office.locator("#unreachable")).to_contain_text("Hoekstra Metaal")
    expect(office.locator("#closing-companies")).to_contain_text(
        "niet verstuurd: geen contactpersoon"
    )
    assert not Statement.objects.exists()  # nothing issued by looking
    screenshot(office, "statements-3-close-confirmation")
    submit(office, office.locator("#close-form button[type=submit]"))
    expect(office.locator(".messages")).to_contain_text("3 kostenoverzichten uitgegeven")

    # every company with a contact has its own statement in the mailbox, as a PDF
    statements = {s.organisation.slug: s for s in Statement.objects.select_related("organisation")}
    assert set(statements) == {"bogro", "van-vliet", "hoekstra"}
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {c.email for c in world["contacts"].values()}
    for key, slug, name in (
        ("bogro", "bogro", "Bogro Snelrewaard BV"),
        ("vliet", "van-vliet", "Van Vliet Installatietechniek"),
    ):
        message = by_address[world["contacts"][key].email]
        statement = statements[slug]
        assert statement.reference in message.subject
        ((filename, content, mimetype),) = message.attachments
        assert filename == f"{statement.reference}.pdf" and mimetype == "application/pdf"
        text = pdf_text(content)
        assert name in text and statement.reference in text
        assert "Hoekstra" not in text
    bogro_pdf = pdf_text(by_address[world["contacts"]["bogro"].email].attachments[0][1])
    assert "Bijdragen in natura" in bogro_pdf and "Richard geeft de praktijkavonden" in bogro_pdf
    assert "900,00" in bogro_pdf  # 2 × 450, the contribution is not deducted
    assert statements["bogro"].contribution_total == Decimal("780.00")

    # the statement list shows the deliveries
    office.goto(f"/beheer/{hub.slug}/kosten/#statements")
    table = office.locator("#statements")
    for contact in world["contacts"].values():
        expect(table).to_contain_text(contact.email)
    row = table.locator("tr", has_text="Hoekstra Metaal")
    expect(row).to_contain_text("niet verstuurd: geen contactpersoon")
    screenshot(office, "statements-4-statement-list-deliveries")

    # a resend of Hoekstra's statement to an address works
    row.locator("th a").click()
    office.wait_for_url(re.compile(r".*/kosten/afrekeningen/\d+/$"))
    resend = office.locator("#resend-form")
    resend.locator("input[value=address]").check()
    resend.locator("input[name=email]").fill("administratie@hoekstra.nl")
    submit(office, resend.locator("button[type=submit]"))
    expect(office.locator(".messages")).to_contain_text("administratie@hoekstra.nl")
    expect(office.locator("#deliveries")).to_contain_text("administratie@hoekstra.nl")
    expect(office.locator("#deliveries")).to_contain_text("opnieuw verstuurd")
    screenshot(office, "statements-5-resent")
    resent = [m for m in mail.outbox if m.to == ["administratie@hoekstra.nl"]]
    assert len(resent) == 1
    assert "Hoekstra Metaal" in pdf_text(resent[0].attachments[0][1])
    delivery = StatementDelivery.objects.get(email="administratie@hoekstra.nl")
    assert delivery.status == "sent" and delivery.sent_at is not None

    # Bogro's contact sees on the phone that the statement was sent, and to whom
    phone.goto(f"/mijn/bedrijf/{bogro.pk}/kosten/")
    statements_table = phone.locator("#statements")
    expect(statements_table).to_contain_text(statements["bogro"].reference)
    expect(statements_table).to_contain_text(world["contacts"]["bogro"].email)
    expect(statements_table).not_to_contain_text(world["contacts"]["vliet"].email)
    screenshot(phone, "statements-6-contact-sees-sent-statement-phone")
