"""Forms for employees and employment links. They parse input; `hubs.employment` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.portal.forms import NoColonMixin


class EmployeeEditForm(NoColonMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Someone with a login manages their own address."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args, has_login: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if has_login:
            del self.fields["email"]


class ConfirmForm(forms.Form):
    """Nothing to fill in: the POST itself is the confirmation."""
