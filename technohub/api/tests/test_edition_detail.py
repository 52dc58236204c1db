"""GET /api/v1/editions/{id}: public; drafts are not found; bad ids are 400, never 500."""

import pytest

from technohub.api.tests.conftest import SESSION_ROLES, assert_problem, open_edition
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import SessionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory


def url(edition_id) -> str:
    return f"/api/v1/editions/{edition_id}"


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_every_role_sees_a_published_edition(world, as_role, role):
    edition = open_edition(world.hub)
    response = as_role(role).get(url(edition.pk))
    assert response.status_code == 200
    assert response.json()["id"] == edition.pk


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_a_draft_is_not_found_for_every_role(world, as_role, role):
    # not even the hub's coordinator: the API shows the public agenda only
    draft = open_edition(world.hub, status=Edition.Status.DRAFT)
    assert_problem(as_role(role).get(url(draft.pk)), 404, "not_found")


def test_a_draft_is_not_found_with_a_token_either(client, world):
    draft = open_edition(world.hub, status=Edition.Status.DRAFT)
    assert_problem(client.get(url(draft.pk), **world.a), 404, "not_found")


@pytest.mark.parametrize(
    "status", [Edition.Status.RUNNING, Edition.Status.CANCELLED, Edition.Status.COMPLETED]
)
def test_other_public_statuses_are_shown(client, world, status):
    edition = open_edition(world.hub, status=status)
    body = client.get(url(edition.pk)).json()
    assert body["status"] == status
    assert body["enrolment_open"] is (status == Edition.Status.RUNNING)


def test_fields(client, world):
    # given an edition with 3 seats, one taken, two sessions (one without a place)
    edition = open_edition(world.hub, capacity=3)
    SessionFactory(edition=edition, place=None, starts_at=edition.sessions.get().ends_at)
    EnrolmentFactory(edition=edition)
    EnrolmentFactory(edition=edition, status=Enrolment.Status.CANCELLED)
    # when fetched
    body = client.get(url(edition.pk)).json()
    # then
    assert set(body) >= {
        "id",
        "code",
        "course",
        "hub",
        "starts_on",
        "ends_on",
        "status",
        "capacity",
        "seats_total",
        "seats_left",
        "waitlist_length",
        "enrolment_open",
        "sessions",
    }
    assert (body["seats_total"], body["seats_left"], body["waitlist_length"]) == (3, 2, 0)
    assert body["course"]["sector"] is None
    first, second = body["sessions"]
    assert first["starts_at"] < second["starts_at"]
    assert first["starts_at"].endswith(("+01:00", "+02:00"))  # Amsterdam time, with offset
    assert first["place"]["kind"] == "hub_room" and second["place"] is None


def test_queries(client, world, django_assert_max_num_queries):
    edition = open_edition(world.hub)
    with django_assert_max_num_queries(2):
        assert client.get(url(edition.pk)).status_code == 200


@pytest.mark.parametrize("bad", ["abc", "1.5", "-1", "0", "9" * 30, "%00", "1e3"])
def test_bad_ids_are_400(client, world, bad):
    body = assert_problem(client.get(url(bad)), 400, "validation_error")
    assert body["errors"][0]["field"] == "edition_id"
    assert body["errors"][0]["source"] == "path"


def test_unknown_id_is_404(client, world):
    assert_problem(client.get(url(2**63 - 1)), 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_problems(client, world, method):
    edition = open_edition(world.hub)
    response = getattr(client, method)(url(edition.pk))
    assert_problem(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"
