"""GET /api/v1/editions: public, published and running editions only, filters and paging."""

import datetime as dt

import pytest

from technohub.api.tests.conftest import SESSION_ROLES, assert_problem, open_edition
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import SectorFactory

URL = "/api/v1/editions"


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_every_role_sees_the_same_public_list(world, as_role, role):
    # given one open edition
    edition = open_edition(world.hub)
    # when any role (or nobody) asks
    response = as_role(role).get(URL)
    # then the list answers 200 with that edition
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [edition.pk]


@pytest.mark.parametrize("key", ["key_a", "key_b", "revoked_key_a"])
def test_a_token_is_not_needed_and_not_checked(client, world, key):
    edition = open_edition(world.hub)
    response = client.get(URL, **world.auth(getattr(world, key)))
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == edition.pk


def test_only_published_and_running_editions(client, world):
    # given editions in every status
    shown = {
        open_edition(world.hub, status=Edition.Status.PUBLISHED).pk,
        open_edition(world.hub, status=Edition.Status.RUNNING).pk,
    }
    for status in (Edition.Status.DRAFT, Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        open_edition(world.hub, status=status)
    # when listed, then only the published and running ones appear
    body = client.get(URL).json()
    assert {item["id"] for item in body["items"]} == shown
    assert body["count"] == 2


def test_fields_and_seat_counts(client, world):
    # given an edition with 2 seats, 2 confirmed and 1 waitlisted
    sector = SectorFactory(hub=world.hub, code="pie", name="Installatie en elektro")
    edition = open_edition(world.hub, capacity=2, course__sector=sector)
    EnrolmentFactory.create_batch(2, edition=edition)
    EnrolmentFactory(edition=edition, status=Enrolment.Status.WAITLISTED, waitlist_position=1)
    # when listed
    item = client.get(URL).json()["items"][0]
    # then the item carries the course, hub, seats and sessions
    assert item["id"] == edition.pk and item["code"] == edition.code
    assert item["course"] == {
        "id": edition.course.pk,
        "title": edition.course.title,
        "slug": edition.course.slug,
        "level": edition.course.level,
        "format": edition.course.format,
        "delivery_model": edition.course.delivery_model,
        "sector": {"code": "pie", "name": "Installatie en elektro"},
    }
    assert item["hub"] == {"slug": world.hub.slug, "name": world.hub.name}
    assert item["starts_on"] == edition.starts_on.isoformat()
    assert item["status"] == "published"
    assert (item["capacity"], item["seats_total"], item["seats_left"]) == (2, 2, 0)
    assert item["waitlist_length"] == 1
    assert item["enrolment_open"] is True
    assert len(item["sessions"]) == 1
    assert set(item["sessions"][0]) == {"starts_at", "ends_at", "place"}
    assert item["sessions"][0]["place"]["name"] == edition.location.name


def test_search_sector_hub_and_dates(client, world):
    # given editions of different courses, sectors, hubs and dates
    today = dt.date.today()
    pie = SectorFactory(hub=world.hub, code="pie")
    heat = open_edition(
        world.hub,
        course__title="Warmtepomp installeren",
        course__sector=pie,
        starts_on=today + dt.timedelta(days=10),
    )
    weld = open_edition(
        world.hub, course__title="Lassen voor beginners", starts_on=today + dt.timedelta(days=40)
    )
    elsewhere = open_edition(world.other_hub, course__title="Warmtepompen onderhouden")

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    # then each filter narrows the list
    assert ids(q="warmtepomp") == {heat.pk, elsewhere.pk}
    assert ids(q="warmtepomp", hub=world.hub.slug) == {heat.pk}
    assert ids(sector="pie") == {heat.pk}
    assert ids(sector="unknown") == set()
    assert ids(**{"from": (today + dt.timedelta(days=30)).isoformat()}) == {weld.pk}
    assert ids(to=(today + dt.timedelta(days=20)).isoformat()) == {heat.pk, elsewhere.pk}
    assert ids(q='"lassen*) (') == {weld.pk}  # search syntax is just words
    assert ids(q="") == {heat.pk, weld.pk, elsewhere.pk}


def test_paging(client, world):
    editions = [open_edition(world.hub) for _ in range(5)]
    body = client.get(URL, {"limit": 2, "offset": 2}).json()
    assert body["count"] == 5
    assert (body["limit"], body["offset"]) == (2, 2)
    assert [item["id"] for item in body["items"]] == [e.pk for e in editions[2:4]]
    assert client.get(URL, {"offset": 10}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"from": "2025-13-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2025-02-30"}, "to"),
        ({"from": "2025-03-01", "to": "2025-02-01"}, "to"),
        ({"q": "x" * 201}, "q"),
        ({"q": "las\x00sen"}, "q"),
        ({"sector": "s" * 500}, "sector"),
    ],
)
def test_bad_query_parameters_are_400_problems(client, world, params, field):
    response = client.get(URL, params)
    body = assert_problem(response, 400, "validation_error")
    assert field in [error["field"] for error in body["errors"]]
    assert all(error["source"] == "query" for error in body["errors"])


def test_query_count_does_not_grow_with_the_list(client, world, django_assert_max_num_queries):
    # given many editions with several sessions each and some enrolments
    for _ in range(8):
        edition = open_edition(world.hub)
        open_edition(world.other_hub)
        EnrolmentFactory(edition=edition)
    # when listed (with a search): count, page and sessions (with their places)
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"q": "cursus", "limit": 100})
    assert response.json()["count"] == 16


def test_untouched_editions_of_other_statuses_do_not_count(client, world):
    EditionFactory(course__hub=world.hub, status=Edition.Status.DRAFT)
    assert client.get(URL).json() == {"count": 0, "limit": 20, "offset": 0, "items": []}
