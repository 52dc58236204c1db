from django.db.models import Q

from technohub.hubs import access
from technohub.hubs.models import Hub


def _hub_contacts() -> list[Hub]:
    """Hubs with contact details, for the footer; only queried when a page shows them."""
    return list(Hub.objects.filter(~Q(contact_email="") | ~Q(contact_phone="")).order_by("name"))


def navigation(request):
    """What the page header needs to show the right links for this user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "hub_contacts": _hub_contacts}
    return {
        "hub_contacts": _hub_contacts,
        "nav": {
            "coordinator": access.is_coordinator(user),
            "contact": access.is_contact(user),
            "trainer": access.is_trainer(user),
            "learner": access.person_of(user) is not None,
        },
    }
