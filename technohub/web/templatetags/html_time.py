"""`{{ value|datetime_attr }}`: the machine-readable value of a `<time datetime="…">` attribute.

HTML accepts at most three digits of fractional seconds, so Django's `date:'c'` (six digits
when the value has microseconds) is invalid. This filter gives, for an aware datetime, the
local time to the second with its offset (`2026-12-04T19:03:14+01:00`); for a naive one the
same without offset; for a date `2026-12-04`; for anything else an empty string. It is a
template builtin (settings.TEMPLATES), so every template can use it without `{% load %}`;
`tests/test_time_attributes.py` checks that every `datetime=` in the templates uses it.
"""

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""
