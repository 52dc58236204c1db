"""Query parameters parsed by one helper each, with bounds: a clean default, or a 400 page.

    page = int_param(request, "page", default=1, min=1, max=10_000)
    monday = iso_week_param(request, "week", default=this_monday)
    first = month_param(request, "month", default=first_of_this_month)
    day = date_param(request, "week", default=None)

A missing, empty or malformed parameter gives `default` (pass `strict=True` to refuse a
malformed one). A well-formed value out of its bounds raises `BadParameter`, a domain error; the
web layer (`technohub.web.errors`) answers it with the Dutch 400 page naming the parameter.
Dates are always between `forms.MIN_DATE` and `forms.MAX_DATE`.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from technohub.hubs.errors import DomainError
from technohub.web.forms import MAX_DATE, MIN_DATE

# More than any real list has pages; small enough that page × size never overflows SQL.
MAX_PAGE = 10_000
# A database id: PostgreSQL's bigint (and SQLite's INTEGER) stop at 2**63 - 1.
MAX_ID = 2**63 - 1


class BadParameter(DomainError):
    code = "bad_parameter"
    status = 400
    default_message = _("This address has a parameter that is not valid.")

    def __init__(self, name: str, message=None):
        super().__init__(
            message or _("The value of “%(name)s” in the address is not valid.") % {"name": name},
            field=name,
        )


def _raw(request: HttpRequest, name: str, source: str = "GET") -> str:
    data = request.POST if source == "POST" else request.GET
    return (data.get(name) or "").strip()


def _malformed(name: str, default: Any, strict: bool) -> Any:
    if strict:
        raise BadParameter(name)
    return default


def int_param(
    request: HttpRequest,
    name: str,
    *,
    default: Any = None,
    min: int = 0,  # noqa: A002 - reads best at the call site
    max: int = MAX_ID,  # noqa: A002
    strict: bool = False,
    source: str = "GET",
) -> Any:
    """An integer in [min, max] from `?name=`; `default` when absent."""
    raw = _raw(request, name, source)
    if not raw:
        return default
    if not re.fullmatch(r"-?[0-9]+", raw):
        return _malformed(name, default, strict)
    if len(raw.lstrip("-").lstrip("0")) > 19 or not min <= int(raw) <= max:
        raise BadParameter(name)
    return int(raw)


def page_param(request: HttpRequest, name: str = "page", *, max: int = MAX_PAGE) -> int:  # noqa: A002
    """A page number in [1, max]: 1 when absent, not a number or below 1; the 400 page past
    `max` (a number past a list's end but within `max` shows its last page: the paginator's)."""
    return builtins.max(1, int_param(request, name, default=1, min=-MAX_ID, max=max))


def _in_range(day: dt.date, lo: dt.date, hi: dt.date) -> bool:
    return lo <= day <= hi


def date_param(
    request: HttpRequest,
    name: str,
    *,
    default: Any = None,
    min: dt.date = MIN_DATE,  # noqa: A002
    max: dt.date = MAX_DATE,  # noqa: A002
    strict: bool = False,
    source: str = "GET",
) -> Any:
    """An ISO date `YYYY-MM-DD` from `?name=`, within [min, max]."""
    raw = _raw(request, name, source)
    if not raw:
        return default
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        return _malformed(name, default, strict)
    if not _in_range(day, min, max):
        raise BadParameter(name)
    return day


def iso_week_param(
    request: HttpRequest,
    name: str = "week",
    *,
    default: Any = None,
    min: dt.date = MIN_DATE,  # noqa: A002
    max: dt.date = MAX_DATE,  # noqa: A002
    strict: bool = False,
) -> Any:
    """The Monday of the ISO week `YYYY-Www` in `?name=`, within [min, max]."""
    raw = _raw(request, name)
    if not raw:
        return default
    try:
        monday = dt.date.fromisoformat(f"{raw}-1")
    except ValueError:
        return _malformed(name, default, strict)
    if "W" not in raw.upper():
        return _malformed(name, default, strict)
    if not _in_range(monday, min, max):
        raise BadParameter(name)
    return monday


def month_param(
    request: HttpRequest,
    name: str = "month",
    *,
    default: Any = None,
    min: dt.date = MIN_DATE,  # noqa: A002
    max: dt.date = MAX_DATE,  # noqa: A002
    strict: bool = False,
) -> Any:
    """The first day of the month `YYYY-MM` in `?name=`, within [min, max]."""
    raw = _raw(request, name)
    if not raw:
        return default
    try:
        first = dt.date.fromisoformat(f"{raw}-01")
    except ValueError:
        return _malformed(name, default, strict)
    if len(raw) != 7:
        return _malformed(name, default, strict)
    if not _in_range(first, min.replace(day=1), max):
        raise BadParameter(name)
    return first


def monday_param(request: HttpRequest, name: str = "week", *, default: dt.date) -> dt.date:
    """The Monday of the week of the ISO date `YYYY-MM-DD` in `?name=`, within the sane range."""
    day = date_param(request, name, default=None)
    if day is None:
        return default
    return day - dt.timedelta(days=day.weekday())
