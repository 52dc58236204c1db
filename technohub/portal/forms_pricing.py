"""Forms of the company's seat pools and cost pages (they parse input; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.hubs.models import Person
from technohub.portal.forms import NoColonMixin


class PoolReserveForm(NoColonMixin, forms.Form):
    seats = forms.IntegerField(
        label=_("Number of seats"),
        min_value=1,
        max_value=500,
        help_text=_("You name the people later, or let them claim a seat with a link."),
    )


class PoolAssignForm(NoColonMixin, forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Employees"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one employee.")},
    )

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = employees


class PoolApprovalForm(NoColonMixin, forms.Form):
    claims_need_approval = forms.BooleanField(
        label=_("Claims with the link need my approval"), required=False
    )
