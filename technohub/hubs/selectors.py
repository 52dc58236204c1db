"""Reads about a hub's members and people, for the hub's coordinator.

Callers (the back office) have already checked that the actor coordinates `hub`; these
selectors only ever return rows that belong to that hub.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import (
    Employment,
    Hub,
    Membership,
    Organisation,
    Person,
    Role,
    Sector,
    User,
)
from technohub.hubs.names import surname_order


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


def memberships_of_hub(*, hub: Hub, search: str = "") -> QuerySet[Membership]:
    """The hub's memberships with organisation, sectors and the number of employees; with
    `search`, those where every word is in the organisation's name, its city or a sector name."""
    memberships = Membership.objects.filter(hub=hub)
    for word in search.split()[:8]:
        in_sector = Membership.sectors.through.objects.filter(sector__name__icontains=word)
        memberships = memberships.filter(
            Q(organisation__name__icontains=word)
            | Q(organisation__city__icontains=word)
            | Q(pk__in=in_sector.values("membership_id"))
        )
    return (
        memberships.select_related("organisation")
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
        .order_by(*surname_order())
    )


def trainers_of_hub(*, hub: Hub) -> QuerySet[Person]:
    """People with a trainer role for this hub (or a trainer role without a hub)."""
    return (
        Person.objects.filter(
            Q(user__roles__kind=Role.Kind.TRAINER)
            & (Q(user__roles__hub=hub) | Q(user__roles__hub__isnull=True))
        )
        .distinct()
        .order_by(*surname_order())
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
        .order_by("kind", *surname_order("user__person__"), "user__email")
    )


def sectors_with_start_teams(*, hub: Hub) -> QuerySet[Sector]:
    """The hub's sectors with each start team's people (by surname) and the member
    organisations in the sector (`memberships`), in a fixed number of queries."""
    return (
        Sector.objects.filter(hub=hub)
        .prefetch_related(
            Prefetch(
                "start_team__members",
                queryset=Person.objects.select_related("employer").order_by(*surname_order()),
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(hub=hub)
                .select_related("organisation")
                .order_by("organisation__name"),
            ),
        )
        .select_related("start_team")
        .order_by("name")
    )


def access_sector(*, hub: Hub, sector_id: int) -> Sector:
    try:
        return Sector.objects.select_related("hub").get(pk=sector_id, hub=hub)
    except Sector.DoesNotExist as exc:
        raise NotFound() from exc


def access_start_team_member(*, sector: Sector, person_id: int) -> Person:
    """A person on the sector's start team; NotFound otherwise."""
    try:
        return Person.objects.select_related("employer").get(
            pk=person_id, start_teams__sector=sector
        )
    except Person.DoesNotExist as exc:
        raise NotFound() from exc


def access_sector_membership(*, sector: Sector, membership_id: int) -> Membership:
    """A membership of the sector's hub that counts for the sector; NotFound otherwise."""
    try:
        return Membership.objects.select_related("organisation", "hub").get(
            pk=membership_id, hub_id=sector.hub_id, sectors=sector
        )
    except Membership.DoesNotExist as exc:
        raise NotFound() from exc


# --- employment links (portal) ------------------------------------------------------------


def pending_links_of_organisation(*, organisation: Organisation) -> QuerySet[Employment]:
    """Links waiting for this organisation (people who asked) or for the person (invited)."""
    return (
        Employment.objects.filter(organisation=organisation, status__in=Employment.PENDING)
        .select_related("person")
        .order_by("created_at")
    )


def access_pending_link_of_organisation(
    *, actor: User, organisation: Organisation, employment_id: int
) -> Employment:
    if not access.is_contact(actor, organisation):
        raise NotFound()
    try:
        return pending_links_of_organisation(organisation=organisation).get(pk=employment_id)
    except Employment.DoesNotExist as exc:
        raise NotFound() from exc


def links_of_person(*, person: Person) -> QuerySet[Employment]:
    """The person's pending links and their history, newest first."""
    return Employment.objects.filter(person=person).select_related("organisation")


def access_link_of_person(*, actor: User, employment_id: int) -> Employment:
    person = access.person_of(actor)
    if person is None:
        raise NotFound()
    try:
        return links_of_person(person=person).get(pk=employment_id)
    except Employment.DoesNotExist as exc:
        raise NotFound() from exc
