"""Domain errors: a stable `code` for the API, a translatable message for people."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "domain_error"
    status = 400
    default_message = _("This action is not possible.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(str(self.message))


class NotAllowed(DomainError):
    code = "not_allowed"
    status = 403
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("This does not exist or is not visible to you.")
