"""The plan for the partnership board as Excel and Word (ACTIONS): opened again with openpyxl
and python-docx, with every recommendation, response, action, status and sign-off; the child
only by pseudonym; the download audited as an export."""

import datetime as dt
import io

import openpyxl
from docx import Document

from cspr.actions.services.actions import action_update_record
from cspr.actions.services.recommendations import recommendation_add
from cspr.audit.models import AuditEvent
from tests.actions.conftest import page
from tests.fixtures.cases import CHILD_NAME


def _complete(action, world) -> None:
    action_update_record(
        action=action,
        by=world.person("agency_lead"),
        text="The template is in use.",
        status="complete",
        impact_evidence="=SUM(A1:A2) fathers seen",
        files=[],
        expected_version=action.version,
    )


def test_the_excel_file_has_a_row_per_action_and_the_sign_offs(
    signed_plan, action, client_as, world
) -> None:
    _complete(action, world)
    response = client_as("business_unit").get(page(signed_plan, "actions:export-xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    case = signed_plan.case
    assert f'filename="{case.reference}-action-plan.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Action plan"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Recommendation", "Recommendation text", "Source", "Response")
    by_action = {row[header.index("Action")]: row for row in rows[1:]}
    assert set(by_action) == {"1.1", "1.2"}
    first = by_action["1.1"]
    assert first[header.index("Response")] == "Accepted"
    assert first[header.index("Owning agency")] == action.agency.name
    assert first[header.index("Status")] == "Complete"
    assert first[header.index("Due")].date() == dt.date(2026, 6, 30)
    assert first[header.index("Latest update")] == "The template is in use."
    assert first[header.index("Evidence of impact")] == "=SUM(A1:A2) fathers seen"  # text
    assert by_action["1.2"][header.index("Owning agency")] == "Testshire Hospital"
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["Case"] == f"{case.reference}, {case.pseudonym}"
    assert about["Plan"] == "Signed off"
    assert "Police" in about["Signed off by"]
    text = str(rows) + str(about)
    assert CHILD_NAME not in text
    event = AuditEvent.objects.filter(verb="action_plan.exported").get()
    assert event.object_id == str(signed_plan.pk)


def test_the_word_file_reads_as_the_plan(signed_plan, action, client_as) -> None:
    plan = signed_plan
    response = client_as("safeguarding_partner").get(page(plan, "actions:export-docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    case = plan.case
    assert paragraphs[0] == f"Action plan: {case.pseudonym}"
    assert "Recommendation 1" in paragraphs
    assert "Action 1.1" in paragraphs
    assert "Action 1.2" in paragraphs
    assert action.what in paragraphs
    assert "Train the midwives." in paragraphs
    assert "Testshire Hospital" in cells
    assert "Signed off" in cells
    assert "30 June 2026" in cells
    assert CHILD_NAME not in " ".join(paragraphs + cells)


def test_a_recommendation_without_actions_is_in_the_files(plan, bu, client_as) -> None:
    recommendation_add(
        plan=plan,
        by=bu,
        text="Commission a new IT system.",
        response="not_accepted",
        response_reasons="A national system is coming.",
    )
    client = client_as("business_unit")
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(page(plan, "actions:export-xlsx")).content)
    )
    rows = list(workbook["Action plan"].iter_rows(values_only=True))
    assert rows[1][:5] == (
        1,
        "Commission a new IT system.",
        "The review's report",
        "Not accepted",
        "A national system is coming.",
    )
    document = Document(io.BytesIO(client.get(page(plan, "actions:export-docx")).content))
    assert "No actions." in [p.text for p in document.paragraphs]
