"""The audit trail: every change to seats, money, credentials and confidentiality settings."""

from typing import Any

from django.db import models

from technohub.hubs.models import AuditEntry, User


def log_action(
    action: str,
    *,
    actor: User | None,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=before,
        after=after,
    )
