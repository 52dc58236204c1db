"""URLs for the benchmarks: the whole site plus a bare view as the baseline."""

from django.http import HttpResponse
from django.urls import path

from technohub.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
