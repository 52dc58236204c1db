"""The project's URLs plus views that fail on purpose (for test_errors.py)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.urls import path

from technohub.hubs.errors import DomainError, NotAllowed, NotFound
from technohub.urls import urlpatterns as project_urlpatterns


class EditionFull(DomainError):
    code = "edition_full"
    default_message = "Deze editie is vol."


def raises(exception):
    def view(request):
        if request.GET.get("ok"):
            return HttpResponse("ok")
        raise exception

    return view


urlpatterns = [
    path("fout/niet-gevonden/", raises(NotFound())),
    path("fout/niet-toegestaan/", raises(NotAllowed())),
    path("fout/domein/", raises(EditionFull())),
    path("fout/verboden/", raises(PermissionDenied())),
    path("fout/verdacht/", raises(SuspiciousOperation())),
    path("fout/kapot/", raises(RuntimeError("stuk"))),
    path("fout/id/<int:item_id>/", lambda request, item_id: HttpResponse(str(item_id))),
    *project_urlpatterns,
]
