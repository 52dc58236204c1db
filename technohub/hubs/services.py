"""Writes about people, logins, roles and invitations."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Membership, Organisation, Person, Role, User


class EmailInUse(DomainError):
    code = "email_in_use"
    status = 409

    def __init__(self):
        super().__init__(_("A login with this e-mail address already exists."), field="email")


def _may_add_person(actor: User, employer: Organisation | None) -> bool:
    if employer is not None and access.is_contact(actor, employer):
        return True
    return access.is_coordinator(actor)


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    first_name: str,
    last_name: str,
    email: str = "",
    employer: Organisation | None = None,
    learner_kind: str = Person.LearnerKind.EMPLOYEE,
    phone: str = "",
) -> Person:
    """Add a person (no login). A company contact may add employees of their own organisation.

    actor None: an import or the company's API token, already authorised by the caller.
    """
    if actor is not None and not _may_add_person(actor, employer):
        raise NotAllowed()
    return Person.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip().lower(),
        employer=employer,
        learner_kind=learner_kind,
        phone=phone,
    )


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("portal:invitation", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def user_invite(*, person: Person, actor: User | None, role: str | None = None, **scope) -> User:
    """Give a person a login (if they have none) and mail them a link to choose a password.

    `role` with `hub=` or `organisation=` grants that role at the same time.
    """
    if actor is not None and not _may_add_person(actor, person.employer):
        raise NotAllowed()
    if not person.email:
        raise DomainError(_("This person has no e-mail address."), field="email")
    user = person.user
    if user is None:
        if User.objects.filter(email__iexact=person.email).exists():
            raise EmailInUse()
        user = User.objects.create_user(person.email)
        person.user = user
        person.save(update_fields=["user"])
    if role:
        role_grant(user=user, kind=role, actor=actor, **scope)
    link = invitation_link(user)
    context = {"person": person, "link": link, "inviter": actor}
    transaction.on_commit(
        lambda: send_mail(
            render_to_string("hubs/mail/invitation_subject.txt", context).strip(),
            render_to_string("hubs/mail/invitation.txt", context),
            None,
            [user.email],
        )
    )
    return user


def _may_grant(actor: User, kind: str, hub: Hub | None, organisation: Organisation | None) -> bool:
    if organisation is not None:
        # a contact adds colleagues; a coordinator only for organisations related to their hub
        if kind == Role.Kind.CONTACT and access.is_contact(actor, organisation):
            return True
        return Membership.objects.filter(
            organisation=organisation, hub_id__in=access.coordinated_hub_ids(actor)
        ).exists()
    return access.is_coordinator(actor, hub) if hub else access.is_coordinator(actor)


@transaction.atomic
def role_grant(
    *,
    user: User,
    kind: str,
    actor: User | None,
    hub: Hub | None = None,
    organisation: Organisation | None = None,
) -> Role:
    """Grant a role. Coordinators grant roles in their hub; contacts grant contact roles for
    their own organisation. actor None: a management command."""
    if actor is not None and not _may_grant(actor, kind, hub, organisation):
        raise NotAllowed()
    role, created = Role.objects.get_or_create(
        user=user, kind=kind, hub=hub, organisation=organisation
    )
    if created:
        log_action("role.granted", actor=actor, target=role, after={"kind": kind})
    return role
