"""The chronology's spreadsheet: the template's columns, the blank template (CSV and Excel),
and reading an uploaded file into rows. What the file is, is decided from its content (the
``filetype`` package's magic bytes for a workbook, valid UTF-8 text for CSV), never from its
name."""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import filetype
import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from cspr.chronology.models import Significance
from cspr.core.errors import DomainError
from cspr.documents.filetypes import check_office_archive

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_MEGABYTES = MAX_IMPORT_BYTES // (1024 * 1024)
MAX_IMPORT_ROWS = 25_000
SHEET_NAME = "Chronology"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    guidance: str
    width: int


COLUMNS = (
    Column("Date", "occurred_on", True, "DD/MM/YYYY, like 05/03/2026", 12),
    Column("Time", "occurred_at_time", False, "Optional. 24-hour clock, like 14:30", 8),
    Column("End date", "occurred_until", False, "Optional, for a period: DD/MM/YYYY", 12),
    Column(
        "Agency",
        "agency",
        False,
        "Optional. The agency's name as it is in CSPR; blank means the agency you import for",
        24,
    ),
    Column("Source", "source", True, "Where this comes from, like GP record", 20),
    Column("People involved", "people_involved", True, "Who was involved", 30),
    Column("What happened", "what_happened", True, "What happened", 50),
    Column("What was done", "what_was_done", False, "Optional. What the agency did", 40),
    Column(
        "Significance",
        "significance",
        True,
        "Routine, Of note or Key practice episode",
        22,
    ),
)
HEADERS = [column.header for column in COLUMNS]
_BY_HEADER = {column.header.casefold(): column for column in COLUMNS}

# What people most often upload by mistake, named the way they would name it.
_KIND_NAMES = {
    "pdf": "a PDF",
    "doc": "a Word document",
    "docx": "a Word document",
    "odt": "a text document",
    "xls": "an older Excel workbook (.xls)",
    "ods": "an OpenDocument spreadsheet",
    "zip": "a zip file",
}


class ImportRefused(DomainError):
    """Nothing was imported; ``errors`` lists every problem found, row by row."""

    def __init__(self, errors: list[str]) -> None:
        message = (
            errors[0]
            if len(errors) == 1
            else f"The file has {len(errors):,} problems. Fix them and upload it again: "
            "nothing has been imported"
        )
        super().__init__(message, field="file")
        self.errors = errors


@dataclass(frozen=True)
class Sheet:
    """An uploaded file's rows: ``rows`` pairs each data row's number, as a spreadsheet shows
    it (the headings are row 1), with its cells by column header."""

    columns: list[Column | None]
    rows: list[tuple[int, dict[str, Cell]]]


def read_upload(content: bytes) -> Sheet:
    """Read a CSV or Excel file into rows, or refuse it with every file-level problem."""
    check_size(len(content))
    if not content:
        raise ImportRefused(["The selected file is empty"])
    raw_rows = _xlsx_rows(content) if _is_workbook(content) else _csv_rows(content)
    return _sheet(raw_rows)


def check_size(size: int) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportRefused(
            [
                f"The file must be smaller than {MAX_IMPORT_MEGABYTES} MB. Split the "
                "chronology into smaller files and import them one at a time"
            ]
        )


def _is_workbook(content: bytes) -> bool:
    kind = filetype.guess(content)
    if kind is None:
        return False
    if kind.extension in {"xlsx", "zip"}:
        return True
    name = _KIND_NAMES.get(kind.extension, f"a .{kind.extension} file")
    raise ImportRefused(
        [
            f"The file is {name}. Upload a CSV file or an Excel workbook (.xlsx) made from "
            "the template"
        ]
    )


def _csv_rows(content: bytes) -> list[list[Cell]]:
    not_csv = ImportRefused(
        [
            "The file must be a CSV file saved as UTF-8, or an Excel workbook (.xlsx). In Excel, "
            "choose Save As and then CSV UTF-8 or Excel Workbook"
        ]
    )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise not_csv from None
    if "\x00" in text:
        raise not_csv
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(list(row))
            _check_length(len(rows))
    except csv.Error:
        raise not_csv from None
    return rows


def _xlsx_rows(content: bytes) -> list[list[Cell]]:
    try:
        check_office_archive(content)  # no zip bomb, no macros, before openpyxl opens it
    except DomainError as refused:
        raise ImportRefused([refused.message]) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            names = workbook.sheetnames
            sheet = workbook[SHEET_NAME] if SHEET_NAME in names else workbook.worksheets[0]
            rows: list[list[Cell]] = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                _check_length(len(rows))
        finally:
            workbook.close()
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, KeyError, IndexError, OSError, ValueError, SyntaxError):
        raise ImportRefused(
            [
                "The file could not be opened as an Excel workbook (.xlsx). Save it again "
                "from Excel as an Excel Workbook, or as CSV UTF-8"
            ]
        ) from None
    return rows


def _check_length(rows: int) -> None:
    if rows > MAX_IMPORT_ROWS + 1:
        raise ImportRefused(
            [f"The file has more than {MAX_IMPORT_ROWS:,} rows. Split it into smaller files"]
        )


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _sheet(raw_rows: list[list[Cell]]) -> Sheet:
    numbered = [(n, row) for n, row in enumerate(raw_rows, start=1) if not all(map(is_blank, row))]
    if not numbered:
        raise ImportRefused(["The file has no column headings and no entries"])
    header_number, header = numbered[0]
    columns, errors = _columns(header, header_number)
    if errors:
        raise ImportRefused(errors)
    rows = [
        (
            number,
            {
                column.header: row[i] if i < len(row) else None
                for i, column in enumerate(columns)
                if column is not None
            },
        )
        for number, row in numbered[1:]
    ]
    if not rows:
        raise ImportRefused(["The file has column headings but no entries under them"])
    return Sheet(columns=columns, rows=rows)


def _columns(header: list[Cell], number: int) -> tuple[list[Column | None], list[str]]:
    columns: list[Column | None] = []
    errors: list[str] = []
    seen: set[str] = set()
    for cell in header:
        name = " ".join(str(cell or "").split())
        column = _BY_HEADER.get(name.casefold())
        if column is None and name:
            errors.append(
                f"Row {number}: “{name[:60]}” is not a column of the template. "
                f"The columns are: {', '.join(HEADERS)}"
            )
        elif column is not None and column.header in seen:
            errors.append(f"Row {number}: the “{column.header}” column appears twice")
        if column is not None:
            seen.add(column.header)
        columns.append(column)
    errors += [
        f"The file has no “{column.header}” column. Use the column headings of the template "
        "in the first row"
        for column in COLUMNS
        if column.required and column.header not in seen
    ]
    return columns, errors


def template_csv() -> bytes:
    """The blank template as CSV (UTF-8 with a byte order mark, so Excel reads it right)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(HEADERS)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The blank template as an Excel workbook: the headings, a list to choose the
    significance from, and a sheet of guidance."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(HEADERS)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = column.width
    labels = ",".join(str(label) for label in Significance.labels)
    choose = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=False)
    sheet.add_data_validation(choose)
    letter = openpyxl.utils.get_column_letter(HEADERS.index("Significance") + 1)
    choose.add(f"{letter}2:{letter}{MAX_IMPORT_ROWS + 1}")
    sheet.freeze_panes = "A2"
    guidance = workbook.create_sheet("Guidance")
    guidance.append(["Column", "Required", "What to enter"])
    for column in COLUMNS:
        guidance.append([column.header, "Yes" if column.required else "No", column.guidance])
    guidance.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
