"""The coordinator's cost pages: an edition's price, seat rules, pools and contributions;
statement periods, statements and the funds overview of the hub."""

from django.contrib import messages
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from technohub.backoffice import queries
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import add_service_error
from technohub.backoffice.forms_pricing import (
    TIER_ROWS,
    ContributionForm,
    FundForm,
    LedgerPeriodForm,
    PeriodForm,
    PoolForm,
    PriceForm,
    RejectContributionForm,
    ResendForm,
    SeatRulesForm,
)
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.enrolment import services as enrolment_services
from technohub.enrolment.models import EditionSeatRules, Enrolment, SeatPool
from technohub.exports import attachment, csv_attachment
from technohub.hubs.errors import DomainError, NotFound
from technohub.hubs.models import Organisation
from technohub.pricing import selectors as pricing
from technohub.pricing import services
from technohub.pricing.documents import dutch_amount, statement_file
from technohub.pricing.models import (
    CoursePricing,
    EditionPrice,
    FixedShare,
    Fund,
    Statement,
    StatementDelivery,
)


def _price_initial(edition) -> dict:
    price = EditionPrice.objects.filter(edition=edition).prefetch_related("tiers").first()
    vat = CoursePricing.objects.filter(course=edition.course).values_list("vat_rate", flat=True)
    initial = {"vat_rate": vat.first() or 0, "late_cancellation_percent": 0}
    if price is None:
        rule = pricing.price_rule(None, edition)
        return {
            **initial,
            "model": rule.model,
            "member_price": edition.course.member_price,
            "non_member_price": edition.course.non_member_price,
            "free_cancellation_until": edition.cancellation_deadline,
        }
    initial.update(
        model=price.model,
        member_price=price.member_price,
        non_member_price=price.non_member_price,
        fixed_cost=price.fixed_cost,
        per_participant_cost=price.per_participant_cost,
        split_rule=price.split_rule,
        free_cancellation_until=price.free_cancellation_until,
        late_cancellation_percent=price.late_cancellation_percent,
    )
    for n, tier in enumerate(price.tiers.all()[:TIER_ROWS], start=1):
        initial[f"tier{n}_from"] = tier.from_participants
        initial[f"tier{n}_rate"] = tier.per_participant_cost
    for share in price.fixed_shares.all():
        initial[f"share_{share.organisation_id}"] = share.percent
    return initial


def _sharing_companies(edition):
    """Companies that can get a fixed share: with participants, reserved seats or a share."""
    return (
        Organisation.objects.filter(
            Q(enrolments__edition=edition, enrolments__status__in=Enrolment.SEAT_HOLDING)
            | Q(seat_pools__edition=edition, seat_pools__released_at__isnull=True)
            | Q(pk__in=FixedShare.objects.filter(price__edition=edition).values("organisation"))
        )
        .distinct()
        .order_by("name")
    )


def _members(hub):
    return Organisation.objects.filter(memberships__hub=hub).order_by("name")


