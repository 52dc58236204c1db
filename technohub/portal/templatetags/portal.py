"""Small display helpers for portal templates."""

from django import template
from django.utils import timezone

from technohub.enrolment.models import Enrolment

register = template.Library()

Status = Enrolment.Status
BADGES = {
    Status.CONFIRMED: "badge-ok",
    Status.COMPLETED: "badge-ok",
    Status.WAITLISTED: "badge-warn",
    Status.PENDING_APPROVAL: "badge-warn",
    Status.CANCELLED: "badge-bad",
    Status.REJECTED: "badge-bad",
    Status.NOT_COMPLETED: "badge-bad",
}


@register.filter
def status_badge(status: str) -> str:
    """The badge class for an enrolment status."""
    return BADGES.get(status, "")


@register.filter
def cancel_open(enrolment: Enrolment) -> bool:
    """Whether to offer a cancel button: active and before the edition's deadline.

    Only decides what to show; `enrolment_cancel` enforces the rule.
    """
    if enrolment.status not in Enrolment.ACTIVE:
        return False
    deadline = enrolment.edition.cancellation_deadline
    return deadline is None or timezone.now() <= deadline
