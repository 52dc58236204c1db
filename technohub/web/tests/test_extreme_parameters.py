"""Well-formed but extreme query parameters answer a Dutch page, never a 500 (issue 11)."""

import pytest
from django.test import Client

from technohub.hubs.tests.factories import HubFactory


@pytest.fixture
def anonymous(db):
    HubFactory(slug="woerden")
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/cursussen/?page=99999999999999999999",
        "/cursussen/?page=99999",
        "/agenda/?week=9999-W52",
        "/agenda/?week=0001-W01",
        "/agenda/maand/?month=9999-12",
        "/agenda/maand/?month=0001-01",
    ],
)
def test_out_of_range_parameters_answer_the_dutch_400_page(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 400, path
    assert "Dit verzoek kan niet worden afgehandeld" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/cursussen/?date_from=9999-12-31&date_to=9999-12-31",
        "/cursussen/?date_from=0001-01-01",
        "/cursussen/?page=abc",
        "/cursussen/?page=0",
        "/cursussen/?page=²",
        "/agenda/?week=nonsense",
        "/agenda/maand/?month=2026-13",
        "/agenda/?week=2026-W05",
        "/agenda/maand/?month=2100-12",
    ],
)
def test_malformed_or_filtered_parameters_answer_a_page(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 200, path


def test_an_extreme_date_filter_is_a_field_error(anonymous):
    response = anonymous.get("/cursussen/?date_from=9999-12-31&date_to=9999-12-31")
    assert response.status_code == 200
    assert "Vul een datum in tussen" in response.content.decode()
