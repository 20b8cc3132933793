"""The Excel and PDF exports hold the chronology as filtered on its page, and each is
audited as an export."""

import datetime as dt
import io

import openpyxl
import pypdf

from cspr.audit.models import AuditEvent
from cspr.chronology import exports
from cspr.chronology.models import Significance
from cspr.chronology.spreadsheets import HEADERS
from tests.chronology.conftest import chronology_url
from tests.chronology.test_chronology_page import NO_FILTERS


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_excel_export_has_every_entry_in_the_template_s_columns(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    entries_for(school, 3)
    entries_for(
        hospital,
        1,
        occurred_on=dt.date(2025, 1, 2),
        occurred_at_time=dt.time(8, 5),
        occurred_until=dt.date(2025, 1, 4),
        what_happened='=HYPERLINK("http://example.org")',
        significance=Significance.KEY_PRACTICE_EPISODE,
    )
    response = client_as("business_unit").get(chronology_url(cspr, "export-xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-chronology.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Chronology"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 5
    first = rows[1]
    assert first[0] == dt.datetime.combine(dt.date(2025, 1, 2), dt.time())
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert first[1] == dt.time(8, 5)
    assert first[2] == dt.datetime.combine(dt.date(2025, 1, 4), dt.time())
    assert first[3] == "Testshire Hospital"
    assert first[6] == '=HYPERLINK("http://example.org")'
    assert sheet["G2"].data_type == "s"  # text, never a formula
    assert first[8] == "Key practice episode"
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["Entries"] == "4"
    assert about["Agency"] == "All agencies"
    event = AuditEvent.objects.filter(verb="chronology.exported").get()
    assert event.action == AuditEvent.Action.EXPORT
    assert event.data == {"page": "export-xlsx"}


def test_the_exports_follow_the_filters(cspr, client_as, school, health, entries_for) -> None:
    hospital, _lead = health
    entries_for(school, 2)
    entries_for(hospital, 1, what_happened="Seen in the emergency department.")
    client = client_as("business_unit")
    client.post(chronology_url(cspr), {**NO_FILTERS, "agency": str(hospital.pk)})
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(chronology_url(cspr, "export-xlsx")).content)
    )
    rows = list(workbook["Chronology"].iter_rows(values_only=True))[1:]
    assert [row[6] for row in rows] == ["Seen in the emergency department."]
    assert dict(workbook["About"].iter_rows(values_only=True))["Agency"] == "Testshire Hospital"
    text = pdf_text(client.get(chronology_url(cspr, "export-pdf")).content)
    assert "Seen in the emergency department." in text
    assert "Contact number 0" not in text


def test_the_pdf_export_lists_the_entries(cspr, client_as, school, entries_for) -> None:
    entries_for(school, 2, significance=Significance.KEY_PRACTICE_EPISODE)
    response = client_as("business_unit").get(chronology_url(cspr, "export-pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Multi-agency chronology" in text
    assert cspr.case.reference in text
    assert "Contact number 0 with the family." in text
    assert "Contact number 1 with the family." in text
    assert "Key practice episode" in text
    assert "official-sensitive" in text
    assert AuditEvent.objects.filter(
        verb="chronology.exported", data={"page": "export-pdf"}
    ).exists()


def test_a_long_pdf_says_it_shows_only_the_first_entries(
    cspr, client_as, school, entries_for, monkeypatch
) -> None:
    monkeypatch.setattr(exports, "PDF_ROW_LIMIT", 3)
    entries_for(school, 5)
    text = pdf_text(client_as("business_unit").get(chronology_url(cspr, "export-pdf")).content)
    assert "This PDF shows the first 3 of 5 entries" in text
    assert text.count("with the family.") == 3


def test_an_agency_lead_exports_only_their_own_agency(
    cspr, client_as, school, health, entries_for
) -> None:
    hospital, _lead = health
    entries_for(school, 1)
    entries_for(hospital, 1, what_happened="Hospital only.")
    content = client_as("agency_lead").get(chronology_url(cspr, "export-xlsx")).content
    rows = list(
        openpyxl.load_workbook(io.BytesIO(content))["Chronology"].iter_rows(values_only=True)
    )
    assert [row[3] for row in rows[1:]] == [school.name]
