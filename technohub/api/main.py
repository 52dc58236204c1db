"""The JSON API, version 1: one NinjaAPI, one router per domain (see docs/api.md)."""

from typing import Any

from ninja import NinjaAPI

from technohub.api import competences, demand, editions, enrolments, pricing, scheduling
from technohub.api.docs import CspSwagger
from technohub.api.problems import PROBLEM_CONTENT_TYPE, install_handlers

DESCRIPTION = """
The TechnoHUB API for integrators: the public agenda of editions (no authentication) and a
company's enrolments (a company API token: `Authorization: Bearer thk_…`).

Every error (4xx) is `application/problem+json` (RFC 9457) with a stable `code`, e.g.
`validation_error`, `not_authenticated`, `not_found`, `enrolment_closed`, `already_enrolled`.
Validation errors answer **400** with per-field `errors`.
"""

ERROR_DESCRIPTIONS = {
    "400": "Invalid input (`validation_error`, `malformed_json`).",
    "401": "No valid API token (`not_authenticated`).",
    "404": "No such object, or not visible to you (`not_found`).",
    "409": "Conflicts with the object's state; see `code`.",
}


class TechnohubAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any):
        schema = super().get_openapi_schema(**kwargs)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for status, response in operation.get("responses", {}).items():
                    if not str(status).startswith("4"):
                        continue
                    response["description"] = ERROR_DESCRIPTIONS.get(str(status), "Error")
                    content = response.get("content", {})
                    if "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


api = TechnohubAPI(
    title="TechnoHUB API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=CspSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_handlers(api)
api.add_router("", editions.router)
api.add_router("", enrolments.router)
for area in (pricing, demand, scheduling, competences):
    api.add_router("", area.router)
