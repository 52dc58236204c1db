"""Training needs, the topics they are grouped into, and the funnel a topic moves through.

See docs/funnel.md: stages, thresholds, grouping, and the confidentiality rules. Members only
ever see topics through `demand.selectors.member_funnel`; never query these models for them.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course, Edition
from technohub.hubs.models import Hub, Organisation, Person, Sector, User

MAX_PEOPLE = 500


class FunnelSettings(models.Model):
    """A hub's thresholds: when a topic has critical mass, and from how many companies members
    may see a topic at all (k-anonymity)."""

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="funnel_settings")
    min_companies = models.PositiveSmallIntegerField(
        _("minimum companies"), default=3, validators=[MinValueValidator(1)]
    )
    min_participants = models.PositiveSmallIntegerField(
        _("minimum participants"), default=8, validators=[MinValueValidator(1)]
    )
    k_anonymity = models.PositiveSmallIntegerField(
        _("companies needed before members see a topic"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Other companies, not counting the member's own company. At least 2."),
    )

    class Meta:
        verbose_name = _("funnel settings")
        verbose_name_plural = _("funnel settings")

    def __str__(self) -> str:
        return str(self.hub)


class Topic(models.Model):
    """A group of similar needs that may become a joint course."""

    class Stage(models.TextChoices):
        SIGNALLED = "signalled", _("Signalled")
        GROUPED = "grouped", _("Grouped")
        SHAREABLE = "shareable", _("Shareability checked")
        CRITICAL_MASS = "critical_mass", _("Critical mass")
        PROVIDER_FOUND = "provider_found", _("Trainer or provider found")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        EVALUATED = "evaluated", _("Evaluated")
        PARKED = "parked", _("Parked")
        REJECTED = "rejected", _("Rejected")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="topics")
    label = models.CharField(_("name"), max_length=160)
    label_locked = models.BooleanField(
        _("name set by the coordinator"),
        default=False,
        help_text=_("Grouping never renames a topic whose name the coordinator set."),
    )
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("sector"),
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.SIGNALLED
    )
    stage_reason = models.TextField(_("reason"), blank=True)
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("course"),
    )
    edition = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        verbose_name=_("edition"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["label", "id"]
        indexes = [models.Index(fields=["hub", "stage"])]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.label

    @property
    def closed(self) -> bool:
        return self.stage in (self.Stage.PARKED, self.Stage.REJECTED)


class Need(models.Model):
    """A company's training need: what, for how many, how urgent, when, and who may know."""

    class Confidentiality(models.TextChoices):
        OPEN = "open", _("Open: my company may be named")
        ANONYMOUS = "anonymous", _("Anonymous: counted, never named")
        COORDINATOR = "coordinator", _("Coordinator only: never counted for other members")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Timeframe(models.TextChoices):
        URGENT = "urgent", _("Within 3 months")
        HALF_YEAR = "half_year", _("Within 6 months")
        YEAR = "year", _("Within a year")
        LATER = "later", _("Later / no hurry")

    class Daypart(models.TextChoices):
        DAYTIME = "daytime", _("Daytime")
        EVENING = "evening", _("Evening")
        EITHER = "either", _("Daytime or evening")

    class Place(models.TextChoices):
        HUB = "hub", _("In the hub")
        COMPANY = "company", _("At our company")
        ONLINE = "online", _("Online")
        ANY = "any", _("No preference")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Portal")
        API = "api", _("API")
        IMPORT = "import", _("Import")
        COORDINATOR = "coordinator", _("Coordinator")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="needs")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="needs",
        verbose_name=_("company"),
    )
    text = models.CharField(_("topic"), max_length=200)
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("course in the catalogue"),
    )
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("sector"),
    )
    people = models.PositiveIntegerField(
        _("number of people"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)]
    )
    level = models.CharField(
        _("level"), max_length=6, choices=Course.Level.choices, default=Course.Level.NONE
    )
    timeframe = models.CharField(
        _("when"), max_length=10, choices=Timeframe.choices, default=Timeframe.HALF_YEAR
    )
    weekdays = models.JSONField(_("preferred days"), default=list, blank=True)
    daypart = models.CharField(
        _("daytime or evening"), max_length=8, choices=Daypart.choices, default=Daypart.EITHER
    )
    place = models.CharField(_("place"), max_length=8, choices=Place.choices, default=Place.ANY)
    confidentiality = models.CharField(
        _("who may know"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.ANONYMOUS,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    pinned = models.BooleanField(
        _("placed by the coordinator"),
        default=False,
        help_text=_("Grouping never moves a need the coordinator placed."),
    )
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.PORTAL)
    survey = models.ForeignKey(
        "SurveyRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["hub", "status", "topic"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people__gte=1, people__lte=MAX_PEOPLE),
                name="need_people_range",
            )
        ]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")

    def __str__(self) -> str:
        return self.text

    @property
    def counted(self) -> bool:
        """Counted in what other members see (never a coordinator-only or withdrawn need)."""
        return self.status == self.Status.OPEN and self.confidentiality != (
            self.Confidentiality.COORDINATOR
        )


DECISIONS = {
    "stage": _("moved"),
    "grouped": _("grouped automatically"),
    "renamed": _("renamed"),
    "merged": _("topic merged in"),
    "split": _("split"),
    "need_in": _("need moved in"),
    "need_out": _("need moved out"),
    "flagged": _("flagged as competition-sensitive"),
    "unflagged": _("flag withdrawn"),
    "edition": _("edition created"),
    "invited": _("companies invited first"),
}


class TopicDecision(models.Model):
    """The decision log of a topic: who moved, renamed, merged or split it, when and why."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="decisions")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20)
    from_stage = models.CharField(max_length=16, blank=True)
    to_stage = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.action} {self.topic_id}"

    @property
    def action_label(self) -> str:
        return str(DECISIONS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return str(Topic.Stage(self.from_stage).label) if self.from_stage else ""

    @property
    def to_label(self) -> str:
        return str(Topic.Stage(self.to_stage).label) if self.to_stage else ""


class SensitivityFlag(models.Model):
    """A start-team member says: this topic is competition-sensitive, do not offer it jointly."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="flags")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sensitivity_flags")
    reason = models.CharField(_("why"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "person"], name="flag_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} flagged by {self.person_id}"


class TopicInvitation(models.Model):
    """A company that asked for a topic was invited first to the edition planned from it."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="invitations")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    seats = models.PositiveIntegerField()
    pool_reserved = models.BooleanField(default=False)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="topic_invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} invited to {self.edition_id}"


class SurveyRound(models.Model):
    """A needs survey sent to every member company of a hub, or of one sector."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="survey_rounds")
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("sector")
    )
    title = models.CharField(_("title"), max_length=160)
    message = models.TextField(_("message"))
    closes_on = models.DateField(_("answer before"))
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")

    def __str__(self) -> str:
        return self.title

    def is_open(self) -> bool:
        return timezone.localdate() <= self.closes_on


class SurveyInvitation(models.Model):
    """One company in a survey round: sent, reminded, answered."""

    survey = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="survey_invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in survey {self.survey_id}"
