"""Reads about a hub's members and people, for the hub's coordinator.

Callers (the back office) have already checked that the actor coordinates `hub`; these
selectors only ever return rows that belong to that hub.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Hub, Membership, Organisation, Person, Role, Sector, User


def hubs_coordinated_by(*, actor: User) -> QuerySet[Hub]:
    return Hub.objects.filter(pk__in=access.coordinated_hub_ids(actor)).order_by("name")


def access_hub(*, actor: User, slug: str) -> Hub:
    """The hub with this slug if the actor coordinates it, else NotFound."""
    try:
        hub = Hub.objects.get(slug=slug)
    except Hub.DoesNotExist as exc:
        raise NotFound() from exc
    if not access.is_coordinator(actor, hub):
        raise NotFound()
    return hub


def memberships_of_hub(*, hub: Hub) -> QuerySet[Membership]:
    """The hub's memberships with organisation, sectors and the number of employees."""
    return (
        Membership.objects.filter(hub=hub)
        .select_related("organisation")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("name")))
        .annotate(employee_count=Count("organisation__employees", distinct=True))
        .order_by("organisation__name")
    )


def access_membership(*, hub: Hub, membership_id: int) -> Membership:
    try:
        return Membership.objects.select_related("organisation").get(pk=membership_id, hub=hub)
    except Membership.DoesNotExist as exc:
        raise NotFound() from exc


def organisations_of_hub(*, hub: Hub, kinds: tuple[str, ...] | None = None) -> QuerySet:
    """Organisations with a membership record (member or not) in this hub."""
    queryset = Organisation.objects.filter(memberships__hub=hub)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.distinct().order_by("name")


def people_of_hub(*, hub: Hub) -> QuerySet[Person]:
    """People working for the hub's organisations, plus the hub's trainers and coordinators."""
    return (
        Person.objects.filter(
            Q(employer__memberships__hub=hub)
            | Q(user__roles__kind=Role.Kind.TRAINER, user__roles__hub=hub)
            | Q(user__roles__kind=Role.Kind.COORDINATOR, user__roles__hub=hub)
        )
        .select_related("employer")
        .distinct()
        .order_by("last_name", "first_name")
    )


def trainers_of_hub(*, hub: Hub) -> QuerySet[Person]:
    """People with a trainer role for this hub (or a trainer role without a hub)."""
    return (
        Person.objects.filter(
            Q(user__roles__kind=Role.Kind.TRAINER)
            & (Q(user__roles__hub=hub) | Q(user__roles__hub__isnull=True))
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def role_holders_of_hub(*, hub: Hub) -> QuerySet[Role]:
    """Company contacts of the hub's organisations and the hub's trainers, with their person."""
    return (
        Role.objects.filter(
            Q(kind=Role.Kind.CONTACT, organisation__memberships__hub=hub)
            | Q(kind=Role.Kind.TRAINER, hub=hub)
        )
        .select_related("user__person", "organisation")
        .distinct()
        .order_by("kind", "user__email")
    )


def sectors_with_start_teams(*, hub: Hub) -> QuerySet[Sector]:
    """The hub's sectors; `start_team_members` holds each start team's people (one query)."""
    return (
        Sector.objects.filter(hub=hub)
        .prefetch_related(
            Prefetch(
                "start_team__members",
                queryset=Person.objects.select_related("employer").order_by(
                    "last_name", "first_name"
                ),
            )
        )
        .select_related("start_team")
        .order_by("name")
    )
