"""Passport links: a person shares their skills passport through a link with a secret token."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.competences import access
from technohub.competences.models import (
    PassportShare,
)
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Person, User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def passport_share_create(
    *,
    person: Person,
    label: str,
    include_competences: bool,
    include_courses: bool,
    expires_on: dt.date | None,
    actor: User,
) -> tuple[PassportShare, str]:
    """A link to the person's passport. The token is returned once; only its hash is kept."""
    if not access.is_self(actor, person):
        raise NotAllowed()
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(_("Choose a date in the future."), field="expires_on")
    token = secrets.token_urlsafe(24)
    share = PassportShare.objects.create(
        person=person,
        label=label,
        token_hash=token_hash(token),
        include_competences=include_competences,
        include_courses=include_courses,
        expires_at=timezone.make_aware(dt.datetime.combine(expires_on, dt.time.max))
        if expires_on
        else None,
    )
    log_action(
        "passport.shared",
        actor=actor,
        target=share,
        after={"label": label, "competences": include_competences, "courses": include_courses},
    )
    return share, token


@transaction.atomic
def passport_share_revoke(*, share: PassportShare, actor: User) -> PassportShare:
    if not access.is_self(actor, share.person):
        raise NotAllowed()
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        log_action("passport.share_revoked", actor=actor, target=share)
    return share


def passport_share_viewed(*, share: PassportShare) -> None:
    PassportShare.objects.filter(pk=share.pk).update(views=F("views") + 1)
