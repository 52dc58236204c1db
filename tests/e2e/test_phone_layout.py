"""On a phone (390 px): after a search the catalogue's results come first (the filter panel
stays folded), and long names and e-mail addresses wrap inside tables instead of widening the
page. Screenshots: test-artifacts/screenshots/phone-*.png."""

import pytest

from technohub.catalogue.tests.helpers import edition_with_sessions
from technohub.hubs.models import User
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    contact_user,
    coordinator_user,
)

PASSWORD = "geheim-wachtwoord-123"  # the factories' password
LONG_NAME = "Installatietechniekenwarmtepompenenzonnepanelenspecialistenvereniging" * 2


@pytest.fixture
def world(transactional_db):
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden")
    for title in ("Basiscursus lassen", "Lassen gevorderd", "TIG lassen", "MIG lassen"):
        edition_with_sessions(hub=hub, title=title, level="mbo2")
    membership = MembershipFactory(hub=hub, organisation__name=LONG_NAME)
    contact = contact_user(membership.organisation)
    User.objects.filter(pk=contact.pk).update(email=f"{'heel.lang.adres' * 5}@{LONG_NAME}.nl")
    return {"hub": hub, "coordinator": coordinator_user(hub)}


def _fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px screen"


def test_after_a_search_the_first_result_is_near_the_top(world, new_page, screenshot):
    page = new_page(mobile=True)
    page.goto("/cursussen/?level=mbo2&daytime=evening")

    screenshot(page, "phone-catalogue-after-search")
    panel = page.locator("details.filter-panel")
    assert panel.get_attribute("open") is None
    assert "mbo 2" in panel.locator("summary").inner_text()
    top = page.locator(".course-list > li").first.bounding_box()["y"]
    assert top < 600, f"the first result starts {top} px down"
    _fits_the_screen(page)


def test_long_names_and_addresses_wrap_in_tables(world, new_page, screenshot):
    page = new_page(mobile=True)
    page.goto("/mijn/inloggen/")
    page.fill("input[name=username]", world["coordinator"].email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "inloggen" not in url)

    page.goto("/beheer/woerden/leden/")

    assert page.locator("#members").is_visible()
    screenshot(page, "phone-members-long-names")
    _fits_the_screen(page)
    page.goto("/beheer/woerden/leden/?q=installatie")
    assert page.locator("#members tbody tr").count() == 1
