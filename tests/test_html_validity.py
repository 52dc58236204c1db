"""Every kind of page is valid HTML (parsed by html5lib in strict mode), in Dutch and English.

Uses the demo data so that the pages are as full as a user sees them.
"""

import html5lib
import pytest
from django.core.management import call_command

from technohub.catalogue.models import Edition, Session
from technohub.hubs.models import Organisation, User

PUBLIC = [
    "/",
    "/cursussen/",
    "/cursussen/?q=lassen&level=mbo2",
    "/agenda/?hub=woerden",
    "/agenda/maand/?hub=woerden",
    "/mijn/inloggen/",
    "/mijn/wachtwoord-vergeten/",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        call_command("flush", interactive=False, verbosity=0)


def assert_valid(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(response.content)
    except html5lib.html5parser.ParseError as error:
        pytest.fail(f"{path}: invalid HTML: {error} {parser.errors[:3]}")
    ids = [e.get("id") for e in document.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), f"{path}: duplicate ids"
    assert len(document.findall(".//h1")) == 1, f"{path}: one h1"
    for field in document.iter("input"):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = (
            field.get("aria-label")
            or field.get("aria-labelledby")
            or (
                field.get("id") and document.find(f".//label[@for='{field.get('id')}']") is not None
            )
        )
        assert labelled, f"{path}: input {field.get('name')} has no label"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_are_valid_html(demo, client, language):
    client.cookies["django_language"] = language
    course = Edition.objects.filter(status="published").select_related("course__hub").first().course
    for path in [*PUBLIC, f"/cursussen/{course.hub.slug}/{course.slug}/"]:
        assert_valid(client, path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email",
    [
        "marloes@technohub-woerden.nl",
        "richard@bogro.nl",
        "sander@bogro.nl",
        "job.zoeker@example.nl",
        "gerrit@obm-opleidingen.nl",
    ],
)
def test_logged_in_pages_are_valid_html(demo, client, email):
    user = User.objects.get(email=email)
    client.force_login(user)
    paths = ["/mijn/", "/mijn/agenda/"]
    edition = Edition.objects.filter(status="published").first()
    paths.append(f"/mijn/inschrijven/{edition.pk}/")
    for organisation in Organisation.objects.filter(role__user=user):
        base = f"/mijn/bedrijf/{organisation.pk}/"
        paths += [
            base + "medewerkers/",
            base + "inschrijvingen/",
            base + "goedkeuren/",
            base + "instellingen/",
            base + "api-sleutels/",
        ]
    if user.person.editions_taught.exists():
        session = Session.objects.filter(edition__trainer=user.person).first()
        paths.append(f"/mijn/trainer/sessies/{session.pk}/aanwezigheid/")
        paths.append(f"/mijn/trainer/edities/{session.edition_id}/")
    for hub in user.roles.filter(kind="coordinator").values_list("hub__slug", flat=True):
        base = f"/beheer/{hub}/"
        edition = Edition.objects.filter(hub__slug=hub).first()
        paths += [
            base,
            base + "edities/",
            f"{base}edities/{edition.pk}/",
            base + "cursussen/",
            base + "cursussen/nieuw/",
            base + "leden/",
            base + "leden/uitnodigen/",
            base + "sectoren/",
        ]
    for path in paths:
        assert_valid(client, path)
