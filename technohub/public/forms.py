"""The catalogue's filter form (GET)."""

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from technohub.catalogue import selectors
from technohub.catalogue.models import Course, Place
from technohub.hubs.models import Hub, Sector
from technohub.web.forms import validate_sane_date

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def _any(choices) -> list:
    return [("", _("Any")), *choices]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. welding")}),
    )
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.none(), empty_label=_("Any")
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_any(Course.Level.choices))
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=_any(Course.Format.choices)
    )
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        required=False,
        choices=_any(WEEKDAYS),
        coerce=int,
        empty_value=None,
    )
    daytime = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=_any(
            [(selectors.DAYTIME, _("Daytime")), (selectors.EVENING, _("Evening (from 17:00)"))]
        ),
    )
    place_kind = forms.ChoiceField(
        label=_("Place"), required=False, choices=_any(Place.Kind.choices)
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_sane_date],
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_sane_date],
    )
    free_for_members = forms.BooleanField(label=_("Free for members"), required=False)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hubs = {hub.slug: hub for hub in hubs}
        self.fields["hub"].choices = _any([(hub.slug, hub.name) for hub in hubs])
        sectors = Sector.objects.select_related("hub").order_by("hub__name", "name")
        self.fields["sector"].queryset = sectors
        if len(hubs) > 1:
            self.fields["sector"].label_from_instance = lambda s: f"{s.name} ({s.hub.name})"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `catalogue_search` from the fields that are valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "hub": self.hubs.get(data.get("hub") or ""),
            "sector": data.get("sector"),
            "level": data.get("level") or "",
            "format": data.get("format") or "",
            "weekday": data.get("weekday"),
            "daytime": data.get("daytime") or "",
            "place_kind": data.get("place_kind") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to") if "date_to" not in self.errors else None,
            "free_for_members": bool(data.get("free_for_members")),
        }

    @property
    def selected_hub(self) -> Hub | None:
        return self.filters()["hub"]

    def active_filters(self) -> list[str]:
        """The filters in force (not the search words), as "Label: value" for the folded
        panel's summary."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        shown = []
        for name, field in self.fields.items():
            value = data.get(name)
            if name == "q" or name in self.errors or value in (None, "", False):
                continue
            if isinstance(field, forms.ModelChoiceField):
                text = field.label_from_instance(value)
            elif isinstance(field, forms.ChoiceField):
                text = {str(key): label for key, label in field.choices}.get(str(value), value)
            elif isinstance(field, forms.DateField):
                text = date_format(value, "j M Y")
            else:
                shown.append(str(field.label))
                continue
            shown.append(f"{field.label}: {text}")
        return shown

    @property
    def filter_errors(self) -> bool:
        """A filter (not the search words) was refused: the panel opens to show why."""
        return any(name != "q" for name in self.errors)
