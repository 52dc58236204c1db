"""Hubs, member organisations, people and their roles."""

import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Hub(models.Model):
    """One TechnoHUB: its own members, agenda and branding."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    brand_colour = models.CharField(_("brand colour"), max_length=7, default="#0b5cab")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    days_per_week_goal = models.PositiveSmallIntegerField(
        _("days per week goal"),
        default=4,
        help_text=_("On how many of the 7 days a week there should be something to enrol in."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """A sector of a hub, e.g. PIE installatie & elektro. Each sector has one start team."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="sectors")
    code = models.SlugField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["hub", "name"]
        constraints = [models.UniqueConstraint(fields=["hub", "code"], name="sector_unique_code")]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        SCHOOL = "school", _("School")
        PROVIDER = "provider", _("Training provider")
        FUNDER = "funder", _("Funder")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    city = models.CharField(_("city"), max_length=80, blank=True)
    website = models.URLField(_("website"), blank=True)
    approval_required = models.BooleanField(
        _("employees need approval"),
        default=False,
        help_text=_("Self-enrolments of employees wait for a company contact's approval."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """An organisation's relation to a hub: member or not, since when, which tier and sector."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        NON_MEMBER = "non_member", _("Non-member")

    class Tier(models.TextChoices):
        STANDARD = "standard", _("Standard")
        PARTNER = "partner", _("Partner")
        FOUNDING = "founding", _("Founding member")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    since = models.DateField(_("member since"), null=True, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hub", "organisation"], name="membership_unique")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.hub}"

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. Logins are by e-mail address; the person behind it is `user.person`."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class Person(models.Model):
    """Someone who learns, teaches or contacts. May exist without a login (`user` empty)."""

    class LearnerKind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        JOB_SEEKER = "job_seeker", _("Job seeker or side-entrant")
        STUDENT = "student", _("Student")

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    employer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
        verbose_name=_("employer"),
    )
    learner_kind = models.CharField(
        _("learner kind"), max_length=12, choices=LearnerKind.choices, default=LearnerKind.EMPLOYEE
    )
    feed_token = models.CharField(max_length=40, unique=True, default=_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["employer", "last_name"])]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Role(models.Model):
    """What a user may do, and where: coordinator of a hub, contact of an organisation, trainer."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Hub coordinator")
        CONTACT = "contact", _("Company contact")
        TRAINER = "trainer", _("Trainer")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=12, choices=Kind.choices)
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "hub", "organisation"],
                name="role_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="coordinator") | models.Q(hub__isnull=False),
                name="role_coordinator_has_hub",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="contact") | models.Q(organisation__isnull=False),
                name="role_contact_has_organisation",
            ),
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()}"


class StartTeam(models.Model):
    """The proactive companies and teachers of one sector who steer that sector's offer."""

    sector = models.OneToOneField(Sector, on_delete=models.CASCADE, related_name="start_team")
    members = models.ManyToManyField(Person, blank=True, related_name="start_teams")

    class Meta:
        verbose_name = _("start team")
        verbose_name_plural = _("start teams")

    def __str__(self) -> str:
        return str(self.sector)


class ApiToken(models.Model):
    """A company's API key. Only a hash is stored; the key is shown once when created."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEntry(models.Model):
    """Who changed seats, money, credentials or confidentiality, when, and what it was before."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"
