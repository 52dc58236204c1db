"""Files people download: CSV for Dutch Excel and attachment responses.

One place for the rules every export follows: UTF-8 with a BOM and `;` between cells (what
Dutch Excel opens correctly), and no cell a spreadsheet would run as a formula (CSV injection:
a need text or a name that starts with `=`, `+`, `-` or `@` gets a leading apostrophe; a
negative amount such as `-12,50` stays a number, a phone number such as `+316…` stays text).
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def safe_cell(value) -> str:
    """A CSV/XLSX text cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not (text[0] == "-" and _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The header and rows as CSV for Dutch Excel, every cell made safe."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(safe_cell(value) for value in header)
    for row in rows:
        writer.writerow(safe_cell(value) for value in row)
    return out.getvalue()


def attachment(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A download: `content` saved by the browser as `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_attachment(header: Iterable, rows: Iterable[Iterable], *, filename: str) -> HttpResponse:
    return attachment(csv_text(header, rows), filename=filename, content_type=CSV_CONTENT_TYPE)
