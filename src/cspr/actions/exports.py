"""The whole plan as a file for the partnership board: Excel (one row per action, with its
recommendation, for filtering and RAG rating) and Word (to read and to add to the board's
papers). Both name the child only by the case's pseudonym: documents leave CSPR."""

import datetime as dt
import io
from dataclasses import dataclass

import openpyxl
from django.db.models import Prefetch
from docx.document import Document as DocxDocument
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cspr.actions.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    ImpactReview,
    PlanSignOff,
    Recommendation,
)
from cspr.actions.selectors import ActionRow, action_row
from cspr.core.documents import docx_bytes, new_document
from cspr.partnerships.models import StatutoryPartner
from cspr.rapid_reviews.services.decisions import required_partners

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HANDLING = "Official-sensitive. For the partnership board; do not share further."


@dataclass(frozen=True)
class ExportedAction:
    row: ActionRow
    latest: ActionUpdate | None


@dataclass(frozen=True)
class ExportedRecommendation:
    recommendation: Recommendation
    themes: list[str]
    actions: list[ExportedAction]


@dataclass(frozen=True)
class PlanExport:
    plan: ActionPlan
    recommendations: list[ExportedRecommendation]
    sign_offs: list[PlanSignOff]
    waiting_for: list[str]
    impact_reviews: list[ImpactReview]
    exported_at: dt.datetime
    exported_by: str
    today: dt.date


def plan_export(
    plan: ActionPlan, *, today: dt.date, exported_at: dt.datetime, exported_by: str
) -> PlanExport:
    """Everything the files hold, in a constant number of queries."""
    recommendations = (
        Recommendation.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(
            "themes",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("agency", "owner")
                .prefetch_related(
                    Prefetch(
                        "updates", queryset=ActionUpdate.objects.order_by("-created_at", "-pk")
                    )
                )
                .order_by("number"),
            ),
        )
    )
    exported = []
    for recommendation in recommendations:
        actions = []
        for action in recommendation.actions.all():
            action.recommendation = recommendation
            updates = list(action.updates.all())
            actions.append(
                ExportedAction(
                    row=action_row(action, today=today), latest=updates[0] if updates else None
                )
            )
        exported.append(
            ExportedRecommendation(
                recommendation=recommendation,
                themes=[t.name for t in recommendation.themes.all()],
                actions=actions,
            )
        )
    current = [
        s
        for s in plan.sign_offs.select_related("signed_by").order_by("created_at")
        if s.round == plan.sign_off_round
    ]
    signed = {s.statutory_partner for s in current}
    waiting = [p.label for p in required_partners(plan.case.partnership) if p.value not in signed]
    return PlanExport(
        plan=plan,
        recommendations=exported,
        sign_offs=current,
        waiting_for=waiting,
        impact_reviews=list(plan.impact_reviews.select_related("recorded_by")),
        exported_at=exported_at,
        exported_by=exported_by,
        today=today,
    )


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _response(recommendation: Recommendation) -> str:
    return recommendation.get_response_display() if recommendation.response else "Not decided yet"


# --- Excel ----------------------------------------------------------------------------------

COLUMNS = (
    ("Recommendation", 8),
    ("Recommendation text", 50),
    ("Source", 22),
    ("Response", 16),
    ("Reasons for the response", 40),
    ("Themes", 30),
    ("Action", 8),
    ("What will be done", 50),
    ("Owning agency", 28),
    ("Named owner", 22),
    ("Starts", 12),
    ("Due", 12),
    ("Status", 14),
    ("Completed", 12),
    ("Impact measure", 40),
    ("Evidence of impact", 40),
    ("Latest update", 50),
)


