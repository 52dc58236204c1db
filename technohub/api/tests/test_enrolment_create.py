"""POST /api/v1/editions/{id}/enrolments: a company's token enrols an employee."""

import json

import pytest

from technohub.api.tests.conftest import SESSION_ROLES, assert_problem, open_edition
from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Person
from technohub.hubs.tests.factories import PersonFactory

BODY = {"first_name": "Sanne", "last_name": "de Vries", "email": "Sanne@Bogro.nl"}


def url(edition_id) -> str:
    return f"/api/v1/editions/{edition_id}/enrolments"


def post(client, edition_id, body=BODY, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url(edition_id), data, content_type="application/json", **headers)


# Who may -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", SESSION_ROLES)
def test_a_session_is_not_enough_for_any_role(world, as_role, role):
    # company contacts included: the enrolment endpoints take a company API token only
    edition = open_edition(world.hub)
    response = post(as_role(role), edition.pk)
    body = assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["detail"]
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer thk_",
        "Bearer thk_00000000_notavalidsecret",
        "Bearer " + "thk_" + "x" * 5000,
        "Basic dXNlcjpwYXNz",
        "Token thk_x",
        "thk_x",
        "Bearer \u00e9\u00e9",
    ],
)
def test_invalid_tokens_are_401(client, world, header):
    edition = open_edition(world.hub)
    response = post(client, edition.pk, HTTP_AUTHORIZATION=header)
    assert_problem(response, 401, "not_authenticated")


def test_a_revoked_token_is_401(client, world):
    edition = open_edition(world.hub)
    assert_problem(
        post(client, edition.pk, **world.auth(world.revoked_key_a)), 401, "not_authenticated"
    )
    assert not Enrolment.objects.exists()


def test_the_token_of_another_hub_member_works_in_any_hub(client, world):
    edition = open_edition(world.other_hub)
    assert post(client, edition.pk, **world.b).status_code == 201


# What happens ------------------------------------------------------------------------------


def test_a_new_employee_is_added_and_confirmed(client, world):
    # given an open edition and no employee with this address
    edition = open_edition(world.hub, capacity=2)
    # when company A enrols Sanne
    response = post(client, edition.pk, **world.a)
    # then she is a new employee of A with a seat
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["person_id"])
    assert (person.email, person.employer, person.first_name) == (
        "sanne@bogro.nl",
        world.company_a,
        "Sanne",
    )
    enrolment = Enrolment.objects.get(pk=body["id"])
    assert body == {
        "id": enrolment.pk,
        "edition_id": edition.pk,
        "person_id": person.pk,
        "status": "confirmed",
        "waitlist_position": None,
    }
    assert enrolment.organisation == world.company_a


def test_an_existing_employee_is_found_by_email_case_insensitively(client, world):
    employee = PersonFactory(employer=world.company_a, email="sanne@bogro.nl")
    edition = open_edition(world.hub)
    body = post(client, edition.pk, **world.a).json()
    assert body["person_id"] == employee.pk
    assert Person.objects.filter(email__iexact="sanne@bogro.nl").count() == 1


def test_another_companys_employee_is_never_used(client, world):
    # given Sanne works for A
    employee_of_a = PersonFactory(employer=world.company_a, email="sanne@bogro.nl")
    edition = open_edition(world.hub)
    # when B enrols the same address
    body = post(client, edition.pk, **world.b).json()
    # then B gets its own person; A's employee is not enrolled
    assert body["person_id"] != employee_of_a.pk
    assert Person.objects.get(pk=body["person_id"]).employer == world.company_b
    assert not employee_of_a.enrolments.exists()


def test_a_full_edition_waitlists_in_order(client, world):
    edition = open_edition(world.hub, capacity=1)
    results = [
        post(client, edition.pk, {**BODY, "email": f"p{i}@bogro.nl"}, **world.a).json()
        for i in range(3)
    ]
    assert [(r["status"], r["waitlist_position"]) for r in results] == [
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]


@pytest.mark.parametrize(
    "status", [Edition.Status.DRAFT, Edition.Status.CANCELLED, Edition.Status.COMPLETED]
)
def test_a_closed_edition_is_409_and_adds_nobody(client, world, status):
    edition = open_edition(world.hub, status=status)
    people = Person.objects.count()
    assert_problem(post(client, edition.pk, **world.a), 409, "enrolment_closed")
    assert Person.objects.count() == people  # the new employee was rolled back too


