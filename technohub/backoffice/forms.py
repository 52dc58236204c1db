"""Back-office forms. They parse and validate input; the services write."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course, Edition, Place
from technohub.hubs import selectors
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Hub, Membership, Organisation, Role, Sector

LOCAL = ZoneInfo("Europe/Amsterdam")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def add_service_error(form: forms.Form, exc: Exception) -> None:
    """Show a DomainError or a model ValidationError from a service on the form."""
    if isinstance(exc, DomainError):
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))
        return
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = name if name in form.fields and name != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(field, error)
        return
    form.add_error(None, exc)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


# --- Editions --------------------------------------------------------------------------------


class EditionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Edition.Status.choices],
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, max_value=10_000)

    def __init__(self, *args, seats_taken: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats_taken = seats_taken

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < self.seats_taken:
            raise ValidationError(
                _("There are already %(taken)s participants: choose at least that many seats."),
                params={"taken": self.seats_taken},
                code="below_taken",
            )
        return capacity


STATUS_ACTIONS = [
    (Edition.Status.DRAFT, Edition.Status.DRAFT.label),
    (Edition.Status.PUBLISHED, Edition.Status.PUBLISHED.label),
    (Edition.Status.RUNNING, Edition.Status.RUNNING.label),
    (Edition.Status.CANCELLED, Edition.Status.CANCELLED.label),
]


class EditionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=STATUS_ACTIONS)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I am sure"), required=True)


# --- Courses and editions --------------------------------------------------------------------


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "description",
            "sector",
            "level",
            "format",
            "delivery_model",
            "learning_outcomes",
            "study_hours",
            "provider",
            "member_price",
            "non_member_price",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "learning_outcomes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, hub: Hub, **kwargs):
        kwargs.setdefault("instance", Course(hub=hub))
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub).order_by("name")
        self.fields["provider"].queryset = selectors.organisations_of_hub(
            hub=hub, kinds=(Organisation.Kind.PROVIDER, Organisation.Kind.SCHOOL)
        )
        for name in ("study_hours", "member_price", "non_member_price"):
            self.fields[name].min_value = 0
            self.fields[name].validators.append(_not_negative)


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Enter zero or more."), code="negative")


class EditionForm(forms.ModelForm):
    """An edition plus a weekly session pattern (dates and times in Dutch local time)."""

    first_date = forms.DateField(label=_("Date of the first session"), widget=DateInput())
    session_count = forms.IntegerField(
        label=_("Number of sessions"), min_value=1, max_value=60, initial=1
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=8,
        initial=1,
        help_text=_("1 = every week, 2 = every other week."),
    )
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())

    class Meta:
        model = Edition
        fields = [
            "code",
            "capacity",
            "min_participants",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "cancellation_deadline",
            "location",
            "trainer",
            "status",
        ]
        widgets = {
            "enrolment_opens_at": DateTimeInput(),
            "enrolment_closes_at": DateTimeInput(),
            "cancellation_deadline": DateTimeInput(),
        }

    def __init__(self, *args, course: Course, **kwargs):
        kwargs.setdefault("instance", Edition(course=course, hub_id=course.hub_id))
        super().__init__(*args, **kwargs)
        self.hub_id = course.hub_id
        self.fields["location"].queryset = Place.objects.filter(hub_id=course.hub_id)
        self.fields["trainer"].queryset = selectors.trainers_of_hub(hub=course.hub)
        self.fields["status"].choices = [
            (Edition.Status.DRAFT, Edition.Status.DRAFT.label),
            (Edition.Status.PUBLISHED, Edition.Status.PUBLISHED.label),
        ]
        for name in ("enrolment_opens_at", "enrolment_closes_at", "cancellation_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if Edition.objects.filter(hub_id=self.hub_id, code__iexact=code).exists():
            raise ValidationError(_("This hub already has an edition with this code."))
        return code

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        opens, closes = data.get("enrolment_opens_at"), data.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("enrolment_closes_at", _("Enrolment must close after it opens."))
        capacity, minimum = data.get("capacity"), data.get("min_participants")
        if capacity is not None and minimum is not None and minimum > capacity:
            self.add_error("min_participants", _("The minimum cannot be more than the seats."))
        return data

    def slots(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """The sessions' start and end, timezone-aware in Europe/Amsterdam (DST-correct)."""
        data = self.cleaned_data
        result = []
        for n in range(data["session_count"]):
            day = data["first_date"] + dt.timedelta(weeks=n * data["interval_weeks"])
            result.append(
                (
                    dt.datetime.combine(day, data["start_time"], tzinfo=LOCAL),
                    dt.datetime.combine(day, data["end_time"], tzinfo=LOCAL),
                )
            )
        return result

    def edition_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- Members and people ----------------------------------------------------------------------


class MembershipForm(forms.Form):
    status = forms.ChoiceField(label=_("Membership"), choices=Membership.Status.choices)
    tier = forms.ChoiceField(label=_("Tier"), choices=Membership.Tier.choices)
    since = forms.DateField(label=_("Member since"), required=False, widget=DateInput())
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(hub=hub).order_by("name")


class MemberAddForm(MembershipForm):
    name = forms.CharField(label=_("Name of the organisation"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    field_order = ["name", "kind", "city", "website", "status", "tier", "since", "sectors"]


class InviteForm(forms.Form):
    ROLE_CHOICES = [
        (Role.Kind.CONTACT, _("Company contact of an organisation")),
        (Role.Kind.TRAINER, _("Trainer")),
    ]

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("Invite as"), choices=ROLE_CHOICES, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Required for a company contact; for a trainer, their employer (optional)."),
    )

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_of_hub(hub=hub)

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.Kind.CONTACT and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation of this contact."))
        return data


class StartTeamMemberForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Organisation.objects.none())

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub).order_by("name")
        self.fields["person"].queryset = selectors.people_of_hub(hub=hub)
        self.fields["person"].label_from_instance = _person_label


def _person_label(person) -> str:
    return f"{person.full_name} ({person.employer})" if person.employer_id else person.full_name
