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
from technohub.scheduling import selectors as scheduling_selectors
from technohub.scheduling.fit import room_fits
from technohub.scheduling.models import Feature, PlanningRequest, Weekday
from technohub.web.forms import bound_dates

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


def fitting_places(course: Course, places) -> list[Place]:
    """The places that fit the course's room needs (`scheduling.fit.room_fits`, the one rule)."""
    return [place for place in places if room_fits(course=course, place=place)]


def _trainers(hub):
    """The trainers a coordinator may plan: the hub's own (on its active roster or invited as
    its trainer), never another hub's."""
    return scheduling_selectors.trainers_engaged_by(hub=hub)


def _place_queryset(course: Course):
    places = Place.objects.filter(hub_id=course.hub_id).order_by("name")
    return Place.objects.filter(pk__in=[p.pk for p in fitting_places(course, places)]).order_by(
        "name"
    )


class EditionForm(forms.ModelForm):
    """An edition with its sessions (a weekly series, Dutch local time), or an edition for the
    agenda builder to plan: a pattern and no sessions."""

    BY_HAND, BY_PLANNER = "hand", "planner"
    mode = forms.ChoiceField(
        label=_("Sessions"),
        choices=[
            (BY_HAND, _("I plan the sessions myself")),
            (BY_PLANNER, _("Let the planner choose the sessions")),
        ],
        initial=BY_HAND,
        required=False,  # not given: by hand (as before there was a choice)
        widget=forms.RadioSelect,
    )
    first_date = forms.DateField(
        label=_("Date of the first session"), widget=DateInput(), required=False
    )
    session_count = forms.IntegerField(
        label=_("Number of sessions"), min_value=1, max_value=60, initial=1
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=8,
        initial=1,
        required=False,
        help_text=_("1 = every week, 2 = every other week."),
    )
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput(), required=False)
    override_reason = forms.CharField(
        label=_("Reason to plan outside the trainer's availability"),
        max_length=200,
        required=False,
        help_text=_("Only when the trainer has agreed; it is recorded in the audit trail."),
    )
    # the planner's pattern
    earliest_start = forms.DateField(
        label=_("Earliest first session"), widget=DateInput(), required=False
    )
    latest_end = forms.DateField(label=_("Latest last session"), widget=DateInput(), required=False)
    rhythm = forms.ChoiceField(
        label=_("Rhythm"), choices=PlanningRequest.Rhythm.choices, required=False
    )
    session_minutes = forms.IntegerField(
        label=_("Length of a session (minutes)"),
        min_value=30,
        max_value=600,
        initial=150,
        required=False,
    )
    time_of_day = forms.ChoiceField(
        label=_("Time of day"),
        choices=PlanningRequest.Time.choices,
        initial=PlanningRequest.Time.EVENING,
        required=False,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=Weekday.choices[:6],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any day from Monday to Saturday."),
    )
    features = forms.ModelMultipleChoiceField(
        label=_("Room needs"),
        queryset=Feature.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    HAND_FIELDS = ("first_date", "interval_weeks", "start_time", "end_time")
    PLANNER_FIELDS = ("earliest_start", "latest_end", "rhythm", "session_minutes", "time_of_day")

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
        bound_dates(self)  # every date between 2000 and 2100 (technohub.web.forms)
        self.course = course
        self.hub_id = course.hub_id
        self.fields["location"].queryset = _place_queryset(course)
        self.fields["trainer"].queryset = _trainers(course.hub)
        self.fields["features"].queryset = Feature.objects.filter(hub_id=course.hub_id)
        self.fields["rhythm"].initial = PlanningRequest.Rhythm.WEEKLY
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

    @property
    def by_planner(self) -> bool:
        return self.is_bound and self.data.get("mode") == self.BY_PLANNER

    def clean(self):
        data = super().clean()
        data["mode"] = data.get("mode") or self.BY_HAND
        required = self.PLANNER_FIELDS if data.get("mode") == self.BY_PLANNER else self.HAND_FIELDS
        for name in required:
            if name in data and data[name] in (None, ""):
                self.add_error(name, _("This field is required."))
        if data.get("mode") == self.BY_PLANNER:
            self._clean_pattern(data)
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

    def _clean_pattern(self, data) -> None:
        first, last = data.get("earliest_start"), data.get("latest_end")
        if first and last and last < first:
            self.add_error("latest_end", _("The last session cannot be before the first."))
        minutes, time = data.get("session_minutes"), data.get("time_of_day")
        if minutes and time and time != PlanningRequest.Time.WHOLE_DAY and minutes > 240:
            self.add_error(
                "session_minutes", _("A session of more than 4 hours must take whole days.")
            )
        data["status"] = Edition.Status.DRAFT  # the planner's editions start as drafts

    def pattern(self) -> dict:
        """The planning request's fields (for scheduling.services.planning_request_save)."""
        data = self.cleaned_data
        return {
            "session_count": data["session_count"],
            "rhythm": data["rhythm"],
            "session_minutes": data["session_minutes"],
            "time_of_day": data["time_of_day"],
            "weekdays": data.get("weekdays") or [],
        }

    def planner_edition_fields(self) -> dict:
        fields = self.edition_fields()
        fields["status"] = Edition.Status.DRAFT
        return {
            **fields,
            "starts_on": self.cleaned_data["earliest_start"],
            "ends_on": self.cleaned_data["latest_end"],
        }

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


# --- Changing an edition's sessions after creation -------------------------------------------


def local_pair(day: dt.date, start: dt.time, end: dt.time) -> tuple[dt.datetime, dt.datetime]:
    """A session's start and end on `day`, Dutch time (DST-correct)."""
    return dt.datetime.combine(day, start, tzinfo=LOCAL), dt.datetime.combine(
        day, end, tzinfo=LOCAL
    )


def parse_slot(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    """A free-slot button's value `<start>/<end>` (ISO datetimes); None when malformed."""
    try:
        start, end = (dt.datetime.fromisoformat(part) for part in value.split("/", 1))
    except (ValueError, TypeError):
        return None
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        return None
    return start.astimezone(LOCAL), end.astimezone(LOCAL)


class _TrainerPlaceMixin:
    """Room and trainer choices of an edition's hub (rooms that fit the course only)."""

    def _set_choices(self, edition: Edition, *, keep_label) -> None:
        self.fields["place"].queryset = _place_queryset(edition.course)
        self.fields["trainer"].queryset = _trainers(edition.hub)
        self.fields["trainer"].label_from_instance = lambda person: person.full_name
        self.fields["place"].empty_label = keep_label["place"]
        self.fields["trainer"].empty_label = keep_label["trainer"]


class SessionForm(_TrainerPlaceMixin, forms.Form):
    """One session: its day, times (Dutch time), room, trainer and topic."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.ModelChoiceField(label=_("Room"), queryset=Place.objects.none(), required=False)
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=Place.objects.none(), required=False
    )
    topic = forms.CharField(label=_("Topic"), max_length=160, required=False)
    override_reason = forms.CharField(
        label=_("Reason to plan outside the trainer's availability"),
        max_length=200,
        required=False,
        help_text=_("Only when the trainer has agreed; it is recorded in the audit trail."),
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        trainer = edition.trainer.full_name if edition.trainer_id else _("none")
        self._set_choices(
            edition,
            keep_label={
                "place": _("The edition's location (%(place)s)")
                % {"place": edition.location or _("none")},
                "trainer": _("The edition's trainer (%(name)s)") % {"name": trainer},
            },
        )

    @classmethod
    def initial_for(cls, session) -> dict:
        start, end = session.starts_at.astimezone(LOCAL), session.ends_at.astimezone(LOCAL)
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "place": session.place_id,
            "trainer": session.trainer_id,
            "topic": session.topic,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return data

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return local_pair(data["date"], data["start_time"], data["end_time"])


class SeriesForm(_TrainerPlaceMixin, forms.Form):
    """Change all remaining sessions at once: move them, another start time, room or trainer."""

    KEEP, DAYS, WEEKS, WEEKDAY = "keep", "days", "weeks", "weekday"
    move = forms.ChoiceField(
        label=_("Move the sessions"),
        choices=[
            (KEEP, _("Keep the days")),
            (DAYS, _("By a number of days")),
            (WEEKS, _("By a number of weeks")),
            (WEEKDAY, _("To another weekday (in the same week)")),
        ],
        initial=KEEP,
        widget=forms.RadioSelect,
    )
    amount = forms.IntegerField(
        label=_("How many days or weeks"),
        min_value=-52,
        max_value=52,
        required=False,
        help_text=_("Negative: earlier."),
    )
    weekday = forms.TypedChoiceField(
        label=_("New weekday"), choices=Weekday.choices, coerce=int, required=False
    )
    start_time = forms.TimeField(
        label=_("New start time"),
        widget=TimeInput(),
        required=False,
        help_text=_("Empty: keep it. The sessions keep their length."),
    )
    place = forms.ModelChoiceField(
        label=_("New room"), queryset=Place.objects.none(), required=False
    )
    trainer = forms.ModelChoiceField(
        label=_("New trainer"), queryset=Place.objects.none(), required=False
    )
    override_reason = SessionForm.base_fields["override_reason"]

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self._set_choices(
            edition, keep_label={"place": _("Keep the room"), "trainer": _("Keep the trainer")}
        )

    def clean(self):
        data = super().clean()
        move = data.get("move")
        if move in (self.DAYS, self.WEEKS) and not data.get("amount"):
            self.add_error("amount", _("Enter how many (not 0)."))
        if move == self.WEEKDAY and data.get("weekday") in (None, ""):
            self.add_error("weekday", _("Choose the new weekday."))
        nothing = (
            move == self.KEEP
            and not data.get("start_time")
            and not data.get("place")
            and not data.get("trainer")
        )
        if nothing and not self.errors:
            raise ValidationError(_("Choose what to change."), code="nothing")
        return data

    def new_times(self, session) -> tuple[dt.datetime, dt.datetime]:
        """Where `session` goes: the same length, in Dutch time."""
        data = self.cleaned_data
        start = session.starts_at.astimezone(LOCAL)
        length = session.ends_at - session.starts_at
        day, time = start.date(), start.time().replace(tzinfo=None)
        if data["move"] == self.DAYS:
            day += dt.timedelta(days=data["amount"])
        elif data["move"] == self.WEEKS:
            day += dt.timedelta(weeks=data["amount"])
        elif data["move"] == self.WEEKDAY:
            day += dt.timedelta(days=data["weekday"] - day.weekday())
        if data.get("start_time"):
            time = data["start_time"]
        new_start = dt.datetime.combine(day, time, tzinfo=LOCAL)
        return new_start, (new_start + length).astimezone(LOCAL)


class EditionEditForm(forms.ModelForm):
    """An edition's own settings after creation; its sessions change on their own pages."""

    class Meta:
        model = Edition
        fields = [
            "capacity",
            "min_participants",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "cancellation_deadline",
            "location",
            "trainer",
        ]
        widgets = {
            "enrolment_opens_at": DateTimeInput(),
            "enrolment_closes_at": DateTimeInput(),
            "cancellation_deadline": DateTimeInput(),
        }

    override_reason = SessionForm.base_fields["override_reason"]

    def __init__(self, *args, seats_taken: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self.instance
        self.seats_taken = seats_taken
        self.fields["location"].queryset = _place_queryset(edition.course)
        self.fields["trainer"].queryset = _trainers(edition.hub)
        self.fields["capacity"].min_value = 0
        for name in ("enrolment_opens_at", "enrolment_closes_at", "cancellation_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < self.seats_taken:
            raise ValidationError(
                _("There are already %(taken)s participants: choose at least that many seats."),
                params={"taken": self.seats_taken},
                code="below_taken",
            )
        return capacity

    def clean(self):
        data = super().clean()
        opens, closes = data.get("enrolment_opens_at"), data.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("enrolment_closes_at", _("Enrolment must close after it opens."))
        capacity, minimum = data.get("capacity"), data.get("min_participants")
        if capacity is not None and minimum is not None and minimum > capacity:
            self.add_error("min_participants", _("The minimum cannot be more than the seats."))
        return data

    def _post_clean(self):
        # the services write; the form only validates the fields (no model-wide validation that
        # would re-check the unchanged unique code against itself on a copy)
        pass


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (in the mail)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(),
    )
    confirm = forms.BooleanField(label=_("Yes, cancel this session"), required=True)


class PublishForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, publish and notify them"), required=True)


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
