"""Publishing an edition: it enters the public catalogue and agenda, and the people it concerns
are told.

Publishing is its own step (an agenda-builder proposal that is accepted leaves its editions in
draft): the coordinator checks the sessions, then publishes. Before the button is pressed the
back office shows `publish_audience(...)`, and `edition_publish(...)` mails exactly those
people, after commit:

- the participants already on the edition (enrolled, on the waitlist or awaiting approval),
  with the sessions as an iCalendar attachment;
- the trainers (the edition's and those of single sessions), with their sessions;
- the contacts of the companies holding reserved seats (open seat pools): they may now name
  their people.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from technohub.catalogue import services as catalogue_services
from technohub.catalogue.ical import calendar_for
from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Organisation, Person, Role, User


class NotPublishable(DomainError):
    code = "not_publishable"
    status = 409


@dataclass
class Audience:
    """Who hears of a publication."""

    participants: list[Person] = field(default_factory=list)
    trainers: list[Person] = field(default_factory=list)
    companies: list[Organisation] = field(default_factory=list)

    @property
    def trainer_names(self) -> str:
        return ", ".join(person.full_name for person in self.trainers)


def _live_sessions(edition: Edition):
    sessions = edition.sessions.select_related(
        "place", "trainer", "edition__course", "edition__hub", "edition__location"
    )
    return sessions.order_by("starts_at")


def publish_audience(*, edition: Edition) -> Audience:
    """The participants, trainers and companies with reserved seats that publishing tells."""
    participants = [
        enrolment.person
        for enrolment in Enrolment.objects.filter(
            edition=edition, status__in=Enrolment.ACTIVE
        ).select_related("person")
    ]
    trainer_ids = {edition.trainer_id} if edition.trainer_id else set()
    trainer_ids |= set(
        _live_sessions(edition).filter(trainer__isnull=False).values_list("trainer_id", flat=True)
    )
    trainers = list(Person.objects.filter(pk__in=trainer_ids).order_by("last_name", "first_name"))
    companies = list(
        Organisation.objects.filter(
            seat_pools__edition=edition, seat_pools__released_at__isnull=True
        )
        .distinct()
        .order_by("name")
    )
    return Audience(participants=participants, trainers=trainers, companies=companies)


@transaction.atomic
def edition_publish(*, edition: Edition, actor: User) -> Audience:
    """Publish a draft edition that has sessions; mail its audience when the commit is done."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != Edition.Status.DRAFT:
        raise NotPublishable(_("Only a draft edition can be published."))
    if not _live_sessions(edition).exists():
        raise NotPublishable(
            _("Plan the sessions first: an edition without sessions is not published.")
        )
    audience = publish_audience(edition=edition)
    catalogue_services.edition_set_status(
        edition=edition, status=Edition.Status.PUBLISHED, actor=actor
    )
    log_action(
        "edition.published",
        actor=actor,
        target=edition,
        before={"status": Edition.Status.DRAFT},
        after={
            "status": Edition.Status.PUBLISHED,
            "participants": len(audience.participants),
            "trainers": len(audience.trainers),
            "companies": len(audience.companies),
        },
    )
    pk = edition.pk
    transaction.on_commit(lambda: send_published_mails(pk))
    return audience


# --- mails -----------------------------------------------------------------------------------


def _contact_addresses(organisation: Organisation) -> list[str]:
    return sorted(
        Role.objects.filter(
            kind=Role.Kind.CONTACT, organisation=organisation, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _mail(template: str, context: dict, to: list[str], ics: bytes | None = None) -> None:
    to = [address for address in to if address]
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"enrolment/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"enrolment/mail/{template}.txt", context)
    message = EmailMultiAlternatives(subject, body, to=to)
    if ics is not None:
        name = f"{context['edition'].code}.ics"
        message.attach(name, ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()


def send_published_mails(edition_id: int) -> None:
    """One mail per participant, per trainer and per contact of a company with reserved seats."""
    edition = Edition.objects.select_related("course", "hub", "location", "trainer").get(
        pk=edition_id
    )
    sessions = list(_live_sessions(edition))
    ics = calendar_for(sessions, name=edition.course.title)
    audience = publish_audience(edition=edition)
    base = {
        "edition": edition,
        "sessions": sessions,
        "site_url": settings.SITE_URL,
    }
    for person in audience.participants:
        _mail("edition_published", {**base, "person": person}, [person.email], ics)
    for person in audience.trainers:
        own = [s for s in sessions if (s.trainer_id or edition.trainer_id) == person.pk]
        _mail(
            "edition_published_trainer",
            {**base, "person": person, "sessions": own},
            [person.email],
            calendar_for(own, name=edition.course.title),
        )
    for organisation in audience.companies:
        pool = SeatPool.objects.filter(
            edition=edition, organisation=organisation, released_at__isnull=True
        ).first()
        link = settings.SITE_URL
        if pool is not None:
            link += reverse(
                "portal:company_pool",
                kwargs={"organisation_id": organisation.pk, "pool_id": pool.pk},
            )
        context = {**base, "organisation": organisation, "pool": pool, "link": link}
        for address in _contact_addresses(organisation):
            _mail("edition_published_company", context, [address])
