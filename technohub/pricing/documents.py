"""Statement documents: PDF (weasyprint, Dutch layout) and CSV (for Dutch Excel)."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.pricing.models import Statement
from technohub.pricing.selectors import statement_lines

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (numbers stay numbers)."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def dutch_amount(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def statement_pdf(statement: Statement) -> bytes:
    from weasyprint import HTML  # imported late: a heavy import, only needed here

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "pricing/statement_pdf.html",
            {
                "statement": statement,
                "lines": list(statement_lines(statement=statement)),
                "hub": statement.hub,
                "organisation": statement.organisation,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Statement"),
            _("Kind"),
            _("Description"),
            _("Participant"),
            _("Amount excl. VAT"),
            _("VAT %"),
            _("VAT"),
            _("Price when buying alone"),
        ]
    )
    for line in statement_lines(statement=statement):
        writer.writerow(
            safe_cell(v)
            for v in (
                statement.reference,
                line.get_kind_display(),
                line.description,
                line.person.full_name if line.person else "",
                dutch_amount(line.amount),
                dutch_amount(line.vat_rate),
                dutch_amount(line.vat_amount),
                dutch_amount(line.alone_amount),
            )
        )
    writer.writerow([])
    writer.writerow([_("Total excl. VAT"), dutch_amount(statement.total_excl_vat)])
    writer.writerow([_("VAT"), dutch_amount(statement.vat_total)])
    writer.writerow([_("Total incl. VAT"), dutch_amount(statement.total_incl_vat)])
    writer.writerow([_("Saving"), dutch_amount(statement.saving)])
    writer.writerow([_("Issued"), timezone.localtime(statement.issued_at).strftime("%d-%m-%Y")])
    return out.getvalue()


def pdf_response(statement) -> HttpResponse:
    response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement.reference}.pdf"'
    return response


def csv_response(statement) -> HttpResponse:
    response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{statement.reference}.csv"'
    return response
