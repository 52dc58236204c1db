"""Forms of the enrolment confirmation steps: completing an edition, rejecting a request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.portal.forms import NoColonMixin

REASON_MAX = 1000


class CompleteEditionForm(NoColonMixin, forms.Form):
    """Completing an edition; before its last session ended a reason is asked (coordinators)."""

    confirm = forms.BooleanField(
        label=_("Yes, complete this edition"),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
    early_reason = forms.CharField(
        label=_("Why complete before the last session?"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail."),
    )

    def __init__(self, *args, early: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.early = early
        if not early:
            del self.fields["early_reason"]
        else:
            self.fields["early_reason"].required = True
            self.fields["early_reason"].error_messages["required"] = _("Give a reason.")


class RejectForm(NoColonMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this reason and gets it by e-mail."),
        error_messages={"required": _("Give a reason.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason
