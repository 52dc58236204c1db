"""Back-office forms of the pricing area: price model, seat rules, contributions, periods."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.backoffice.forms import DateInput, DateTimeInput
from technohub.hubs.models import Organisation
from technohub.pricing.models import Contribution, EditionPrice

TIER_ROWS = 3


def _money(label, **kwargs):
    return forms.DecimalField(
        label=label, min_value=Decimal("0"), max_digits=11, decimal_places=2, **kwargs
    )


class PriceForm(forms.Form):
    model = forms.ChoiceField(label=_("Price model"), choices=EditionPrice.Model.choices)
    member_price = _money(_("Price for members (€)"), required=False)
    non_member_price = _money(_("Price for non-members (€)"), required=False)
    fixed_cost = _money(
        _("Fixed cost (€)"), required=False, help_text=_("Trainer, venue, exam: paid once.")
    )
    per_participant_cost = _money(_("Cost per participant (€)"), required=False)
    split_rule = forms.ChoiceField(
        label=_("Split over companies"), choices=EditionPrice.Split.choices
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate of the course (%)"), min_value=0, max_value=100, decimal_places=1
    )
    free_cancellation_until = forms.DateTimeField(
        label=_("Free cancellation until"), required=False, widget=DateTimeInput()
    )
    late_cancellation_percent = forms.IntegerField(
        label=_("Cancellation fee after that (%)"), min_value=0, max_value=100, initial=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, TIER_ROWS + 1):
            self.fields[f"tier{n}_from"] = forms.IntegerField(
                label=_("Tier %(n)s: from participants") % {"n": n}, min_value=2, required=False
            )
            self.fields[f"tier{n}_rate"] = _money(
                _("Tier %(n)s: cost per participant (€)") % {"n": n}, required=False
            )

    def tier_rows(self):
        return [(self[f"tier{n}_from"], self[f"tier{n}_rate"]) for n in range(1, TIER_ROWS + 1)]

    def clean(self):
        data = super().clean()
        tiers = []
        for n in range(1, TIER_ROWS + 1):
            start, rate = data.get(f"tier{n}_from"), data.get(f"tier{n}_rate")
            if (start is None) != (rate is None):
                self.add_error(
                    f"tier{n}_rate" if rate is None else f"tier{n}_from",
                    _("Fill in both or neither."),
                )
            elif start is not None:
                tiers.append((start, rate))
        data["tiers"] = tiers
        for name in ("member_price", "non_member_price", "fixed_cost", "per_participant_cost"):
            data[name] = data.get(name) or Decimal("0")
        return data


class SeatRulesForm(forms.Form):
    company_cap = forms.IntegerField(
        label=_("Seats per company"),
        min_value=1,
        required=False,
        help_text=_("Empty: no cap. Enrolments over the cap go to the waitlist."),
    )
    pool_release_at = forms.DateTimeField(
        label=_("Release unnamed reserved seats at"), required=False, widget=DateTimeInput()
    )


class ContributionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Contributed by"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    quantity = forms.DecimalField(
        label=_("Quantity (hours, pieces)"), min_value=Decimal("0.01"), decimal_places=2
    )
    unit_value = _money(_("Value per unit (€)"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PoolForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())
    seats = forms.IntegerField(label=_("Seats"), min_value=1)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PeriodForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("E.g. 'First quarter 2026'.")
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
