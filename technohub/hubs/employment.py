"""A person's link to an employer (or a school): asked, confirmed, declined, ended.

`Person.employer` is the current link, and every selector scopes a company's view by it; the
`Employment` rows keep how a link came about and when it ended. Rules (docs/accounts.md):
- A pending link gives the organisation nothing: not the person's name (an invitation shows only
  what the contact typed), not their data.
- Who confirms: the organisation's contact when the person asked (sign-up), the person when the
  contact asked (an existing account). Either side may decline or withdraw while it is pending.
- Confirming moves the SAME person: passport, certificates, enrolments and history stay theirs.
- Ending clears `employer` (the company loses access to new data; past enrolments made by the
  company stay on its own lists), records the date and removes the person's contact role there.
- Every change is audited; mail goes out on commit. Locks: the person row, then the employment.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed, NotFound
from technohub.hubs.models import Employment, Organisation, Person, Role, User
from technohub.hubs.services import person_create, user_invite

Status = Employment.Status


class AlreadyEmployee(DomainError):
    code = "already_employee"
    status = 409
    default_message = _("This person is already one of your employees.")


class NotPending(DomainError):
    code = "employment_not_pending"
    status = 409
    default_message = _("This request has already been decided.")


def _mail(template: str, context: dict, to: list[str]) -> None:
    if not to:
        return
    subject = render_to_string(f"hubs/mail/{template}_subject.txt", context).strip()
    body = render_to_string(f"hubs/mail/{template}.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def contacts_of(organisation: Organisation) -> list[str]:
    """E-mail addresses of the organisation's contacts with a login."""
    return sorted(
        Role.objects.filter(
            kind=Role.Kind.CONTACT, organisation=organisation, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _ensure_contact(actor: User, organisation: Organisation) -> None:
    if not access.is_contact(actor, organisation):
        raise NotAllowed()


def _snapshot(person: Person) -> dict:
    return {"employer": person.employer_id, "learner_kind": person.learner_kind}


def _lock(person: Person, employment: Employment | None = None):
    person = Person.objects.select_for_update().get(pk=person.pk)
    if employment is not None:
        employment = Employment.objects.select_for_update().get(pk=employment.pk)
    return person, employment


@transaction.atomic
def employment_request(*, person: Person, organisation: Organisation, actor: User) -> Employment:
    """The person asks to be linked (at sign-up); the organisation's contacts are told."""
    if access.person_of(actor) != person:
        raise NotAllowed()
    employment, _created = Employment.objects.get_or_create(
        person=person,
        organisation=organisation,
        status__in=Employment.PENDING,
        defaults={"status": Status.AWAITS_ORGANISATION, "requested_by": actor},
    )
    log_action("employment.requested", actor=actor, target=employment)
    _mail(
        "employment_request",
        {
            "person": person,
            "organisation": organisation,
            "link": settings.SITE_URL
            + reverse("portal:company_employees", kwargs={"organisation_id": organisation.pk}),
        },
        contacts_of(organisation),
    )
    return employment


@transaction.atomic
def employment_invite(
    *, organisation: Organisation, email: str, invited_name: str, actor: User
) -> Employment | None:
    """A contact asks to link whoever holds the login with this address; None when nobody does.

    The contact learns nothing about the person: they see the name they typed until the person
    confirms. An address that is already an employee's raises AlreadyEmployee.
    """
    _ensure_contact(actor, organisation)
    person = Person.objects.filter(user__email__iexact=email.strip()).first()
    if person is None:
        return None
    if person.employer_id == organisation.pk:
        raise AlreadyEmployee(field="email")
    employment = Employment.objects.filter(
        person=person, organisation=organisation, status__in=Employment.PENDING
    ).first()
    if employment is None:
        employment = Employment.objects.create(
            person=person,
            organisation=organisation,
            status=Status.AWAITS_PERSON,
            invited_name=invited_name.strip()[:200],
            requested_by=actor,
        )
        log_action("employment.invited", actor=actor, target=employment)
    _mail(
        "employment_invite",
        {
            "person": person,
            "organisation": organisation,
            "link": settings.SITE_URL + reverse("portal:my_employer"),
        },
        [person.user.email],
    )
    return employment


def _may_decide(actor: User, employment: Employment) -> bool:
    """The side that did not ask decides."""
    if employment.status == Status.AWAITS_PERSON:
        return access.person_of(actor) == employment.person
    return access.is_contact(actor, employment.organisation_id)


def _may_withdraw_or_decline(actor: User, employment: Employment) -> bool:
    return access.person_of(actor) == employment.person or access.is_contact(
        actor, employment.organisation_id
    )


def _end(person: Person, organisation_id: int, actor: User, today) -> Employment:
    employment = Employment.objects.filter(
        person=person, organisation_id=organisation_id, status=Status.ACTIVE
    ).first() or Employment(person=person, organisation_id=organisation_id)
    employment.status = Status.ENDED
    employment.ended_on = today
    employment.decided_by = actor
    employment.decided_at = timezone.now()
    employment.save()
    if person.user_id:
        Role.objects.filter(
            user_id=person.user_id, kind=Role.Kind.CONTACT, organisation_id=organisation_id
        ).delete()
    return employment


@transaction.atomic
def employment_confirm(*, employment: Employment, actor: User) -> Employment:
    """Confirm a pending link: the person gets this employer (a previous one ends today)."""
    person, employment = _lock(employment.person, employment)
    if employment.status not in Employment.PENDING:
        raise NotPending()
    if not _may_decide(actor, employment):
        raise NotAllowed()
    before = _snapshot(person)
    today = timezone.localdate()
    if person.employer_id and person.employer_id != employment.organisation_id:
        _end(person, person.employer_id, actor, today)
    organisation = employment.organisation
    person.employer = organisation
    person.learner_kind = (
        Person.LearnerKind.STUDENT
        if organisation.kind == Organisation.Kind.SCHOOL
        else Person.LearnerKind.EMPLOYEE
    )
    person.save(update_fields=["employer", "learner_kind"])
    employment.status = Status.ACTIVE
    employment.started_on = today
    employment.decided_by = actor
    employment.decided_at = timezone.now()
    employment.save()
    log_action(
        "employment.confirmed",
        actor=actor,
        target=employment,
        before=before,
        after=_snapshot(person),
    )
    return employment


@transaction.atomic
def employment_decline(*, employment: Employment, actor: User) -> Employment:
    """Decline (the deciding side) or withdraw (the asking side) a pending link."""
    _person, employment = _lock(employment.person, employment)
    if employment.status not in Employment.PENDING:
        raise NotPending()
    if not _may_withdraw_or_decline(actor, employment):
        raise NotAllowed()
    employment.status = Status.DECLINED
    employment.decided_by = actor
    employment.decided_at = timezone.now()
    employment.save()
    log_action("employment.declined", actor=actor, target=employment)
    return employment


@transaction.atomic
def employment_end(*, organisation: Organisation, person: Person, actor: User) -> Employment:
    """A contact ends an employee's employment today. The person stays, without this employer."""
    _ensure_contact(actor, organisation)
    person, _none = _lock(person)
    if person.employer_id != organisation.pk:
        raise NotFound()
    if person.user_id is not None and person.user_id == actor.pk:
        raise DomainError(_("You cannot end your own employment here. Ask another contact."))
    before = _snapshot(person)
    employment = _end(person, organisation.pk, actor, timezone.localdate())
    person.employer = None
    person.save(update_fields=["employer"])
    log_action(
        "employment.ended", actor=actor, target=employment, before=before, after=_snapshot(person)
    )
    return employment


@transaction.atomic
def employee_update(
    *,
    organisation: Organisation,
    person: Person,
    actor: User,
    first_name: str,
    last_name: str,
    phone: str = "",
    job_title: str = "",
    email: str | None = None,
) -> Person:
    """A contact corrects an employee's details. The address of someone with a login is theirs:
    only changed for people without one."""
    _ensure_contact(actor, organisation)
    person, _none = _lock(person)
    if person.employer_id != organisation.pk:
        raise NotFound()
    fields = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "phone": phone.strip(),
        "job_title": job_title.strip(),
    }
    if email is not None and person.user_id is None:
        fields["email"] = email.strip().lower()
    before = {name: getattr(person, name) for name in fields}
    if before == fields:
        return person
    for name, value in fields.items():
        setattr(person, name, value)
    person.save(update_fields=list(fields))
    log_action("person.changed", actor=actor, target=person, before=before, after=fields)
    return person


@transaction.atomic
def employee_add(
    *,
    organisation: Organisation,
    actor: User,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    job_title: str = "",
    invite: bool = False,
) -> tuple[Person | None, Employment | None]:
    """A contact adds an employee. An address that already has a login becomes an invitation
    to link that person (returned as the employment; no second person is made)."""
    _ensure_contact(actor, organisation)
    if email:
        employment = employment_invite(
            organisation=organisation,
            email=email,
            invited_name=f"{first_name} {last_name}",
            actor=actor,
        )
        if employment is not None:
            return None, employment
    person = person_create(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        employer=organisation,
    )
    if job_title.strip():
        person.job_title = job_title.strip()
        person.save(update_fields=["job_title"])
    if invite:
        user_invite(person=person, actor=actor)
    return person, None
