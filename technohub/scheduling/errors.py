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


class SessionConflict(DomainError):
    """A session would share a room, a trainer or equipment with another (`clashes`); the
    nearest free slots of the same length are offered (`free_slots`)."""

    code = "session_conflict"
    status = 409
    default_message = _("This clashes with another session or booking.")

    def __init__(self, message=None, *, clashes=(), free_slots=(), field="starts_at"):
        self.clashes = list(clashes)
        self.free_slots = list(free_slots)
        if message is None and self.clashes:
            from technohub.scheduling.services.sessions import conflict_message

            message = conflict_message(self.clashes, self.free_slots)
        super().__init__(message, field=field)


class TrainerUnavailable(DomainError):
    """Outside the trainer's weekly availability, or in one of their exceptions. Only a
    coordinator of the edition's hub may override it, with a reason (audited)."""

    code = "trainer_unavailable"
    status = 409
    default_message = _("The trainer is not available at that time.")

    def __init__(self, message=None, *, field="trainer"):
        super().__init__(message, field=field)


class ClosedDay(DomainError):
    code = "closed_day"
    status = 409
    default_message = _("The hub is closed on that day.")

    def __init__(self, message=None, *, field="starts_at"):
        super().__init__(message, field=field)


class RoomUnfit(DomainError):
    code = "room_unfit"
    status = 409
    default_message = _("This room does not suit the course.")

    def __init__(self, message=None, *, field="place"):
        super().__init__(message, field=field)
