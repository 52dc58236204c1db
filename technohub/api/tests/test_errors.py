"""Errors outside the endpoints: unknown paths and methods are problem+json as well."""

import pytest

from technohub.api.tests.conftest import assert_problem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nope", "/api/v1/editions/1/nope", "/api/v1/enrolments/1/2", "/api/v1/x/%00"],
)
def test_unknown_paths_are_404_problems(client, path):
    assert_problem(client.get(path), 404, "not_found")


def test_unknown_method_on_a_list_is_405_with_allow(client):
    response = client.put("/api/v1/editions")
    assert_problem(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


def test_problem_text_follows_the_language_but_the_code_does_not(client):
    english = client.get("/api/v1/nope", HTTP_ACCEPT_LANGUAGE="en").json()
    dutch = client.get("/api/v1/nope", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert english["code"] == dutch["code"] == "not_found"
    assert english["type"] == dutch["type"]
