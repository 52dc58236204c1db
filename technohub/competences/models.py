"""Competence frameworks, role profiles, development plans, certificates and portable credentials.

See docs/competences.md for the model, the rules and what is public.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Hub, Person, User


class Level(models.IntegerChoices):
    """How well someone masters a competence (the same scale for outcomes, profiles and people)."""

    BASIC = 1, _("1 – basic knowledge")
    GUIDED = 2, _("2 – works under guidance")
    INDEPENDENT = 3, _("3 – works independently")
    EXPERT = 4, _("4 – expert, can teach others")


class Framework(models.Model):
    """A hub's own competence framework, or an external one (ESCO, CompetentNL) it imported."""

    class Source(models.TextChoices):
        OWN = "own", _("Own framework")
        ESCO = "esco", _("ESCO")
        COMPETENTNL = "competentnl", _("CompetentNL")
        OTHER = "other", _("Other external framework")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="frameworks")
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    url = models.URLField(_("web address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hub", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="framework_unique_name")
        ]
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.source != self.Source.OWN


class Competence(models.Model):
    """One competence (or an external concept) with its labels and its place in a hierarchy."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competences")
    code = models.CharField(_("code"), max_length=40)
    label_nl = models.CharField(_("Dutch label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("broader competence"),
    )
    uri = models.URLField(_("concept URI"), max_length=300, blank=True)
    aligned_with = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="aligned_from",
        verbose_name=_("aligned with (ESCO, CompetentNL)"),
    )

    class Meta:
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competence_unique_code")
        ]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        """The label in the active language (Dutch when there is no English one)."""
        if get_language() == "en" and self.label_en:
            return self.label_en
        return self.label_nl


class LearningOutcome(models.Model):
    """After the course, the learner masters `competence` at `level`."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="competence_outcomes")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="outcomes")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    description = models.CharField(_("learning outcome"), max_length=300, blank=True)

    class Meta:
        ordering = ["course", "competence__code"]
        constraints = [
            models.UniqueConstraint(fields=["course", "competence"], name="outcome_unique")
        ]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")

    def __str__(self) -> str:
        return f"{self.course} → {self.competence.code} ({self.level})"


class Achievement(models.Model):
    """What completing a course awards: the certificate's criteria, validity and assessment.

    Courses without a row award a certificate on attendance alone (the defaults below).
    """

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="achievement")
    criteria = models.TextField(
        _("criteria"),
        blank=True,
        help_text=_("What a learner has shown to earn the certificate (shown on the credential)."),
    )
    requires_assessment = models.BooleanField(
        _("assessment required"),
        default=False,
        help_text=_("The certificate is issued only when the trainer records a passed assessment."),
    )
    assessment_description = models.CharField(_("assessment"), max_length=200, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: valid indefinitely.")
    )
    awards_certificate = models.BooleanField(_("awards a certificate"), default=True)

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return str(self.course)


class AssessmentResult(models.Model):
    """The result of a course's assessment for one enrolment, recorded by the trainer."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="assessment_result"
    )
    passed = models.BooleanField(_("passed"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    assessed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {'passed' if self.passed else 'failed'}"


class RoleProfile(models.Model):
    """The competences and levels a role needs, e.g. 'servicemonteur warmtepompen'."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="role_profiles")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["hub", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="role_profile_unique_name")
        ]
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")

    def __str__(self) -> str:
        return self.name


class RoleRequirement(models.Model):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level needed"), choices=Level.choices)

    class Meta:
        ordering = ["profile", "competence__code"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "competence"], name="requirement_unique")
        ]
        verbose_name = _("required competence")
        verbose_name_plural = _("required competences")

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.competence_id} ≥ {self.level}"


