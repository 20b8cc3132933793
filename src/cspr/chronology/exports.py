"""The chronology as a file to take away. Excel: every entry that matches the filters, in the
template's columns (so the file can be imported again), written row by row in openpyxl's
write-only mode from a streamed query. PDF: at most ``PDF_ROW_LIMIT`` entries, and it says so
when there are more (the Excel file has them all). WeasyPrint lays out a table cell by cell, at
about three times the cost of the same words as paragraphs, so each entry is a short block: a
line of date, agency, source and significance, then who, what happened and what was done."""

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.db.models import QuerySet
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cspr.chronology.models import ChronologyEntry, Significance
from cspr.chronology.selectors import SORT_CHOICES, ChronologyFilters
from cspr.chronology.spreadsheets import COLUMNS, HEADERS, SHEET_NAME
from cspr.core.documents import pdf_bytes

PDF_ROW_LIMIT = 300
_LABELS = dict(Significance.choices)
_ROW_FIELDS = (
    "occurred_on",
    "occurred_at_time",
    "occurred_until",
    "agency__name",
    "source",
    "people_involved",
    "what_happened",
    "what_was_done",
    "significance",
)


@dataclass(frozen=True)
class ExportHeading:
    partnership: str
    case: str
    exported_at: dt.datetime
    exported_by: str
    filters: list[tuple[str, str]]


def describe_filters(filters: ChronologyFilters, agency_name: str) -> list[tuple[str, str]]:
    """The filters in words, for the top of the file."""
    described = [("Agency", agency_name or "All agencies")]
    if filters.date_from:
        described.append(("From", filters.date_from.strftime("%d/%m/%Y")))
    if filters.date_to:
        described.append(("To", filters.date_to.strftime("%d/%m/%Y")))
    if filters.person:
        described.append(("Person involved", filters.person))
    described.append(("Significance", _LABELS.get(filters.significance, "Any")))
    described.append(("Order", dict(SORT_CHOICES).get(filters.sort, SORT_CHOICES[0][1])))
    return described


def chronology_xlsx(entries: QuerySet[ChronologyEntry], heading: ExportHeading) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, header) for header in HEADERS])
    rows = 0
    for values in entries.values_list(*_ROW_FIELDS).iterator(chunk_size=2000):
        sheet.append(_row(sheet, values))
        rows += 1
    about = workbook.create_sheet("About")
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 60
    for label, value in _about(heading, rows):
        about.append([_bold(about, label), _text(about, value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _about(heading: ExportHeading, rows: int) -> list[tuple[str, str]]:
    return [
        ("Partnership", heading.partnership),
        ("Case", heading.case),
        ("Exported", f"{heading.exported_at:%d/%m/%Y %H:%M} by {heading.exported_by}"),
        ("Entries", f"{rows:,}"),
        *heading.filters,
        ("Handling", "Official-sensitive. Do not share outside the review."),
    ]


def _bold(sheet: Any, value: str) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _text(sheet: Any, value: str) -> Any:
    """Text that starts with "=" stays text: a chronology is never a formula. Control
    characters a workbook cannot hold are left out."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _formatted(sheet: Any, value: object, number_format: str) -> Any:
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _row(sheet: Any, values: tuple[Any, ...]) -> list[Any]:
    on, at, until, agency, source, people, happened, done, significance = values
    return [
        _formatted(sheet, on, "DD/MM/YYYY"),
        _formatted(sheet, at, "HH:MM"),
        _formatted(sheet, until, "DD/MM/YYYY"),
        _text(sheet, agency),
        _text(sheet, source),
        _text(sheet, people),
        _text(sheet, happened),
        _text(sheet, done),
        _LABELS.get(significance, significance),
    ]


def chronology_pdf(entries: QuerySet[ChronologyEntry], heading: ExportHeading) -> bytes:
    total = entries.count()
    shown = list(entries[:PDF_ROW_LIMIT])
    return pdf_bytes(
        "chronology/export.html",
        {
            "heading": heading,
            "entries": shown,
            "total": total,
            "limited": total > len(shown),
            "limit": PDF_ROW_LIMIT,
        },
    )
