"""The anonymous catalogue is cached briefly; logged-in visitors and course pages are live."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from technohub.catalogue.tests.helpers import edition_with_sessions
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import coordinator_user, learner_user
from technohub.public import views

pytestmark = pytest.mark.django_db

URL = "/cursussen/"


def test_anonymous_repeat_is_served_from_the_cache_without_queries(
    client, world, django_assert_num_queries
):
    first = client.get(URL, {"q": "lassen"})
    with django_assert_num_queries(0):
        again = client.get(URL, {"q": "lassen"})
    assert again.status_code == 200
    assert "Basiscursus lassen" in again.content.decode()
    assert _results(again) == _results(first)


def test_cached_content_holds_no_csrf_token_but_each_page_gets_its_own(client, world):
    client.get(URL)
    entry = cache.get(_key({}))
    assert "Basiscursus lassen" in entry["body"]
    assert "csrfmiddlewaretoken" not in entry["body"]
    other = type(client)()
    pages = [c.get(URL).content.decode() for c in (client, other)]
    assert all('name="csrfmiddlewaretoken"' in page for page in pages)  # base.html's own form
    assert client.cookies["csrftoken"].value != other.cookies["csrftoken"].value


def test_parameters_in_another_order_share_one_entry_other_filters_do_not(rf):
    same = [rf.get(URL + "?q=lassen&hub=woerden"), rf.get(URL + "?hub=woerden&q=lassen")]
    other = rf.get(URL + "?q=lassen&hub=nop")
    assert views._catalogue_cache_key(same[0]) == views._catalogue_cache_key(same[1])
    assert views._catalogue_cache_key(same[0]) != views._catalogue_cache_key(other)


def test_each_language_has_its_own_entry(rf):
    request = rf.get(URL)
    keys = set()
    for language in ("nl", "en"):
        with translation.override(language):
            keys.add(views._catalogue_cache_key(request))
    assert len(keys) == 2


def test_anonymous_copy_may_be_up_to_the_cache_time_old(client, world):
    client.get(URL)
    edition_with_sessions(hub=world["hub"], title="Nieuw", days=[1])
    assert "Nieuw" not in client.get(URL).content.decode()
    cache.clear()  # the entry expired
    assert "Nieuw" in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["learner", "coordinator"])
def test_logged_in_visitors_always_see_a_fresh_catalogue(client, world, role):
    client.get(URL)  # an anonymous copy in the cache
    user = learner_user() if role == "learner" else coordinator_user(world["hub"])
    client.force_login(user)
    edition_with_sessions(hub=world["hub"], title="Nieuw", days=[1])
    assert "Nieuw" in client.get(URL).content.decode()


def test_invalid_filters_are_not_cached(client, world):
    client.get(URL, {"weekday": "9"})
    assert cache.get(_key({"weekday": "9"})) is None


def test_course_page_shows_live_seats_while_the_catalogue_is_cached(client, world):
    client.get(URL)
    course_url = "/cursussen/woerden/basiscursus-lassen/"
    before = client.get(course_url).context["editions"][0][0].seats_left
    EnrolmentFactory(edition=world["edition"])
    after = client.get(course_url).context["editions"][0][0].seats_left
    assert after == before - 1


def _key(params) -> str:
    request = RequestFactory().get(URL, params)
    with translation.override("nl"):
        return views._catalogue_cache_key(request)


def _results(response) -> str:
    html = response.content.decode()
    return html[html.index('id="results"') :]
