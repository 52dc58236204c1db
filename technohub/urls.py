from django.urls import include, path
from django.views.i18n import set_language

from technohub.public.views_health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("technohub.api.urls")),
    path("mijn/", include("technohub.portal.urls")),
    path("beheer/", include("technohub.backoffice.urls")),
    path("", include("technohub.public.urls")),
]
