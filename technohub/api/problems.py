"""Every 4xx of the API is `application/problem+json` (RFC 9457) with a stable `code`.

    {"type": "https://technohub.nl/problems/<code>", "title": "...", "status": 409,
     "detail": "...", "code": "already_enrolled", "errors": [...]}

`title` and `detail` are for people (translated by Accept-Language); `code` is for programs and
never changes. `errors` lists field problems (validation): {"field", "source", "code", "detail"}.
See docs/api.md for the list of codes.
"""

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from technohub.hubs.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://technohub.nl/problems/"

# code → (status, title). Titles are short and fixed per code, like HTTP reason phrases.
TITLES = {
    "validation_error": _("The request is not valid."),
    "malformed_json": _("The request body is not valid JSON."),
    "bad_request": _("Bad request."),
    "not_authenticated": _("Authentication is needed."),
    "not_allowed": _("Not allowed."),
    "not_found": _("Not found."),
    "method_not_allowed": _("Method not allowed."),
    "payload_too_large": _("The request body is too large."),
    "throttled": _("Too many requests."),
}

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "not_allowed",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    429: "throttled",
}


def problem(
    *,
    status: int,
    code: str,
    detail: Any = "",
    title: Any = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": str(title or TITLES.get(code) or code.replace("_", " ").capitalize()),
        "status": status,
        "detail": str(detail or title or TITLES.get(code, "")),
        "code": code,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def not_authenticated() -> HttpResponse:
    return problem(
        status=401,
        code="not_authenticated",
        detail=_("Send a valid company API token: Authorization: Bearer thk_…"),
        headers={"WWW-Authenticate": 'Bearer realm="technohub"'},
    )


def not_found(detail: Any = None) -> HttpResponse:
    return problem(
        status=404,
        code="not_found",
        detail=detail or _("This does not exist or is not visible to you."),
    )


def _field_error(error: dict[str, Any]) -> dict[str, Any]:
    """A ninja/pydantic error → {"field", "source", "code", "detail"}; the body parameter's own
    name (`payload`) is left out so that `field` is the JSON property name."""
    loc = [str(part) for part in error.get("loc", ())]
    source = loc[0] if loc else "body"
    parts = loc[1:]
    if source == "body" and parts and parts[0] == "payload":
        parts = parts[1:]
    return {
        "field": ".".join(parts) or None,
        "source": source,
        "code": error.get("type", "invalid"),
        "detail": error.get("msg", ""),
    }


def validation_problem(errors: list[dict[str, Any]]) -> HttpResponse:
    return problem(
        status=400,
        code="validation_error",
        detail=_("One or more fields are not valid; see `errors`."),
        errors=errors,
    )


# Exception handlers ----------------------------------------------------------------------


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return validation_problem([_field_error(e) for e in exc.errors])


def _on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    errors = None
    if exc.field:
        errors = [
            {"field": exc.field, "source": "body", "code": exc.code, "detail": str(exc.message)}
        ]
    title = type(exc).default_message  # fixed per class (translatable); detail may vary
    return problem(status=exc.status, code=exc.code, title=title, detail=exc.message, errors=errors)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, AuthenticationError) or exc.status_code == 401:
        return not_authenticated()
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return problem(
            status=400,
            code="malformed_json",
            detail=_("Send a JSON object with Content-Type: application/json."),
        )
    code = _STATUS_CODES.get(exc.status_code, "bad_request")
    return problem(status=exc.status_code, code=code)


def _on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found()


def _on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem(status=413, code="payload_too_large")


def _on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    return problem(status=400, code="bad_request")


def install_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(DomainError, _on_domain_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, _on_http404)
    api.add_exception_handler(RequestDataTooBig, _on_too_big)
    api.add_exception_handler(SuspiciousOperation, _on_suspicious)


def as_problem(response: HttpResponse) -> HttpResponse:
    """Turn a plain 4xx response that did not come from our handlers (ninja's 405) into one."""
    if 400 <= response.status_code < 500 and not response.get("Content-Type", "").startswith(
        PROBLEM_CONTENT_TYPE
    ):
        code = _STATUS_CODES.get(response.status_code, "bad_request")
        converted = problem(status=response.status_code, code=code)
        if response.has_header("Allow"):
            converted["Allow"] = response["Allow"]
        return converted
    return response
