"""/api/v1/: the ninja API, plus problem+json for everything ninja itself answers in HTML."""

from functools import wraps

from django.http import Http404, JsonResponse
from django.urls import path, re_path, reverse
from django.views.decorators.csrf import csrf_exempt

from technohub.api.docs import vendor_file
from technohub.api.main import api
from technohub.api.problems import as_problem, not_found, problem

app_name = "api"


def _problem_errors(view):
    """4xx answers of ninja's own machinery (405, the root's 404) as problem+json too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found()
        return as_problem(response)

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


@csrf_exempt
def index(request):
    """/api/v1/: where to find the description (GET); other methods: 405 problem+json."""
    if request.method not in ("GET", "HEAD"):
        return problem(status=405, code="method_not_allowed", headers={"Allow": "GET, HEAD"})
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "openapi": reverse("api:openapi-json"),
            "docs": reverse("api:openapi-view"),
        }
    )


@csrf_exempt  # the API has no cookies to protect: any method on an unknown path is a 404
def unknown(request, rest=""):
    return not_found()


def _patterns():
    patterns, _app, _namespace = api.urls
    result = [path("docs/assets/<str:name>", vendor_file, name="docs-vendor")]
    for pattern in patterns:
        if pattern.name == "api-root":
            result.append(path("", index, name="api-root"))
            continue
        pattern.callback = _problem_errors(pattern.callback)
        result.append(pattern)
    result.append(re_path(r"^(?P<rest>.*)$", unknown, name="unknown"))
    return result


urlpatterns = _patterns()
