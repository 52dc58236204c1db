"""Back-office forms of the pricing area: price model, seat rules, contributions, periods, funds."""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from technohub.backoffice.forms import DateInput, DateTimeInput
from technohub.catalogue.models import Course
from technohub.hubs.models import Organisation, Person, Sector
from technohub.pricing.forms import ContributionFieldsForm
from technohub.pricing.models import (
    EditionPrice,
    Fund,
)

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

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        for organisation in self.organisations:
            self.fields[f"share_{organisation.pk}"] = forms.DecimalField(
                label=_("Share of %(company)s (%%)") % {"company": organisation.name},
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=2,
                required=False,
            )
        for n in range(1, TIER_ROWS + 1):
            self.fields[f"tier{n}_from"] = forms.IntegerField(
                label=_("Tier %(n)s: from participants") % {"n": n}, min_value=2, required=False
            )
            self.fields[f"tier{n}_rate"] = _money(
                _("Tier %(n)s: cost per participant (€)") % {"n": n}, required=False
            )

    def tier_rows(self):
        return [(self[f"tier{n}_from"], self[f"tier{n}_rate"]) for n in range(1, TIER_ROWS + 1)]

    def share_fields(self):
        return [self[f"share_{o.pk}"] for o in self.organisations]

    def _clean_shares(self, data) -> None:
        shares = [(o, data.get(f"share_{o.pk}")) for o in self.organisations]
        data["fixed_shares"] = [(o, p) for o, p in shares if p]
        if data.get("split_rule") != EditionPrice.Split.FIXED:
            data["fixed_shares"] = []
            return
        if not self.organisations:
            self.add_error(
                "split_rule",
                _("Fixed shares need companies with participants or reserved seats first."),
            )
            return
        total = sum((p for _o, p in data["fixed_shares"]), Decimal("0"))
        if total != 100:
            message = _("The shares add up to %(total)s %%; together they must be 100 %%.") % {
                "total": number_format(total.normalize())
            }
            self.add_error(f"share_{self.organisations[0].pk}", message)

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
        self._clean_shares(data)
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


class ContributionForm(ContributionFieldsForm):
    organisation = forms.ModelChoiceField(
        label=_("Contributed by"), queryset=Organisation.objects.none()
    )
    field_order = ["organisation", "kind", "description", "quantity", "unit_value"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RejectContributionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The company sees this reason."),
    )


class ResendForm(forms.Form):
    TO_CONTACTS, TO_ADDRESS = "contacts", "address"
    to = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            (TO_CONTACTS, _("The company's contacts")),
            (TO_ADDRESS, _("This e-mail address")),
        ],
        widget=forms.RadioSelect,
        initial=TO_CONTACTS,
    )
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)

    def clean(self):
        data = super().clean()
        if data.get("to") == self.TO_ADDRESS and not data.get("email"):
            self.add_error("email", _("Fill in the e-mail address."))
        return data


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


class FundForm(forms.Form):
    """A fund: who pays, how much per participant, for whom, up to which budget."""

    name = forms.CharField(label=_("Name"), max_length=120)
    payer = forms.CharField(
        label=_("Paid out by"),
        max_length=200,
        required=False,
        help_text=_("Who pays the fund's part and how, e.g. 'Stichting OOM, claim per quarter'."),
    )
    coverage = forms.ChoiceField(
        label=_("The fund pays"), choices=Fund.Coverage.choices, widget=forms.RadioSelect
    )
    percent = forms.DecimalField(
        label=_("Percentage of the participant's share (%)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        decimal_places=2,
    )
    amount = _money(_("Amount per participant (€)"), required=False)
    budget = _money(_("Budget (€)"), help_text=_("The fund pays until this is used up."))
    sectors = forms.ModelMultipleChoiceField(
        label=_("Employers in these sectors"),
        queryset=Sector.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Companies affiliated with the fund"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    learner_kinds = forms.MultipleChoiceField(
        label=_("Target groups, whoever employs them"),
        choices=Person.LearnerKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Only for these courses"),
        queryset=Course.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every course of the hub."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(hub=hub).order_by("name")
        self.fields["members"].queryset = Organisation.objects.filter(
            memberships__hub=hub
        ).order_by("name")
        self.fields["courses"].queryset = Course.objects.filter(hub=hub).order_by("title")

    def clean(self):
        data = super().clean()
        coverage = data.get("coverage")
        if coverage == Fund.Coverage.PERCENT and not data.get("percent"):
            self.add_error("percent", _("Fill in the percentage the fund pays."))
        if coverage == Fund.Coverage.FIXED and not data.get("amount"):
            self.add_error("amount", _("Fill in the amount the fund pays per participant."))
        data["percent"] = data.get("percent") or Decimal("0")
        data["amount"] = data.get("amount") or Decimal("0")
        return data

    @staticmethod
    def initial_of(fund: Fund) -> dict:
        return {
            "name": fund.name,
            "payer": fund.payer,
            "coverage": fund.coverage,
            "percent": fund.percent if fund.coverage == Fund.Coverage.PERCENT else None,
            "amount": fund.amount if fund.coverage == Fund.Coverage.FIXED else None,
            "budget": fund.budget,
            "sectors": list(fund.sectors.all()),
            "members": list(fund.members.all()),
            "learner_kinds": fund.learner_kinds,
            "courses": list(fund.courses.all()),
            "active": fund.active,
        }


class LedgerPeriodForm(forms.Form):
    periode = forms.TypedChoiceField(label=_("Period"), coerce=int, choices=())

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.pk: p for p in periods}
        self.fields["periode"].choices = [(p.pk, p.name) for p in periods]

    def clean_periode(self):
        return self.periods[self.cleaned_data["periode"]]
