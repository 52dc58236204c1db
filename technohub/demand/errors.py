"""Domain errors of the demand area (stable codes for the API, Dutch text for people)."""

from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError


class NotAMember(DomainError):
    code = "not_a_member"
    status = 400
    default_message = _("This company has no membership with this hub.")


class ReasonRequired(DomainError):
    code = "reason_required"
    status = 400
    default_message = _("Give a reason for parking or rejecting a topic.")

    def __init__(self):
        super().__init__(field="reason")


class CompetitionSensitive(DomainError):
    code = "competition_sensitive"
    status = 409
    default_message = _(
        "Start-team members flagged this topic as competition-sensitive: it is not offered jointly."
    )


class InvalidTopicChange(DomainError):
    code = "invalid_topic_change"
    status = 409
    default_message = _("This change to the topic is not possible.")


class ImportFailed(DomainError):
    """The import was refused as a whole; `rows` holds (row number, message) pairs."""

    code = "import_failed"
    status = 400
    default_message = _("Nothing was imported: correct the rows below and try again.")

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__(field="file")
        self.rows = rows
