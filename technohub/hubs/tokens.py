"""Company API tokens: `thk_<prefix>_<secret>`; only a SHA-256 hash is stored."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import ApiToken, Organisation, User

TOKEN_PREFIX = "thk_"  # noqa: S105 - a prefix, not a secret


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, organisation: Organisation, name: str, actor: User | None
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the plain key, which is shown once and never stored.

    actor None: the `create_api_token` management command (the operator's rights).
    """
    if actor is not None and not access.is_contact(actor, organisation):
        raise NotAllowed()
    prefix = secrets.token_hex(4)
    key = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        organisation=organisation, name=name, prefix=prefix, key_hash=_hash(key), created_by=actor
    )
    log_action("api_token.created", actor=actor, target=token, after={"name": name})
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if not access.is_contact(actor, token.organisation_id):
        raise NotAllowed()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("api_token.revoked", actor=actor, target=token)
    return token


def token_authenticate(key: str) -> ApiToken | None:
    """The live token for this key, or None. Marks it used (at most once a minute)."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(key_hash=_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
