"""Writes of facilities: features, rooms and equipment. See docs/agenda-builder.md."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from technohub.catalogue.models import Place
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, User
from technohub.scheduling.models import (
    Equipment,
    Feature,
)
from technohub.scheduling.services._common import _ensure_coordinator

# --- facilities ------------------------------------------------------------------------------


@transaction.atomic
def feature_create(*, hub: Hub, name: str, actor: User | None) -> Feature:
    _ensure_coordinator(actor, hub.pk)
    feature, _created = Feature.objects.get_or_create(hub=hub, name=name.strip())
    return feature


@transaction.atomic
def place_set_features(
    *, place: Place, features: Iterable[Feature], bookable: bool, actor: User | None
) -> Place:
    _ensure_coordinator(actor, place.hub_id)
    features = list(features)
    if any(f.hub_id != place.hub_id for f in features):
        raise NotAllowed()
    place.features.set(features)
    if place.bookable_by_members != bookable:
        place.bookable_by_members = bookable
        place.save(update_fields=["bookable_by_members"])
    return place


@transaction.atomic
def equipment_save(
    *, hub: Hub, actor: User | None, equipment: Equipment | None = None, **fields
) -> Equipment:
    _ensure_coordinator(actor, hub.pk)
    equipment = equipment or Equipment(hub=hub)
    if equipment.hub_id != hub.pk:
        raise NotAllowed()
    for name, value in fields.items():
        setattr(equipment, name, value)
    equipment.full_clean()
    equipment.save()
    return equipment
