"""Thin receivers of other apps' domain events; each calls one service of this app."""

from django.dispatch import receiver

from technohub.competences import services
from technohub.enrolment.events import edition_completed


@receiver(edition_completed, dispatch_uid="competences.issue_certificates")
def issue_certificates(sender, *, edition, actor, issued_at=None, **kwargs) -> None:
    services.certificates_issue_for_edition(edition=edition, actor=actor, issued_at=issued_at)
