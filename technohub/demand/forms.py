"""Forms of the demand pages (portal and back office). They parse input; services decide."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from technohub.catalogue.models import Course, Place
from technohub.demand.models import FunnelSettings, Need, Topic
from technohub.hubs.models import Hub, Organisation, Sector

LOCAL = ZoneInfo("Europe/Amsterdam")
# Browsers' date and time pickers take ISO values only, whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class Form(forms.Form):
    """Labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _k_anonymity(hubs) -> int:
    """The hubs' k: the smallest, so the help text holds for every hub the company may pick."""
    default = FunnelSettings._meta.get_field("k_anonymity").default
    ks = dict(FunnelSettings.objects.filter(hub__in=hubs).values_list("hub_id", "k_anonymity"))
    return min((ks.get(hub.pk, default) for hub in hubs), default=default)


class NeedForm(Form):
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none(), empty_label=None)
    text = forms.CharField(
        label=_("Topic"),
        max_length=200,
        help_text=_("In your own words, e.g. 'installing heat pumps'."),
    )
    course = forms.ModelChoiceField(
        label=_("Course in the catalogue (optional)"),
        queryset=Course.objects.none(),
        required=False,
    )
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500)
    level = forms.ChoiceField(label=_("Level"), choices=Course.Level.choices, initial="none")
    timeframe = forms.ChoiceField(
        label=_("When"), choices=Need.Timeframe.choices, initial=Need.Timeframe.HALF_YEAR
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Preferred days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    daypart = forms.ChoiceField(
        label=_("Daytime or evening"),
        choices=Need.Daypart.choices,
        initial=Need.Daypart.EITHER,
        widget=forms.RadioSelect,
    )
    place = forms.ChoiceField(label=_("Place"), choices=Need.Place.choices, initial=Need.Place.ANY)
    confidentiality = forms.ChoiceField(
        label=_("Who may know about this need?"),
        choices=Need.Confidentiality.choices,
        initial=Need.Confidentiality.ANONYMOUS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        k = _k_anonymity(hubs)
        self.fields["confidentiality"].help_text = ngettext(
            "Other members only ever see totals of topics that at least %(k)s other company "
            "asked for.",
            "Other members only ever see totals of topics that at least %(k)s other companies "
            "asked for.",
            k,
        ) % {"k": k}
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0].pk
            self.fields["hub"].widget = forms.HiddenInput()
        self.fields["course"].queryset = Course.objects.filter(hub__in=hubs).order_by("title")

    def clean(self):
        data = super().clean()
        course, hub = data.get("course"), data.get("hub")
        if course and hub and course.hub_id != hub.pk:
            self.add_error("course", _("Choose a course of this hub."))
        return data

    def need_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("hub")
        return data


class CoordinatorNeedForm(NeedForm):
    """The coordinator enters a need for one of the hub's companies (e.g. from a phone call)."""

    organisation = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none())

    def __init__(self, *args, hubs, **kwargs):
        super().__init__(*args, hubs=hubs, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(memberships__hub__in=hubs).distinct().order_by("name")
        )
        self.order_fields(["organisation"])


class NeedEditForm(NeedForm):
    """The same fields; the hub of a need does not change."""

    def __init__(self, *args, need: Need, **kwargs):
        hubs = Hub.objects.filter(pk=need.hub_id)
        initial = {name: getattr(need, name) for name in ("text", "people", "level", "timeframe")}
        initial.update(
            hub=need.hub_id,
            course=need.course_id,
            weekdays=need.weekdays,
            daypart=need.daypart,
            place=need.place,
            confidentiality=need.confidentiality,
        )
        super().__init__(*args, hubs=hubs, initial=initial, **kwargs)


class FunnelSettingsForm(forms.ModelForm):
    class Meta:
        model = FunnelSettings
        fields = ["min_companies", "min_participants", "k_anonymity"]


class StageForm(Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Topic.Stage.choices)
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when parking or rejecting."),
    )


class TopicForm(Form):
    label = forms.CharField(label=_("Name"), max_length=160)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False
    )

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub)


class MergeForm(Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=Topic.objects.none())

    def __init__(self, *args, topic: Topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Topic.objects.filter(hub_id=topic.hub_id).exclude(
            pk=topic.pk
        )


class SplitForm(Form):
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs for the new topic"),
        queryset=Need.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.CharField(label=_("Name of the new topic"), max_length=160)

    def __init__(self, *args, topic: Topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = topic.needs.select_related("organisation")
        self.fields["needs"].label_from_instance = lambda need: (
            f"{need.text} · {need.organisation.name}"
        )


class MoveForm(Form):
    topic = forms.ModelChoiceField(label=_("Move to"), queryset=Topic.objects.none())

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(hub=hub)


class FlagForm(Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)


class TopicEditionForm(Form):
    """A course (new, or an existing one) and a draft edition with weekly sessions."""

    course = forms.ModelChoiceField(
        label=_("Existing course"),
        queryset=Course.objects.none(),
        required=False,
        help_text=_("Leave empty to create a new course from the fields below."),
    )
    title = forms.CharField(label=_("Course title"), max_length=160, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Course.Level.choices)
    format = forms.ChoiceField(label=_("Format"), choices=Course.Format.choices)
    delivery_model = forms.ChoiceField(
        label=_("Delivery model"), choices=Course.DeliveryModel.choices
    )
    study_hours = forms.DecimalField(
        label=_("Study hours"), min_value=1, max_value=9999, decimal_places=1
    )
    code = forms.CharField(label=_("Edition code"), max_length=30)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    min_participants = forms.IntegerField(
        label=_("Minimum participants"), min_value=1, max_value=1000
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Place.objects.none(), required=False
    )
    first_day = forms.DateField(label=_("First session"), widget=DATE)
    start = forms.TimeField(label=_("Starts at"), widget=TIME)
    end = forms.TimeField(label=_("Ends at"), widget=TIME)
    sessions = forms.IntegerField(label=_("Number of weekly sessions"), min_value=1, max_value=40)

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(hub=hub).order_by("title")
        self.fields["location"].queryset = Place.objects.filter(hub=hub)

    def clean(self):
        data = super().clean()
        if not data.get("course") and not (data.get("title") and data.get("summary")):
            self.add_error("title", _("Choose an existing course or give a title and summary."))
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        if data.get("first_day") and data["first_day"] < timezone.localdate():
            self.add_error("first_day", _("Choose a day in the future."))
        seats, minimum = data.get("capacity"), data.get("min_participants")
        if seats and minimum and minimum > seats:
            self.add_error("min_participants", _("At most the number of seats."))
        return data

    def slots(self) -> list[tuple[dt.datetime, dt.datetime]]:
        data = self.cleaned_data
        days = [data["first_day"] + dt.timedelta(weeks=n) for n in range(data["sessions"])]
        return [
            (
                dt.datetime.combine(day, data["start"], tzinfo=LOCAL),
                dt.datetime.combine(day, data["end"], tzinfo=LOCAL),
            )
            for day in days
        ]

    def course_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "summary", "level", "format", "delivery_model", "study_hours")
        return {name: data[name] for name in names}

    def edition_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("code", "capacity", "min_participants", "location")}


class ImportForm(Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: bedrijf, onderwerp, aantal; optional: niveau, termijn, dagdeel, dagen, "
            "plaats, vertrouwelijkheid, sector."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class SurveyForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.none(),
        required=False,
        empty_label=_("All member companies"),
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))
    closes_on = forms.DateField(label=_("Answer before"), widget=DATE)

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub)


class SectorFilterForm(Form):
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.none(),
        required=False,
        empty_label=_("All sectors"),
        to_field_name="code",
    )

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub)
