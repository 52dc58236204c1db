"""Reading needs from a CSV or XLSX file: every row checked, errors per row in Dutch.

The first row holds the column names (see docs/funnel.md, "Import"). Nothing is written here:
`parse_needs` returns rows for `services.needs_import` or raises ImportFailed with all errors.
"""

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from technohub.catalogue.models import Course
from technohub.demand.errors import ImportFailed
from technohub.demand.models import MAX_PEOPLE, Need
from technohub.hubs.models import Hub, Organisation, Sector

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = ("bedrijf", "onderwerp", "aantal")
DAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

TIMEFRAMES = {
    "urgent": Need.Timeframe.URGENT,
    "3 maanden": Need.Timeframe.URGENT,
    "6 maanden": Need.Timeframe.HALF_YEAR,
    "half_year": Need.Timeframe.HALF_YEAR,
    "jaar": Need.Timeframe.YEAR,
    "year": Need.Timeframe.YEAR,
    "later": Need.Timeframe.LATER,
}
DAYPARTS = {
    "dag": Need.Daypart.DAYTIME,
    "overdag": Need.Daypart.DAYTIME,
    "daytime": Need.Daypart.DAYTIME,
    "avond": Need.Daypart.EVENING,
    "evening": Need.Daypart.EVENING,
    "beide": Need.Daypart.EITHER,
    "either": Need.Daypart.EITHER,
}
CONFIDENTIALITY = {
    "open": Need.Confidentiality.OPEN,
    "anoniem": Need.Confidentiality.ANONYMOUS,
    "anonymous": Need.Confidentiality.ANONYMOUS,
    "coordinator": Need.Confidentiality.COORDINATOR,
    "coördinator": Need.Confidentiality.COORDINATOR,
}
PLACES = {
    "hub": Need.Place.HUB,
    "bedrijf": Need.Place.COMPANY,
    "company": Need.Place.COMPANY,
    "online": Need.Place.ONLINE,
    "maakt niet uit": Need.Place.ANY,
    "any": Need.Place.ANY,
}
LEVELS = {value: value for value in Course.Level.values} | {
    "mbo 1": "mbo1",
    "mbo 2": "mbo2",
    "mbo 3": "mbo3",
    "mbo 4": "mbo4",
    "geen": "none",
}


def _table(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFailed([(0, _("This is not a readable XLSX file."))]) from exc
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([(0, _("Save the CSV file as UTF-8."))]) from exc
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _choice(mapping: dict, value: str, default: str, label: str, errors: list[str]) -> str:
    if not value:
        return default
    found = mapping.get(value.lower())
    if found is None:
        errors.append(
            _("%(column)s: '%(value)s' is not one of %(options)s.")
            % {"column": label, "value": value, "options": ", ".join(sorted(mapping))}
        )
        return default
    return found


def parse_needs(*, hub: Hub, content: bytes, filename: str) -> list[dict[str, Any]]:
    if len(content) > MAX_BYTES:
        raise ImportFailed([(0, _("The file is larger than 2 MB."))])
    table = [row for row in _table(content, filename) if any(row)]
    if not table:
        raise ImportFailed([(0, _("The file is empty."))])
    header = [name.lower() for name in table[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportFailed(
            [(1, _("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFailed([(0, _("At most %(max)s rows at a time.") % {"max": MAX_ROWS})])
    organisations = {
        key.lower(): org
        for org in Organisation.objects.filter(memberships__hub=hub)
        for key in (org.slug, org.name)
    }
    sectors = {key.lower(): s for s in Sector.objects.filter(hub=hub) for key in (s.code, s.name)}
    rows, problems = [], []
    for number, cells in enumerate(table[1:], start=2):
        record = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        errors: list[str] = []
        organisation = organisations.get(record["bedrijf"].lower())
        if organisation is None:
            errors.append(
                _("bedrijf: '%(value)s' is not a company of this hub.")
                % {"value": record["bedrijf"]}
            )
        text = " ".join(record["onderwerp"].split())
        if not text:
            errors.append(_("onderwerp: fill in the topic."))
        elif len(text) > 200:
            errors.append(_("onderwerp: at most 200 characters."))
        try:
            people = int(float(record["aantal"].replace(",", ".")))
        except ValueError:
            people = 0
        if not 1 <= people <= MAX_PEOPLE:
            errors.append(_("aantal: a whole number from 1 to %(max)s.") % {"max": MAX_PEOPLE})
        weekdays = []
        for part in record.get("dagen", "").replace(";", ",").split(","):
            part = part.strip().lower()[:2]
            if part and part not in DAYS:
                errors.append(_("dagen: use ma, di, wo, do, vr, za, zo."))
                break
            if part:
                weekdays.append(DAYS[part])
        sector = None
        if record.get("sector"):
            sector = sectors.get(record["sector"].lower())
            if sector is None:
                errors.append(
                    _("sector: '%(value)s' is not a sector of this hub.")
                    % {"value": record["sector"]}
                )
        row = {
            "organisation": organisation,
            "text": text,
            "people": people,
            "weekdays": weekdays,
            "sector": sector,
            "level": _choice(LEVELS, record.get("niveau", ""), "none", "niveau", errors),
            "timeframe": _choice(
                TIMEFRAMES, record.get("termijn", ""), Need.Timeframe.HALF_YEAR, "termijn", errors
            ),
            "daypart": _choice(
                DAYPARTS, record.get("dagdeel", ""), Need.Daypart.EITHER, "dagdeel", errors
            ),
            "place": _choice(PLACES, record.get("plaats", ""), Need.Place.ANY, "plaats", errors),
            "confidentiality": _choice(
                CONFIDENTIALITY,
                record.get("vertrouwelijkheid", ""),
                Need.Confidentiality.ANONYMOUS,
                "vertrouwelijkheid",
                errors,
            ),
        }
        problems.extend((number, error) for error in errors)
        rows.append(row)
    if problems:
        raise ImportFailed(problems)
    return rows
