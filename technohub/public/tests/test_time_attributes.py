"""`<time datetime>` values are valid HTML everywhere: one filter (`datetime_attr`) renders
them, and every template uses it."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.audit import log_action
from technohub.hubs.tests.factories import coordinator_user

# HTML's valid date string / local date and time / global date and time (at most 3 digits of
# fractional seconds, offset as Z or ±hh:mm).
VALID = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$"
)
TEMPLATE_DIRS = [settings.BASE_DIR / "technohub" / "templates"] + list(
    (settings.BASE_DIR / "technohub").glob("*/templates")
)


def time_values(html: str) -> list[str]:
    return re.findall(r'<time[^>]*\bdatetime="([^"]*)"', html)


def render(value) -> str:
    return Template("{{ value|datetime_attr }}").render(Context({"value": value}))


def test_an_aware_datetime_is_local_to_the_second_with_its_offset():
    moment = dt.datetime(2026, 12, 4, 18, 3, 14, 123456, tzinfo=dt.UTC)
    assert render(moment) == "2026-12-04T19:03:14+01:00"
    assert VALID.match(render(moment))


def test_dates_naive_datetimes_and_nothing():
    assert render(dt.date(2027, 6, 1)) == "2027-06-01"
    assert render(dt.datetime(2027, 6, 1, 9, 30, 0, 5)) == "2027-06-01T09:30:00"
    assert render(None) == "" and render("") == ""
    summer = dt.datetime(2027, 6, 1, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert render(summer) == "2027-06-01T09:30:00+02:00"


def test_every_datetime_attribute_in_the_templates_uses_the_filter():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in Path(directory).rglob("*.html"):
            for line_number, line in enumerate(path.read_text().splitlines(), start=1):
                for value in re.findall(r'datetime="([^"]*)"', line):
                    if "{{" in value and "|datetime_attr" not in value:
                        offenders.append(f"{path}:{line_number}: {value}")
    assert offenders == []


@pytest.mark.django_db
def test_the_dashboards_audit_times_have_no_microseconds(coordinator_client_and_hub):
    client, hub, enrolment = coordinator_client_and_hub
    entry = log_action("enrolment.created", actor=None, target=enrolment)
    entry.at = dt.datetime(2026, 12, 4, 9, 15, 30, 654321, tzinfo=dt.UTC)
    entry.save(update_fields=["at"])

    html = client.get(reverse("backoffice:dashboard", args=[hub.slug])).content.decode()

    values = time_values(html)
    assert values, "the dashboard shows the audit entry's time"
    assert all(VALID.match(value) for value in values), values


@pytest.fixture
def coordinator_client_and_hub(client):
    enrolment = EnrolmentFactory()
    hub = enrolment.edition.hub
    client.force_login(coordinator_user(hub=hub))
    return client, hub, enrolment
