"""`{% competences_home %}`: the competences section of the portal home (the slot template has
no data of its own, so the tag reads it for the logged-in user)."""

from django import template

from technohub.competences import selectors
from technohub.competences.models import Certificate, DevelopmentPlan
from technohub.hubs.access import is_trainer, person_of

register = template.Library()


@register.inclusion_tag("portal/competences/_home_section.html", takes_context=True)
def competences_home(context) -> dict:
    user = context["request"].user
    person = person_of(user)
    return {
        "person": person,
        "certificates": Certificate.objects.valid().filter(person=person).count() if person else 0,
        "plan": DevelopmentPlan.objects.filter(person=person).first() if person else None,
        "attention": selectors.plans_needing_attention(actor=user),
        # Only trainers assess (the role check reads the roles cached for the request).
        "to_assess": selectors.recognition_requests_to_assess(actor=user).count()
        if person and is_trainer(user)
        else 0,
    }
