"""Mails of the demand area. Called after commit with ids; they read fresh state themselves."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from technohub.demand.models import SurveyRound, TopicInvitation
from technohub.hubs.audit import log_action
from technohub.hubs.models import Organisation, Role


def contact_addresses(organisation: Organisation) -> list[str]:
    """The e-mail addresses of the company's contacts (active logins)."""
    return sorted(
        Role.objects.filter(
            kind=Role.Kind.CONTACT, organisation=organisation, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def _send(template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"demand/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"demand/mail/{template}.txt", context)
    send_mail(subject, body, None, recipients)


def send_topic_invitation(invitation_id: int) -> None:
    """'You asked for this topic: here is the edition, you may enrol first.'"""
    invitation = TopicInvitation.objects.select_related(
        "organisation", "edition__course", "edition__hub", "topic"
    ).get(pk=invitation_id)
    link = settings.SITE_URL + reverse(
        "portal:demand_invitation", kwargs={"organisation_id": invitation.organisation_id}
    )
    context = {"invitation": invitation, "edition": invitation.edition, "link": link}
    addresses = contact_addresses(invitation.organisation)
    for address in addresses:
        _send("invitation", context, [address])
    if addresses:  # the record of a mail actually sent, and to whom (the topic page reads it)
        log_action(
            "topic_invitation.mailed", actor=None, target=invitation, after={"to": addresses}
        )


def send_survey(survey_id: int, *, reminder: bool) -> None:
    """The survey (or a reminder to those who have not answered) to each company's contacts."""
    survey = SurveyRound.objects.select_related("hub", "sector").get(pk=survey_id)
    invitations = survey.invitations.select_related("organisation")
    if reminder:
        invitations = invitations.filter(answered_at__isnull=True)
    for invitation in invitations:
        link = (
            settings.SITE_URL
            + reverse(
                "portal:demand_needs",
                kwargs={"organisation_id": invitation.organisation_id},
            )
            + f"?ronde={survey.pk}"
        )
        context = {
            "survey": survey,
            "organisation": invitation.organisation,
            "link": link,
            "reminder": reminder,
        }
        _send("survey", context, contact_addresses(invitation.organisation))
