"""The enrol page shows this person's price (member, non-member, job seeker, a fund's share)
from pricing's rule, and the cancellation rule, in the past tense once the deadline passed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.hubs.tests.factories import OrganisationFactory, contact_user, learner_user
from technohub.pricing.models import EditionPrice, Fund
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db


def url(edition) -> str:
    return reverse("portal:enrol", args=[edition.pk])


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def priced(world):
    EditionPrice.objects.create(
        edition=world.edition,
        model="per_participant",
        member_price=Decimal("150.00"),
        non_member_price=Decimal("400.00"),
        free_cancellation_until=timezone.now() + dt.timedelta(days=3),
        late_cancellation_percent=50,
    )
    return world.edition


def test_a_member_companys_employee_sees_the_member_price_and_the_rule(client, world, priced):
    client.force_login(learner_user(employer=world.company))
    page = client.get(url(priced))
    assert page.context["quote"].share == 15000 and page.context["quote"].member
    body = text(page)
    assert "Jouw prijs: € 150,00 (excl. btw)" in body and "Ledenprijs." in body
    assert "Kosteloos afmelden tot" in body and "50%" in body
    assert_valid(client, url(priced))


def test_an_employee_of_a_non_member_sees_the_non_member_price(client, world, priced):
    client.force_login(learner_user(employer=OrganisationFactory(name="Geen Lid BV")))
    page = client.get(url(priced))
    assert page.context["quote"].share == 40000
    assert "Niet-ledenprijs." in text(page)


def test_a_job_seeker_takes_part_in_the_hubs_name_and_a_fund_pays_part(client, world, priced):
    Fund.objects.create(
        hub=world.hub,
        name="Regiofonds werkzoekenden",
        coverage=Fund.Coverage.PERCENT,
        percent=Decimal("80"),
        budget=Decimal("10000"),
        learner_kinds=["job_seeker"],
    )
    client.force_login(learner_user(employer=None, learner_kind="job_seeker"))
    page = client.get(url(priced))
    quote = page.context["quote"]
    assert (quote.share, quote.subsidy, quote.to_pay) == (15000, 12000, 3000)
    assert "Regiofonds werkzoekenden betaalt € 120,00 daarvan; € 30,00 blijft te betalen." in (
        text(page)
    )


def test_after_the_deadline_the_rule_is_in_the_past_tense(client, world, priced):
    EditionPrice.objects.filter(edition=priced).update(
        free_cancellation_until=timezone.now() - dt.timedelta(days=1)
    )
    client.force_login(learner_user(employer=world.company))
    body = text(client.get(url(priced)))
    assert "Kosteloos afmelden kon tot" in body and "nu betaal je 50% van de prijs" in body
    assert "Kosteloos afmelden tot" not in body


def test_without_a_price_the_course_price_and_the_editions_deadline_count(client, world):
    world.edition.cancellation_deadline = timezone.now() - dt.timedelta(days=2)
    world.edition.save(update_fields=["cancellation_deadline"])
    client.force_login(learner_user(employer=world.company))
    body = text(client.get(url(world.edition)))
    assert "Kosteloos afmelden kon tot" in body


def test_the_contact_sees_the_price_per_employee(client, world, priced):
    client.force_login(contact_user(world.company))
    page = client.get(url(priced))
    assert "Per medewerker € 150,00 (excl. btw)" in text(page)
    assert_valid(client, url(priced))
