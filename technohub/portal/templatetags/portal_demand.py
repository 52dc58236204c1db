"""Template tags for the demand slots of the portal home (whose view is not the demand area's)."""

from django import template

from technohub.demand import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def demand_funnel_hubs(context) -> list:
    """The hubs whose topic funnel the logged-in user may see."""
    return selectors.funnel_hubs_of_user(context["request"].user)
