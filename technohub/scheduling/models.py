"""Facilities (room features, equipment), bookings, trainers' availability, closed days,
planning requests and the agenda builder's proposals. See docs/agenda-builder.md."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course, Edition, Place, Session
from technohub.hubs.models import Hub, Organisation, Person, User
from technohub.scheduling import planning
from technohub.scheduling.planning import AFTERNOON, EVENING, MORNING


class Daypart(models.IntegerChoices):
    MORNING = MORNING, _("Morning")
    AFTERNOON = AFTERNOON, _("Afternoon")
    EVENING = EVENING, _("Evening")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Feature(models.Model):
    """Something a room offers (welding booths, a climate installation, a projector)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="room_features")
    name = models.CharField(_("name"), max_length=80)
    places = models.ManyToManyField(Place, blank=True, related_name="features")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["hub", "name"], name="feature_unique_name")]
        verbose_name = _("room feature")
        verbose_name_plural = _("room features")

    def __str__(self) -> str:
        return self.name


class Equipment(models.Model):
    """Shared equipment: how many there are, who lent it, which certificate a user needs."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="equipment")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    owner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="equipment_lent",
        verbose_name=_("lent by"),
    )
    home = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("kept in")
    )
    required_course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("certificate needed to use it"),
        help_text=_("A person must hold a valid certificate of this course to book it."),
    )
    bookable_by_members = models.BooleanField(_("members may book it"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="equipment_quantity_min")
        ]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return self.name


class Booking(models.Model):
    """A room or some equipment reserved for a time range, by a session or by a member.

    Never overlapping beyond the quantity: a room (quantity 1) by a PostgreSQL exclusion
    constraint and, on every database, a check under the resource's row lock; equipment by the
    row lock and a count of the overlapping bookings (docs/agenda-builder.md).
    """

    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    equipment = models.ForeignKey(
        Equipment, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="bookings"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("booked for"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
        verbose_name=_("user"),
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    booked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["place", "starts_at"]),
            models.Index(fields=["equipment", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_times_order"
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=False, equipment__isnull=True)
                | Q(place__isnull=True, equipment__isnull=False),
                name="booking_one_resource",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="booking_quantity_min"),
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def resource(self):
        return self.place or self.equipment


class TrainerProfile(models.Model):
    """What the agenda builder needs to know of a trainer."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="trainer_profile")
    max_sessions_per_week = models.PositiveSmallIntegerField(
        _("at most sessions per week"), null=True, blank=True
    )
    courses = models.ManyToManyField(
        Course, blank=True, related_name="qualified_trainers", verbose_name=_("can teach")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("trainer profile")
        verbose_name_plural = _("trainer profiles")

    def __str__(self) -> str:
        return str(self.person)


class HubTrainer(models.Model):
    """A trainer on a hub's roster: the hub engages them, with its own limits.

    The person's weekly availability and absences are theirs (person-level, edited by the
    trainer in the portal); what a hub may say about them lives here: whether they are
    active for this hub, at most how many sessions a week *in this hub*, which of this hub's
    courses they teach here, and a note. A coordinator sees and edits only their own hub's rows.
    """

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="roster")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rosters")
    active = models.BooleanField(_("active"), default=True)
    max_sessions_per_week = models.PositiveSmallIntegerField(
        _("at most sessions per week in this hub"), null=True, blank=True
    )
    courses = models.ManyToManyField(
        Course, blank=True, related_name="roster_trainers", verbose_name=_("can teach here")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["hub", "person"], name="roster_person_once")]
        verbose_name = _("trainer of the hub")
        verbose_name_plural = _("trainers of the hub")

    def __str__(self) -> str:
        return f"{self.person} ({self.hub})"


