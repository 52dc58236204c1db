"""Mails about enrolments. Called after commit with ids; they read fresh state themselves."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from technohub.catalogue.ical import calendar_for
from technohub.enrolment.models import Enrolment


def _send(enrolment: Enrolment, template: str) -> None:
    person = enrolment.person
    if not person.email:
        return
    edition = enrolment.edition
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "enrolment": enrolment,
            "edition": edition,
            "person": person,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string(f"enrolment/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"enrolment/mail/{template}.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[person.email])
    if enrolment.status == Enrolment.Status.CONFIRMED:
        sessions = edition.sessions.select_related(
            "place", "edition__course", "edition__hub", "edition__location"
        )
        ics = calendar_for(sessions, name=edition.course.title)
        message.attach(f"{edition.code}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()


def _load(enrolment_id: int) -> Enrolment:
    return Enrolment.objects.select_related(
        "person", "edition__course", "edition__hub", "edition__location"
    ).get(pk=enrolment_id)


def send_enrolment_mail(enrolment_id: int) -> None:
    """Confirmation (with the sessions as .ics) or waitlist notice."""
    enrolment = _load(enrolment_id)
    template = "confirmed" if enrolment.status == Enrolment.Status.CONFIRMED else "waitlisted"
    _send(enrolment, template)


def send_promotion_mail(enrolment_id: int) -> None:
    """A seat came free and this person moved up from the waitlist."""
    _send(_load(enrolment_id), "promoted")


def send_edition_cancelled_mail(enrolment_id: int) -> None:
    """The hub cancelled the edition this person was enrolled in."""
    _send(_load(enrolment_id), "edition_cancelled")


def send_rejection_mail(enrolment_id: int) -> None:
    """The employer (or the hub) did not approve this person's request, with the reason."""
    _send(_load(enrolment_id), "rejected")