def _save(form_name: str, data, request, edition, hub):
    """Run the service of the posted form; returns the bound form (errors on it) and success."""
    if form_name == "price":
        form = PriceForm(data, prefix="price", organisations=_sharing_companies(edition))
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.edition_price_set(
                    edition=edition,
                    actor=request.user,
                    model=d["model"],
                    member_price=d["member_price"],
                    non_member_price=d["non_member_price"],
                    fixed_cost=d["fixed_cost"],
                    per_participant_cost=d["per_participant_cost"],
                    split_rule=d["split_rule"],
                    tiers=d["tiers"],
                    fixed_shares=d["fixed_shares"],
                    free_cancellation_until=d["free_cancellation_until"],
                    late_cancellation_percent=d["late_cancellation_percent"],
                )
                services.course_vat_set(
                    course=edition.course, vat_rate=d["vat_rate"], actor=request.user
                )
            except DomainError as exc:
                add_service_error(form, exc)
        return "price_form", form
    if form_name == "rules":
        form = SeatRulesForm(data, prefix="rules")
        if form.is_valid():
            try:
                enrolment_services.edition_set_seat_rules(
                    edition=edition, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                add_service_error(form, exc)
        return "rules_form", form
    if form_name == "pool":
        form = PoolForm(data, prefix="pool", organisations=_members(hub))
        if form.is_valid():
            try:
                enrolment_services.seat_pool_reserve(
                    edition=edition, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                add_service_error(form, exc)
        return "pool_form", form
    form = ContributionForm(data, prefix="contrib", organisations=_members(hub))
    if form.is_valid():
        try:
            services.contribution_record(edition=edition, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
    return "contribution_form", form


@hub_view
def edition_costs(request, hub, edition_id: int):
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    forms = {}
    if request.method == "POST":
        name, form = _save(request.POST.get("form", ""), request.POST, request, edition, hub)
        if not form.errors:
            messages.success(request, _("Saved."))
            return redirect("backoffice:edition_costs", hub_slug=hub.slug, edition_id=edition.pk)
        forms[name] = form
    rules = EditionSeatRules.objects.filter(edition=edition).first()
    forms.setdefault(
        "price_form",
        PriceForm(
            prefix="price",
            initial=_price_initial(edition),
            organisations=_sharing_companies(edition),
        ),
    )
    forms.setdefault(
        "rules_form",
        SeatRulesForm(
            prefix="rules",
            initial={
                "company_cap": rules.company_cap if rules else None,
                "pool_release_at": rules.pool_release_at if rules else None,
            },
        ),
    )
    forms.setdefault("pool_form", PoolForm(prefix="pool", organisations=_members(hub)))
    forms.setdefault(
        "contribution_form", ContributionForm(prefix="contrib", organisations=_members(hub))
    )
    costs = pricing.edition_costs(edition)
    names = dict(
        Organisation.objects.filter(pk__in=[k for k in costs.parties if k]).values_list(
            "pk", "name"
        )
    )
    parties = sorted(
        ((names[k], p) for k, p in costs.parties.items() if k is not None), key=lambda x: x[0]
    )
    if None in costs.parties:  # last: job seekers and other individuals
        parties.append((_("Without an employer (a fund or the hub pays)"), costs.parties[None]))
    context = {
        "edition": edition,
        "costs": costs,
        "model_label": EditionPrice.Model(costs.model).label,
        "parties": parties,
        "pools": SeatPool.objects.filter(edition=edition).select_related("organisation"),
        "contributions": edition.contributions.select_related("organisation", "statement"),
        "awaiting_contributions": pricing.contributions_awaiting(hub_id=hub.pk).count(),
        "closed": bool(costs.price and costs.price.closed_at),
        **forms,
    }
    status = 400 if request.method == "POST" else 200
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/edition_costs.html",
        context,
        section="editions",
        status=status,
    )


@hub_view
def periods(request, hub):
    form = PeriodForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.period_create(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The period has been added."))
            return redirect("backoffice:cost_periods", hub_slug=hub.slug)
    statements = (
        Statement.objects.filter(hub=hub)
        .select_related("organisation", "period")
        .prefetch_related("deliveries")[:200]
    )
    charges = pricing.hub_charges_of(hub_id=hub.pk)
    context = {
        "form": form,
        "periods": pricing.periods_of_hub(hub_id=hub.pk),
        "statements": statements,
        "funds": pricing.fund_overview(hub_id=hub.pk),
        "charges": charges,
        "carried_by_hub": charges.aggregate(s=Sum("carried_by_hub"))["s"] or 0,
    }
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/periods.html",
        context,
        section="costs",
        status=400 if request.method == "POST" else 200,
    )


@hub_view
def period_close(request, hub, period_id: int):
    """GET: what closing will do (n statements, total, who gets a mail, irreversible);
    POST (the confirmation): close, then the statements are mailed in the background."""
    period = pricing.periods_of_hub(hub_id=hub.pk).filter(pk=period_id).first()
    if period is None:
        raise Http404
    if period.is_closed:
        messages.info(request, _("This period is closed; its statements never change."))
        return redirect("backoffice:cost_periods", hub_slug=hub.slug)
    if request.method == "POST":
        try:
            statements = services.period_close(period=period, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect("backoffice:cost_periods", hub_slug=hub.slug)
        unreachable = StatementDelivery.objects.filter(
            statement__in=statements, status=StatementDelivery.Status.NO_RECIPIENT
        ).count()
        messages.success(
            request,
            _("%(period)s is closed: %(count)s statements issued; they are being sent.")
            % {"period": period.name, "count": len(statements)},
        )
        if unreachable:
            messages.warning(
                request,
                ngettext(
                    "%(count)s company has no contact with an e-mail address: not sent.",
                    "%(count)s companies have no contact with an e-mail address: not sent.",
                    unreachable,
                )
                % {"count": unreachable},
            )
        return redirect(
            reverse("backoffice:cost_periods", kwargs={"hub_slug": hub.slug}) + "#statements"
        )
    preview = services.period_closing_preview(period=period, actor=request.user)
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/period_close.html",
        {"period": period, "preview": preview},
        section="costs",
    )


def _statement(request, hub, statement_id: int):
    try:
        statement = pricing.access_statement(actor=request.user, statement_id=statement_id)
    except NotFound as exc:
        raise Http404 from exc
    if statement.hub_id != hub.pk:
        raise Http404
    return statement


@hub_view
def statement_detail(request, hub, statement_id: int):
    """One statement: its lines, contributions in kind, to whom and when it was sent; resend."""
    statement = _statement(request, hub, statement_id)
    recipients = pricing.statement_recipients(organisation_ids=[statement.organisation_id]).get(
        statement.organisation_id, []
    )
    to = ResendForm.TO_CONTACTS if recipients else ResendForm.TO_ADDRESS
    form = ResendForm(posted(request), initial={"to": to})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"] if form.cleaned_data["to"] == form.TO_ADDRESS else ""
        try:
            rows = services.statement_resend(statement=statement, actor=request.user, email=email)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(reference)s is being sent to %(to)s.")
                % {"reference": statement.reference, "to": ", ".join(r.email for r in rows)},
            )
            return redirect(
                "backoffice:statement_detail", hub_slug=hub.slug, statement_id=statement.pk
            )
    context = {
        "statement": statement,
        "lines": pricing.statement_lines(statement=statement),
        "contributions": pricing.statement_contributions(statement=statement),
        "deliveries": pricing.statement_deliveries(statement=statement),
        "recipients": recipients,
        "form": form,
    }
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/statement.html",
        context,
        section="costs",
        status=400 if request.method == "POST" else 200,
    )


