from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError


class EnrolmentClosed(DomainError):
    code = "enrolment_closed"
    status = 409
    default_message = _("Enrolment for this edition is not open.")


class AlreadyEnrolled(DomainError):
    code = "already_enrolled"
    status = 409
    default_message = _("This person is already enrolled in this edition.")


class CancellationClosed(DomainError):
    code = "cancellation_closed"
    status = 409
    default_message = _("The cancellation deadline has passed; please contact the hub.")


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409
    default_message = _("This enrolment cannot change to that state.")


class CapacityBelowTaken(DomainError):
    code = "capacity_below_taken"
    status = 409
    default_message = _("The edition cannot have fewer seats than are taken.")


class NotEnoughSeats(DomainError):
    code = "not_enough_seats"
    status = 409
    default_message = _("Not enough free seats left in this edition.")


class OverCompanyCap(DomainError):
    code = "over_company_cap"
    status = 409
    default_message = _(
        "This would give the company more seats than the edition allows per company."
    )


class PoolFull(DomainError):
    code = "pool_full"
    status = 409
    default_message = _("All reserved seats of this company have been named.")


class PoolReleased(DomainError):
    code = "pool_released"
    status = 409
    default_message = _("The reserved seats have been released; enrol in the usual way.")


class AttendanceTooEarly(DomainError):
    code = "attendance_too_early"
    status = 409
    default_message = _("Attendance can be recorded from the start of the session.")


class SessionCancelled(DomainError):
    code = "session_cancelled"
    status = 409
    default_message = _("This session is cancelled: there is no attendance to record.")


class CompletionTooEarly(DomainError):
    code = "completion_too_early"
    status = 409
    default_message = _("This edition can be completed once its last session has ended.")


class ReasonRequired(DomainError):
    code = "reason_required"
    status = 400
    default_message = _("Give a reason.")
