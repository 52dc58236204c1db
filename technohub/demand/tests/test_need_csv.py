"""The coordinator's needs export: company texts never run as formulas in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from technohub.demand.tests.factories import need

pytestmark = pytest.mark.django_db


def test_a_need_text_is_not_run_as_a_formula(client, world):
    need(world.hub, world.a, '=HYPERLINK("http://kwaad.example";"warmtepomp")')
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("backoffice:demand_needs_csv", args=[world.hub.slug]))
    body = response.content.decode()
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[1][:2] == [world.a.name, '\'=HYPERLINK("http://kwaad.example";"warmtepomp")']