@hub_view
def statement_pdf(request, hub, statement_id: int):
    return attachment(**statement_file(_statement(request, hub, statement_id), kind="pdf"))


@hub_view
def statement_csv(request, hub, statement_id: int):
    return attachment(**statement_file(_statement(request, hub, statement_id), kind="csv"))


def _ledger_period(request, hub):
    periods = list(pricing.periods_of_hub(hub_id=hub.pk))
    form = LedgerPeriodForm(request.GET or None, periods=periods)
    chosen = None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["periode"]
    if chosen is None:  # the running period, else the newest
        today = timezone.localdate()
        chosen = next((p for p in periods if p.starts_on <= today <= p.ends_on), None)
        chosen = chosen or (periods[0] if periods else None)
        if chosen is not None:
            form = LedgerPeriodForm(initial={"periode": chosen.pk}, periods=periods)
    return periods, form, chosen


def _ledger_csv(hub, ledger):
    header = [
        _("Company"),
        _("Course"),
        _("Edition"),
        _("First day"),
        _("Kind"),
        _("Description"),
        _("Quantity"),
        _("Value per unit"),
        _("Value"),
        _("On statement"),
    ]
    rows = [
        (
            row.organisation.name,
            c.edition.course.title,
            c.edition.code,
            c.edition.starts_on.strftime("%d-%m-%Y"),
            c.get_kind_display(),
            c.description,
            dutch_amount(c.quantity),
            dutch_amount(c.unit_value),
            dutch_amount(c.value),
            c.statement.reference if c.statement else "",
        )
        for row in ledger.rows
        for c in row.contributions
    ]
    rows += [(), (_("Total"), "", "", "", "", "", "", "", dutch_amount(ledger.total))]
    name = f"bijdragen-{hub.slug}-{ledger.period.starts_on:%Y-%m-%d}.csv"
    return csv_attachment(header, rows, filename=name)


