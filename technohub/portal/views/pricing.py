"""A company's costs, savings, contributions and statements (with CSV, XLSX and PDF).

Every view starts with `access_organisation_for_contact`: a contact only reaches their own
company; its costs are computed from that company's seats only (pricing.selectors).
"""

import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from technohub.enrolment.selectors import pools_of_company
from technohub.exports import attachment, csv_attachment, safe_cell
from technohub.hubs.access import access_organisation_for_contact
from technohub.hubs.errors import DomainError, NotFound
from technohub.portal.forms import add_domain_error
from technohub.portal.forms_pricing import ContributionProposeForm
from technohub.portal.views.common import portal_view, posted
from technohub.pricing import documents
from technohub.pricing import selectors as pricing
from technohub.pricing import services as pricing_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _columns() -> list[str]:
    return [
        _("Course"),
        _("Edition"),
        _("First day"),
        _("Participants"),
        _("Your share"),
        _("Price when buying alone"),
        _("Saving"),
        _("Paid by funds"),
        _("Cancellation fees"),
        _("To pay excl. VAT"),
        _("Final"),
    ]


def _values(row: pricing.CompanyEditionRow) -> list:
    return [
        row.edition.course.title,
        row.edition.code,
        row.edition.starts_on,
        row.participants,
        row.share,
        row.alone,
        row.saving,
        row.subsidy,
        row.fees,
        row.to_pay,
        _("yes") if row.frozen else _("no"),
    ]


@portal_view
def costs(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    rows = pricing.company_costs(organisation=organisation)
    export = request.GET.get("formaat")
    if export == "csv":
        return _csv(organisation, rows)
    if export == "xlsx":
        return _xlsx(organisation, rows)
    pools = [p for p in pools_of_company(organisation_id=organisation.pk) if p.is_open]
    return render(
        request,
        "portal/pricing/costs.html",
        {
            "organisation": organisation,
            "section": "costs",
            "rows": rows,
            "totals": pricing.company_totals(rows),
            "contributions": pricing.company_contributions(organisation=organisation),
            "statements": list(pricing.statements_of(organisation_id=organisation.pk)),
            "pool_seats_left": sum(p.seats_left for p in pools),
        },
    )


def _filename(organisation, ext: str) -> str:
    return f"kosten-{organisation.slug}.{ext}"


def _csv_values(row) -> list:
    values = _values(row)
    values[2] = values[2].strftime("%d-%m-%Y")
    return [documents.dutch_amount(v) if hasattr(v, "quantize") else v for v in values]


def _csv(organisation, rows) -> HttpResponse:
    cells = (_csv_values(row) for row in rows)
    return csv_attachment(_columns(), cells, filename=_filename(organisation, "csv"))


def _xlsx(organisation, rows) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Costs")[:31]
    sheet.append(_columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = _values(row)
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values])
    for column in "EFGHIJ":
        for cell in sheet[column][1:]:
            cell.number_format = "€ #,##0.00"
    for cell in sheet["C"][1:]:
        cell.number_format = "dd-mm-yyyy"
    sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return attachment(
        buffer.getvalue(), filename=_filename(organisation, "xlsx"), content_type=XLSX
    )


def _statement(request, organisation_id: int, statement_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    statement = (
        pricing.statements_of(organisation_id=organisation.pk).filter(pk=statement_id).first()
    )
    if statement is None:
        raise NotFound()
    return statement


@portal_view
def statement_pdf(request, organisation_id: int, statement_id: int):
    statement = _statement(request, organisation_id, statement_id)
    return attachment(**documents.statement_file(statement, kind="pdf"))


@portal_view
def statement_csv(request, organisation_id: int, statement_id: int):
    statement = _statement(request, organisation_id, statement_id)
    return attachment(**documents.statement_file(statement, kind="csv"))


@portal_view
def contributions(request, organisation_id: int):
    """The company's contributions in kind (with their status) and the form to record one."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    editions = pricing.contribution_editions(organisation=organisation)
    form = ContributionProposeForm(posted(request), editions=editions)
    if request.method == "POST" and form.is_valid():
        try:
            pricing_services.contribution_propose(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, _("Recorded. The hub confirms it; then it is on your next statement.")
            )
            return redirect("portal:company_contributions", organisation_id=organisation.pk)
    return render(
        request,
        "portal/pricing/contributions.html",
        {
            "organisation": organisation,
            "section": "contributions",
            "form": form,
            "contributions": list(
                pricing.contributions_of_company(organisation_id=organisation.pk)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )
