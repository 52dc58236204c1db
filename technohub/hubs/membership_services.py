"""Writes about memberships: an organisation's relation to a hub, and a sector's start team.

Only the hub's coordinator changes these. Every change is audit-logged with before/after.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Membership, Organisation, Person, Sector, StartTeam, User
from technohub.hubs.selectors import people_of_hub


class SectorOfOtherHub(DomainError):
    code = "sector_of_other_hub"
    status = 400

    def __init__(self):
        super().__init__(_("Choose sectors of this hub."), field="sectors")


class NotOfThisHub(DomainError):
    code = "person_not_of_hub"
    status = 400

    def __init__(self):
        super().__init__(_("This person does not belong to this hub."), field="person")


def _ensure_coordinator(actor: User | None, hub: Hub) -> None:
    # actor None: a management command (seed, import), which runs with the operator's rights
    if actor is not None and not access.is_coordinator(actor, hub):
        raise NotAllowed()


def _snapshot(membership: Membership, sector_ids: Iterable[int]) -> dict:
    return {
        "status": membership.status,
        "tier": membership.tier,
        "since": membership.since.isoformat() if membership.since else None,
        "sectors": sorted(sector_ids),
    }


def _unique_organisation_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisatie"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def membership_upsert(
    *,
    hub: Hub,
    organisation: Organisation,
    actor: User | None,
    status: str,
    tier: str = Membership.Tier.STANDARD,
    since: dt.date | None = None,
    sectors: Iterable[Sector] = (),
) -> Membership:
    """Create or change the organisation's membership of the hub (status, tier, since, sectors)."""
    _ensure_coordinator(actor, hub)
    sectors = list(sectors)
    if any(sector.hub_id != hub.pk for sector in sectors):
        raise SectorOfOtherHub()
    if status not in Membership.Status.values:
        raise DomainError(_("Choose a valid membership status."), field="status")
    if tier not in Membership.Tier.values:
        raise DomainError(_("Choose a valid tier."), field="tier")

    membership = (
        Membership.objects.select_for_update().filter(hub=hub, organisation=organisation).first()
    )
    before = None
    if membership is None:
        membership = Membership(hub=hub, organisation=organisation)
    else:
        before = _snapshot(membership, membership.sectors.values_list("pk", flat=True))
    membership.status, membership.tier, membership.since = status, tier, since
    membership.save()
    membership.sectors.set(sectors)
    after = _snapshot(membership, [s.pk for s in sectors])
    if before != after:
        action = "membership.created" if before is None else "membership.changed"
        log_action(action, actor=actor, target=membership, before=before, after=after)
    return membership


@transaction.atomic
def member_add(
    *,
    hub: Hub,
    actor: User | None,
    name: str,
    kind: str = Organisation.Kind.COMPANY,
    city: str = "",
    website: str = "",
    status: str = Membership.Status.MEMBER,
    tier: str = Membership.Tier.STANDARD,
    since: dt.date | None = None,
    sectors: Iterable[Sector] = (),
) -> Membership:
    """Register a new organisation and its membership of the hub in one go."""
    _ensure_coordinator(actor, hub)
    if kind not in Organisation.Kind.values:
        raise DomainError(_("Choose a valid kind of organisation."), field="kind")
    organisation = Organisation.objects.create(
        name=name.strip(),
        slug=_unique_organisation_slug(name),
        kind=kind,
        city=city.strip(),
        website=website.strip(),
    )
    log_action("organisation.created", actor=actor, target=organisation, after={"name": name})
    return membership_upsert(
        hub=hub,
        organisation=organisation,
        actor=actor,
        status=status,
        tier=tier,
        since=since,
        sectors=sectors,
    )


def _belongs_to_hub(person: Person, hub: Hub) -> bool:
    return people_of_hub(hub=hub).filter(pk=person.pk).exists()


@transaction.atomic
def start_team_member_add(*, sector: Sector, person: Person, actor: User | None) -> StartTeam:
    """Add a person of the hub to the sector's start team (the team is created when missing)."""
    _ensure_coordinator(actor, sector.hub)
    if not _belongs_to_hub(person, sector.hub):
        raise NotOfThisHub()
    team, _created = StartTeam.objects.get_or_create(sector=sector)
    if not team.members.filter(pk=person.pk).exists():
        team.members.add(person)
        log_action("start_team.member_added", actor=actor, target=team, after={"person": person.pk})
    return team


@transaction.atomic
def start_team_member_remove(*, sector: Sector, person: Person, actor: User | None) -> None:
    """Take a person off the sector's start team (nothing happens when they are not on it)."""
    _ensure_coordinator(actor, sector.hub)
    team = StartTeam.objects.filter(sector=sector).first()
    if team is not None and team.members.filter(pk=person.pk).exists():
        team.members.remove(person)
        log_action(
            "start_team.member_removed", actor=actor, target=team, before={"person": person.pk}
        )


def _sector_ids(membership: Membership) -> list[int]:
    return sorted(membership.sectors.values_list("pk", flat=True))


@transaction.atomic
def membership_sector_add(*, membership: Membership, sector: Sector, actor: User | None) -> None:
    """The member organisation works in `sector` (a sector of the membership's hub)."""
    _ensure_coordinator(actor, membership.hub)
    if sector.hub_id != membership.hub_id:
        raise SectorOfOtherHub()
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = _sector_ids(membership)
    if sector.pk not in before:
        membership.sectors.add(sector)
        log_action(
            "membership.changed",
            actor=actor,
            target=membership,
            before={"sectors": before},
            after={"sectors": sorted([*before, sector.pk])},
        )


@transaction.atomic
def membership_sector_remove(*, membership: Membership, sector: Sector, actor: User | None) -> None:
    """The member organisation no longer counts for `sector`."""
    _ensure_coordinator(actor, membership.hub)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = _sector_ids(membership)
    if sector.pk in before:
        membership.sectors.remove(sector)
        log_action(
            "membership.changed",
            actor=actor,
            target=membership,
            before={"sectors": before},
            after={"sectors": [pk for pk in before if pk != sector.pk]},
        )


class SectorExists(DomainError):
    code = "sector_exists"
    status = 400

    def __init__(self, field: str):
        super().__init__(_("This hub already has a sector with this name or code."), field=field)


@transaction.atomic
def sector_create(*, hub: Hub, name: str, code: str = "", actor: User | None) -> Sector:
    """A new sector of the hub (with an empty start team). The code defaults to the name's
    slug. Sectors are not deleted: courses, needs and prices refer to them."""
    _ensure_coordinator(actor, hub)
    name = " ".join(name.split())
    code = slugify(code or name)[:20].strip("-")
    if not name or not code:
        raise DomainError(_("Give the sector a name."), field="name")
    if Sector.objects.filter(hub=hub, name__iexact=name).exists():
        raise SectorExists("name")
    if Sector.objects.filter(hub=hub, code=code).exists():
        raise SectorExists("code")
    sector = Sector.objects.create(hub=hub, name=name, code=code)
    StartTeam.objects.create(sector=sector)
    log_action("sector.created", actor=actor, target=sector, after={"name": name, "code": code})
    return sector