def test_a_closed_enrolment_window_is_409(client, world):
    from technohub.enrolment.tests.helpers import past

    edition = open_edition(world.hub, enrolment_closes_at=past())
    assert_problem(post(client, edition.pk, **world.a), 409, "enrolment_closed")


def test_enrolling_twice_is_409_already_enrolled(client, world):
    edition = open_edition(world.hub)
    assert post(client, edition.pk, **world.a).status_code == 201
    again = post(
        client,
        edition.pk,
        {**BODY, "email": "SANNE@bogro.nl"},
        HTTP_ACCEPT_LANGUAGE="en",
        **world.a,
    )
    problem = assert_problem(again, 409, "already_enrolled")
    assert problem["title"] == "This person is already enrolled in this edition."
    assert Enrolment.objects.count() == 1


def test_unknown_edition_is_404(client, world):
    assert_problem(post(client, 2**62, **world.a), 404, "not_found")


# Bad input: always a 4xx problem, never a 500 ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"first_name", "last_name", "email"}),
        ({"first_name": "Sanne", "last_name": "de Vries"}, {"email"}),
        ({**BODY, "email": "not an e-mail"}, {"email"}),
        ({**BODY, "email": "sanne@"}, {"email"}),
        ({**BODY, "email": "a" * 250 + "@bogro.nl"}, {"email"}),
        ({**BODY, "email": ["sanne@bogro.nl"]}, {"email"}),
        ({**BODY, "first_name": 123}, {"first_name"}),
        ({**BODY, "first_name": None}, {"first_name"}),
        ({**BODY, "first_name": "   "}, {"first_name"}),
        ({**BODY, "first_name": "x" * 100_000}, {"first_name"}),
        ({**BODY, "last_name": "de\x00Vries"}, {"last_name"}),
        ({**BODY, "last_name": {"nested": True}}, {"last_name"}),
    ],
)
def test_invalid_fields_are_400_with_field_errors(client, world, body, fields):
    edition = open_edition(world.hub)
    response = post(client, edition.pk, body, **world.a)
    problem = assert_problem(response, 400, "validation_error")
    assert {e["field"] for e in problem["errors"]} == fields
    assert all(e["source"] == "body" and e["code"] and e["detail"] for e in problem["errors"])
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"text"', "42", "null", "true"])
def test_json_that_is_not_an_object_is_400(client, world, body):
    edition = open_edition(world.hub)
    assert_problem(post(client, edition.pk, body, **world.a), 400, "validation_error")


@pytest.mark.parametrize(
    "body", ["{", "{'first_name': 'x'}", "first_name=x", b"\xff\xfe\x00", "{}}", "\x00"]
)
def test_malformed_json_is_400(client, world, body):
    edition = open_edition(world.hub)
    assert_problem(post(client, edition.pk, body, **world.a), 400, "malformed_json")


def test_an_empty_body_is_400(client, world):
    edition = open_edition(world.hub)
    response = client.post(url(edition.pk), content_type="application/json", **world.a)
    assert_problem(response, 400, "validation_error")


def test_a_form_body_is_400(client, world):
    edition = open_edition(world.hub)
    response = client.post(url(edition.pk), BODY, **world.a)  # multipart
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_huge_body_is_413(client, world):
    edition = open_edition(world.hub)
    huge = json.dumps({**BODY, "padding": "x" * 3_000_000})
    assert_problem(post(client, edition.pk, huge, **world.a), 413, "payload_too_large")


def test_unknown_fields_are_ignored(client, world):
    edition = open_edition(world.hub)
    response = post(client, edition.pk, {**BODY, "is_superuser": True, "employer": 1}, **world.a)
    assert response.status_code == 201


@pytest.mark.parametrize("bad", ["abc", "0", "-5", "9" * 25])
def test_bad_edition_ids_are_400(client, world, bad):
    body = assert_problem(post(client, bad, **world.a), 400, "validation_error")
    assert {e["field"] for e in body["errors"]} == {"edition_id"}
