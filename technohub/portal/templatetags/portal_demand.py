"""Template tags for the demand slots of the portal home (whose view is not the demand area's)."""

from django import template

from technohub.demand import selectors
from technohub.hubs import access

register = template.Library()


@register.simple_tag(takes_context=True)
def demand_funnel_hubs(context) -> list:
    """The hubs whose topic funnel the logged-in user may see."""
    return selectors.funnel_hubs_of_user(context["request"].user)


@register.simple_tag(takes_context=True)
def demand_first_right(context, organisation) -> dict | None:
    """The company's reserved seats still to name: {"seats", "deadline", "invitations"}, or
    None. One query for all the user's companies, kept on the request while the home page
    renders its company cards."""
    request = context["request"]
    if not hasattr(request, "_demand_first_right"):
        by_company: dict[int, list] = {}
        for invitation in selectors.open_first_right(access.contact_organisation_ids(request.user)):
            by_company.setdefault(invitation.organisation_id, []).append(invitation)
        request._demand_first_right = by_company
    invitations = request._demand_first_right.get(organisation.pk)
    if not invitations:
        return None
    return {
        "seats": sum(invitation.pool_unnamed for invitation in invitations),
        "deadline": invitations[0].pool_release_at,  # the soonest (None: no deadline)
        "invitations": invitations,
    }
