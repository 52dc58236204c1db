"""The issuer profile `/uitgever/<hub>/` is the `issuer` id of every credential: software gets
the Open Badges JSON-LD `Profile`, a person who follows the link on the verification page gets a
Dutch page. One URL, negotiated on Accept (and `Vary: Accept` so caches keep them apart)."""

import pytest
from django.test import Client
from django.utils import timezone

from technohub.competences import credentials
from technohub.competences.tests.conftest import ROLES
from technohub.hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def _profile(client, hub, accept: str | None):
    headers = {"accept": accept} if accept is not None else {}
    return client.get(f"/uitgever/{hub.slug}/", headers=headers)


@pytest.mark.parametrize("role", ROLES)
def test_a_browser_gets_a_readable_page_whoever_asks(client, world, role):
    world.login(client, role)
    hub = world.hub
    hub.contact_email = "certificaten@example.nl"
    hub.city = "Woerden"
    hub.save()
    key = hub.issuer_keys.get()
    response = _profile(client, hub, BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]
    page = response.content.decode()
    for text in (
        hub.name,
        "Woerden",
        'href="mailto:certificaten@example.nl"',
        key.kid,
        f'href="/uitgever/{hub.slug}/jwks.json"',
        f'href="/uitgever/{hub.slug}/intrekkingen/"',
        f'href="/competenties/{hub.slug}/"',
    ):
        assert text in page, text
    assert "private" not in page.lower()
    assert key.private_jwk_encrypted not in page


@pytest.mark.parametrize(
    "accept",
    [
        "application/ld+json",
        "application/json",
        "application/json, text/html;q=0.5",
        "*/*",
        "text/plain",
        None,
    ],
)
def test_software_gets_the_json_ld_profile_as_before(client, world, accept):
    response = _profile(client, world.hub, accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert "Accept" in response["Vary"]
    assert response.json() == credentials.issuer_profile(world.hub)
    assert response.json()["id"].endswith(f"/uitgever/{world.hub.slug}/")


def test_retired_keys_stay_listed_and_a_hub_without_keys_says_so(client, world):
    key = world.hub.issuer_keys.get()
    key.retired_at = timezone.now()
    key.save()
    page = _profile(client, world.hub, BROWSER).content.decode()
    assert key.kid in page
    assert "certificaten die ermee ondertekend zijn blijven geldig" in page
    empty = _profile(client, HubFactory(), BROWSER).content.decode()
    assert "Deze hub heeft nog geen certificaten ondertekend." in empty


def test_dutch_first_english_second(world):
    browser = Client(headers={"accept": BROWSER})
    page = _profile(browser, world.hub, BROWSER).content.decode()
    assert f"{world.hub.name} als uitgever van certificaten" in page
    browser.cookies["django_language"] = "en"
    page = _profile(browser, world.hub, BROWSER).content.decode()
    assert f"{world.hub.name} as issuer of certificates" in page


def test_unknown_hubs_and_other_methods(client, world):
    for accept in (BROWSER, "application/json"):
        assert _profile(client, HubFactory.build(slug="onbekend"), accept).status_code == 404
    assert client.post(f"/uitgever/{world.hub.slug}/").status_code == 405
