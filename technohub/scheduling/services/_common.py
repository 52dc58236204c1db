"""What the scheduling services share."""

from __future__ import annotations

from technohub.hubs import access
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import User


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    # actor None: a management command (the demo), which runs with the operator's rights
    if actor is not None and not access.is_coordinator(actor, hub_id):
        raise NotAllowed()
