"""Public pages of the competences area: certificate verification, the issuer's profile and keys,
a hub's competence framework, and passports their holders chose to share. See
docs/competences.md, "What is public"."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from technohub.catalogue import selectors as catalogue_selectors
from technohub.competences import credentials, selectors, services

JSON_LD = "application/ld+json"


@require_GET
@never_cache
def verify(request: HttpRequest, public_id) -> HttpResponse:
    """Valid, revoked, expired or unknown; the holder's name only when the holder allows it."""
    certificate = selectors.public_certificate(public_id=public_id)
    status = certificate.status_at() if certificate else "unknown"
    return render(
        request,
        "public/competences/verify.html",
        {"certificate": certificate, "status": status},
        status=200 if certificate else 404,
    )


def _hub(slug: str):
    return get_object_or_404(catalogue_selectors.public_hubs(), slug=slug)


@require_GET
@vary_on_headers("Accept")
def issuer_profile(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The issuer's Open Badges `Profile`: JSON-LD for software, and a readable page for a
    person who follows the link on the verification page (a browser asks for text/html first)."""
    hub = _hub(hub_slug)
    if request.get_preferred_type([JSON_LD, "application/json", "text/html"]) == "text/html":
        return render(
            request,
            "public/competences/issuer.html",
            {"hub": hub, "keys": hub.issuer_keys.all()},
        )
    response = JsonResponse(credentials.issuer_profile(hub))
    response["Content-Type"] = JSON_LD
    return response


@require_GET
def issuer_jwks(request: HttpRequest, hub_slug: str) -> JsonResponse:
    response = JsonResponse(credentials.published_keys(_hub(hub_slug)))
    response["Content-Type"] = "application/jwk-set+json"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def issuer_status_list(request: HttpRequest, hub_slug: str) -> HttpResponse:
    """The hub's revocation list (W3C Bitstring Status List) that each credential's
    `credentialStatus` points at, as a VC-JWT signed with the hub's key."""
    response = HttpResponse(
        credentials.status_list_credential(_hub(hub_slug)), content_type="application/vc+jwt"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def framework(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _hub(hub_slug)
    return render(
        request,
        "public/competences/framework.html",
        {"hub": hub, "frameworks": selectors.frameworks_of_hub(hub=hub)},
    )


@require_GET
@never_cache
def shared_passport(request: HttpRequest, token: str) -> HttpResponse:
    share = selectors.shared_passport(token=token)
    if share is None:
        return render(request, "public/competences/passport_gone.html", status=404)
    services.passport_share_viewed(share=share)
    response = render(
        request,
        "public/competences/passport.html",
        {"share": share, "passport": selectors.passport_of(person=share.person)},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