@hub_view
def contribution_ledger(request, hub):
    """The hub-wide ledger of contributions in kind per period, and the confirmation queue."""
    periods, form, period = _ledger_period(request, hub)
    ledger = pricing.contribution_ledger(period=period) if period else None
    if ledger is not None and request.GET.get("formaat") == "csv":
        return _ledger_csv(hub, ledger)
    context = {
        "form": form,
        "periods": periods,
        "ledger": ledger,
        "awaiting": pricing.contributions_awaiting(hub_id=hub.pk),
    }
    return render_hub_page(request, hub, "backoffice/pricing/ledger.html", context, section="costs")


def _contribution(request, hub, contribution_id: int):
    try:
        contribution = pricing.access_contribution(
            actor=request.user, contribution_id=contribution_id
        )
    except NotFound as exc:
        raise Http404 from exc
    if contribution.hub_id != hub.pk:
        raise Http404
    return contribution


@require_POST
@hub_view
def contribution_confirm(request, hub, contribution_id: int):
    contribution = _contribution(request, hub, contribution_id)
    try:
        services.contribution_confirm(contribution=contribution, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("Confirmed: %(description)s (%(company)s). It goes on the company's next statement.")
            % {
                "description": contribution.description,
                "company": contribution.organisation.name,
            },
        )
    return redirect("backoffice:contribution_ledger", hub_slug=hub.slug)


@hub_view
def contribution_reject(request, hub, contribution_id: int):
    """A page (no JavaScript needed) that asks the reason, then rejects."""
    contribution = _contribution(request, hub, contribution_id)
    form = RejectContributionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_reject(
                contribution=contribution, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Not accepted; the company sees your reason."))
            return redirect("backoffice:contribution_ledger", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/contribution_reject.html",
        {"contribution": contribution, "form": form},
        section="costs",
        status=400 if request.method == "POST" else 200,
    )


def _fund_values(data: dict) -> dict:
    fields = ("name", "payer", "coverage", "percent", "amount", "budget", "active")
    return {
        **{name: data[name] for name in fields},
        "learner_kinds": list(data["learner_kinds"]),
        "sectors": data["sectors"],
        "members": data["members"],
        "courses": data["courses"],
    }


@hub_view
def fund_form(request, hub, fund_id: int | None = None):
    """Create a fund, or change one of this hub (a fund of another hub is not found)."""
    fund = None
    if fund_id is not None:
        fund = Fund.objects.filter(hub=hub, pk=fund_id).first()
        if fund is None:
            raise Http404
    initial = FundForm.initial_of(fund) if fund else {"coverage": Fund.Coverage.PERCENT}
    form = FundForm(posted(request), hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_save(
                hub=hub, fund=fund, actor=request.user, **_fund_values(form.cleaned_data)
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The fund has been saved."))
            return redirect("backoffice:cost_periods", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/pricing/fund_form.html",
        {"form": form, "fund": fund},
        section="costs",
        status=400 if request.method == "POST" else 200,
    )
