"""Downloads: CSV for Dutch Excel that no spreadsheet runs as a formula (technohub/exports.py)."""

import csv
import io

import pytest

from technohub.exports import csv_attachment, safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("+31612345678", "'+31612345678"),  # a phone number stays text
        ("-12,50", "-12,50"),  # a negative amount stays a number
        ("Warmtepomp basis", "Warmtepomp basis"),
        (None, ""),
        (4, "4"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_csv_attachment_is_for_dutch_excel():
    response = csv_attachment(["naam", "bedrag"], [["=1+1", "-3,00"]], filename="x.csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body[1:]), delimiter=";")) == [
        ["naam", "bedrag"],
        ["'=1+1", "-3,00"],
    ]
