"""Importing a chronology from the partnership's CSV or Excel template: every row checked,
every problem reported with its row number, nothing imported unless the whole file is right."""

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cspr.audit.models import AuditEvent
from cspr.chronology.models import ChronologyEntry, ImportBatch, Significance
from cspr.chronology.services import (
    chronology_import,
    chronology_template_csv,
    chronology_template_xlsx,
)
from cspr.chronology.spreadsheets import HEADERS, MAX_IMPORT_BYTES, ImportRefused
from cspr.core.errors import DomainError

GOOD_ROWS = [
    [
        "05/01/2026",
        "09:15",
        "",
        "",
        "School safeguarding log",
        "Child R",
        "Arrived late with a bruise.",
        "DSL informed.",
        "Of note",
    ],
    [
        "2026-01-12",
        "",
        "16/01/2026",
        "",
        "Attendance record",
        "Child R",
        "Absent all week.",
        "",
        "Key practice episode",
    ],
    ["20/1/2026", "", "", "", "Call log", "Mother", "Phoned the school.", "", "routine"],
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(64)


def csv_bytes(rows: list[list[str]], headers: list[str] = HEADERS, *, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows: list[list[Any]], headers: list[str] = HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "chronology.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def run_import(
    cspr, world, agency, content: bytes, *, name: str = "chronology.csv", role="business_unit"
):
    return chronology_import(
        review=cspr, by=world.person(role), agency=agency, uploaded_file=upload(content, name)
    )


def errors_of(cspr, world, agency, content: bytes, name: str = "chronology.csv") -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        run_import(cspr, world, agency, content, name=name)
    assert not ChronologyEntry.objects.exists()
    assert not ImportBatch.objects.exists()
    return refused.value.errors


@pytest.mark.parametrize("bom", [False, True])
def test_a_csv_file_is_imported(cspr, world, school, bom: bool) -> None:
    batch = run_import(cspr, world, school, csv_bytes(GOOD_ROWS, bom=bom))
    entries = list(ChronologyEntry.objects.order_by("occurred_on"))
    assert [e.occurred_on for e in entries] == [
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 12),
        dt.date(2026, 1, 20),
    ]
    assert entries[0].occurred_at_time == dt.time(9, 15)
    assert entries[1].occurred_until == dt.date(2026, 1, 16)
    assert [e.significance for e in entries] == [
        Significance.OF_NOTE,
        Significance.KEY_PRACTICE_EPISODE,
        Significance.ROUTINE,
    ]
    assert {e.agency for e in entries} == {school}
    assert {e.import_batch_id for e in entries} == {batch.pk}
    assert entries[0].match_key == "arrived late with a bruise"
    assert (batch.rows, batch.filename, batch.agency) == (3, "chronology.csv", school)
    event = AuditEvent.objects.filter(verb="chronology.imported").get()
    assert event.data == {"review": cspr.pk, "batch": batch.pk, "rows": 3}


def test_an_excel_file_is_imported_with_date_and_time_cells(cspr, world, school) -> None:
    rows = [
        [
            dt.datetime.combine(dt.date(2026, 1, 5), dt.time()),
            dt.time(9, 15),
            None,
            None,
            "GP record",
            "Child R",
            "Seen by the GP.",
            None,
            "Key practice episode",
        ],
        [
            "06/01/2026",
            "10:00",
            dt.date(2026, 1, 7),
            "",
            "GP record",
            "Mother",
            "Phoned the surgery.",
            "Call back booked.",
            "Of note",
        ],
    ]
    batch = run_import(cspr, world, school, xlsx_bytes(rows), name="anything.txt")
    assert batch.rows == 2
    first, second = ChronologyEntry.objects.order_by("occurred_on")
    assert (first.occurred_on, first.occurred_at_time) == (dt.date(2026, 1, 5), dt.time(9, 15))
    assert first.what_was_done == ""
    assert second.occurred_until == dt.date(2026, 1, 7)
    assert second.what_was_done == "Call back booked."


def test_columns_in_any_order_and_case_blank_rows_skipped(cspr, world, school) -> None:
    headers = ["significance", "WHAT HAPPENED", "date", "source", "people  involved"]
    rows = [["Routine", "Seen.", "05/01/2026", "Log", "Child R"], ["", "", "", "", ""]]
    assert run_import(cspr, world, school, csv_bytes(rows, headers)).rows == 1


def test_the_business_unit_imports_for_several_agencies(cspr, world, school, health) -> None:
    agency, _lead = health
    rows = [list(GOOD_ROWS[0]), list(GOOD_ROWS[1])]
    rows[1][3] = "  testshire HOSPITAL "
    run_import(cspr, world, school, csv_bytes(rows))
    assert sorted(e.agency.name for e in ChronologyEntry.objects.all()) == sorted(
        [school.name, agency.name]
    )


