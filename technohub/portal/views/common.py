"""What every portal view shares: login required, and refusals that look like 404s."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from technohub.hubs.errors import NotAllowed, NotFound


def portal_view(view):
    """Login required; `NotFound`/`NotAllowed` from an access check become a plain 404.

    A 404 (not a 403) never tells whether another company's object exists.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (NotFound, NotAllowed) as exc:
            raise Http404() from exc

    return login_required(wrapper)


def posted(request):
    """Form data for a POST (even an empty one, so that its errors show), else None."""
    return request.POST if request.method == "POST" else None
