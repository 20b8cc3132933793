"""The import page: it imports and says how many, or lists the problems (the first 50, then
a count) and keeps the agency chosen; the template downloads."""

import io
import re

import openpyxl

from cspr.audit.models import AuditEvent
from cspr.chronology.models import ChronologyEntry
from cspr.chronology.spreadsheets import HEADERS
from tests.chronology.conftest import chronology_url
from tests.chronology.test_chronology_import import GOOD_ROWS, PNG, csv_bytes, upload


def test_the_page_imports_and_says_how_many(cspr, client_as, school) -> None:
    client = client_as("business_unit")
    response = client.post(
        chronology_url(cspr, "import"),
        {"agency": school.pk, "file": upload(csv_bytes(GOOD_ROWS))},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f"3 entries imported for {school.name}" in page
    assert ChronologyEntry.objects.count() == 3


def test_the_page_lists_the_row_errors_and_keeps_the_agency(
    cspr, client_as, school, health
) -> None:
    agency, _lead = health
    rows = [list(GOOD_ROWS[0]) for _ in range(60)]
    for row in rows:
        row[0] = "yesterday"
    response = client_as("business_unit").post(
        chronology_url(cspr, "import"), {"agency": agency.pk, "file": upload(csv_bytes(rows))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem: nothing has been imported" in html
    assert "Row 2: enter the date as DD/MM/YYYY, like 05/03/2026" in html
    assert "Row 51: enter the date" in html
    assert "Row 52: enter the date" not in html
    assert "And 10 more problems." in html
    assert "The file has 60 problems" in html
    assert re.search(rf'<option value="{agency.pk}" selected>', html)
    assert not ChronologyEntry.objects.exists()


def test_a_file_level_problem_is_shown_on_the_field(cspr, client_as, school) -> None:
    response = client_as("business_unit").post(
        chronology_url(cspr, "import"), {"agency": school.pk, "file": upload(PNG, "x.csv")}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The file is a .png file" in html


def test_the_templates_download_and_read_back(cspr, client_as) -> None:
    client = client_as("agency_lead")
    csv_response = client.get(chronology_url(cspr, "template-csv"))
    assert csv_response.content.decode("utf-8-sig").strip() == ",".join(HEADERS)
    xlsx_response = client.get(chronology_url(cspr, "template-xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_response.content))
    assert [c.value for c in workbook["Chronology"][1]] == HEADERS
    assert "Guidance" in workbook.sheetnames
    verbs = set(AuditEvent.objects.values_list("verb", "action"))
    assert ("chronology_template.downloaded", AuditEvent.Action.EXPORT) in verbs
