"""The demand CSVs speak Dutch: Dutch headers and Dutch stage labels, also for a user whose UI
is in English; no English stage codes."""

import csv
import io

import pytest

from technohub.demand import selectors
from technohub.demand.tests.factories import need

HEAT = ("warmtepomp basis", "kennismaking warmtepomptechniek", "installeren van warmtepompen")
STAGE_CODES = {"collecting", "provider_found", "planned", "running", "evaluated", "signalled",
               "grouped", "shareable", "critical_mass"}  # fmt: skip


def dialect_rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))


@pytest.fixture
def topic_seen_by_a(world):
    for company, text in zip((world.b, world.c, world.d), HEAT, strict=True):
        need(world.hub, company, text)
    viewer = selectors.viewer_of_organisation(world.a)
    [row] = selectors.member_funnel(viewer=viewer, hub=world.hub)
    return row


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_members_csv_has_dutch_stage_labels(world, login, client, topic_seen_by_a, language):
    client = login("contact_a")
    client.cookies["django_language"] = language

    [row] = dialect_rows(client.get("/mijn/vraag/woerden/vraag.csv"))

    assert row["fase"] == "Belangstelling verzamelen"
    assert not set(row.values()) & STAGE_CODES


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_coordinators_needs_csv_has_the_dutch_stage(world, login, client, language):
    need(world.hub, world.b, HEAT[0])
    client = login("coordinator")
    client.cookies["django_language"] = language

    [row] = dialect_rows(client.get("/beheer/woerden/vraag/behoeften.csv"))

    assert row["fase"] == "Gegroepeerd" or row["fase"] == "Gesignaleerd"
    assert not set(row.values()) & STAGE_CODES
    assert row["vertrouwelijkheid"] and row["vertrouwelijkheid"] != "anonymous"
