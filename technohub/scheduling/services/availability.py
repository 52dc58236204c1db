"""Writes of trainers' availability and the hub's closed days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from technohub.catalogue.models import Course, Edition, Session
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, Person, User
from technohub.scheduling.models import (
    AvailabilityException,
    ClosedPeriod,
    HubTrainer,
    WeeklyAvailability,
)
from technohub.scheduling.services._common import _ensure_coordinator

# --- trainers --------------------------------------------------------------------------------


def _may_edit_trainer(actor: User | None, person: Person) -> bool:
    """A person's availability is theirs: only they (as a trainer) or the system change it."""
    if actor is None:
        return True
    return access.person_of(actor) == person and access.is_trainer(actor)


def _may_record_absence(actor: User | None, person: Person, hub: Hub | None) -> bool:
    """An absence: the trainer's own, or recorded by a coordinator of a hub that engages the
    person (on its roster, or teaching one of its editions): a drop-out reported to the hub."""
    if _may_edit_trainer(actor, person):
        return True
    if hub is None or not access.is_coordinator(actor, hub.pk):
        return False
    return (
        HubTrainer.objects.filter(hub=hub, person=person).exists()
        or Edition.objects.filter(hub=hub, trainer=person).exists()
        or Session.objects.filter(edition__hub=hub, trainer=person).exists()
    )


@transaction.atomic
def availability_set(
    *, person: Person, slots: Iterable[tuple[int, int]], actor: User | None
) -> list[WeeklyAvailability]:
    """Replace a trainer's weekly availability (weekday, daypart pairs)."""
    if not _may_edit_trainer(actor, person):
        raise NotAllowed()
    slots = sorted(set(slots))
    before = list(person.availability.values_list("weekday", "daypart"))
    person.availability.all().delete()
    items = WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(person=person, weekday=w, daypart=d) for w, d in slots
    )
    log_action(
        "trainer.availability",
        actor=actor,
        target=person,
        before={"slots": before},
        after={"slots": slots},
    )
    return items


@transaction.atomic
def exception_add(
    *,
    person: Person,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    actor: User | None,
    hub: Hub | None = None,
) -> AvailabilityException:
    """Record days a trainer cannot teach; `hub`: recorded by that hub's coordinator."""
    if not _may_record_absence(actor, person, hub):
        raise NotAllowed()
    item = AvailabilityException(
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        hub=hub,
    )
    item.full_clean()
    item.save()
    log_action(
        "trainer.absence_added",
        actor=actor,
        target=person,
        after={"from": str(starts_on), "until": str(ends_on), "hub": hub.pk if hub else None},
    )
    return item


@transaction.atomic
def exception_remove(
    *, exception: AvailabilityException, actor: User | None, hub: Hub | None = None
) -> None:
    """The trainer removes any of their absences; a coordinator only what their hub recorded."""
    recorded_here = hub is not None and exception.hub_id == hub.pk
    if not _may_edit_trainer(actor, exception.person) and not (
        recorded_here and _may_record_absence(actor, exception.person, hub)
    ):
        raise NotAllowed()
    log_action(
        "trainer.absence_removed",
        actor=actor,
        target=exception.person,
        before={"from": str(exception.starts_on), "until": str(exception.ends_on)},
    )
    exception.delete()


@transaction.atomic
def trainer_profile_update(
    *,
    person: Person,
    hub: Hub,
    actor: User | None,
    max_sessions_per_week: int | None,
    courses: Iterable[Course],
) -> HubTrainer:
    """Set the hub's weekly maximum and which of its courses the trainer teaches there: the
    hub's roster row (`HubTrainer`), made when missing (the system and the demo)."""
    from technohub.scheduling.services.rosters import hub_trainer_update

    _ensure_coordinator(actor, hub.pk)
    row = HubTrainer.objects.filter(hub=hub, person=person).first()
    if row is None:
        if actor is not None:  # coordinators add people through `hub_trainer_add`
            raise NotAllowed()
        row = HubTrainer.objects.create(hub=hub, person=person)
    return hub_trainer_update(
        row=row,
        actor=actor,
        active=row.active,
        max_sessions_per_week=max_sessions_per_week,
        courses=courses,
        note=row.note,
    )


# --- closed days -----------------------------------------------------------------------------


@transaction.atomic
def closed_period_create(
    *, hub: Hub, name: str, starts_on: dt.date, ends_on: dt.date, actor: User | None
) -> ClosedPeriod:
    _ensure_coordinator(actor, hub.pk)
    period = ClosedPeriod(hub=hub, name=name, starts_on=starts_on, ends_on=ends_on)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def closed_period_delete(*, period: ClosedPeriod, actor: User | None) -> None:
    _ensure_coordinator(actor, period.hub_id)
    period.delete()
