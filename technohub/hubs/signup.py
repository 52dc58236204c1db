"""Self sign-up of newcomers: register, confirm the e-mail address, resend the confirmation.

Rules (docs/accounts.md):
- No account enumeration: an address that already has a login gets a "you already have an account"
  mail instead, and the caller shows the same "check your mail" page either way. The checks that
  can refuse (consent, organisation, rate limits) never depend on whether the address is known.
- The confirmation link is signed (`django.core.signing`) and expires after VERIFY_MAX_AGE; it
  names the user and the address, so it dies when the address changes. Opening it twice is fine.
- Until the address is confirmed the person may log in but not enrol (`may_enrol`).
- A named employer or school gets a pending link (`Employment`); its contact confirms it.
- Mail goes out on commit; rate limits live in `technohub.hubs.ratelimit`.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from technohub.hubs import ratelimit
from technohub.hubs.audit import log_action
from technohub.hubs.employment import employment_request
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Consent, Hub, Membership, Organisation, Person, User
from technohub.hubs.services import user_invite

CONSENT_VERSION = "2026-12"  # bump when the privacy text in hubs/_privacy.html changes
VERIFY_MAX_AGE = dt.timedelta(days=3)
VERIFY_SALT = "technohub.hubs.signup.verify"
# (attempts, window in seconds): per client address and per e-mail address
LIMIT_PER_CLIENT = (10, 60 * 60)
LIMIT_PER_EMAIL = (3, 60 * 60)


class SignupKind(models.TextChoices):
    """What the newcomer says they are; stored as the learner kind the project knows."""

    JOB_SEEKER = "job_seeker", _("Job seeker")
    SIDE_ENTRANT = "side_entrant", _("Side-entrant or career switcher")
    RESTARTER = "restarter", _("Returning to work")
    STUDENT = "student", _("Student of a school")
    EMPLOYEE = "employee", _("Employee of a member company")


LEARNER_KIND = {
    SignupKind.JOB_SEEKER: Person.LearnerKind.JOB_SEEKER,
    SignupKind.SIDE_ENTRANT: Person.LearnerKind.JOB_SEEKER,
    SignupKind.RESTARTER: Person.LearnerKind.JOB_SEEKER,
    SignupKind.STUDENT: Person.LearnerKind.STUDENT,
    SignupKind.EMPLOYEE: Person.LearnerKind.EMPLOYEE,
}


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many attempts. Please try again in an hour.")


class InvalidLink(DomainError):
    code = "invalid_link"
    status = 400
    default_message = _(
        "This confirmation link is not valid (any more). Ask for a new one below: links are "
        "valid for three days."
    )


@dataclass(frozen=True)
class Verification:
    user: User
    next_path: str


def signup_organisations(*, hub: Hub, kind: str) -> QuerySet[Organisation]:
    """What a newcomer of this kind may name: the hub's member companies, or its schools."""
    if kind == SignupKind.EMPLOYEE:
        return Organisation.objects.filter(
            kind=Organisation.Kind.COMPANY,
            memberships__hub=hub,
            memberships__status=Membership.Status.MEMBER,
        ).order_by("name")
    if kind == SignupKind.STUDENT:
        return Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, memberships__hub=hub
        ).order_by("name")
    return Organisation.objects.none()


def _check_rate(*, email: str, client_ip: str) -> None:
    ok_client = ratelimit.hit(
        "signup-client",
        client_ip or "-",
        limit=LIMIT_PER_CLIENT[0],
        window_seconds=LIMIT_PER_CLIENT[1],
    )
    ok_email = ratelimit.hit(
        "signup-email", email, limit=LIMIT_PER_EMAIL[0], window_seconds=LIMIT_PER_EMAIL[1]
    )
    if not (ok_client and ok_email):
        raise RateLimited()


