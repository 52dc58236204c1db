"""Prices per edition, funds, the contributions ledger, statement periods and statements.

See docs/cost-sharing.md. Money is Decimal with two decimals (euro cents); shares are computed
when read (`pricing.selectors`) and frozen on statement lines when a period is closed.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Course, Edition
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Hub, Organisation, Person, Sector, User

ZERO = Decimal("0.00")


def money(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=11, decimal_places=2, default=ZERO, **kwargs
    )


class CoursePricing(models.Model):
    """What is the same for every edition of a course: its VAT rate."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="pricing")
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0.0"),
        help_text=_("Vocational training is often exempt (0 %); otherwise 21 %."),
    )

    class Meta:
        verbose_name = _("course pricing")
        verbose_name_plural = _("course pricing")

    def __str__(self) -> str:
        return f"{self.course}: {self.vat_rate} %"


class EditionPrice(models.Model):
    """The price model of one edition. Without one, the course's member prices apply."""

    class Model(models.TextChoices):
        PER_PARTICIPANT = "per_participant", _("Per participant")
        JOINT_PURCHASE = "joint_purchase", _("Joint purchase")
        ENTRE_NOUS = "entre_nous", _("Entre nous")

    class Split(models.TextChoices):
        PER_PARTICIPANT = "per_participant", _("Per participant")
        EQUAL = "equal", _("Equally per company")
        FIXED = "fixed", _("Fixed shares")

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="price")
    model = models.CharField(_("price model"), max_length=16, choices=Model.choices)
    member_price = money(_("price for members"))
    non_member_price = money(_("price for non-members"))
    fixed_cost = money(_("fixed cost"), help_text=_("Trainer, venue, exam: paid once."))
    per_participant_cost = money(_("cost per participant"))
    split_rule = models.CharField(
        _("split rule"), max_length=16, choices=Split.choices, default=Split.PER_PARTICIPANT
    )
    free_cancellation_until = models.DateTimeField(
        _("free cancellation until"), null=True, blank=True
    )
    late_cancellation_percent = models.PositiveSmallIntegerField(
        _("cancellation fee after that (%)"), default=0
    )
    closed_at = models.DateTimeField(_("closed for changes"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("edition price")
        verbose_name_plural = _("edition prices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(late_cancellation_percent__lte=100),
                name="editionprice_fee_percent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.model}"


class PriceTier(models.Model):
    """From `from_participants` participants on, the cost per participant drops to this."""

    price = models.ForeignKey(EditionPrice, on_delete=models.CASCADE, related_name="tiers")
    from_participants = models.PositiveIntegerField(_("from participants"))
    per_participant_cost = money(_("cost per participant"))

    class Meta:
        ordering = ["from_participants"]
        constraints = [
            models.UniqueConstraint(
                fields=["price", "from_participants"], name="pricetier_unique_from"
            )
        ]
        verbose_name = _("group tier")
        verbose_name_plural = _("group tiers")

    def __str__(self) -> str:
        return f"≥{self.from_participants}: {self.per_participant_cost}"


class FixedShare(models.Model):
    price = models.ForeignKey(EditionPrice, on_delete=models.CASCADE, related_name="fixed_shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["price", "organisation"], name="fixedshare_unique")
        ]
        verbose_name = _("fixed share")
        verbose_name_plural = _("fixed shares")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.percent} %"


class Fund(models.Model):
    """A training fund or subsidy that pays part of the cost of eligible participants."""

    class Coverage(models.TextChoices):
        PERCENT = "percent", _("A percentage of the cost")
        FIXED = "fixed", _("A fixed amount per participant")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="funds")
    name = models.CharField(_("name"), max_length=120)
    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funds",
        verbose_name=_("funder"),
    )
    payer = models.CharField(
        _("paid out by"),
        max_length=200,
        blank=True,
        help_text=_("Who pays the fund's part and how, e.g. 'Stichting OOM, claim per quarter'."),
    )
    coverage = models.CharField(_("covers"), max_length=8, choices=Coverage.choices)
    percent = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, default=0)
    amount = money(_("amount per participant"))
    budget = money(_("budget"))
    sectors = models.ManyToManyField(
        Sector,
        blank=True,
        related_name="+",
        verbose_name=_("employer's sectors"),
        help_text=_("Participants whose employer is a member in one of these sectors."),
    )
    members = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="fund_memberships",
        verbose_name=_("affiliated companies"),
        help_text=_("Companies that pay into the fund (e.g. a sector training fund)."),
    )
    learner_kinds = models.JSONField(
        _("target groups"),
        default=list,
        blank=True,
        help_text=_("Learner kinds (e.g. job seekers) that are eligible whoever employs them."),
    )
    courses = models.ManyToManyField(
        Course,
        blank=True,
        related_name="+",
        verbose_name=_("courses"),
        help_text=_("Only these courses; none chosen: every course of the hub."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self) -> str:
        return self.name


# Bounds of a contribution in kind (docs/cost-sharing.md, "Sane bounds"): enforced by the
# model's validators and a check constraint, the forms, the API schema and the service.
MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("2000")
MIN_QUANTITY = Decimal("0.01")
MAX_QUANTITY = Decimal("10000")
MAX_CONTRIBUTION_VALUE = Decimal("1000000.00")


class Contribution(models.Model):
    """A contribution in kind by a company to an edition (the entre-nous ledger).

    Recorded by the coordinator (confirmed at once) or proposed by the company (portal, API)
    and then confirmed or rejected by the coordinator. A confirmed contribution is shown on the
    company's next statement (`statement`, set when a period is closed) as a contribution in
    kind: its value is never money owed.
    """

    class Kind(models.TextChoices):
        TRAINER_HOURS = "trainer_hours", _("Trainer hours")
        MATERIALS = "materials", _("Materials")
        EQUIPMENT = "equipment", _("Equipment use")
        ROOM = "room", _("Room")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not accepted")

    class Source(models.TextChoices):
        HUB = "hub", _("Recorded by the hub")
        PORTAL = "portal", _("Recorded by the company")
        API = "api", _("Recorded by the company (API)")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="contributions")
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("edition")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("contributed by"),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(MIN_QUANTITY), MaxValueValidator(MAX_QUANTITY)],
    )
    unit_value = money(
        _("value per unit"),
        help_text=_("E.g. the hourly rate of a trainer."),
        validators=[MinValueValidator(ZERO), MaxValueValidator(MAX_CONTRIBUTION_VALUE)],
    )
    value = money(_("value"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.HUB)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    token = models.ForeignKey(
        "hubs.ApiToken", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    statement = models.ForeignKey(
        "Statement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("on statement"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=MIN_QUANTITY, quantity__lte=MAX_QUANTITY),
                name="contribution_quantity_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_value__gte=0, unit_value__lte=MAX_CONTRIBUTION_VALUE)
                & models.Q(value__gte=0, value__lte=MAX_CONTRIBUTION_VALUE),
                name="contribution_value_bounds",
            ),
        ]
        indexes = [models.Index(fields=["hub", "status"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.description} ({self.value})"


class StatementPeriod(models.Model):
    """A billing period of a hub; closing it issues the statements, which never change again."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="statement_periods")
    name = models.CharField(_("name"), max_length=80)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_dates_order"
            )
        ]
        verbose_name = _("statement period")
        verbose_name_plural = _("statement periods")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class StatementCounter(models.Model):
    """The last statement number of a hub; row-locked while a number is handed out."""

    hub = models.OneToOneField(Hub, on_delete=models.CASCADE, related_name="statement_counter")
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.hub_id}: {self.last_number}"


class Statement(models.Model):
    """A company's numbered cost statement of one period. Never changed after it is issued."""

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="statements")
    period = models.ForeignKey(StatementPeriod, on_delete=models.PROTECT, related_name="statements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="statements"
    )
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=30)
    issued_at = models.DateTimeField()
    total_excl_vat = money(_("total excl. VAT"))
    subsidy_total = money(_("paid by funds"))
    vat_total = money(_("VAT"))
    total_incl_vat = money(_("total incl. VAT"))
    alone_total = money(_("price when buying alone"))
    saving = money(_("saving"))
    contribution_total = money(_("contributions in kind"))

    class Meta:
        ordering = ["-issued_at", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "number"], name="statement_unique_number"),
            models.UniqueConstraint(
                fields=["period", "organisation"], name="statement_one_per_period"
            ),
        ]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.reference


