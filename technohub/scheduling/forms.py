"""Forms of the scheduling pages (back office and portal share the availability and booking
forms, so they live with the area rather than in one audience package). They parse and
validate; the services write."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course, Edition, Place
from technohub.hubs.models import Hub, Person
from technohub.scheduling.models import (
    Daypart,
    Equipment,
    Feature,
    PlanningRequest,
    PlanningSettings,
    Proposal,
    Weekday,
)
from technohub.scheduling.planning import Weights

LOCAL = ZoneInfo("Europe/Amsterdam")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


SLOT_CHOICES = [
    (f"{w}-{d}", f"{Weekday(w).label} {Daypart(d).label.lower()}")
    for w in range(7)
    for d in Daypart.values
]


class AvailabilityForm(forms.Form):
    slots = forms.MultipleChoiceField(
        label=_("When can you teach?"),
        choices=SLOT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @staticmethod
    def initial_for(person: Person) -> dict:
        return {"slots": [f"{a.weekday}-{a.daypart}" for a in person.availability.all()]}

    def pairs(self) -> list[tuple[int, int]]:
        return [tuple(int(x) for x in value.split("-")) for value in self.cleaned_data["slots"]]


class ExceptionForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until (inclusive)"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=120, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must be on or after the start."))
        return data


class HubTrainerForm(forms.Form):
    """The hub's own limits of a trainer on its roster."""

    active = forms.BooleanField(
        label=_("Active for this hub"),
        required=False,
        help_text=_("The agenda builder only plans active trainers."),
    )
    max_sessions_per_week = forms.IntegerField(
        label=_("At most sessions per week in this hub"), min_value=1, max_value=20, required=False
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Can teach here"),
        queryset=Course.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = Course.objects.filter(hub=hub).order_by("title")

    @staticmethod
    def initial_for(row) -> dict:
        return {
            "active": row.active,
            "max_sessions_per_week": row.max_sessions_per_week,
            "courses": list(row.courses.all()),
            "note": row.note,
        }


class RosterAddForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        help_text=_("An employee of a member organisation, or a trainer invited to this hub."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.employer})" if p.employer_id else p.full_name
        )


class PlanningSettingsForm(forms.ModelForm):
    class Meta:
        model = PlanningSettings
        fields = ["school_region", "liberation_day"]


class ClosedPeriodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until (inclusive)"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must be on or after the start."))
        return data


class FeatureForm(forms.Form):
    name = forms.CharField(label=_("New room feature"), max_length=80)


class PlaceFeaturesForm(forms.Form):
    features = forms.ModelMultipleChoiceField(
        label=_("Features"),
        queryset=Feature.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bookable = forms.BooleanField(label=_("Members may book it"), required=False)

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["features"].queryset = Feature.objects.filter(hub=hub)


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "name",
            "description",
            "quantity",
            "owner",
            "home",
            "required_course",
            "bookable_by_members",
        ]

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        from technohub.hubs.selectors import organisations_of_hub

        self.fields["quantity"].min_value = 1
        self.fields["owner"].queryset = organisations_of_hub(hub=hub)
        self.fields["home"].queryset = Place.objects.filter(hub=hub)
        self.fields["required_course"].queryset = Course.objects.filter(hub=hub)


class PatternForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=Weekday.choices[:6],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any day from Monday to Saturday."),
    )

    class Meta:
        model = PlanningRequest
        fields = [
            "session_count",
            "rhythm",
            "session_minutes",
            "time_of_day",
            "weekdays",
            "min_days_between",
            "same_trainer",
            "features",
            "use_needs",
            "preferred_daypart",
            "preference_weight",
        ]
        widgets = {"features": forms.CheckboxSelectMultiple}

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["features"].queryset = Feature.objects.filter(hub=hub)
        self.fields["session_count"].min_value = 1
        self.fields["session_count"].max_value = 60
        self.fields["session_minutes"].min_value = 30
        self.fields["session_minutes"].max_value = 600
        self.equipment = list(Equipment.objects.filter(hub=hub))
        current = {}
        if self.instance.pk:
            current = {n.equipment_id: n.quantity for n in self.instance.needs.all()}
        for item in self.equipment:
            self.fields[f"equipment_{item.pk}"] = forms.IntegerField(
                label=_("%(name)s (of %(n)s)") % {"name": item.name, "n": item.quantity},
                min_value=0,
                max_value=item.quantity,
                required=False,
                initial=current.get(item.pk, 0),
            )

    def clean(self):
        data = super().clean()
        minutes, time = data.get("session_minutes"), data.get("time_of_day")
        if minutes and time and time != PlanningRequest.Time.WHOLE_DAY and minutes > 240:
            self.add_error(
                "session_minutes", _("A session of more than 4 hours must take whole days.")
            )
        return data

    def pattern(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.Meta.fields if name != "features"}

    def needs(self) -> dict[Equipment, int]:
        return {item: self.cleaned_data.get(f"equipment_{item.pk}") or 0 for item in self.equipment}


class ProposalForm(forms.Form):
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Term ends"), widget=DateInput())
    seconds = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=10
    )
    coverage = forms.IntegerField(
        label=_("Weight: days covered each week"), min_value=0, max_value=1000, initial=60
    )
    preference = forms.IntegerField(
        label=_("Weight: preferred times of learners"), min_value=0, max_value=1000, initial=4
    )
    balance = forms.IntegerField(
        label=_("Weight: trainers' load balanced"), min_value=0, max_value=1000, initial=2
    )
    room = forms.IntegerField(
        label=_("Weight: preferred room (less travel)"), min_value=0, max_value=1000, initial=3
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", _("The term must end after it starts."))
            elif (end - start).days > 26 * 7:
                self.add_error("ends_on", _("Plan at most 26 weeks at once."))
        return data

    def weights(self) -> Weights:
        data = self.cleaned_data
        return Weights(
            coverage=data["coverage"],
            preference=data["preference"],
            balance=data["balance"],
            room=data["room"],
        )


class ReplanForm(forms.Form):
    trainer = forms.ModelChoiceField(
        label=_("Trainer who drops out"), queryset=Person.objects.none(), required=False
    )
    place = forms.ModelChoiceField(
        label=_("Room that is lost"), queryset=Place.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until (inclusive)"), widget=DateInput())
    scope = forms.ChoiceField(
        label=_("What may move"),
        choices=Proposal.Scope.choices,
        initial=Proposal.Scope.SESSIONS,
        widget=forms.RadioSelect,
        help_text=_("Every session that moves counts against the plan: it moves only if needed."),
    )

    def __init__(self, *args, hub: Hub, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers
        self.fields["place"].queryset = Place.objects.filter(hub=hub)

    def clean(self):
        data = super().clean()
        if bool(data.get("trainer")) == bool(data.get("place")):
            raise ValidationError(_("Choose either a trainer or a room."))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end must be on or after the start."))
        return data


class AcceptForm(forms.Form):
    editions = forms.TypedMultipleChoiceField(
        label=_("Editions to accept"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, editions: list[Edition], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editions"].choices = [(e.pk, f"{e.course.title} ({e.code})") for e in editions]
        self.fields["editions"].initial = [e.pk for e in editions]


class BookingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())
    quantity = forms.IntegerField(label=_("How many"), min_value=1, initial=1)
    person = forms.ModelChoiceField(
        label=_("Who will use it"), queryset=Person.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)

    def __init__(self, *args, resource, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(resource, Place):
            del self.fields["quantity"]
        else:
            self.fields["quantity"].max_value = resource.quantity
        if people is None or getattr(resource, "required_course", None) is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
            self.fields["person"].help_text = _("Needs a valid certificate of: %(course)s.") % {
                "course": resource.required_course
            }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return (
            dt.datetime.combine(data["day"], data["start"], tzinfo=LOCAL),
            dt.datetime.combine(data["day"], data["end"], tzinfo=LOCAL),
        )
