"""Domain errors of facilities and scheduling (stable codes for the API)."""

from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError


class BookingConflict(DomainError):
    code = "booking_conflict"
    status = 409
    default_message = _("This is already booked at that time.")


class CredentialMissing(DomainError):
    code = "credential_missing"
    status = 409
    default_message = _(
        "Only someone with a valid certificate for this equipment may use it; "
        "choose who will use it."
    )


class InvalidBooking(DomainError):
    code = "invalid_booking"
    status = 400
    default_message = _("This booking is not possible.")


class ProposalNotReady(DomainError):
    code = "proposal_not_ready"
    status = 409
    default_message = _("This proposal cannot be accepted (any more).")
