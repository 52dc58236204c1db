"""Statement documents: PDF (weasyprint, Dutch layout) and CSV (for Dutch Excel)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.exports import CSV_CONTENT_TYPE, csv_text
from technohub.pricing.models import Statement
from technohub.pricing.selectors import statement_contributions, statement_lines


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
                "contributions": list(statement_contributions(statement=statement)),
                "hub": statement.hub,
                "organisation": statement.organisation,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def statement_csv(statement: Statement) -> str:
    header = [
        _("Statement"),
        _("Kind"),
        _("Description"),
        _("Participant"),
        _("Amount excl. VAT"),
        _("VAT %"),
        _("VAT"),
        _("Price when buying alone"),
    ]
    rows = [
        (
            statement.reference,
            line.get_kind_display(),
            line.description,
            line.person.full_name if line.person else "",
            dutch_amount(line.amount),
            dutch_amount(line.vat_rate),
            dutch_amount(line.vat_amount),
            dutch_amount(line.alone_amount),
        )
        for line in statement_lines(statement=statement)
    ]
    contributions = list(statement_contributions(statement=statement))
    if contributions:
        rows += [(), (_("Contributions in kind (not an amount to pay)"),)]
        rows += [
            (
                statement.reference,
                c.get_kind_display(),
                f"{c.edition.course.title} ({c.edition.code}): {c.description}",
                "",
                dutch_amount(c.value),
            )
            for c in contributions
        ]
    rows += [
        (),
        (_("Total excl. VAT"), dutch_amount(statement.total_excl_vat)),
        (_("VAT"), dutch_amount(statement.vat_total)),
        (_("Total incl. VAT"), dutch_amount(statement.total_incl_vat)),
        (_("Saving"), dutch_amount(statement.saving)),
        (_("Contributions in kind"), dutch_amount(statement.contribution_total)),
        (_("Issued"), timezone.localtime(statement.issued_at).strftime("%d-%m-%Y")),
    ]
    return csv_text(header, rows)


def statement_file(statement: Statement, *, kind: str) -> dict:
    """The statement as a download: `content`, `filename` and `content_type` ('pdf' or 'csv')."""
    if kind == "pdf":
        content, content_type = statement_pdf(statement), "application/pdf"
    else:
        content, content_type = statement_csv(statement), CSV_CONTENT_TYPE
    return {
        "content": content,
        "filename": f"{statement.reference}.{kind}",
        "content_type": content_type,
    }
