"""Every pricing and seat-pool page type is valid HTML (html5lib strict), per role, nl and en.

Reuses the demo fixture and the checks (one h1, unique ids, labelled inputs) of
tests/test_html_validity.py.
"""

import pytest

from technohub.enrolment.models import SeatPool
from technohub.hubs.models import User
from technohub.pricing.models import Contribution, EditionPrice, Fund, Statement, StatementPeriod
from tests.test_html_validity import assert_valid
from tests.test_html_validity import demo as demo  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
LANGUAGES = ["nl", "en"]


def _as(client, email: str, language: str) -> None:
    client.force_login(User.objects.get(email=email))
    client.cookies["django_language"] = language


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_cost_pages(demo, client, language):  # noqa: F811
    _as(client, "marloes@technohub-woerden.nl", language)
    base = "/beheer/woerden/"
    open_price = EditionPrice.objects.filter(
        model="joint_purchase", closed_at__isnull=True, edition__hub__slug="woerden"
    ).first()
    closed_price = EditionPrice.objects.filter(closed_at__isnull=False).first()
    fund = Fund.objects.filter(hub__slug="woerden").first()
    open_period = StatementPeriod.objects.filter(
        hub__slug="woerden", closed_at__isnull=True
    ).first()
    statement = Statement.objects.filter(hub__slug="woerden").first()
    proposed = Contribution.objects.filter(hub__slug="woerden", status="proposed").first()
    for path in [
        f"{base}kosten/perioden/{open_period.pk}/afsluiten/",
        f"{base}kosten/afrekeningen/{statement.pk}/",
        f"{base}kosten/bijdragen/",
        f"{base}kosten/bijdragen/{proposed.pk}/afwijzen/",
        f"{base}edities/{open_price.edition_id}/kosten/",
        f"{base}edities/{closed_price.edition_id}/kosten/",
        f"{base}kosten/",
        f"{base}kosten/fondsen/nieuw/",
        f"{base}kosten/fondsen/{fund.pk}/",
    ]:
        assert_valid(client, path)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("email", ["richard@bogro.nl", "anouk@vanvliet-installatie.nl"])
def test_company_cost_and_pool_pages(demo, client, language, email):  # noqa: F811
    _as(client, email, language)
    user = User.objects.get(email=email)
    organisation = user.roles.get(kind="contact").organisation
    base = f"/mijn/bedrijf/{organisation.pk}/"
    paths = [
        base + "kosten/",
        base + "bijdragen/",
        base + "plaatsen/",
    ]  # reserving is a form on "plaatsen"
    for pool in SeatPool.objects.filter(organisation=organisation):
        paths.append(f"{base}plaatsen/{pool.pk}/")
    for path in paths:
        assert_valid(client, path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_employee_claim_page(demo, client, language):  # noqa: F811
    pool = SeatPool.objects.select_related("organisation").first()
    employee = User.objects.filter(person__employer=pool.organisation, roles__isnull=True).first()
    _as(client, employee.email, language)
    assert_valid(client, f"/mijn/plaatsen/{pool.claim_code}/")
