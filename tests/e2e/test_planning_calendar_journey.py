"""Planning a coordinator can trust, on the demo data: the Noordoostpolder coordinator cannot
open Woerden's trainer Richard, and Woerden's term proposal (the default term: the waiting
editions' period) puts no session on a Dutch public holiday, read back from the page."""

import datetime as dt
import re

import pytest
from django.core.management import call_command

from technohub.demo.data import DEMO_PASSWORD
from technohub.hubs.models import Hub, Person
from technohub.scheduling import calendar

MONTHS = {
    m: n
    for n, m in enumerate(
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"], 1
    )
}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _login(page, email):
    page.goto("/mijn/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "inloggen" not in url)


def test_the_nop_coordinator_cannot_open_woerdens_trainer(demo, new_page, screenshot):
    richard = Person.objects.get(email="richard@bogro.nl")
    page = new_page()
    _login(page, "john@technohub-nop.nl")
    response = page.goto(f"/beheer/noordoostpolder/trainers/{richard.pk}/")
    assert response.status == 404
    assert "Deze pagina bestaat niet" in page.content()
    assert "Richard" not in page.locator("main").inner_text()
    screenshot(page, "planning-calendar-other-hubs-trainer-404")
    page.goto("/beheer/noordoostpolder/trainers/")
    assert "Richard de Jong" not in page.locator("main").inner_text()


def test_the_term_proposal_skips_the_public_holidays(demo, new_page, screenshot):
    hub = Hub.objects.get(slug="woerden")
    page = new_page()
    _login(page, "marloes@technohub-woerden.nl")
    page.goto("/beheer/woerden/planning/")
    # the default term is the waiting editions' period, and the form names the closed days
    start = dt.date.fromisoformat(page.input_value("#propose-form input[name=starts_on]"))
    end = dt.date.fromisoformat(page.input_value("#propose-form input[name=ends_on]"))
    holidays = calendar.public_holidays(start=start, end=end)
    assert holidays, "the demo term has public holidays (Easter, King's Day, Ascension)"
    listed = page.locator("#closed-days").inner_text()
    for name in set(holidays.values()):
        assert name in listed
    screenshot(page, "planning-calendar-form")
    page.fill("#propose-form input[name=seconds]", "8")
    page.click("#propose-form button[type=submit]")
    page.wait_for_selector("#calendar")
    screenshot(page, "planning-calendar-proposal")
    # no proposed session in a day cell marked closed …
    assert page.locator("#calendar td.sch-closed .sch-new").count() == 0
    assert page.locator("#calendar td.sch-closed").count() >= len(holidays)
    # … and none of the proposed dates, read back from the diff, is a public holiday
    proposed = []
    for text in page.locator(".sch-diff ins").all_inner_texts():
        day, month = re.search(r"(\d{1,2}) (\w{3})\.? \d\d:\d\d", text.lower()).groups()
        year = start.year if MONTHS[month] >= start.month else end.year
        proposed.append(dt.date(year, MONTHS[month], int(day)))
    assert len(proposed) >= 20
    assert not [d for d in proposed if d in holidays], holidays
    closed = calendar.closed_days(hub=hub, start=start, end=end)
    assert not [d for d in proposed if d in closed]
    assert all(start <= d <= end for d in proposed)
