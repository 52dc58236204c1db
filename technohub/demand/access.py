"""Who may state needs, steer the funnel, or look at it (docs/funnel.md, "Who sees what")."""

from technohub.hubs import access
from technohub.hubs.models import Hub, Membership, Organisation, Sector, User


def start_team_sector_ids(user: User) -> frozenset[int]:
    """The sectors whose start team the user's person belongs to (cached per request)."""
    person = access.person_of(user)
    if person is None:
        return frozenset()
    if not hasattr(user, "_start_team_cache"):
        user._start_team_cache = frozenset(
            Sector.objects.filter(start_team__members=person).values_list("pk", flat=True)
        )
    return user._start_team_cache


def member_organisation_ids(user: User, hub: Hub) -> frozenset[int]:
    """The user's contact organisations that are members of the hub."""
    ids = access.contact_organisation_ids(user)
    if not ids:
        return frozenset()
    return frozenset(
        Membership.objects.filter(
            hub=hub, organisation_id__in=ids, status=Membership.Status.MEMBER
        ).values_list("organisation_id", flat=True)
    )


def has_membership(organisation: Organisation, hub: Hub) -> bool:
    return Membership.objects.filter(hub=hub, organisation=organisation).exists()


def may_state_needs(user: User | None, organisation: Organisation, hub: Hub) -> bool:
    """A contact of the company, or the hub's coordinator (entering a need for a company).

    user None: the company's API token, authenticated by the API layer.
    """
    if user is None:
        return True
    return access.is_contact(user, organisation) or access.is_coordinator(user, hub)
