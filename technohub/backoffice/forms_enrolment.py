"""Back-office forms of the enrolment confirmation steps: completing, rejecting."""

from technohub.backoffice.forms import ConfirmForm
from technohub.enrolment.forms import EarlyCompletionForm, RejectForm

__all__ = ["CompleteForm", "RejectForm"]


class CompleteForm(ConfirmForm, EarlyCompletionForm):
    """Completing an edition: confirm, and before the last session ended give a reason."""
