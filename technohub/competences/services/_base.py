"""What the services of the competences area share."""

from technohub.hubs import access as hub_access
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import User


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    if actor is None or not hub_access.is_coordinator(actor, hub_id):
        raise NotAllowed()
