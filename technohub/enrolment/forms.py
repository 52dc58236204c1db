"""Forms of the enrolment confirmation steps, shared by the portal and the back office."""

from django import forms
from django.utils.translation import gettext_lazy as _

REASON_MAX = 1000


class EarlyCompletionForm(forms.Form):
    """Completing an edition; before its last session ended, a reason is required."""

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


class RejectForm(forms.Form):
    """Rejecting a request to enrol: the person sees the reason."""

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
