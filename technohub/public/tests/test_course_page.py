import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/cursussen/woerden/basiscursus-lassen/"


def test_course_page_shows_course_facts_and_editions(client, world):
    course = world["course"]
    course.learning_outcomes = "Een hoeklas maken\nVeilig werken met de brander"
    course.description = "Twee avonden per week in de laswerkplaats."
    course.member_price, course.non_member_price = 0, 250
    course.provider = OrganisationFactory(name="Opleidingsbedrijf Metaal")
    course.save()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Basiscursus lassen",
        "TechnoHUB Woerden",
        "Een hoeklas maken",
        "Veilig werken met de brander",
        "Twee avonden per week",
        "Opleidingsbedrijf Metaal",
        "250,00",
        world["edition"].code,
        "/feeds/woerden/basiscursus-lassen.ics",
    ]:
        assert text in html, text
    (edition, is_open) = response.context["editions"][0]
    assert is_open and edition.seats_left == 11


def test_open_edition_links_to_enrol_in_the_portal(client, world):
    html = client.get(URL).content.decode()
    assert f'href="/mijn/inschrijven/{world["edition"].pk}/"' in html


def test_closed_edition_has_no_enrol_link(client, world):
    edition = world["edition"]
    edition.enrolment_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()
    html = client.get(URL).content.decode()
    assert f"/mijn/inschrijven/{edition.pk}/" not in html


def test_full_edition_shows_the_waitlist_length(client, world):
    edition = world["edition"]
    edition.capacity = 1
    edition.save()
    EnrolmentFactory(edition=edition, status=Enrolment.Status.WAITLISTED, waitlist_position=1)
    response = client.get(URL)
    (shown, _open) = response.context["editions"][0]
    assert (shown.seats_left, shown.waitlist_length) == (0, 1)


def test_draft_editions_are_not_shown(client, world):
    draft = edition_with_sessions(
        hub=world["hub"], course=world["course"], status=Edition.Status.DRAFT
    )
    html = client.get(URL).content.decode()
    assert draft.code not in html
    assert f"/mijn/inschrijven/{draft.pk}/" not in html


def test_course_with_only_draft_editions_is_404(client, world):
    edition_with_sessions(hub=world["hub"], slug="concept", status=Edition.Status.DRAFT)
    assert client.get("/cursussen/woerden/concept/").status_code == 404
    assert client.get("/cursussen/nop/basiscursus-lassen/").status_code == 404
    assert client.get("/cursussen/woerden/bestaat-niet/").status_code == 404


def test_course_page_query_count_is_constant(client, world, django_assert_max_num_queries):
    for _ in range(4):
        edition_with_sessions(hub=world["hub"], course=world["course"], days=[5, 12, 19, 26])
    with django_assert_max_num_queries(3):
        response = client.get(URL)
    assert len(response.context["editions"]) == 5


def test_course_with_only_completed_editions_keeps_its_page(client, world):
    edition_with_sessions(
        hub=world["hub"], slug="afgerond", days=[-20], status=Edition.Status.COMPLETED
    )
    response = client.get("/cursussen/woerden/afgerond/")
    assert response.status_code == 200
    assert response.context["editions"] == []