class StatementLine(models.Model):
    class Kind(models.TextChoices):
        SHARE = "share", _("Participation")
        SUBSIDY = "subsidy", _("Paid by a fund")
        CANCELLATION = "cancellation", _("Cancellation fee")
        CREDIT = "credit", _("Credit")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    edition = models.ForeignKey(Edition, null=True, on_delete=models.PROTECT, related_name="+")
    enrolment = models.ForeignKey(
        Enrolment, null=True, on_delete=models.PROTECT, related_name="statement_lines"
    )
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    fund = models.ForeignKey(Fund, null=True, on_delete=models.PROTECT, related_name="lines")
    credit_for = models.OneToOneField(
        "self", null=True, on_delete=models.PROTECT, related_name="credited_by"
    )
    description = models.CharField(max_length=240)
    amount = money(_("amount excl. VAT"))
    vat_rate = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("0.0"))
    vat_amount = money(_("VAT"))
    alone_amount = money(_("alone"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["statement", "position"]
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.description} {self.amount}"


class HubCharge(models.Model):
    """A participant without an employer (a job seeker, a student on their own), billed when a
    period is closed: their share, what a fund paid and what the hub carries itself.

    Individuals get no statement: the fund that covers them pays its part (shown in the fund
    overview) and the hub carries the rest. Frozen like statement lines; see
    docs/cost-sharing.md.
    """

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="hub_charges")
    period = models.ForeignKey(
        StatementPeriod, on_delete=models.PROTECT, related_name="hub_charges"
    )
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="+")
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="hub_charge")
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(max_length=240)
    share = money(_("share excl. VAT"))
    fund = models.ForeignKey(Fund, null=True, on_delete=models.PROTECT, related_name="hub_charges")
    subsidy = money(_("paid by the fund"))
    carried_by_hub = money(_("carried by the hub"))
    vat_rate = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("0.0"))

    class Meta:
        ordering = ["period", "edition", "pk"]
        verbose_name = _("participant without an employer")
        verbose_name_plural = _("participants without an employer")

    def __str__(self) -> str:
        return f"{self.period_id}: {self.description} {self.share}"


class StatementDelivery(models.Model):
    """One mailing of a statement (PDF attached) to one recipient: when, to whom, and how it went.

    Made pending when a period is closed (one per contact with an e-mail address; a company
    without one gets a single `no_recipient` row, never counted as sent) or when the coordinator
    resends; the background task sends and records `sent_at` or the error.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_RECIPIENT = "no_recipient", _("Not sent: no contact")

    class Reason(models.TextChoices):
        CLOSING = "closing", _("Period closed")
        RESEND = "resend", _("Sent again")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=8, choices=Reason.choices, default=Reason.CLOSING)
    email = models.EmailField(_("e-mail address"), blank=True)
    name = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["statement", "requested_at", "pk"]
        verbose_name = _("statement delivery")
        verbose_name_plural = _("statement deliveries")

    def __str__(self) -> str:
        return f"{self.statement_id} → {self.email or '—'}: {self.status}"
