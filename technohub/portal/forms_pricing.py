"""Forms of the company's seat pools and cost pages (they parse input; services decide)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Edition
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Person
from technohub.portal.forms import NoColonMixin
from technohub.pricing.models import (
    MAX_CONTRIBUTION_VALUE,
    MAX_QUANTITY,
    MIN_QUANTITY,
    Contribution,
)


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


class ContributionProposeForm(NoColonMixin, forms.Form):
    """A company records what it gives; bounds as in pricing.models (docs/cost-sharing.md)."""

    edition = EditionChoiceField(label=_("Edition"), queryset=Edition.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        help_text=_("E.g. 'Our installer teaches the practical evenings'."),
    )
    quantity = forms.DecimalField(
        label=_("Quantity (hours, pieces)"),
        min_value=MIN_QUANTITY,
        max_value=MAX_QUANTITY,
        max_digits=7,
        decimal_places=2,
        help_text=_("Trainer hours: 0.25 to 2,000 per contribution."),
    )
    unit_value = forms.DecimalField(
        label=_("Value per unit (€)"),
        min_value=Decimal("0"),
        max_value=MAX_CONTRIBUTION_VALUE,
        max_digits=9,
        decimal_places=2,
        help_text=_("E.g. the hourly rate of a trainer. At most € 1,000,000 in all."),
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions

    def clean(self):
        data = super().clean()
        if all(data.get(name) is not None for name in ("kind", "quantity", "unit_value")):
            from technohub.pricing.services import contribution_value

            try:
                contribution_value(
                    kind=data["kind"], quantity=data["quantity"], unit_value=data["unit_value"]
                )
            except DomainError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, str(exc.message))
        return data
