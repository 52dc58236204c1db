"""Every page type of the demand area is valid HTML (html5lib strict), with one h1, unique ids
and a label for every form control, in Dutch and English, for each role that sees it, on the
demo data; forms also in their error state."""

import html5lib
import pytest

from technohub.demand.models import Need, SurveyRound, Topic
from technohub.hubs.models import Sector, User
from tests.test_html_validity import assert_valid, demo  # noqa: F401 - the demo fixture

LANGUAGES = ["nl", "en"]
MARLOES = "marloes@technohub-woerden.nl"
CONTACTS = ["richard@bogro.nl", "anouk@vanvliet-installatie.nl"]
TEACHER = "a.elamrani@kalsbeek.nl"  # start team, no company contact


def assert_controls_labelled(content: bytes, path: str) -> None:
    """Selects, text areas and every kind of input have a label (assert_valid checks inputs)."""
    document = html5lib.parse(content, namespaceHTMLElements=False)
    labelled = {label.get("for") for label in document.iter("label")}
    for tag in ("input", "select", "textarea"):
        for control in document.iter(tag):
            if control.get("type") in ("hidden", "submit", "button"):
                continue
            assert (
                control.get("id") in labelled
                or control.get("aria-label")
                or control.get("aria-labelledby")
            ), f"{path}: {tag} {control.get('name')} has no label"


def check(client, path: str) -> None:
    assert_valid(client, path)
    assert_controls_labelled(client.get(path).content, path)


def check_error_state(client, path: str, data: dict) -> None:
    """A form posted with bad input: 400, valid HTML, the errors tied to their fields."""
    response = client.post(path, data)
    assert response.status_code == 400, path
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content)
    assert len(document.findall(".//h1")) == 1, path
    assert document.find(".//*[@aria-invalid='true']") is not None, f"{path}: no invalid field"
    assert_controls_labelled(response.content, path)


def planned_topic() -> Topic:
    """The demo's heat-pump topic: a draft edition and first-right invitations with seats."""
    return Topic.objects.get(hub__slug="woerden", label="Warmtepomptechniek", stage="planned")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_back_office_demand_pages_are_valid_html(demo, client, language):  # noqa: F811
    client.cookies["django_language"] = language
    marloes = User.objects.get(email=MARLOES)
    client.force_login(marloes)
    base = "/beheer/woerden/vraag/"
    topics = Topic.objects.filter(hub__slug="woerden")
    sensitive = topics.get(flags__isnull=False)
    parked = topics.get(stage=Topic.Stage.PARKED)
    planned = planned_topic()
    survey = SurveyRound.objects.get(hub__slug="woerden")
    sector = Sector.objects.filter(hub__slug="woerden").first()
    for path in (
        base,
        f"{base}?sector={sector.code}",
        f"{base}onderwerpen/{planned.pk}/",
        f"{base}onderwerpen/{sensitive.pk}/",
        f"{base}onderwerpen/{parked.pk}/",
        f"{base}onderwerpen/{topics.filter(edition__isnull=True).first().pk}/editie/",
        f"{base}behoeften/",
        f"{base}import/",
        f"{base}instellingen/",
        f"{base}uitvragen/",
        f"{base}uitvragen/{survey.pk}/",
    ):
        check(client, path)
    open_topic = topics.filter(edition__isnull=True, flags__isnull=True).first()
    for path, data in (
        (f"{base}behoeften/", {"text": "", "people": "0"}),
        (f"{base}onderwerpen/{open_topic.pk}/editie/", {"code": ""}),
        (f"{base}onderwerpen/{open_topic.pk}/", {"action": "stage", "stage": "parked"}),
        (f"{base}instellingen/", {"min_companies": "0"}),
        (f"{base}uitvragen/", {"title": ""}),
        (f"{base}import/", {}),
    ):
        check_error_state(client, path, data)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("email", CONTACTS)
def test_portal_demand_pages_are_valid_html(demo, client, language, email):  # noqa: F811
    assert planned_topic().invitations.filter(pool_reserved=True).count() >= 2
    client.cookies["django_language"] = language
    user = User.objects.get(email=email)
    client.force_login(user)
    organisation = user.roles.get(kind="contact").organisation
    company = f"/mijn/bedrijf/{organisation.pk}/"
    need = Need.objects.filter(organisation=organisation, status=Need.Status.OPEN).first()
    survey = SurveyRound.objects.get(hub__slug="woerden")
    sector = Sector.objects.filter(hub__slug="woerden").first()
    for path in (
        "/mijn/",
        f"{company}behoeften/",
        f"{company}behoeften/?ronde={survey.pk}",
        f"{company}behoeften/nieuw/",
        f"{company}behoeften/{need.pk}/",
        f"{company}voorrang/",
        "/mijn/vraag/woerden/",
        f"/mijn/vraag/woerden/?sector={sector.code}",
    ):
        check(client, path)
    check_error_state(client, f"{company}behoeften/nieuw/", {"text": "", "people": "x"})


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_start_team_funnel_is_valid_html(demo, client, language):  # noqa: F811
    client.cookies["django_language"] = language
    client.force_login(User.objects.get(email=TEACHER))
    for path in ("/mijn/", "/mijn/vraag/woerden/"):
        check(client, path)
