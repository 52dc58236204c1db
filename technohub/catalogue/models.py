"""Courses, their editions (cohorts), sessions and the places they happen."""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.hubs.models import Hub, Organisation, Person, Sector

EVENING_FROM = dt.time(17, 0)  # a session starting at or after 17:00 is an evening session


class RoomKind(models.TextChoices):
    """What kind of room a course needs, and what kind a hub room is.

    See docs/agenda-builder.md.
    """

    LAB = "lab", _("Practical lab or workshop")
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online (no room)")


class Place(models.Model):
    """Where sessions happen: a hub room, a company site, the mobile hub, or online."""

    class Kind(models.TextChoices):
        HUB_ROOM = "hub_room", _("Hub room")
        COMPANY_SITE = "company_site", _("Company site")
        MOBILE_HUB = "mobile_hub", _("Mobile hub")
        ONLINE = "online", _("Online")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    owner = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    bookable_by_members = models.BooleanField(
        _("members may book it"),
        default=False,
        help_text=_("Member companies can reserve it themselves (e.g. the demo house)."),
    )
    # Blank: a general room. Online is never a room kind (Kind.ONLINE is the online place).
    room_kind = models.CharField(
        _("room kind"),
        max_length=10,
        choices=[(k.value, k.label) for k in (RoomKind.LAB, RoomKind.CLASSROOM)],
        blank=True,
    )

    class Meta:
        ordering = ["hub", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    class Level(models.TextChoices):
        NONE = "none", _("No level")
        VMBO = "vmbo", _("vmbo")
        MBO1 = "mbo1", _("mbo 1")
        MBO2 = "mbo2", _("mbo 2")
        MBO3 = "mbo3", _("mbo 3")
        MBO4 = "mbo4", _("mbo 4")
        HBO = "hbo", _("hbo")

    class Format(models.TextChoices):
        PRACTICAL = "practical", _("Practical")
        CLASSROOM = "classroom", _("Classroom")
        ONLINE = "online", _("Online (live)")
        BLENDED = "blended", _("Blended")
        ELEARNING = "elearning", _("E-learning")

    class DeliveryModel(models.TextChoices):
        JOINT_PURCHASE = "joint_purchase", _("Joint purchase")
        ENTRE_NOUS = "entre_nous", _("Entre nous")
        SCHOOL_COURSE = "school_course", _("School course")
        EXTERNAL_PROVIDER = "external_provider", _("External provider")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="courses"
    )
    level = models.CharField(_("level"), max_length=6, choices=Level.choices, default=Level.NONE)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    delivery_model = models.CharField(
        _("delivery model"), max_length=20, choices=DeliveryModel.choices
    )
    # Blank: any room will do. Derived from the format when the course was made (migration 0006).
    room_kind = models.CharField(
        _("room needed"), max_length=10, choices=RoomKind.choices, blank=True
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One learning outcome per line.")
    )
    study_hours = models.DecimalField(_("study hours"), max_digits=6, decimal_places=1)
    provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provided_courses",
        verbose_name=_("provider"),
    )
    member_price = models.DecimalField(
        _("price for members"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    non_member_price = models.DecimalField(
        _("price for non-members"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    # Maintained by catalogue.services; indexed for Dutch full-text search (see migrations).
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="course_unique_slug")]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    @property
    def outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    @property
    def free_for_members(self) -> bool:
        return self.member_price == 0


class Edition(models.Model):
    """One run (cohort) of a course, with its own dates, seats and enrolment window."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="editions")
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="editions")
    code = models.CharField(_("code"), max_length=30)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(_("seats"))
    min_participants = models.PositiveIntegerField(_("minimum participants"), default=1)
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("free cancellation until"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    location = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("location")
    )
    trainer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editions_taught",
        verbose_name=_("trainer"),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for completion (%)"), default=80
    )
    # Start of the first and of the last session (None without sessions). Maintained by
    # catalogue.services with the sessions, so that the public catalogue can tell an upcoming
    # edition, and a course's next start, from the edition row (see docs/catalogue.md).
    first_session_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_session_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [
            models.Index(fields=["hub", "status", "starts_on"]),
            models.Index(fields=["course", "starts_on"]),
            # The catalogue: a course's public editions that are still to come, read from the
            # index alone on PostgreSQL (INCLUDE is ignored by SQLite).
            models.Index(
                fields=["course", "last_session_at"],
                include=["first_session_at", "ends_on", "id"],
                condition=models.Q(status__in=["published", "running"]),
                name="edition_public_course",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["hub", "code"], name="edition_unique_code"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="edition_dates_order"
            ),
        ]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return f"{self.course.title} ({self.code})"

    def enrolment_is_open(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        if self.status not in (self.Status.PUBLISHED, self.Status.RUNNING):
            return False
        if self.enrolment_opens_at and at < self.enrolment_opens_at:
            return False
        return not (self.enrolment_closes_at and at > self.enrolment_closes_at)


class ScheduledSessionManager(models.Manager):
    """Sessions that take place: a cancelled session is no meeting (it stays for calendars and
    history, reachable through `Session.all_objects`)."""

    def get_queryset(self):
        return super().get_queryset().exclude(status=Session.Status.CANCELLED)


class Session(models.Model):
    """One meeting of an edition: a date, start and end time, and a place.

    A cancelled session stays (status CANCELLED) so that calendars can show it cancelled; every
    change that a calendar must see raises `sequence` (iCalendar SEQUENCE, RFC 5545 3.8.7.4).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("place")
    )
    topic = models.CharField(_("topic"), max_length=160, blank=True)
    # Set when this session has its own trainer (the agenda builder may give each session any
    # qualified trainer); None: the edition's trainer teaches it.
    trainer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_taught",
        verbose_name=_("trainer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(auto_now=True)

    # The default manager (and so `edition.sessions`) leaves cancelled sessions out; feeds and
    # history use `all_objects`. Joins (`sessions__…` in filters) need `sessions__status`.
    objects = ScheduledSessionManager()
    all_objects = models.Manager()  # noqa: DJ012 - two managers, the default first

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_times_order"
            )
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.edition} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_evening(self) -> bool:
        return timezone.localtime(self.starts_at).time() >= EVENING_FROM
