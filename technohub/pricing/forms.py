"""The fields of a contribution in kind, shared by the company's and the coordinator's forms;
bounds as in pricing.models (docs/cost-sharing.md)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError
from technohub.pricing.models import (
    MAX_CONTRIBUTION_VALUE,
    MAX_QUANTITY,
    MIN_QUANTITY,
    Contribution,
)


class ContributionFieldsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
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
