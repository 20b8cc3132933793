"""The owning agency's updates (ACTIONS): status as reported and "overdue" worked out from the
date, never stored; completion dates; evidence files checked by their content, with a clear
refusal that keeps what was typed; a second editor refused; downloads guarded and audited."""

import datetime as dt

import pytest
from django.test import Client

from cspr.actions.models import ActionEvidence, ActionUpdate
from cspr.actions.selectors import action_row
from cspr.actions.services.actions import action_update_record
from cspr.actions.workflow import OVERDUE, ActionStatus, is_overdue, shown_status
from cspr.audit.models import AuditEvent
from cspr.core.errors import DomainError, StaleEdit
from tests.actions.conftest import action_page
from tests.documents.files import docx_bytes, docx_with_vba_project, png_bytes, upload

DUE = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("status", "today", "shown"),
    [
        ("on_track", dt.date(2026, 6, 30), "on_track"),  # due today is not overdue
        ("on_track", dt.date(2026, 7, 1), OVERDUE),
        ("at_risk", dt.date(2026, 7, 1), OVERDUE),
        ("not_started", dt.date(2026, 7, 1), OVERDUE),
        ("complete", dt.date(2027, 1, 1), "complete"),
    ],
)
def test_overdue_is_worked_out_from_the_due_date(status, today, shown) -> None:
    assert shown_status(status=status, due_on=DUE, today=today) == shown
    assert is_overdue(status=status, due_on=DUE, today=today) == (shown == OVERDUE)


def test_an_action_becomes_overdue_without_anything_being_saved(action, frozen_today) -> None:
    assert action_row(action, today=dt.date(2026, 3, 2)).label == "Not started"
    frozen_today.move_to(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC))
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED  # what is stored does not change
    row = action_row(action, today=dt.date(2026, 7, 1))
    assert (row.status, row.label, row.colour) == (OVERDUE, "Overdue", "red")


def record(action, by, **overrides):
    values = {
        "text": "The template is drafted.",
        "status": "on_track",
        "impact_evidence": "",
        "files": [],
        "expected_version": action.version,
        **overrides,
    }
    return action_update_record(action=action, by=by, **values)


def test_an_update_records_status_progress_and_impact(signed_plan, action, world) -> None:
    lead = world.person("agency_lead")
    update = record(action, lead, impact_evidence="Two audits so far.")
    action.refresh_from_db()
    assert (action.status, action.impact_evidence) == ("on_track", "Two audits so far.")
    assert (update.status, update.was_overdue, update.recorded_by) == ("on_track", False, lead)
    record(action, lead, status="complete")
    action.refresh_from_db()
    assert action.completed_on == dt.date(2026, 3, 2)
    record(action, lead, status="at_risk", text="Reopened: the audit failed.")
    action.refresh_from_db()
    assert action.completed_on is None
    event = AuditEvent.objects.filter(verb="action_update.recorded").order_by("pk").last()
    assert event.data["status"] == "at_risk"
    assert "Reopened" not in str(event.data)  # ids and field names only


def test_an_update_while_overdue_is_recorded_as_such(signed_plan, action, world, frozen_today):
    frozen_today.move_to(dt.datetime(2026, 7, 6, 10, tzinfo=dt.UTC))
    update = record(action, world.person("agency_lead"), status="at_risk")
    assert update.was_overdue is True


def test_an_update_from_an_older_version_is_refused(signed_plan, action, world) -> None:
    opened = action.version
    record(action, world.person("agency_lead"))
    with pytest.raises(StaleEdit, match="Someone else saved this action"):
        record(action, world.person("agency_lead"), expected_version=opened, text="Later.")
    assert ActionUpdate.objects.count() == 1


