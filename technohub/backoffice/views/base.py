from django.shortcuts import render

from technohub.hubs import access, selectors


def render_hub_page(request, hub, template: str, context: dict, *, section: str, status=200):
    """Render a page of one hub, with the hub switcher for coordinators of several hubs."""
    other_hubs = []
    if len(access.coordinated_hub_ids(request.user)) > 1:
        other_hubs = [h for h in selectors.hubs_coordinated_by(actor=request.user) if h != hub]
    context = {"hub": hub, "section": section, "other_hubs": other_hubs, **context}
    return render(request, template, context, status=status)


def posted(request):
    """The submitted data on a POST (even an empty one), None on a GET: bound vs. unbound form."""
    return request.POST if request.method == "POST" else None
