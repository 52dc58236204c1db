"""Forms of the company's seat pools and cost pages (they parse input; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Edition
from technohub.hubs.models import Person
from technohub.portal.forms import NoColonMixin
from technohub.pricing.forms import ContributionFieldsForm


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


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, edition):
        return f"{edition.course.title} ({edition.code}, {edition.starts_on:%d-%m-%Y})"


class ContributionProposeForm(NoColonMixin, ContributionFieldsForm):
    """A company records what it gives; bounds as in pricing.models (docs/cost-sharing.md)."""

    edition = EditionChoiceField(label=_("Edition"), queryset=Edition.objects.none())
    field_order = ["edition", "kind", "description", "quantity", "unit_value"]

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions
        self.fields["description"].help_text = _(
            "E.g. 'Our installer teaches the practical evenings'."
        )
