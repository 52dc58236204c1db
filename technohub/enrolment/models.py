"""Enrolments with the waitlist, attendance per session, company seat pools and caps."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Edition, Session
from technohub.hubs.models import Organisation, Person, User


class EditionSeatRules(models.Model):
    """The coordinator's seat rules of one edition: a cap per company, when pools are released."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="seat_rules")
    company_cap = models.PositiveIntegerField(
        _("seats per company"),
        null=True,
        blank=True,
        help_text=_("At most this many seats per company; more go to the waitlist. Empty: no cap."),
    )
    pool_release_at = models.DateTimeField(
        _("release unnamed pool seats at"),
        null=True,
        blank=True,
        help_text=_("Seats a company reserved but did not name by then go to the waitlist."),
    )

    class Meta:
        verbose_name = _("seat rules")
        verbose_name_plural = _("seat rules")

    def __str__(self) -> str:
        return f"{self.edition_id}: cap {self.company_cap}"


def _claim_code() -> str:
    return secrets.token_urlsafe(9)


class SeatPool(models.Model):
    """Seats a company reserved in an edition and names (or lets its staff claim) later.

    `seats` are held for the company from the reservation on; `named` of them are taken by the
    company's pool enrolments (kept in step by the services, under the edition lock). Unnamed
    seats return to the edition when the pool is released (`released_at`).
    """

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="seat_pools")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="seat_pools"
    )
    seats = models.PositiveIntegerField(_("seats"))
    named = models.PositiveIntegerField(_("seats named"), default=0)
    release_at = models.DateTimeField(_("unnamed seats released at"), null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    claim_code = models.CharField(max_length=20, unique=True, default=_claim_code)
    claims_need_approval = models.BooleanField(
        _("claims need my approval"),
        default=False,
        help_text=_("An employee who claims a seat with the link waits for a contact's approval."),
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                condition=models.Q(released_at__isnull=True),
                name="seatpool_one_open_per_company",
            ),
            models.CheckConstraint(
                condition=models.Q(named__lte=models.F("seats")), name="seatpool_named_lte_seats"
            ),
        ]
        verbose_name = _("seat pool")
        verbose_name_plural = _("seat pools")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.edition_id}: {self.named}/{self.seats}"

    @property
    def is_open(self) -> bool:
        return self.released_at is None

    @property
    def seats_left(self) -> int:
        return self.seats - self.named if self.is_open else 0


class Enrolment(models.Model):
    """A person's place in an edition. See docs/enrolment.md for the states."""

    class Status(models.TextChoices):
        PENDING_APPROVAL = "pending", _("Awaiting employer approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Not approved")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    ACTIVE = (Status.PENDING_APPROVAL, Status.CONFIRMED, Status.WAITLISTED)
    SEAT_HOLDING = (Status.CONFIRMED, Status.COMPLETED, Status.NOT_COMPLETED)

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
        help_text=_("The employer this enrolment is for (and who sees it)."),
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    enrolled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pool = models.ForeignKey(
        SeatPool,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
        help_text=_("The company seat pool this enrolment takes its seat from."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When a participant holding a seat cancelled (not set for waitlist or pending
    # cancellations): a late one may cost a cancellation fee (pricing).
    cancelled_at = models.DateTimeField(_("seat cancelled at"), null=True, blank=True)
    # Why a pending request was not approved: shown to the person and mailed to them.
    rejection_reason = models.TextField(_("reason for not approving"), max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["edition", "status"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"],
                condition=models.Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="enrolment_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status="waitlisted", waitlist_position__isnull=False)
                | (~models.Q(status="waitlisted") & models.Q(waitlist_position__isnull=True)),
                name="enrolment_waitlist_position_iff_waitlisted",
            ),
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.person} → {self.edition} ({self.status})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="attendance_unique")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.session_id}: {self.status}"
