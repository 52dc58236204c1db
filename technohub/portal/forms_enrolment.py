"""Portal forms of the enrolment confirmation steps: completing an edition, rejecting a request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.enrolment import forms as enrolment_forms
from technohub.portal.forms import NoColonMixin


class CompleteEditionForm(NoColonMixin, enrolment_forms.EarlyCompletionForm):
    """Completing an edition; before its last session ended a reason is asked (coordinators)."""

    confirm = forms.BooleanField(
        label=_("Yes, complete this edition"),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
    field_order = ["confirm", "early_reason"]


class RejectForm(NoColonMixin, enrolment_forms.RejectForm):
    pass
