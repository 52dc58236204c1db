import pytest
from django.core.cache import cache

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions

pytestmark = pytest.mark.django_db

URL = "/cursussen/"


def test_catalogue_lists_public_courses_only(client, world):
    edition_with_sessions(hub=world["hub"], title="Concept", status=Edition.Status.DRAFT)
    response = client.get(URL)
    assert response.status_code == 200
    titles = [c.title for c in response.context["page"].object_list]
    assert titles == ["Basiscursus lassen"]
    assert "/cursussen/woerden/basiscursus-lassen/" in response.content.decode()


def test_search_and_filters_through_get(client, world):
    edition_with_sessions(hub=world["other_hub"], title="Heftruck rijden", hour=9)
    assert _titles(client, q="lass") == ["Basiscursus lassen"]
    assert _titles(client, hub="nop") == ["Heftruck rijden"]
    assert _titles(client, daytime="evening") == ["Basiscursus lassen"]
    assert _titles(client, daytime="day") == ["Heftruck rijden"]
    assert _titles(client, q="heftruck", hub="woerden") == []


def test_hub_filter_shows_the_hubs_name_and_tagline(client, world):
    html = client.get(URL, {"hub": "woerden"}).content.decode()
    assert "TechnoHUB Woerden" in html and "Samen leren werkt" in html


def test_invalid_filter_shows_an_error_and_keeps_valid_ones(client, world):
    response = client.get(URL, {"weekday": "9", "q": "lassen"})
    assert response.status_code == 200
    assert "weekday" in response.context["form"].errors
    assert [c.title for c in response.context["page"].object_list] == ["Basiscursus lassen"]


def test_period_in_wrong_order_is_a_field_error(client, world):
    response = client.get(URL, {"date_from": "2030-02-01", "date_to": "2030-01-01"})
    assert "date_to" in response.context["form"].errors


def test_form_uses_get_with_autosubmit_and_labels(client, world):
    html = client.get(URL).content.decode()
    assert 'method="get"' in html and "data-autosubmit" in html
    for name in ["q", "hub", "sector", "level", "format", "weekday", "daytime", "place_kind"]:
        assert f'for="id_{name}"' in html


def test_paging_20_per_page_with_constant_queries(client, world, django_assert_max_num_queries):
    for n in range(24):
        edition_with_sessions(hub=world["hub"], title=f"Cursus {n:02d}", days=[n + 20])
    with django_assert_max_num_queries(7):
        first = client.get(URL)
    with django_assert_max_num_queries(7):
        second = client.get(URL, {"page": 2})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert "page=2" in first.content.decode()


def test_query_count_does_not_grow_with_results(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(10):
        edition_with_sessions(hub=world["hub"], title=f"Meer {n}", days=[n + 2, n + 30])
    cache.clear()  # count the queries of a page built afresh, not of the cached copy
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL)


def _titles(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [c.title for c in response.context["page"].object_list]


def test_logged_in_catalogue_stays_small(client, world, django_assert_max_num_queries):
    from technohub.hubs.tests.factories import coordinator_user

    client.force_login(coordinator_user(world["hub"]))
    for n in range(5):
        edition_with_sessions(hub=world["hub"], title=f"Cursus {n}", days=[n + 3])
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
