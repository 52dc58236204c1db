"""GET /api/v1/enrolments: the token's organisation's enrolments only."""

import pytest

from technohub.api.tests.conftest import SESSION_ROLES, assert_problem, open_edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory

URL = "/api/v1/enrolments"


@pytest.fixture
def both(world):
    """One enrolment of an A employee and one of a B employee, in the same edition."""
    edition = open_edition(world.hub)
    a = EnrolmentFactory(edition=edition, person=PersonFactory(employer=world.company_a))
    b = EnrolmentFactory(edition=edition, person=PersonFactory(employer=world.company_b))
    return a, b


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_a_session_is_not_enough_for_any_role(world, both, as_role, role):
    assert_problem(as_role(role).get(URL), 401, "not_authenticated")


def test_a_revoked_token_is_401(client, world, both):
    assert_problem(client.get(URL, **world.auth(world.revoked_key_a)), 401, "not_authenticated")


def test_each_company_sees_only_its_own(client, world, both):
    a, b = both
    body_a = client.get(URL, **world.a).json()
    body_b = client.get(URL, **world.b).json()
    assert [item["id"] for item in body_a["items"]] == [a.pk]
    assert [item["id"] for item in body_b["items"]] == [b.pk]
    assert body_a["count"] == body_b["count"] == 1
    # B's people appear nowhere in A's answer
    assert b.person.email not in client.get(URL, **world.a).content.decode()


def test_fields(client, world, both):
    a, _ = both
    item = client.get(URL, **world.a).json()["items"][0]
    assert item["status"] == "confirmed" and item["waitlist_position"] is None
    assert item["person"] == {
        "id": a.person.pk,
        "first_name": a.person.first_name,
        "last_name": a.person.last_name,
        "email": a.person.email,
    }
    assert item["edition"]["id"] == a.edition.pk
    assert item["edition"]["code"] == a.edition.code
    assert item["edition"]["course_title"] == a.edition.course.title
    assert "created_at" in item


def test_waitlist_positions_and_filters(client, world, both):
    a, _ = both
    waiting = EnrolmentFactory(
        edition=a.edition,
        person=PersonFactory(employer=world.company_a),
        status=Enrolment.Status.WAITLISTED,
        waitlist_position=1,
    )
    other_edition = open_edition(world.hub)
    EnrolmentFactory(edition=other_edition, person=PersonFactory(employer=world.company_a))

    def ids(**params):
        return [i["id"] for i in client.get(URL, params, **world.a).json()["items"]]

    items = client.get(URL, {"status": "waitlisted"}, **world.a).json()["items"]
    assert [(i["id"], i["waitlist_position"]) for i in items] == [(waiting.pk, 1)]
    assert ids(edition=a.edition.pk) == [a.pk, waiting.pk]
    assert len(ids()) == 3


def test_paging(client, world):
    edition = open_edition(world.hub)
    enrolments = EnrolmentFactory.create_batch(5, edition=edition, person__employer=world.company_a)
    body = client.get(URL, {"limit": 2, "offset": 1}, **world.a).json()
    assert body["count"] == 5
    assert [i["id"] for i in body["items"]] == [e.pk for e in enrolments[1:3]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"edition": "abc"}, "edition"),
        ({"edition": "0"}, "edition"),
        ({"edition": "9" * 30}, "edition"),
        ({"limit": "1000"}, "limit"),
        ({"offset": "-3"}, "offset"),
    ],
)
def test_bad_parameters_are_400(client, world, params, field):
    body = assert_problem(client.get(URL, params, **world.a), 400, "validation_error")
    assert [e["field"] for e in body["errors"]] == [field]


def test_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for _ in range(3):
        edition = open_edition(world.hub)
        EnrolmentFactory.create_batch(4, edition=edition, person__employer=world.company_a)
    client.get(URL, **world.a)  # the token's last_used_at is written at most once a minute
    # token, count, page
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"limit": 100}, **world.a)
    assert response.json()["count"] == 12
