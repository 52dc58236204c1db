from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technohub.backoffice import queries
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import (
    CapacityForm,
    EditionFilterForm,
    EditionStatusForm,
    add_service_error,
)
from technohub.backoffice.forms_enrolment import CompleteForm, RejectForm
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Edition
from technohub.enrolment import services as enrolment_services
from technohub.enrolment.access import access_enrolment_of_edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.selectors import next_in_line
from technohub.exports import csv_attachment
from technohub.hubs.errors import DomainError
from technohub.pricing.selectors import cancellation_fee

PAGE_SIZE = 25


@hub_view
def edition_list(request, hub):
    form = EditionFilterForm(request.GET or None)
    editions = queries.editions_of_hub(hub=hub).order_by("-starts_on", "-id")
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    if status:
        editions = editions.filter(status=status)
    page = Paginator(editions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = queries.add_flags(page.object_list)
    context = {"form": form, "page": page, "status": status}
    return render_hub_page(request, hub, "backoffice/editions.html", context, section="editions")


def _render_detail(request, hub, edition, *, status=200, **forms):
    forms.setdefault("capacity_form", CapacityForm(initial={"capacity": edition.capacity}))
    forms.setdefault("status_form", EditionStatusForm(initial={"status": edition.status}))
    context = {
        "edition": edition,
        "people": queries.people_of_edition(edition=edition),
        "sessions": edition.sessions.select_related("place").order_by("starts_at"),
        "can_change": edition.status != Edition.Status.COMPLETED,
        **forms,
    }
    return render_hub_page(
        request, hub, "backoffice/edition_detail.html", context, section="editions", status=status
    )


@hub_view
def edition_detail(request, hub, edition_id: int):
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    return _render_detail(request, hub, edition)


@require_POST
@hub_view
def edition_capacity(request, hub, edition_id: int):
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    form = CapacityForm(request.POST, seats_taken=edition.seats_taken)
    if form.is_valid():
        try:
            enrolment_services.edition_set_capacity(
                edition=edition, capacity=form.cleaned_data["capacity"], actor=request.user
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The number of seats has been changed."))
            return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    return _render_detail(request, hub, edition, capacity_form=form, status=400)


@require_POST
@hub_view
def edition_status(request, hub, edition_id: int):
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    form = EditionStatusForm(request.POST)
    if form.is_valid() and edition.status == Edition.Status.COMPLETED:
        form.add_error(None, _("A completed edition cannot change status."))
    if form.is_valid():
        try:
            if form.cleaned_data["status"] == Edition.Status.CANCELLED:
                enrolment_services.edition_cancel(edition=edition, actor=request.user)
            else:
                catalogue_services.edition_set_status(
                    edition=edition, status=form.cleaned_data["status"], actor=request.user
                )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    return _render_detail(request, hub, edition, status_form=form, status=400)


@hub_view
def edition_complete(request, hub, edition_id: int):
    """GET: what completing would do (certificates, below the threshold, early or not);
    POST: complete. Before the last session ended a reason is required (audited)."""
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    preview = enrolment_services.completion_preview(edition=edition, actor=request.user)
    can_complete = edition.status in (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
    form = CompleteForm(posted(request), prefix="complete", early=preview.early and can_complete)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_services.edition_complete(
                edition=edition,
                actor=request.user,
                early_reason=form.cleaned_data.get("early_reason", ""),
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The edition is completed; results are recorded."))
            return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    context = {
        "edition": edition,
        "preview": preview,
        "complete_form": form,
        "can_complete": can_complete,
    }
    return render_hub_page(
        request,
        hub,
        "backoffice/edition_complete.html",
        context,
        section="editions",
        status=400 if request.method == "POST" else 200,
    )


def _enrolment_action(request, hub, edition_id: int, enrolment_id: int, service, done):
    """Run one enrolment service as the coordinator, then back to the edition with the
    message `done(enrolment)` (or the service's refusal)."""
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    enrolment = access_enrolment_of_edition(edition=edition, enrolment_id=enrolment_id)
    try:
        enrolment = service(enrolment=enrolment, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done(enrolment))
    return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)


def _cancelled(enrolment) -> str:
    return _("The enrolment of %(name)s has been cancelled.") % {"name": enrolment.person.full_name}


def _approved(enrolment) -> str:
    name = enrolment.person.full_name
    if enrolment.status == Enrolment.Status.CONFIRMED:
        return _("%(name)s is approved and has a seat.") % {"name": name}
    return _("%(name)s is approved and is number %(position)s on the waitlist.") % {
        "name": name,
        "position": enrolment.waitlist_position,
    }


def _rejected(enrolment) -> str:
    return _("The enrolment of %(name)s is not approved.") % {"name": enrolment.person.full_name}


@hub_view
def enrolment_cancel(request, hub, edition_id: int, enrolment_id: int):
    """GET: the confirmation step (free or with the fee, who moves up); POST: cancel."""
    if request.method == "POST":
        service = enrolment_services.enrolment_cancel
        return _enrolment_action(request, hub, edition_id, enrolment_id, service, _cancelled)
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    enrolment = access_enrolment_of_edition(edition=edition, enrolment_id=enrolment_id)
    context = {
        "edition": edition,
        "enrolment": enrolment,
        "fee": cancellation_fee(enrolment=enrolment),
        "moves_up": next_in_line(edition=edition)
        if enrolment.status == Enrolment.Status.CONFIRMED
        else None,
        "active": enrolment.status in Enrolment.ACTIVE,
    }
    return render_hub_page(
        request, hub, "backoffice/enrolment_cancel.html", context, section="editions"
    )


@require_POST
@hub_view
def enrolment_approve(request, hub, edition_id: int, enrolment_id: int):
    """Approve a pending self-enrolment, e.g. while the employer's contact is away."""
    service = enrolment_services.enrolment_approve
    return _enrolment_action(request, hub, edition_id, enrolment_id, service, _approved)


@hub_view
def enrolment_reject(request, hub, edition_id: int, enrolment_id: int):
    """Not approving a pending request asks for a reason: shown to the person and mailed."""
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    enrolment = access_enrolment_of_edition(edition=edition, enrolment_id=enrolment_id)
    form = RejectForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_services.enrolment_reject(
                enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _rejected(enrolment))
        return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    context = {"edition": edition, "enrolment": enrolment, "form": form}
    return render_hub_page(
        request,
        hub,
        "backoffice/enrolment_reject.html",
        context,
        section="editions",
        status=400 if request.method == "POST" else 200,
    )


@hub_view
def edition_csv(request, hub, edition_id: int):
    """The participants as CSV for Dutch Excel: UTF-8 with BOM, `;` between cells."""
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Phone"),
        _("Organisation"),
        _("Status"),
        _("Waitlist position"),
        _("Enrolled at"),
    ]
    rows = (
        (
            enrolment.person.first_name,
            enrolment.person.last_name,
            enrolment.person.email,
            enrolment.person.phone,
            enrolment.organisation or "",
            enrolment.get_status_display(),
            enrolment.waitlist_position or "",
            timezone.localtime(enrolment.created_at).strftime("%Y-%m-%d %H:%M"),
        )
        for enrolment in queries.export_rows(edition=edition)
    )
    filename = f"deelnemers-{slugify(edition.code) or edition.pk}.csv"
    return csv_attachment(header, rows, filename=filename)
