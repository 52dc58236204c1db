"""The back office is for hub coordinators only, and only for their own hubs.

Anonymous → the login page; logged in without a coordinator role → 403; a coordinator asking
for a hub they do not coordinate (or an object of such a hub) → 404, so that other hubs' data
is not even confirmed to exist.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from technohub.hubs import access, selectors
from technohub.hubs.errors import NotFound


def coordinator_required(view):
    """For views without a hub in the URL (the back-office home)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def hub_view(view):
    """Resolve `hub_slug` to a hub the user coordinates and pass it on as `hub`."""

    @wraps(view)
    def wrapper(request, hub_slug: str, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_coordinator(request.user):
            raise PermissionDenied
        try:
            hub = selectors.access_hub(actor=request.user, slug=hub_slug)
        except NotFound as exc:
            raise Http404 from exc
        return view(request, hub, *args, **kwargs)

    return wrapper
