import pytest
from django.urls import reverse

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions

pytestmark = pytest.mark.django_db


def test_home_lists_hubs_and_next_sessions(client, world, django_assert_max_num_queries):
    edition_with_sessions(hub=world["hub"], title="Geheim concept", status=Edition.Status.DRAFT)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("public:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "TechnoHUB Woerden" in html and "Technohub NOP" in html
    assert "Samen leren werkt" in html  # the hub's tagline
    assert "Basiscursus lassen" in html
    assert "Geheim concept" not in html
    assert "/cursussen/?hub=woerden" in html and "/agenda/?hub=woerden" in html


def test_home_without_data(client, db):
    assert client.get(reverse("public:home")).status_code == 200
