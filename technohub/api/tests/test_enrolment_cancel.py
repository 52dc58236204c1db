"""DELETE /api/v1/enrolments/{id}: the token's organisation cancels its own enrolments only."""

import pytest

from technohub.api.tests.conftest import SESSION_ROLES, assert_problem, open_edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.enrolment.tests.helpers import past
from technohub.hubs.tests.factories import PersonFactory


def url(enrolment_id) -> str:
    return f"/api/v1/enrolments/{enrolment_id}"


@pytest.fixture
def enrolment_a(world):
    edition = open_edition(world.hub, capacity=1)
    return EnrolmentFactory(edition=edition, person=PersonFactory(employer=world.company_a))


def status_of(enrolment) -> str:
    enrolment.refresh_from_db()
    return enrolment.status


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_a_session_is_not_enough_for_any_role(world, enrolment_a, as_role, role):
    assert_problem(as_role(role).delete(url(enrolment_a.pk)), 401, "not_authenticated")
    assert status_of(enrolment_a) == "confirmed"


def test_a_revoked_token_is_401(client, world, enrolment_a):
    response = client.delete(url(enrolment_a.pk), **world.auth(world.revoked_key_a))
    assert_problem(response, 401, "not_authenticated")
    assert status_of(enrolment_a) == "confirmed"


def test_another_company_gets_404_not_403(client, world, enrolment_a):
    # B cannot tell A's enrolment from one that does not exist
    theirs = client.delete(url(enrolment_a.pk), **world.b)
    missing = client.delete(url(2**62), **world.b)
    assert_problem(theirs, 404, "not_found")
    assert theirs.json() == missing.json()
    assert status_of(enrolment_a) == "confirmed"


def test_the_company_cancels_and_the_waitlist_moves_up(client, world, enrolment_a):
    # given A's employee holds the only seat and another waits
    waiting = EnrolmentFactory(
        edition=enrolment_a.edition,
        person=PersonFactory(employer=world.company_b),
        status=Enrolment.Status.WAITLISTED,
        waitlist_position=1,
    )
    # when A cancels
    response = client.delete(url(enrolment_a.pk), **world.a)
    # then 204, cancelled, and the first on the waitlist gets the seat
    assert response.status_code == 204 and response.content == b""
    assert status_of(enrolment_a) == "cancelled"
    assert status_of(waiting) == "confirmed"


def test_cancelling_twice_is_409(client, world, enrolment_a):
    assert client.delete(url(enrolment_a.pk), **world.a).status_code == 204
    assert_problem(client.delete(url(enrolment_a.pk), **world.a), 409, "invalid_transition")


def test_after_the_deadline_is_409(client, world, enrolment_a):
    edition = enrolment_a.edition
    edition.cancellation_deadline = past()
    edition.save(update_fields=["cancellation_deadline"])
    assert_problem(client.delete(url(enrolment_a.pk), **world.a), 409, "cancellation_closed")
    assert status_of(enrolment_a) == "confirmed"


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "1.5", "9" * 30])
def test_bad_ids_are_400(client, world, bad):
    body = assert_problem(client.delete(url(bad), **world.a), 400, "validation_error")
    assert body["errors"][0]["field"] == "enrolment_id"


@pytest.mark.parametrize("method", ["get", "post", "put", "patch"])
def test_other_methods_are_405(client, world, enrolment_a, method):
    response = getattr(client, method)(url(enrolment_a.pk), **world.a)
    assert_problem(response, 405, "method_not_allowed")