def _text(value: str) -> str:
    """Text a workbook can hold (control characters left out)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")


def plan_xlsx(export: PlanExport) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    for index, (header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for exported in export.recommendations:
        recommendation = exported.recommendation
        common = [
            recommendation.number,
            _text(recommendation.text),
            recommendation.get_source_display(),
            _response(recommendation),
            _text(recommendation.response_reasons),
            ", ".join(exported.themes),
        ]
        if not exported.actions:
            sheet.append([*common, *[""] * (len(COLUMNS) - len(common))])
        for item in exported.actions:
            action = item.row.action
            sheet.append(
                [
                    *common,
                    f"{recommendation.number}.{action.number}",
                    _text(action.what),
                    action.agency.name,
                    action.owner.full_name,
                    action.starts_on,
                    action.due_on,
                    item.row.label,
                    action.completed_on,
                    _text(action.impact_measure),
                    _text(action.impact_evidence),
                    _text(item.latest.text) if item.latest else "",
                ]
            )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # text that starts with "=" stays text, never a formula
                cell.data_type = "s"
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    about = workbook.create_sheet("About")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 70
    for label, value in _about(export):
        about.append([label, _text(value)])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
        about.cell(row=about.max_row, column=2).data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _about(export: PlanExport) -> list[tuple[str, str]]:
    plan = export.plan
    case = plan.case
    rows = [
        ("Partnership", case.partnership.name),
        ("Case", f"{case.reference}, {case.pseudonym}"),
        ("Plan", plan.get_state_display()),
        ("Signed off", _day(plan.signed_off_on) or "Not yet"),
        (
            "Signed off by",
            "; ".join(
                f"{StatutoryPartner(s.statutory_partner).label} ({s.signed_by.full_name}, "
                f"{_day(s.created_at.date())})"
                for s in export.sign_offs
            )
            or "No one yet",
        ),
    ]
    if export.waiting_for:
        rows.append(("Waiting for", ", ".join(export.waiting_for)))
    for review in export.impact_reviews:
        rows.append((f"Impact review, {_day(review.reviewed_on)}", review.findings))
    if plan.closed_on:
        rows.append(("Closed", _day(plan.closed_on)))
    rows += [
        ("Status on", f"{_day(export.today)} (overdue means past its due date, not complete)"),
        ("Exported", f"{export.exported_at:%d/%m/%Y %H:%M} by {export.exported_by}"),
        ("Handling", HANDLING),
    ]
    return rows


# --- Word -----------------------------------------------------------------------------------


def _pairs(document: DocxDocument, rows: list[tuple[str, str]]) -> None:
    """A two-column table of labels (bold) and values."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        for run in cells[0].paragraphs[0].runs:
            run.bold = True
        cells[1].text = value


def plan_docx(export: PlanExport) -> bytes:
    plan = export.plan
    case = plan.case
    document = new_document(
        f"Action plan: {case.pseudonym}", f"{case.partnership.name}. Case {case.reference}."
    )
    document.add_heading("The plan", level=1)
    _pairs(document, _about(export)[:-2])
    counts: dict[str, int] = {}
    for exported in export.recommendations:
        for item in exported.actions:
            counts[item.row.label] = counts.get(item.row.label, 0) + 1
    if counts:
        document.add_paragraph(
            "Actions: " + ", ".join(f"{label.lower()} {n}" for label, n in counts.items()) + "."
        )
    for exported in export.recommendations:
        recommendation = exported.recommendation
        document.add_heading(f"Recommendation {recommendation.number}", level=1)
        document.add_paragraph(recommendation.text)
        details = [
            ("Source", recommendation.get_source_display()),
            ("Response", _response(recommendation)),
        ]
        if recommendation.response_reasons:
            details.append(("Reasons", recommendation.response_reasons))
        details.append(("Themes", ", ".join(exported.themes) or "None linked"))
        _pairs(document, details)
        if not exported.actions:
            document.add_paragraph("No actions.")
            continue
        for item in exported.actions:
            action = item.row.action
            document.add_heading(f"Action {recommendation.number}.{action.number}", level=2)
            document.add_paragraph(action.what)
            _pairs(
                document,
                [
                    ("Owning agency", action.agency.name),
                    ("Named owner", action.owner.full_name),
                    ("Starts", _day(action.starts_on)),
                    ("Due", _day(action.due_on)),
                    ("Status", item.row.label),
                    ("Completed", _day(action.completed_on) or "Not yet"),
                    ("Impact measure", action.impact_measure),
                    ("Evidence of impact", action.impact_evidence or "None recorded yet"),
                    (
                        "Latest update",
                        f"{_day(item.latest.created_at.date())}: {item.latest.text}"
                        if item.latest
                        else "None yet",
                    ),
                ],
            )
    document.add_paragraph(f"Exported {export.exported_at:%d/%m/%Y %H:%M} by {export.exported_by}.")
    document.add_paragraph(HANDLING)
    return docx_bytes(document)


def export_name(plan: ActionPlan, extension: str) -> str:
    return f"{plan.case.reference}-action-plan.{extension}"