def test_bad_dates_are_reported_with_their_row_numbers(cspr, world, school) -> None:
    rows = [list(GOOD_ROWS[0]) for _ in range(6)]
    rows[1][0] = "5th Jan 2026"
    rows[2][0] = "31/02/2026"
    rows[3][0] = ""
    rows[4][0] = "05/01/26"
    rows[5][2] = "01/01/2026"  # ends before it starts
    errors = errors_of(cspr, world, school, csv_bytes(rows))
    assert errors == [
        "Row 3: enter the date as DD/MM/YYYY, like 05/03/2026",
        "Row 4: the date must be a real date, like 05/03/2026",
        "Row 5: enter the date",
        "Row 6: enter the date as DD/MM/YYYY, like 05/03/2026",
        "Row 7: the end date must be the same as or after the date",
    ]


def test_other_bad_cells_are_reported(cspr, world, school) -> None:
    rows = [list(GOOD_ROWS[0]) for _ in range(4)]
    rows[0][1] = "9am"
    rows[1][8] = "Important"
    rows[2][6] = ""
    rows[3][0] = "01/04/2026"
    errors = errors_of(cspr, world, school, csv_bytes(rows))
    assert errors == [
        "Row 2: enter the time in the 24-hour clock, like 14:30",
        "Row 3: enter the significance as Routine, Of note or Key practice episode",
        "Row 4: enter what happened",
        "Row 5: the date must be today or in the past",
    ]


def test_an_unknown_agency_is_reported(cspr, world, school) -> None:
    rows = [list(GOOD_ROWS[0]), list(GOOD_ROWS[1])]
    rows[1][3] = "Nowhere Clinic"
    errors = errors_of(cspr, world, school, csv_bytes(rows))
    assert len(errors) == 1
    assert errors[0].startswith("Row 3: there is no agency called “Nowhere Clinic”")


def test_an_agency_lead_cannot_import_for_another_agency(cspr, world, school, health) -> None:
    rows = [list(GOOD_ROWS[0])]
    rows[0][3] = "Testshire Hospital"
    with pytest.raises(ImportRefused) as refused:
        run_import(cspr, world, school, csv_bytes(rows), role="agency_lead")
    assert refused.value.errors[0].startswith(
        "Row 2: you cannot import entries for “Testshire Hospital”"
    )
    agency, _lead = health
    with pytest.raises(DomainError, match="your own agency only"):
        run_import(cspr, world, agency, csv_bytes(GOOD_ROWS), role="agency_lead")
    assert not ChronologyEntry.objects.exists()


def test_missing_columns_are_named(cspr, world, school) -> None:
    headers = ["Date", "Source", "What happened", "Colour"]
    errors = errors_of(cspr, world, school, csv_bytes([["05/01/2026", "x", "y", "z"]], headers))
    assert errors[0].startswith("Row 1: “Colour” is not a column of the template")
    assert "The file has no “People involved” column" in errors[1]
    assert "The file has no “Significance” column" in errors[2]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "chronology.csv", "The file is a .png file"),
        (PDF, "chronology.csv", "The file is a PDF"),
        (PDF, "chronology.xlsx", "The file is a PDF"),
        ("Date,Source\n05/01/2026,Café\n".encode("latin-1"), "c.csv", "saved as UTF-8"),
        (b"PK\x03\x04" + bytes(100), "c.xlsx", "could not be opened as an Excel workbook"),
        (b"", "c.csv", "The selected file is empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(
    cspr, world, school, *, content: bytes, name: str, message: str
) -> None:
    errors = errors_of(cspr, world, school, content, name)
    assert len(errors) == 1
    assert message in errors[0]


def test_an_oversized_file_is_refused(cspr, world, school) -> None:
    row = ",".join(["05/01/2026", "", "", "", "Log", "Child R", "x" * 1000, "", "Routine"])
    content = csv_bytes([]) + (row + "\n").encode() * (MAX_IMPORT_BYTES // len(row) + 1)
    assert len(content) > MAX_IMPORT_BYTES
    errors = errors_of(cspr, world, school, content)
    assert errors == [
        "The file must be smaller than 5 MB. Split the chronology into smaller files and "
        "import them one at a time"
    ]


def test_nothing_is_imported_when_one_row_of_many_is_bad(cspr, world, school) -> None:
    rows = [list(GOOD_ROWS[0]) for _ in range(500)]
    rows[499][8] = "Urgent"
    errors = errors_of(cspr, world, school, xlsx_bytes(rows))
    assert errors == ["Row 501: enter the significance as Routine, Of note or Key practice episode"]


def test_the_blank_template_reads_back_with_no_entries(cspr, world, school) -> None:
    for content in (chronology_template_csv(), chronology_template_xlsx()):
        assert errors_of(cspr, world, school, content) == [
            "The file has column headings but no entries under them"
        ]


def test_a_filled_in_excel_template_is_imported(cspr, world, school) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(chronology_template_xlsx()))
    workbook["Chronology"].append(GOOD_ROWS[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run_import(cspr, world, school, buffer.getvalue()).rows == 1