def test_evidence_files_are_kept_with_the_update(signed_plan, action, world) -> None:
    files = [upload("audit.png", png_bytes()), upload("Minutes 3.docx", docx_bytes("Minutes."))]
    update = record(action, world.person("agency_lead"), files=files)
    stored = list(update.evidence.order_by("pk"))
    assert [(e.original_name, e.content_type) for e in stored] == [
        ("audit.png", "image/png"),
        (
            "Minutes 3.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]
    assert stored[0].file.name.startswith("action-evidence/")
    assert "audit" not in stored[0].file.name  # stored under a random name


@pytest.mark.parametrize(
    "bad",
    [
        ("notes.pdf", b"just some text pretending", "must be a PDF"),
        ("minutes.docx", docx_with_vba_project(), "contains macros"),
        ("image.png", b"", "is empty"),
    ],
)
def test_a_bad_file_refuses_the_whole_update(signed_plan, action, world, bad) -> None:
    name, data, message = bad
    good = upload("audit.png", png_bytes())
    with pytest.raises(DomainError, match=message) as refused:
        record(action, world.person("agency_lead"), files=[good, upload(name, data)])
    assert refused.value.field == "evidence"
    assert name in refused.value.message
    assert not ActionUpdate.objects.exists()
    assert not ActionEvidence.objects.exists()


def test_the_update_form_refuses_a_bad_file_and_keeps_what_was_typed(
    signed_plan, action, client_as
) -> None:
    response = client_as("agency_lead").post(
        action_page(action, "actions:action-update"),
        {
            "status": "complete",
            "text": "Template adopted across the trust.",
            "impact_evidence": "Audit in May.",
            "evidence": [upload("audit.pdf", b"not a pdf at all")],
            "version": action.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "audit.pdf: The selected file must be a PDF" in html
    assert "Template adopted across the trust." in html
    assert "Audit in May." in html
    assert 'enctype="multipart/form-data"' in html
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


def test_the_update_form_sends_files_and_they_download_through_a_guarded_page(
    signed_plan, action, client_as, health, world
) -> None:
    client = client_as("agency_lead")
    response = client.post(
        action_page(action, "actions:action-update"),
        {
            "status": "on_track",
            "text": "Drafted.",
            "impact_evidence": "",
            "evidence": [upload("one.png", png_bytes()), upload("two.png", png_bytes())],
            "version": action.version,
        },
    )
    assert response.status_code == 302
    evidence = ActionEvidence.objects.order_by("pk")
    assert evidence.count() == 2
    detail = client.get(action_page(action)).content.decode()
    download = action_page(action, "actions:action").rstrip("/") + f"/evidence/{evidence[0].pk}/"
    assert download in detail
    got = client.get(download)
    assert got.status_code == 200
    assert got["Content-Disposition"].startswith('attachment; filename="one.png"')
    assert got["X-Content-Type-Options"] == "nosniff"
    assert b"".join(got.streaming_content) == png_bytes()
    assert AuditEvent.objects.filter(
        verb="action_evidence.downloaded", object_id=str(evidence[0].pk)
    ).exists()
    _, health_lead = health
    other = Client()
    other.force_login(health_lead)
    assert other.get(download).status_code == 404


def test_the_update_form_takes_at_most_five_files(signed_plan, action, client_as) -> None:
    response = client_as("agency_lead").post(
        action_page(action, "actions:action-update"),
        {
            "status": "on_track",
            "text": "Drafted.",
            "evidence": [upload(f"{n}.png", png_bytes()) for n in range(6)],
            "version": action.version,
        },
    )
    assert "Select up to 5 files at a time" in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_a_stale_update_form_is_refused_with_what_was_typed(signed_plan, action, client_as):
    opened = action.version
    client = client_as("agency_lead")
    url = action_page(action, "actions:action-update")
    values = {"status": "on_track", "text": "First.", "version": opened}
    assert client.post(url, values).status_code == 302
    second = client.post(url, {**values, "text": "Second, from an old page."})
    html = second.content.decode()
    assert "Someone else saved this action after you opened it" in html
    assert "Second, from an old page." in html
