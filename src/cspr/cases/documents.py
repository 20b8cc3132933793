"""The notification data pack as a Word file: every answer in the order of the national form,
to copy from. It holds the child's identity, so only those who may see it can download it,
and every download is audited."""

from cspr.cases.criteria import notifications_called_for
from cspr.cases.deadlines import answers_of
from cspr.cases.models import Case
from cspr.core.documents import add_table, docx_bytes, new_document


def _or(value: object, default: str = "Not recorded") -> str:
    return str(value) if value not in (None, "") else default


def data_pack_rows(case: Case) -> list[tuple[str, str]]:
    identity = case.identity
    if identity.unborn:
        born = "Unborn"
    elif identity.date_of_birth:
        born = f"{identity.date_of_birth:%d/%m/%Y}"
    else:
        born = _or(identity.age_years, "Not known")
    return [
        ("Notifying local authority", case.partnership.name),
        ("Date of incident", f"{case.incident_date:%d/%m/%Y}"),
        ("Date the local authority became aware", f"{case.la_aware_date:%d/%m/%Y}"),
        ("Incident type", case.get_incident_kind_display()),
        ("Abuse or neglect", case.get_abuse_or_neglect_display()),
        ("Where it happened", case.get_location_display()),
        (
            "Child's name",
            "Not yet identified" if identity.not_yet_identified else identity.full_name,
        ),
        ("Other names", _or(identity.other_names, "None")),
        ("Date of birth or age", born),
        ("Sex", identity.get_sex_display()),
        ("Ethnicity", _or(identity.ethnicity)),
        ("Disability", _or(identity.disability)),
        ("Household", _or(identity.household)),
        ("Siblings", _or(identity.siblings)),
        ("Child's status at the time", _or(", ".join(case.status_labels()))),
        (
            "Agencies involved",
            _or("; ".join(a.name for a in case.agencies_involved.all()), "None recorded"),
        ),
        ("Police investigation", case.get_police_investigation_display()),
        ("Other processes", _or(", ".join(case.parallel_process_labels()), "None recorded")),
        ("Case outline", case.case_outline),
    ]


def data_pack_docx(case: Case) -> bytes:
    calls = notifications_called_for(answers_of(case, case.identity))
    document = new_document(
        f"Notification data pack: {case.reference}",
        "The national form times out after 20 minutes and keeps nothing: copy each answer from "
        "here. This document holds the child's details. Keep it only as long as you need it.",
    )
    document.add_heading("Notifications the answers call for", level=1)
    for call in calls:
        document.add_paragraph(call.kind.label, style="List Bullet")
    document.add_heading("Answers, in the order of the form", level=1)
    add_table(document, ("Question", "Answer"), data_pack_rows(case))
    return docx_bytes(document)
