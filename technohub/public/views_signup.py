"""Self sign-up: the form (per hub), "check your mail", the confirmation link, resending it.

The same "check your mail" page follows every accepted form, whether the address was new or
known (no account enumeration). `next` is carried through sign-up and the confirmation link and
only ever followed when it is a path on this site.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from technohub.catalogue import selectors as catalogue
from technohub.catalogue.models import Edition
from technohub.hubs.errors import DomainError
from technohub.hubs.signup import (
    CONSENT_VERSION,
    InvalidLink,
    email_verify,
    signup_register,
    verification_check,
    verification_resend,
)
from technohub.public.forms_signup import ConfirmForm, ResendForm, SignupForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(value: str | None) -> str:
    """`value` when it is a path on this site ("/mijn/…"), else ""."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=set(), require_https=False):
        return ""
    return value


def _with_next(url: str, next_path: str) -> str:
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def _hub_of_next(next_path: str):
    """The hub of the edition a visitor wanted to enrol in (`/mijn/inschrijven/<id>/`)."""
    if not next_path:
        return None
    try:
        match = resolve(next_path.split("?")[0])
    except Resolver404:
        return None
    if match.view_name != "portal:enrol":
        return None
    edition = Edition.objects.filter(pk=match.kwargs.get("edition_id")).select_related("hub")
    edition = edition.first()
    return edition.hub if edition else None


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a proxy in front must set it (gunicorn --forwarded-allow-ips), see docs
    return request.META.get("REMOTE_ADDR", "")


@never_cache
def signup_start(request: HttpRequest) -> HttpResponse:
    """Which hub? The one of the course the visitor came from, the only one, or a choice."""
    next_path = safe_next(request.GET.get("next"))
    hubs = list(catalogue.public_hubs())
    hub = _hub_of_next(next_path) or (hubs[0] if len(hubs) == 1 else None)
    if hub is not None:
        return redirect(_with_next(reverse("public:signup", args=[hub.slug]), next_path))
    return render(request, "registration/signup_start.html", {"hubs": hubs, "next": next_path})


@never_cache
@sensitive_post_parameters("password")
def signup(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = catalogue.public_hubs().filter(slug=hub_slug).first()
    if hub is None:
        raise Http404()
    next_path = safe_next(request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(next_path or "portal:home")
    form = SignupForm(
        request.POST if request.method == "POST" else None,
        hub=hub,
        initial={"next": next_path},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup_register(
                hub=hub,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"],
                kind=data["kind"],
                consent=data["consent"],
                organisation=form.organisation(),
                client_ip=_client_ip(request),
                next_path=next_path,
            )
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            if field == "organisation":
                field = "employer" if data["kind"] == "employee" else "school"
            form.add_error(field if field in form.fields else None, str(error.message))
        else:
            return redirect(_with_next(reverse("public:signup_sent"), next_path))
    return render(
        request,
        "registration/signup_form.html",
        {"form": form, "hub": hub, "next": next_path, "consent_version": CONSENT_VERSION},
    )


@never_cache
def signup_sent(request: HttpRequest) -> HttpResponse:
    next_path = safe_next(request.GET.get("next"))
    return render(
        request,
        "registration/signup_sent.html",
        {"resend_url": _with_next(reverse("public:signup_resend"), next_path)},
    )


@never_cache
def signup_verify(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; the POST confirms the address, logs the person in and goes on."""
    try:
        verification = verification_check(token)
    except InvalidLink as error:
        return render(
            request,
            "registration/signup_verify.html",
            {"invalid": error.message, "resend_form": ResendForm()},
            status=400,
        )
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = email_verify(user=verification.user)
        login(request, user, backend=BACKEND)
        messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
        return redirect(safe_next(verification.next_path) or "portal:home")
    return render(
        request,
        "registration/signup_verify.html",
        {"form": form, "already": verification.user.email_verified_at is not None},
    )


@never_cache
def signup_resend(request: HttpRequest) -> HttpResponse:
    next_path = safe_next(request.POST.get("next") or request.GET.get("next"))
    form = ResendForm(
        request.POST if request.method == "POST" else None, initial={"next": next_path}
    )
    if request.user.is_authenticated and request.method == "GET":
        form = ResendForm(initial={"email": request.user.email, "next": next_path})
    if request.method == "POST" and form.is_valid():
        try:
            verification_resend(
                email=form.cleaned_data["email"],
                client_ip=_client_ip(request),
                next_path=next_path,
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            return redirect(_with_next(reverse("public:signup_sent"), next_path))
    return render(request, "registration/signup_resend.html", {"form": form})