def _mail(template: str, context: dict, to: list[str]) -> None:
    subject = render_to_string(f"hubs/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"hubs/mail/{template}.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def verification_link(user: User, next_path: str = "") -> str:
    token = signing.dumps({"u": user.pk, "e": user.email, "n": next_path}, salt=VERIFY_SALT)
    return settings.SITE_URL + reverse("public:signup_verify", kwargs={"token": token})


def _login_link(next_path: str = "") -> str:
    url = settings.SITE_URL + reverse("portal:login")
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


@transaction.atomic
def signup_register(
    *,
    hub: Hub,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    kind: str,
    consent: bool,
    organisation: Organisation | None = None,
    client_ip: str = "",
    next_path: str = "",
) -> Person | None:
    """Register a newcomer at `hub`; returns the new person, or None when the address was known.

    The caller shows the same page for both outcomes. `password` has been validated already
    (Django's validators, in the form). The actor is the newcomer themselves.
    """
    email = email.strip().lower()
    if not consent:
        raise DomainError(_("Agree to the privacy statement to sign up."), field="consent")
    if kind not in SignupKind.values:
        raise DomainError(_("Choose what describes you."), field="kind")
    needs_organisation = kind in (SignupKind.EMPLOYEE, SignupKind.STUDENT)
    if needs_organisation:
        allowed = signup_organisations(hub=hub, kind=kind)
        if organisation is None or not allowed.filter(pk=organisation.pk).exists():
            message = (
                _("Choose your employer from the member companies.")
                if kind == SignupKind.EMPLOYEE
                else _("Choose your school.")
            )
            raise DomainError(message, field="organisation")
    else:
        organisation = None
    _check_rate(email=email, client_ip=client_ip)

    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _mail(
            "signup_existing",
            {
                "hub": hub,
                "login_link": _login_link(next_path),
                "reset_link": settings.SITE_URL + reverse("portal:password_reset"),
            },
            [existing.email],
        )
        log_action("user.signup_for_existing_login", actor=None, target=existing)
        return None
    known = list(Person.objects.filter(email__iexact=email, user__isnull=True)[:2])
    if len(known) == 1:
        # someone (an employer, the hub) registered this person without a login: one person,
        # not two. The invitation lets the owner of the mailbox choose a password.
        user_invite(person=known[0], actor=None)
        log_action("user.signup_for_known_person", actor=None, target=known[0])
        return None

    user = User.objects.create_user(email, password, email_verified_at=None)
    person = Person.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        user=user,
        employer=None,
        learner_kind=LEARNER_KIND[SignupKind(kind)],
    )
    Consent.objects.create(
        person=person, hub=hub, kind=Consent.Kind.PRIVACY, version=CONSENT_VERSION
    )
    log_action(
        "user.signed_up",
        actor=user,
        target=user,
        after={"hub": hub.slug, "kind": kind, "consent": CONSENT_VERSION},
    )
    if organisation is not None:
        employment_request(person=person, organisation=organisation, actor=user)
    _mail(
        "signup_verify",
        {"person": person, "hub": hub, "link": verification_link(user, next_path)},
        [email],
    )
    return person


def verification_check(token: str) -> Verification:
    """The user a confirmation link is for, or InvalidLink (forged, expired, address changed)."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
        user = User.objects.get(pk=data["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as exc:
        raise InvalidLink() from exc
    if user.email.lower() != str(data.get("e", "")).lower():
        raise InvalidLink()
    return Verification(user=user, next_path=str(data.get("n") or ""))


@transaction.atomic
def email_verify(*, user: User) -> User:
    """Mark the address confirmed (once; a second call changes nothing)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        log_action("user.email_verified", actor=user, target=user)
    return user


@transaction.atomic
def verification_resend(*, email: str, client_ip: str = "", next_path: str = "") -> None:
    """Send a new confirmation link when this address has an unconfirmed login; else nothing.

    The caller shows the same page whatever happened.
    """
    email = email.strip().lower()
    _check_rate(email=email, client_ip=client_ip)
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or user.email_verified_at is not None:
        return
    person = getattr(user, "person", None)
    consent = person.consents.select_related("hub").first() if person else None
    _mail(
        "signup_verify",
        {
            "person": person,
            "hub": consent.hub if consent else None,
            "link": verification_link(user, next_path),
        },
        [user.email],
    )


def may_enrol(user: User) -> bool:
    """A self-signed-up login may enrol once its address is confirmed."""
    return not user.is_authenticated or user.email_verified_at is not None
