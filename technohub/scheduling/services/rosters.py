"""Writes of the hubs' trainer rosters and planning calendars (docs/agenda-builder.md).

A trainer belongs to the hubs that engage them: each hub keeps its own roster row
(`HubTrainer`) with its own limits; a coordinator writes only their own hub's rows. The
person's weekly availability and absences stay theirs (`services.availability`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from technohub.catalogue.models import Course
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, Membership, Person, Role, User
from technohub.scheduling.models import HubTrainer, PlanningSettings
from technohub.scheduling.services._common import _ensure_coordinator


def roster_candidates(*, hub: Hub):
    """People a coordinator may add to the hub's roster: employees of the hub's member
    organisations and people holding a trainer role at this hub, not yet on the roster."""
    return (
        Person.objects.filter(
            Q(
                employer__memberships__hub=hub,
                employer__memberships__status=Membership.Status.MEMBER,
            )
            | Q(user__roles__kind=Role.Kind.TRAINER, user__roles__hub=hub)
        )
        .exclude(rosters__hub=hub)
        .distinct()
        .order_by("last_name", "first_name")
    )


def _snapshot(row: HubTrainer) -> dict:
    return {
        "active": row.active,
        "max_sessions_per_week": row.max_sessions_per_week,
        "courses": sorted(row.courses.values_list("pk", flat=True)),
        "note": row.note,
    }


@transaction.atomic
def hub_trainer_add(*, hub: Hub, person: Person, actor: User | None) -> HubTrainer:
    """Put a person on the hub's roster (a member organisation's employee or an invited
    trainer of this hub). Adding someone already on it returns their row."""
    _ensure_coordinator(actor, hub.pk)
    existing = HubTrainer.objects.filter(hub=hub, person=person).first()
    if existing is not None:
        return existing
    if actor is not None and not roster_candidates(hub=hub).filter(pk=person.pk).exists():
        raise NotAllowed()
    row = HubTrainer.objects.create(hub=hub, person=person)
    log_action("roster.added", actor=actor, target=row, after=_snapshot(row))
    return row


@transaction.atomic
def hub_trainer_update(
    *,
    row: HubTrainer,
    actor: User | None,
    active: bool = True,
    max_sessions_per_week: int | None = None,
    courses: Iterable[Course] = (),
    note: str = "",
) -> HubTrainer:
    """Set the hub's own limits of a trainer: active here, weekly maximum in this hub, the
    hub's courses they teach here, a note. Only the hub's coordinator."""
    _ensure_coordinator(actor, row.hub_id)
    courses = list(courses)
    if any(course.hub_id != row.hub_id for course in courses):
        raise NotAllowed()
    row = HubTrainer.objects.select_for_update().get(pk=row.pk)
    before = _snapshot(row)
    row.active = active
    row.max_sessions_per_week = max_sessions_per_week
    row.note = note
    row.save(update_fields=["active", "max_sessions_per_week", "note"])
    row.courses.set(courses)
    log_action("roster.updated", actor=actor, target=row, before=before, after=_snapshot(row))
    return row


@transaction.atomic
def planning_settings_save(
    *, hub: Hub, actor: User | None, school_region: str, liberation_day: bool
) -> PlanningSettings:
    """The hub's school-holiday region and whether it closes on Liberation Day every year."""
    _ensure_coordinator(actor, hub.pk)
    settings, _created = PlanningSettings.objects.get_or_create(hub=hub)
    before = {"school_region": settings.school_region, "liberation_day": settings.liberation_day}
    settings.school_region = school_region
    settings.liberation_day = liberation_day
    settings.full_clean()
    settings.save()
    log_action(
        "planning.settings",
        actor=actor,
        target=settings,
        before=before,
        after={"school_region": school_region, "liberation_day": liberation_day},
    )
    return settings
