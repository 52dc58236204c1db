"""Hubs, member organisations, people and their roles."""

import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
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
    contact_name = models.CharField(
        _("contact"),
        max_length=120,
        blank=True,
        help_text=_("Who answers questions, e.g. the coordinator's office."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street, postcode and town.")
    )
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

    def get_by_natural_key(self, username):
        """Log in by e-mail address in any case (addresses are stored in lower case)."""
        return self.get(email__iexact=(username or "").strip())

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
    email_verified_at = models.DateTimeField(
        _("e-mail address confirmed"),
        null=True,
        blank=True,
        default=timezone.now,
        help_text=_(
            "Empty after a self sign-up until the confirmation link is opened. Logins made by "
            "the hub, an employer or an invitation count as confirmed."
        ),
    )

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case"),
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

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
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
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


class Consent(models.Model):
    """A person's consent to a hub's privacy statement: which version, and when."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy statement")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PRIVACY)
    version = models.CharField(max_length=20)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.person} {self.kind} {self.version}"


class Employment(models.Model):
    """A person's link to an organisation (employer, or school for a student), and its history.

    `Person.employer` is the current employer (what every selector scopes by); these rows record
    how the link came about and ended. Pending links give the organisation no access at all.
    """

    class Status(models.TextChoices):
        AWAITS_ORGANISATION = "awaits_org", _("Awaits the organisation")
        AWAITS_PERSON = "awaits_person", _("Awaits the person")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    PENDING = (Status.AWAITS_ORGANISATION, Status.AWAITS_PERSON)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="employments"
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    invited_name = models.CharField(
        _("name given by the contact"),
        max_length=200,
        blank=True,
        help_text=_("What the contact typed; shown to them instead of the own data."),
    )
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status__in=["awaits_org", "awaits_person"]),
                name="employment_one_pending_per_pair",
            ),
        ]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")

    def __str__(self) -> str:
        return f"{self.person} @ {self.organisation} ({self.status})"
