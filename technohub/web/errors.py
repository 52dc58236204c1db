"""One mechanism for domain errors that escape a view: never a 500, always a Dutch answer.

`DomainErrorMiddleware.process_exception` sees every exception a view raises. For a
`technohub.hubs.errors.DomainError` it answers:

- a not-found kind (`NotFound`, or any error with `status == 404`) → the 404 page;
- `NotAllowed` (`status == 403`) → the 403 page;
- any other domain error → on a POST (or other unsafe method): the message is shown on the page
  the form came from (a redirect back, "post/redirect/get"; for HTMX an `HX-Redirect`); on a GET:
  the 400 page with the message.

A middleware rather than a decorator: it covers every view of the public site, the portal and the
back office, also the ones written after this, without touching them. Views that want the error
next to a form field still catch it themselves (`technohub.web.forms.add_domain_error`). The API
(django-ninja) answers problem+json itself and never lets a domain error escape to here.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from technohub.hubs.errors import DomainError, NotAllowed, NotFound

MAX_ID = 2**63 - 1  # PostgreSQL's bigint, SQLite's INTEGER
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def is_not_found(error: DomainError) -> bool:
    return isinstance(error, NotFound) or getattr(error, "status", None) == 404


def is_not_allowed(error: DomainError) -> bool:
    return isinstance(error, NotAllowed) or getattr(error, "status", None) == 403


def back_url(request: HttpRequest) -> str:
    """Where the request came from (the Referer, when it is this site), else its own path."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()


def bad_request_page(request: HttpRequest, message: str = "", *, status: int = 400) -> HttpResponse:
    """The Dutch 400 page with `message` (for refused input and refused actions on a GET)."""
    return HttpResponse(
        render_to_string("400.html", {"message": message}, request=request), status=status
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "api":  # the API answers problem+json
        from technohub.api.problems import not_found

        return not_found()
    return response_for_exception(request, Http404())


def response_for_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The answer to a domain error that a view did not handle itself."""
    if is_not_found(error):
        return response_for_exception(request, Http404(str(error.message)))
    if is_not_allowed(error):
        return response_for_exception(request, PermissionDenied(str(error.message)))
    if request.method in SAFE_METHODS:
        return bad_request_page(request, str(error.message))
    messages.error(request, str(error.message))
    url = back_url(request)
    if getattr(request, "htmx", False):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class DomainErrorMiddleware:
    """Turns a `DomainError` escaping any view into 404, 403 or a message (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """An id in the path beyond any database integer is a 404, not an overflow."""
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not 0 <= value <= MAX_ID:
                return _not_found(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return response_for_domain_error(request, exception)
        return None
