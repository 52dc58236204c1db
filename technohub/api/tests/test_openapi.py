"""GET /api/v1/openapi.json: a valid OpenAPI 3 description of every endpoint."""

import pytest

URL = "/api/v1/openapi.json"

PATHS = {
    "/api/v1/editions": {"get"},
    "/api/v1/editions/{edition_id}": {"get"},
    "/api/v1/editions/{edition_id}/enrolments": {"post"},
    "/api/v1/enrolments": {"get"},
    "/api/v1/enrolments/{enrolment_id}": {"delete"},
    "/api/v1/topics": {"get"},
    "/api/v1/needs": {"post"},
    "/api/v1/bookable": {"get"},
    "/api/v1/bookable/{kind}/{resource_id}/busy": {"get"},
    "/api/v1/bookings": {"get", "post"},
    "/api/v1/bookings/{booking_id}": {"delete"},
    "/api/v1/editions/{edition_id}/costs": {"get"},
    "/api/v1/statements": {"get"},
    "/api/v1/contributions": {"get", "post"},
    "/api/v1/me/passport": {"get"},
    "/api/v1/credentials/{credential_id}": {"get"},
    "/api/v1/credentials/verify": {"post"},
}
# The learner's own passport is read with the browser session (a GET; CSRF does not apply).
SESSION_OPERATIONS = {("/api/v1/me/passport", "get")}
TOKEN_OPERATIONS = {
    ("/api/v1/editions/{edition_id}/enrolments", "post"),
    ("/api/v1/enrolments", "get"),
    ("/api/v1/enrolments/{enrolment_id}", "delete"),
    ("/api/v1/topics", "get"),
    ("/api/v1/needs", "post"),
    ("/api/v1/editions/{edition_id}/costs", "get"),
    ("/api/v1/statements", "get"),
    ("/api/v1/contributions", "get"),
    ("/api/v1/contributions", "post"),
    ("/api/v1/bookable", "get"),
    ("/api/v1/bookable/{kind}/{resource_id}/busy", "get"),
    ("/api/v1/bookings", "get"),
    ("/api/v1/bookings", "post"),
    ("/api/v1/bookings/{booking_id}", "delete"),
}


@pytest.fixture
def schema(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_it_is_openapi_3_with_every_path(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] and schema["info"]["version"] == "1"
    assert {path: set(ops) for path, ops in schema["paths"].items()} == PATHS


def test_it_passes_the_openapi_spec_validator(schema):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)


def test_bearer_security_on_token_endpoints_only(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes == {
        "CompanyToken": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "thk_<prefix>_<secret>",
            "description": schemes["CompanyToken"]["description"],
        },
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            token = operation.get("security") == [{"CompanyToken": []}]
            session = operation.get("security") == [{"SessionAuth": []}]
            assert token == ((path, method) in TOKEN_OPERATIONS), (path, method)
            assert session == ((path, method) in SESSION_OPERATIONS), (path, method)
            if token or session:
                assert "401" in operation["responses"]


def test_every_operation_documents_its_errors_as_problems(schema):
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert operation["summary"] and operation["description"]
            assert "400" in operation["responses"]
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    content = response["content"]
                    assert set(content) == {"application/problem+json"}
                    ref = content["application/problem+json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Problem"
                    assert "`" in response["description"]  # names its codes


def test_conflicts_are_documented(schema):
    paths = schema["paths"]
    assert "409" in paths["/api/v1/editions/{edition_id}/enrolments"]["post"]["responses"]
    assert "409" in paths["/api/v1/enrolments/{enrolment_id}"]["delete"]["responses"]
    assert "404" in paths["/api/v1/editions/{edition_id}"]["get"]["responses"]


def test_schemas_are_described(schema):
    schemas = schema["components"]["schemas"]
    for name in ("EditionOut", "EnrolmentIn", "Problem"):
        assert schemas[name]["description"], name
    assert set(schemas["Problem"]["required"]) >= {"type", "title", "status", "detail", "code"}
    assert set(schemas["EnrolmentIn"]["required"]) == {"first_name", "last_name", "email"}
    edition = schemas["EditionOut"]["properties"]
    assert {"seats_left", "waitlist_length", "enrolment_open", "sessions"} <= set(edition)
    assert edition["seats_left"]["description"]
    params = {p["name"]: p for p in schema["paths"]["/api/v1/editions"]["get"]["parameters"]}
    assert set(params) == {"q", "sector", "hub", "from", "to", "limit", "offset"}
    assert all(p.get("description") for p in params.values())


def test_the_index_points_to_the_description(client, db):
    body = client.get("/api/v1/").json()
    assert body["openapi"] == URL
    assert body["docs"] == "/api/v1/docs"
