from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError


class ImportFailed(DomainError):
    """A framework import with bad rows: nothing was imported. `rows` lists (line, message)."""

    code = "import_failed"
    status = 400
    default_message = _("The file was not imported: correct the rows below and try again.")

    def __init__(self, rows: list[tuple[int, str]], message=None):
        self.rows = rows
        super().__init__(message)


class EvidenceInvalid(DomainError):
    code = "evidence_invalid"
    status = 400
    default_message = _("This file cannot be used as evidence.")


class AlreadyDecided(DomainError):
    code = "already_decided"
    status = 409
    default_message = _("This request has already been decided.")


class AlreadyRevoked(DomainError):
    code = "already_revoked"
    status = 409
    default_message = _("This certificate has already been revoked.")


class NotAssessable(DomainError):
    code = "not_assessable"
    status = 409
    default_message = _("This participant cannot be assessed (not enrolled with a seat).")


class PlanClosed(DomainError):
    code = "plan_closed"
    status = 409
    default_message = _("This plan is closed. Reopen it to change it.")
