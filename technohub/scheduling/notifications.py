"""Mails about sessions that were added, moved or cancelled (docs/sessions.md).

Called after commit with ids; they read fresh state themselves. Only for published or running
editions (a draft tells nobody). One mail per person, listing every changed session that
concerns them:

- the confirmed participants of the edition,
- the trainers who teach the sessions (and, for a move, the trainer who no longer does),
- the contacts of the companies whose employees take part.

Each mail carries the sessions as iCalendar: METHOD:REQUEST with the raised SEQUENCE for a
change (calendar apps update the event with the same UID), METHOD:CANCEL for a cancellation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from technohub.catalogue.ical import calendar_for
from technohub.catalogue.models import Edition, Session
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Person, Role
from technohub.hubs.names import surname_order

NOTIFIED = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
KINDS = ("scheduled", "rescheduled", "cancelled")


@dataclass
class Recipient:
    """One mail: who, in which role, and the sessions it lists."""

    email: str
    name: str
    role: str  # "participant", "trainer" or "contact"
    sessions: list[Session] = field(default_factory=list)


def _first_name(user) -> str:
    person = Person.objects.filter(user=user).only("first_name").first()
    return person.first_name if person is not None else ""


def recipients(sessions: list[Session], former_trainers: dict[int, int] | None = None):
    """Who hears of these sessions' change, one entry per e-mail address (first role wins:
    participant, then trainer, then company contact)."""
    former_trainers = former_trainers or {}
    found: dict[str, Recipient] = {}

    def add(email: str, name: str, role: str, session: Session) -> None:
        if not email:
            return
        key = email.lower()
        entry = found.setdefault(key, Recipient(email=email, name=name, role=role))
        if session not in entry.sessions:
            entry.sessions.append(session)

    by_edition: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        by_edition[session.edition_id].append(session)
    enrolments = (
        Enrolment.objects.filter(edition_id__in=list(by_edition), status=Enrolment.Status.CONFIRMED)
        .select_related("person")
        .order_by("pk")
    )
    companies: dict[int, set[int]] = defaultdict(set)  # organisation → edition ids
    for enrolment in enrolments:
        for session in by_edition[enrolment.edition_id]:
            add(enrolment.person.email, enrolment.person.first_name, "participant", session)
        if enrolment.organisation_id:
            companies[enrolment.organisation_id].add(enrolment.edition_id)
    trainer_ids = set()
    for session in sessions:
        trainer_ids.add(session.trainer_id or session.edition.trainer_id)
        trainer_ids.add(former_trainers.get(session.pk))
    people = Person.objects.in_bulk([pk for pk in trainer_ids if pk])
    for session in sessions:
        for pk in (
            session.trainer_id or session.edition.trainer_id,
            former_trainers.get(session.pk),
        ):
            if pk in people:
                add(people[pk].email, people[pk].first_name, "trainer", session)
    contacts = Role.objects.filter(
        kind=Role.Kind.CONTACT, organisation_id__in=list(companies), user__is_active=True
    ).select_related("user")
    for role in contacts.order_by("pk"):
        for edition_id in sorted(companies[role.organisation_id]):
            for session in by_edition[edition_id]:
                add(role.user.email, _first_name(role.user), "contact", session)
    return list(found.values())


@dataclass
class ChangeAudience:
    """Who a change to some sessions will be mailed to, for the confirmation pages: counted
    from `recipients`, the list the mail itself goes to."""

    participants: int = 0
    trainers: list[Person] = field(default_factory=list)
    contacts: int = 0
    notified: bool = True  # a draft's changes are not mailed (it is not public yet)

    @property
    def trainer_names(self) -> str:
        return ", ".join(person.full_name for person in self.trainers)


def change_audience(*, edition: Edition, sessions: list[Session]) -> ChangeAudience:
    found = recipients(list(sessions))
    trainer_ids = {s.trainer_id or edition.trainer_id for s in sessions} - {None}
    return ChangeAudience(
        notified=edition.status in NOTIFIED,
        participants=sum(r.role == "participant" for r in found),
        trainers=list(Person.objects.filter(pk__in=trainer_ids).order_by(*surname_order())),
        contacts=sum(r.role == "contact" for r in found),
    )


def send_session_changes(
    *, session_ids: list[int], kind: str, former_trainers: dict[int, int] | None = None
) -> int:
    """Mail everyone concerned about the sessions' change; returns the number of mails."""
    assert kind in KINDS
    sessions = list(
        Session.all_objects.filter(pk__in=session_ids, edition__status__in=NOTIFIED)
        .select_related("edition__course", "edition__hub", "edition__location", "place")
        .order_by("starts_at", "pk")
    )
    if not sessions:
        return 0
    sent = 0
    method = "CANCEL" if kind == "cancelled" else "REQUEST"
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    for recipient in recipients(sessions, former_trainers):
        editions = sorted({s.edition for s in recipient.sessions}, key=lambda e: e.pk)
        context = {
            "recipient": recipient,
            "sessions": recipient.sessions,
            "editions": editions,
            "edition": editions[0],
            "kind": kind,
            "site_url": settings.SITE_URL,
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(
                f"scheduling/mail/sessions_{kind}_subject.txt", context
            ).strip()
            body = render_to_string("scheduling/mail/sessions_changed.txt", context)
            html = render_to_string("scheduling/mail/sessions_changed.html", context)
        message = EmailMultiAlternatives(subject, body, to=[recipient.email])
        message.attach_alternative(html, "text/html")
        ics = calendar_for(
            recipient.sessions,
            name=editions[0].course.title,
            method=method,
            organizer=organizer,
        )
        message.attach("sessies.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        message.send()
        sent += 1
    return sent
