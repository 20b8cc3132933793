"""Importing an agency's chronology from the partnership's CSV or Excel template.

Every row is checked and every problem is reported with its row number; nothing is imported
unless the whole file is right. The entries are then made in one transaction, with one audit
event for the import.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.chronology.duplicates import match_key
from cspr.chronology.models import ChronologyEntry, ImportBatch, Significance
from cspr.chronology.selectors import addable_agencies
from cspr.chronology.services.entries import audit, locked, require_agency
from cspr.chronology.spreadsheets import (
    Cell,
    ImportRefused,
    Sheet,
    check_size,
    is_blank,
    read_upload,
)
from cspr.partnerships.models import Agency
from cspr.reviews.models import Review

MAX_TEXT_CHARACTERS = 10_000
MAX_SOURCE_CHARACTERS = 200
EARLIEST_YEAR = 1900
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")
_SIGNIFICANCE = {
    **{label.casefold(): value for value, label in Significance.choices},
    **{value: value for value in Significance.values},
}


def chronology_import(
    *, review: Review, by: User, agency: Agency, uploaded_file: UploadedFile
) -> ImportBatch:
    """Import ``uploaded_file`` for ``agency``. A row may name another agency in its Agency
    column if the person may add entries for it (the business unit merging several)."""
    require_agency(review, by, agency)
    check_size(uploaded_file.size or 0)  # before reading it
    sheet = read_upload(uploaded_file.read())
    entries = _entries(sheet, review=review, by=by, agency=agency)
    return _save(review=review, by=by, agency=agency, entries=entries, name=uploaded_file.name)


@transaction.atomic
def _save(
    *, review: Review, by: User, agency: Agency, entries: list[ChronologyEntry], name: str | None
) -> ImportBatch:
    review = locked(review)
    batch = ImportBatch.objects.create(
        review=review,
        agency=agency,
        uploaded_by=by,
        filename=(name or "")[-255:],
        rows=len(entries),
    )
    for entry in entries:
        entry.review = review
        entry.import_batch = batch
    ChronologyEntry.objects.bulk_create(entries, batch_size=500)
    audit(by, "chronology.imported", batch, review, batch=batch.pk, rows=len(entries))
    return batch


@dataclass
class _Row:
    number: int
    cells: dict[str, Cell]
    errors: list[str]

    def error(self, message: str) -> None:
        self.errors.append(f"Row {self.number}: {message}")

    def text(self, header: str) -> str:
        cell = self.cells.get(header)
        if is_blank(cell):
            return ""
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))
        return str(cell).strip()


def _entries(sheet: Sheet, *, review: Review, by: User, agency: Agency) -> list[ChronologyEntry]:
    allowed = {_name_key(a.name): a for a in addable_agencies(user=by, review=review)}
    names = Agency.objects.filter(partnership=agency.partnership_id).values_list("name", flat=True)
    known = {_name_key(name) for name in names}
    entries: list[ChronologyEntry] = []
    errors: list[str] = []
    for number, cells in sheet.rows:
        row = _Row(number, cells, [])
        values: dict[str, Any] = {
            "occurred_on": _date(row, "Date", "the date"),
            "occurred_at_time": _time(row),
            "occurred_until": _date(row, "End date", "the end date", required=False),
            "agency": _agency(row, agency, allowed, known),
            "source": _required_text(row, "Source", "the source, like GP record"),
            "people_involved": _required_text(row, "People involved", "who was involved"),
            "what_happened": _required_text(row, "What happened", "what happened"),
            "what_was_done": _optional_text(row, "What was done"),
            "significance": _significance(row),
        }
        if len(values["source"]) > MAX_SOURCE_CHARACTERS:
            row.error(f"the source must be {MAX_SOURCE_CHARACTERS} characters or fewer")
        start, until = values["occurred_on"], values["occurred_until"]
        if start and until and until < start:
            row.error("the end date must be the same as or after the date")
        if row.errors:
            errors += row.errors
        elif not errors:
            entries.append(
                ChronologyEntry(**values, added_by=by, match_key=match_key(values["what_happened"]))
            )
    if errors:
        raise ImportRefused(errors)
    return entries


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _agency(row: _Row, agency: Agency, allowed: dict[str, Agency], known: set[str]) -> Agency:
    name = row.text("Agency")
    if not name or _name_key(name) == _name_key(agency.name):
        return agency
    key = _name_key(name)
    if key in allowed:
        return allowed[key]
    if key in known:
        row.error(
            f"you cannot import entries for “{name[:100]}”. Leave the Agency column blank, "
            f"or write {agency.name}"
        )
    else:
        row.error(
            f"there is no agency called “{name[:100]}” in this partnership. Use the agency's "
            f"name as it is in CSPR, or leave the column blank for {agency.name}"
        )
    return agency


def _date(row: _Row, header: str, what: str, *, required: bool = True) -> dt.date | None:
    cell = row.cells.get(header)
    if is_blank(cell):
        if required:
            row.error(f"enter {what}")
        return None
    try:
        value = _date_value(cell)
    except ValueError:
        row.error(f"{what} must be a real date, like 05/03/2026")
        return None
    if value is None:
        row.error(f"enter {what} as DD/MM/YYYY, like 05/03/2026")
    elif value.year < EARLIEST_YEAR:
        row.error(f"{what} must be after {EARLIEST_YEAR}")
    elif value > timezone.localdate():
        row.error(f"{what} must be today or in the past")
    else:
        return value
    return None


def _date_value(cell: Cell) -> dt.date | None:
    """The date in a cell, or None if it is not written as a date (ValueError if it is not
    a real one, like 31/02/2026)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if match := _UK_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    return dt.date(year, month, day)


def _time(row: _Row) -> dt.time | None:
    cell = row.cells.get("Time")
    if is_blank(cell):
        return None
    if isinstance(cell, dt.datetime):
        return cell.time().replace(microsecond=0)
    if isinstance(cell, dt.time):
        return cell.replace(microsecond=0)
    if isinstance(cell, dt.timedelta) and cell < dt.timedelta(days=1) and cell >= dt.timedelta(0):
        seconds = int(cell.total_seconds())
        return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    match = _TIME.match(str(cell).strip())
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    row.error("enter the time in the 24-hour clock, like 14:30")
    return None


def _required_text(row: _Row, header: str, what: str) -> str:
    text = row.text(header)
    if not text:
        row.error(f"enter {what}")
    elif len(text) > MAX_TEXT_CHARACTERS:
        row.error(f"“{header}” must be {MAX_TEXT_CHARACTERS:,} characters or fewer")
    return text


def _optional_text(row: _Row, header: str) -> str:
    text = row.text(header)
    if len(text) > MAX_TEXT_CHARACTERS:
        row.error(f"“{header}” must be {MAX_TEXT_CHARACTERS:,} characters or fewer")
    return text


def _significance(row: _Row) -> str:
    text = " ".join(row.text("Significance").split()).casefold()
    value = _SIGNIFICANCE.get(text)
    if value is None:
        row.error("enter the significance as Routine, Of note or Key practice episode")
        return Significance.ROUTINE
    return value
