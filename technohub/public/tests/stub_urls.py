"""Stand-ins for portal/back-office URL names the public pages link to, used only in tests while
those packages do not define them yet (they are built in parallel)."""

from django.http import HttpResponse
from django.urls import include, path

from technohub.public.views_health import healthz


def _stub(request, *args, **kwargs):
    return HttpResponse("stub")


portal = (
    [
        path("", _stub, name="home"),
        path("inloggen/", _stub, name="login"),
        path("uitloggen/", _stub, name="logout"),
        path("inschrijven/<int:edition_id>/", _stub, name="enrol"),
    ],
    "portal",
)
backoffice = ([path("", _stub, name="home")], "backoffice")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("mijn/", include(portal)),
    path("beheer/", include(backoffice)),
    path("", include("technohub.public.urls")),
]
