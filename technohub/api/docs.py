"""The /api/v1/docs page: Swagger UI that works under the site's strict CSP and offline.

django-ninja's own renderer falls back to a CDN template with an inline script when `ninja`
is not in INSTALLED_APPS; both break `script-src 'self'`. This renderer uses our template
(no inline script, no inline style) and serves Swagger UI's files from the installed
django-ninja package, so the page needs no CDN and no collectstatic step for them.
"""

import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from ninja.openapi.docs import DocsBase

from technohub.api.problems import not_found

VENDOR_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
VENDOR_FILES = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png", "favicon.svg"}
_ASSETS = {"js": "swagger-ui-bundle.js", "css": "swagger-ui.css", "icon": "favicon.svg"}


class CspSwagger(DocsBase):
    template = "api/docs.html"
    settings = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "persistAuthorization": False,
        "tryItOutEnabled": False,
    }

    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        config = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "api": api,
            "swagger_settings": config,
            "vendor": {key: vendor_url(name) for key, name in _ASSETS.items()},
        }
        return render(request, self.template, context)


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
def vendor_file(request: HttpRequest, name: str) -> HttpResponse:
    """One of Swagger UI's files as shipped with django-ninja (whitelisted names only)."""
    if name not in VENDOR_FILES:
        return not_found()
    content_type, _ = mimetypes.guess_type(name)
    response = FileResponse(
        (VENDOR_DIR / name).open("rb"), content_type=content_type or "application/octet-stream"
    )
    response["X-Django-Ninja-Version"] = ninja.__version__
    return response


def vendor_url(name: str) -> str:
    return reverse("api:docs-vendor", kwargs={"name": name}) + f"?v={ninja.__version__}"