class WeeklyAvailability(models.Model):
    """A trainer can teach on this weekday in this daypart (e.g. Tuesday evening)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    daypart = models.PositiveSmallIntegerField(_("daypart"), choices=Daypart.choices)

    class Meta:
        ordering = ["weekday", "daypart"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "weekday", "daypart"], name="availability_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.get_daypart_display()}"


class AvailabilityException(models.Model):
    """Days a trainer cannot teach (holiday, sick, a busy week at their own company)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="unavailable")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"))
    reason = models.CharField(_("reason"), max_length=120, blank=True)
    # Set when a hub's coordinator recorded it (a drop-out reported to the hub); blank: the
    # trainer's own. A coordinator may remove only what their hub recorded.
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="exception_dates_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class ClosedPeriod(models.Model):
    """School holidays and closed days of a hub: nothing is planned on them."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="closed_periods")
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="closed_dates_order"
            )
        ]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")

    def __str__(self) -> str:
        return self.name


class SchoolRegion(models.TextChoices):
    """The three regions the Ministry of Education spreads the school holidays over."""

    NOORD = "noord", _("North")
    MIDDEN = "midden", _("Central")
    ZUID = "zuid", _("South")


class PlanningSettings(models.Model):
    """A hub's planning calendar: its school-holiday region and which holidays close it.

    One row per hub, made on first save; a hub without one has the defaults (public
    holidays closed, Liberation Day closed every year, no school region). See
    `scheduling.calendar` and docs/agenda-builder.md.
    """

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="planning_settings")
    school_region = models.CharField(
        _("school-holiday region"),
        max_length=6,
        choices=SchoolRegion.choices,
        blank=True,
        help_text=_(
            "Courses for school students (delivery model school course) are not planned in "
            "this region's school holidays."
        ),
    )
    liberation_day = models.BooleanField(
        _("closed on Liberation Day (5 May) every year"),
        default=True,
        help_text=_(
            "Most collective agreements give the day off only every five years (2030, 2035, …)."
        ),
    )

    class Meta:
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")

    def __str__(self) -> str:
        return str(self.hub)


class PlanningRequest(models.Model):
    """An edition waiting to be planned, with the pattern of its sessions."""

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        FORTNIGHTLY = "fortnightly", _("Every other week")
        INTENSIVE = "intensive", _("Intensive (on consecutive days)")

    class Time(models.TextChoices):
        DAYTIME = "daytime", _("During the day")
        EVENING = "evening", _("In the evening")
        WHOLE_DAY = "whole_day", _("Whole days")
        ANY = "any", _("Day or evening")

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="planning_request"
    )
    session_count = models.PositiveSmallIntegerField(_("number of sessions"))
    rhythm = models.CharField(_("rhythm"), max_length=12, choices=Rhythm.choices)
    session_minutes = models.PositiveSmallIntegerField(_("length of a session (minutes)"))
    time_of_day = models.CharField(_("time of day"), max_length=10, choices=Time.choices)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)  # [] = Monday–Saturday
    min_days_between = models.PositiveSmallIntegerField(
        _("minimum days between sessions"), default=1
    )
    # The period the sessions must fall in (None: the whole term the coordinator plans)
    earliest = models.DateField(_("earliest start"), null=True, blank=True)
    latest = models.DateField(_("latest end"), null=True, blank=True)
    same_trainer = models.BooleanField(_("one trainer for all sessions"), default=True)
    features = models.ManyToManyField(Feature, blank=True, verbose_name=_("room needs"))
    use_needs = models.BooleanField(
        _("weigh the preferred times of the training needs"),
        default=True,
        help_text=_("Open training needs for this course (or its topic), weighted by people."),
    )
    preferred_daypart = models.PositiveSmallIntegerField(
        _("preferred daypart"), choices=Daypart.choices, null=True, blank=True
    )
    preference_weight = models.PositiveSmallIntegerField(
        _("people who asked for it"),
        default=1,
        help_text=_("Learners' wishes you know of, on top of the training needs."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition__code"]
        verbose_name = _("planning request")
        verbose_name_plural = _("planning requests")

    def __str__(self) -> str:
        return str(self.edition)


class RequestEquipment(models.Model):
    request = models.ForeignKey(PlanningRequest, on_delete=models.CASCADE, related_name="needs")
    equipment = models.ForeignKey(Equipment, on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "equipment"], name="request_equipment_once")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.equipment}"


class Proposal(models.Model):
    """One run of the agenda builder for a term, and what the coordinator did with it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being calculated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        ACCEPTED = "accepted", _("Accepted")

    class Kind(models.TextChoices):
        TERM = "term", _("Agenda for a term")
        REPLAN = "replan", _("Re-planning")

    class Scope(models.TextChoices):
        """How much a re-plan may move."""

        SESSIONS = "sessions", _("Only the affected sessions")
        EDITIONS = "editions", _("Also the other sessions of the affected editions")
        ANYTHING = "anything", _("Any session of the hub in the period")

    class Phase(models.TextChoices):
        READING = "reading", _("Reading the editions, rooms and trainers")
        OPTIONS = planning.OPTIONS, _("Listing the possible dates")
        BASELINE = planning.BASELINE, _("Making a first plan")
        MODEL = planning.MODEL, _("Setting up the rules and goals")
        SEARCH = planning.SEARCH, _("Looking for better plans")
        EXPLAIN = planning.EXPLAIN, _("Explaining what could not be placed")
        STORING = "storing", _("Saving the proposal")

    # Where the progress bar stands when a phase starts; the search fills SEARCH … EXPLAIN
    # as the time limit runs out.
    PHASE_PROGRESS = {
        Phase.READING: 2,
        Phase.OPTIONS: 4,
        Phase.BASELINE: 6,
        Phase.MODEL: 8,
        Phase.SEARCH: 10,
        Phase.EXPLAIN: 95,
        Phase.STORING: 98,
    }
    # A run not finished this long after its time limit (or not started this long after it
    # was queued) has lost its worker: the page shows it as failed and offers to try again.
    STALE_AFTER = dt.timedelta(minutes=3)

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TERM)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)  # a worker took it up
    phase_started_at = models.DateTimeField(null=True, blank=True)
    solutions = models.PositiveIntegerField(default=0)
    seconds = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    seed = models.PositiveIntegerField(default=1)
    weights = models.JSONField(default=dict)
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    explanations = models.JSONField(default=list)  # [{edition, code, data}]
    replan = models.JSONField(default=dict, blank=True)  # what changed (re-planning)
    message = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on} – {self.ends_on}"

    @property
    def busy(self) -> bool:
        """Queued or running, and not given up on (see `stalled`)."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING) and not self.stalled

    @property
    def replan_scope_label(self) -> str:
        scope = self.replan.get("scope")
        return self.Scope(scope).label if scope in self.Scope.values else ""

    @property
    def stalled(self) -> bool:
        """Queued or running for much longer than it can take: its worker is gone."""
        now = timezone.now()
        if self.status == self.Status.QUEUED:
            return now - self.created_at > self.STALE_AFTER
        if self.status == self.Status.RUNNING:
            limit = dt.timedelta(seconds=self.seconds) + self.STALE_AFTER
            return now - (self.started_at or self.created_at) > limit
        return False

    @property
    def live_progress(self) -> int:
        """Percent done; during the search, the share of the time limit used so far."""
        if self.status != self.Status.RUNNING or self.phase != self.Phase.SEARCH:
            return self.progress
        elapsed = (timezone.now() - self.phase_started_at).total_seconds()
        low, high = self.PHASE_PROGRESS[self.Phase.SEARCH], self.PHASE_PROGRESS[self.Phase.EXPLAIN]
        return max(self.progress, low + int((high - low) * min(1.0, elapsed / self.seconds)))


class ProposedSession(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sessions")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    index = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    trainer = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    replaces = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # re-planning: the session this one moves
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.edition} #{self.index + 1}"
