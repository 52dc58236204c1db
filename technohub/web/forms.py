"""Form helpers every site shares: domain errors next to their field, dates within bounds."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError

# The dates anyone may enter: far enough for history and planning, never year 1 or 9999
# (arithmetic on those overflows, and no course runs then).
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a domain error next to its field (when the form has it), else above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def validate_sane_date(value) -> None:
    """A date (or datetime) between MIN_DATE and MAX_DATE, else a Dutch field error."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s."),
            code="date_out_of_range",
            params={
                "min": formats.date_format(MIN_DATE, "SHORT_DATE_FORMAT"),
                "max": formats.date_format(MAX_DATE, "SHORT_DATE_FORMAT"),
            },
        )


def bound_dates(form: forms.Form, *names: str) -> None:
    """Add the sane-date validator to the named date fields of `form` (all date fields if none).

    One line in a form's `__init__`: `bound_dates(self)`.
    """
    for name, field in form.fields.items():
        if names and name not in names:
            continue
        dated = isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField)
        if dated and validate_sane_date not in field.validators:
            field.validators.append(validate_sane_date)