class DevelopmentPlan(models.Model):
    """A learner's personal development plan, agreed with their manager."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        CLOSED = "closed", _("Closed")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="development_plan")
    role_profile = models.ForeignKey(
        RoleProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("role profile"),
    )
    manager = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_plans",
        verbose_name=_("manager"),
        help_text=_("Empty: the contacts of the employer are the managers."),
    )
    ambition = models.TextField(_("ambition"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_on = models.DateField(_("next review"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = models.CharField(_("why the plan is closed"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    competence = models.ForeignKey(
        Competence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("competence"),
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"), choices=Level.choices, null=True, blank=True
    )
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("course"),
    )
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_date", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)


class CertificateQuerySet(models.QuerySet):
    def valid(self, at=None):
        """Issued, not revoked and not expired at `at` (now by default)."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class Certificate(models.Model):
    """A certificate of a completed course (or a recognised competence), with its signed credential.

    `public_id` is the only identifier that leaves the platform (QR code, verification URL,
    credential id). `credential_jwt` is the Open Badges 3.0 credential, signed at issue.
    """

    class Disclosure(models.TextChoices):
        NAME = "name", _("Status, course and my name")
        STATUS = "status", _("Status and course only")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="certificates")
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.PROTECT, related_name="certificate"
    )
    title = models.CharField(_("title"), max_length=200)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)
    disclosure = models.CharField(
        _("the verification page shows"),
        max_length=8,
        choices=Disclosure.choices,
        default=Disclosure.NAME,
    )
    credential_jwt = models.TextField(editable=False)
    # The certificate's bit in its hub's revocation status list (W3C Bitstring Status List),
    # drawn at random so that the position reveals nothing. Empty for credentials signed before
    # the list existed: those carry no credentialStatus.
    status_index = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["person", "course"])]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "status_index"], name="certificate_unique_status_index"
            )
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.title} — {self.person}"

    def status_at(self, at=None) -> str:
        at = at or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= at:
            return "expired"
        return "valid"


class CompetenceRecord(models.Model):
    """Evidence that a person masters a competence at a level: a certificate or a recognition."""

    class Source(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate")
        RECOGNITION = "recognition", _("Recognition of prior learning")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="competence_records")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="records")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    source = models.CharField(_("evidence"), max_length=12, choices=Source.choices)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.CASCADE, related_name="records"
    )
    recognition = models.ForeignKey(
        "RecognitionRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="records",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["competence__code", "-level"]
        indexes = [models.Index(fields=["person", "competence"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source="certificate") & Q(certificate__isnull=False))
                | (Q(source="recognition") & Q(recognition__isnull=False)),
                name="record_has_evidence",
            )
        ]
        verbose_name = _("competence record")
        verbose_name_plural = _("competence records")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.competence_id} = {self.level} ({self.source})"


class RecognitionRequest(models.Model):
    """Recognition of prior learning: a learner asks a hub to recognise a competence."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Not recognised")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recognition_requests"
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )
    level = models.PositiveSmallIntegerField(_("level asked for"), choices=Level.choices)
    statement = models.TextField(
        _("your experience"), help_text=_("Where and how you learned this, and what you did.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level_recognised = models.PositiveSmallIntegerField(
        _("level recognised"), choices=Level.choices, null=True, blank=True
    )
    decision_note = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("recognition request")
        verbose_name_plural = _("recognition requests")

    def __str__(self) -> str:
        return f"{self.person} — {self.competence.code}"


def _evidence_path(instance: "Evidence", filename: str) -> str:
    return f"competences/evidence/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file that supports a recognition request. Served only through a permission-checked view."""

    request = models.ForeignKey(
        RecognitionRequest, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to=_evidence_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class PassportShare(models.Model):
    """A link to a person's passport they can revoke. Only the token's SHA-256 is stored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="passport_shares")
    label = models.CharField(_("for whom"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True)
    include_competences = models.BooleanField(_("show competences"), default=True)
    include_courses = models.BooleanField(_("show completed courses"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("passport link")
        verbose_name_plural = _("passport links")

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class IssuerKey(models.Model):
    """A hub's Ed25519 signing key. The private half is encrypted with a key derived from
    SECRET_KEY; the public half is published as a JWK set. Retired keys stay published so that
    credentials signed with them still verify."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="issuer_keys")
    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    private_jwk_encrypted = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub"], condition=Q(retired_at__isnull=True), name="issuer_key_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.kid
