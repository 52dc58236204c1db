from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError


class PriceClosed(DomainError):
    code = "price_closed"
    status = 409
    default_message = _("The costs of this edition are closed: its statements have been issued.")


class PeriodClosed(DomainError):
    code = "period_closed"
    status = 409
    default_message = _("This period is closed; its statements never change.")


class PeriodOverlaps(DomainError):
    code = "period_overlaps"
    status = 409
    default_message = _("This period overlaps another period of the hub.")


class InvalidPrice(DomainError):
    code = "invalid_price"
    status = 400
    default_message = _("These prices are not valid.")


class InvalidContribution(DomainError):
    code = "invalid_contribution"
    status = 400
    default_message = _("This contribution is not valid.")


class ContributionDecided(DomainError):
    code = "contribution_decided"
    status = 409
    default_message = _("This contribution has already been confirmed or rejected.")


class InvalidRecipient(DomainError):
    code = "invalid_recipient"
    status = 400
    default_message = _("Enter a valid e-mail address.")
