from django.shortcuts import redirect, render

from technohub.backoffice import queries
from technohub.backoffice.access import coordinator_required, hub_view
from technohub.backoffice.views.base import render_hub_page
from technohub.hubs import selectors


@coordinator_required
def home(request):
    """One hub: straight to its dashboard. Several: let the coordinator choose."""
    hubs = list(selectors.hubs_coordinated_by(actor=request.user))
    if len(hubs) == 1:
        return redirect("backoffice:dashboard", hub_slug=hubs[0].slug)
    return render(request, "backoffice/home.html", {"hubs": hubs})


@hub_view
def dashboard(request, hub):
    context = {
        "counts": queries.dashboard_counts(hub=hub),
        "editions": queries.add_flags(queries.upcoming_editions(hub=hub)[:10]),
        "audit": queries.recent_audit(hub=hub),
    }
    return render_hub_page(request, hub, "backoffice/dashboard.html", context, section="dashboard")
