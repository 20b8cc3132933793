"""Nothing half-done (issue 8, item 5): every service that writes is one transaction.

* Statically, for every app: each public function of a service module (``services``,
  ``services/*``, ``processes``, ``adjustments``, ``themes``) is wrapped in
  ``transaction.atomic``, or is listed in ``NOT_ATOMIC`` with why (it only reads, it is a
  helper called inside a service's transaction, or it reads a file first and then writes in
  a transaction of its own).
* By injecting a failure: a case's whole life is driven through the services (``SCENARIO``).
  Each call is first run and undone to count its write statements; then it is run again with
  the database refusing its LAST write (so every earlier insert, update and delete, the audit
  event's included, has happened), and every table's rows (all columns) must be exactly as
  before; then it is run for real and the story goes on. A service of a covered app that the
  scenario never calls fails the test: add a call to ``scenario``. An app can be left to the
static check only by listing it in ``STATIC_ONLY`` with why (none is)."""

import copy
import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from cspr.actions.services import actions, plans, recommendations
from cspr.backups.services import retention
from cspr.briefings import services as briefings
from cspr.cases import adjustments, processes, themes
from cspr.cases import services as cases
from cspr.cases.selectors import case_row
from cspr.chronology.services import entries, importing
from cspr.clock import services as clock
from cspr.disputes import services as disputes
from cspr.documents.report_content import REPORT_CONTENT
from cspr.documents.services import anonymisation, checklist, comments, feedback, uploads
from cspr.learning.fingerprints import fingerprint_of
from cspr.learning.importing import ImportRow
from cspr.learning.models import LearningItem, Theme
from cspr.learning.services import imports as library_imports
from cspr.learning.services import items as library_items
from cspr.learning.services import published as library_published
from cspr.learning.services import uploads as library_uploads
from cspr.partnerships import services as partnerships
from cspr.publication.models import RepositoryDeposit
from cspr.publication.services import planning, publishing
from cspr.rapid_reviews.services import citations, decisions, meeting, panel, scoping, starting
from cspr.reviews import services as reviews
from tests.briefings.conftest import FULL_TEXT
from tests.conftest import PartnershipWorld
from tests.documents.files import docx_bytes
from tests.fixtures.cases import case_values, identity_values
from tests.fixtures.library import pdf_bytes as library_pdf
from tests.fixtures.rapid_reviews import complete_return_values
from tests.fixtures.reviews import MEETING
from tests.publication.conftest import pdf_upload
from tests.security.database import changed, contents

SERVICE_MODULES = ("services", "processes", "adjustments", "themes")
# Apps whose services are checked statically only (each one transaction), with why.
STATIC_ONLY: dict[str, str] = {}
# Services the story cannot call, with the test that fails them half-way instead.
ELSEWHERE = {
    "cspr.backups.services.importing.partnership_import": (
        "restores into an empty database only: "
        "tests/backups/test_archive.py::test_a_failure_while_writing_files_leaves_nothing_behind"
    ),
}
# Functions that send e-mail or only read: nothing of theirs to undo.
NOTHING_TO_UNDO = {"accounts", "audit"}

NOT_ATOMIC = {
    # Reads.
    "cspr.cases.themes.case_text": "reads",
    "cspr.cases.themes.case_theme_suggestions": "reads",
    "cspr.cases.themes.confirmed_themes": "reads",
    "cspr.rapid_reviews.services.decisions.required_partners": "reads",
    "cspr.rapid_reviews.services.decisions.partners_represented_by": "reads",
    "cspr.rapid_reviews.services.meeting.returns_outstanding": "reads",
    "cspr.rapid_reviews.services.panel.rapid_review_due": "reads",
    "cspr.reviews.services.final_report_problems": "reads",
    "cspr.audit.services.action_for": "reads",
    "cspr.accounts.services.password_set_link": "reads",
    "cspr.actions.services._common.plan_changed": "reads",
    "cspr.actions.services._common.check_version": "reads",
    "cspr.actions.services._common.require_draft": "reads",
    "cspr.actions.services.actions.may_own": "reads",
    "cspr.actions.services.actions.check_evidence": "reads the uploaded files",
    "cspr.actions.services.plans.can_have_a_plan": "reads",
    "cspr.actions.services.plans.plan_problems": "reads",
    "cspr.actions.services.plans.signed_this_round": "reads",
    "cspr.actions.services.plans.incomplete_actions": "reads",
    "cspr.actions.services.recommendations.immediate_actions_to_bring_in": "reads",
    "cspr.actions.themes.active_themes": "reads",
    "cspr.actions.themes.suggestions_for": "reads",
    "cspr.briefings.services.editable_fields": "reads",
    "cspr.briefings.services.approval_problems": "reads",
    "cspr.briefings.services.publication_problems": "reads",
    "cspr.backups.services.importing.file_sha256": "reads",
    "cspr.backups.services.importing.archive_verify": "reads the archive",
    "cspr.backups.services.exporting.partnership_export": "reads: writes a file, not rows",
    # Sends e-mail after a commit; writes nothing.
    "cspr.accounts.services.invitation_send": "sends an e-mail",
    "cspr.accounts.services.two_factor_reset_notice_send": "sends an e-mail",
    # Helpers used only inside a service's transaction.
    "cspr.rapid_reviews.services._common.locked": "inside a service's transaction",
    "cspr.rapid_reviews.services._common.bump": "inside a service's transaction",
    "cspr.chronology.services.entries.audit": "inside a service's transaction",
    "cspr.chronology.services.entries.locked": "inside a service's transaction",
    "cspr.chronology.services.entries.require_agency": "reads",
    "cspr.documents.services._common.audit": "inside a service's transaction",
    "cspr.documents.services._common.locked": "inside a service's transaction",
    "cspr.publication.services.base.audit": "inside a service's transaction",
    "cspr.publication.services.base.locked": "inside a service's transaction",
    "cspr.actions.services._common.audit": "inside a service's transaction",
    "cspr.actions.services._common.locked": "inside a service's transaction",
    "cspr.learning.services._shared.suggest_for": "inside a service's transaction",
    "cspr.learning.services.published.library_add_published": "inside publication's report_publish",
    "cspr.learning.services.published.library_withdraw_published": "inside report_take_down",
    # Read the file first (no lock held while a large file is parsed), then write in one
    # transaction: covered by the scenario.
    "cspr.chronology.services.importing.chronology_import": "parses, then one transaction",
    "cspr.documents.services.anonymisation.anonymisation_scan": "reads, then one transaction",
    "cspr.backups.services.importing.partnership_import": "reads, then one transaction",
}


def service_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("cspr."):
            continue
        for name in SERVICE_MODULES:
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue
            yield module
            for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
                yield importlib.import_module(f"{module.__name__}.{info.name}")


def service_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for module in service_modules():
        for name, value in vars(module).items():
            if (
                not name.startswith("_")
                and inspect.isfunction(value)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def is_atomic(function: Callable[..., Any]) -> bool:
    """``@transaction.atomic`` wraps the function in a closure holding its Atomic."""
    cells = function.__closure__ or ()
    return any(isinstance(cell.cell_contents, transaction.Atomic) for cell in cells)


def app_of(name: str) -> str:
    return name.split(".")[1]


def test_every_service_that_writes_is_one_transaction() -> None:
    functions = service_functions()
    assert len(functions) > 100
    plain = sorted(n for n, f in functions.items() if not is_atomic(f) and n not in NOT_ATOMIC)
    assert plain == [], (
        "Wrap these in @transaction.atomic, or say in NOT_ATOMIC (tests/security/"
        f"test_all_or_nothing.py) why they need not be: {plain}"
    )
    assert sorted(set(NOT_ATOMIC) - set(functions)) == [], "NOT_ATOMIC names a function gone"


# Injecting the failure ----------------------------------------------------------------------


class InjectedFailure(Exception):
    """The database "refused" a write."""


def is_write(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))


class CountWrites:
    def __init__(self) -> None:
        self.writes = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.writes += is_write(sql)
        return execute(sql, params, many, context)


class FailAt:
    """Refuses the ``n``-th write statement, after the ones before it have run."""

    def __init__(self, n: int) -> None:
        self.n, self.writes = n, 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if is_write(sql):
            self.writes += 1
            if self.writes == self.n:
                raise InjectedFailure(sql[:60])
        return execute(sql, params, many, context)


class Injector:
    """Calls a service three times: counting its writes (undone), failing its last write
    (must leave nothing), then for real."""

    def __init__(self) -> None:
        self.writes: dict[str, int] = {}
        self.problems: list[str] = []

    def __call__(
        self, function: Callable[..., Any], /, *, undo: bool = False, **kwargs: Any
    ) -> Any:
        name = f"{function.__module__}.{function.__name__}"
        counting = CountWrites()
        saved = transaction.savepoint_create()
        with connection.execute_wrapper(counting):
            function(**copy.deepcopy(kwargs))
        transaction.savepoint_rollback(saved)
        self.writes[name] = counting.writes
        if counting.writes:
            self.fail_last_write(name, function, kwargs, counting.writes)
        if not undo:
            return function(**kwargs)
        saved = transaction.savepoint_create()  # a branch of the story: taken, then undone
        result = function(**kwargs)
        transaction.savepoint_rollback(saved)
        return result

    def fail_last_write(
        self, name: str, function: Callable[..., Any], kwargs: dict[str, Any], writes: int
    ) -> None:
        before = contents()
        saved = transaction.savepoint_create()
        try:
            with connection.execute_wrapper(FailAt(writes)):
                function(**copy.deepcopy(kwargs))
        except InjectedFailure:
            if left := changed(before, contents()):
                self.problems.append(f"{name} left rows behind in {left} (of {writes} writes)")
        else:
            self.problems.append(f"{name} swallowed the failure of its last write")
        transaction.savepoint_rollback(saved)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_failure_in_the_middle_of_any_service_leaves_nothing_behind(
    world: PartnershipWorld, partners: dict[str, Any], frozen_today: Any
) -> None:
    call = Injector()
    scenario(call, world, partners, frozen_today)
    assert call.problems == []
    covered = {
        name
        for name in service_functions()
        if app_of(name) not in set(STATIC_ONLY) | NOTHING_TO_UNDO and name not in NOT_ATOMIC
    } | {name for name, why in NOT_ATOMIC.items() if "then one transaction" in why}
    covered -= {n for n in covered if app_of(n) in STATIC_ONLY}
    missing = sorted(covered - set(call.writes) - set(ELSEWHERE))
    assert missing == [], (
        f"Call these in scenario() (tests/security/test_all_or_nothing.py): {missing}"
    )
    assert [n for n, c in call.writes.items() if c < 2] == []  # its row and its audit event


def scenario(
    call: Injector, world: PartnershipWorld, partners: dict[str, Any], clock_: Any
) -> None:
    """A partnership's day-to-day, then one case from referral to publication and take-down."""
    bu, lead, admin = (world.person(r) for r in ("business_unit", "agency_lead", "administrator"))
    partnership = world.partnership
    school = lead.memberships.get().agency

    # People, agencies and the clock.
    agency = call(
        partnerships.agency_create,
        partnership=partnership,
        by=admin,
        name="Westvale Primary",
        kind="school_or_college",
        statutory_partner="",
        is_active=True,
    )
    call(
        partnerships.agency_update,
        agency=agency,
        by=admin,
        expected_version=agency.version,
        name="Westvale Primary School",
        kind="school_or_college",
        statutory_partner="",
        is_active=True,
    )
    membership = call(
        partnerships.person_add,
        partnership=partnership,
        by=admin,
        email="new.person@example.org",
        full_name="New Person",
        job_title="Designated safeguarding lead",
        role="agency_lead",
        agency=agency,
        statutory_partner="",
    )
    call(
        partnerships.membership_update,
        membership=membership,
        by=admin,
        expected_version=membership.version,
        role="reviewer",
        agency=None,
        statutory_partner="",
    )
    call(partnerships.membership_end, membership=membership, by=admin)
    holiday = call(clock.extra_bank_holiday_add, by=admin, day=dt.date(2027, 6, 4), name="A day")
    call(clock.extra_bank_holiday_remove, by=admin, holiday=holiday)
    call(
        clock.rule_setting_set,
        partnership=partnership,
        by=admin,
        rule_id="SCOPING-RETURN",
        length=7,
        reason="Local practice.",
    )
    call(clock.rule_setting_reset, partnership=partnership, by=admin, rule_id="SCOPING-RETURN")

    # Referral to the partners' decision.
    case = call(
        cases.case_refer,
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values=case_values(),
        identity_values=identity_values(),
        agencies_involved=[school],
    )
    earlier = cases.case_refer(
        partnership=partnership,
        by=lead,
        referring_agency=school,
        case_values=case_values(),
        identity_values=identity_values(full_name="Another Child"),
        agencies_involved=[],
    )
    call(cases.case_triage, case=case, by=bu, outcome="notify", reason="Injuries.")
    call(cases.notification_record, case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    call(themes.case_themes_confirm, case=case, themes=list(Theme.objects.all()[:2]), by=bu)
    process = call(
        processes.parallel_process_add,
        case=case,
        by=bu,
        values={"kind": "inquest", "status": "expected", "contact_agency": None, "notes": ""},
    )
    call(
        processes.parallel_process_update,
        process=process,
        by=bu,
        values={"kind": "inquest", "status": "under_way", "contact_agency": None, "notes": "x"},
        expected_version=process.version,
    )
    rapid_review = call(starting.rapid_review_start, case=case, by=bu)
    invitation = call(starting.agency_invite, rapid_review=rapid_review, by=bu, agency=school)
    call(
        starting.agency_add_and_invite,
        rapid_review=rapid_review,
        by=bu,
        name="Westvale Surgery",
        kind="gp_practice",
    )
    deadline = next(
        d
        for d in case_row(case, today=timezone.localdate()).deadlines
        if d.rule.id == "RAPID-REVIEW"
    )
    call(
        adjustments.deadline_adjust,
        case=case,
        deadline=deadline,
        by=bu,
        kind="extended",
        reason="Agreed with the Panel.",
        new_due=dt.date(2026, 4, 30),
    )
    returned = invitation.scoping_return
    returned = call(
        scoping.scoping_return_save,
        scoping_return=returned,
        by=lead,
        values=complete_return_values(),
        expected_version=returned.version,
    )
    contact = call(
        scoping.key_contact_add,
        scoping_return=returned,
        by=lead,
        values={"contact_date": dt.date(2026, 1, 5), "who": "Teacher", "what": "Welfare check."},
    )
    call(scoping.key_contact_remove, contact=contact, by=lead)
    returned = call(
        scoping.scoping_return_submit,
        scoping_return=returned,
        by=lead,
        values=complete_return_values(),
        expected_version=returned.version,
    )
    call(scoping.scoping_return_send_back, scoping_return=returned, by=bu, reason="More detail.")
    call(
        meeting.immediate_action_add,
        rapid_review=rapid_review,
        by=bu,
        action="Safety plan for the siblings.",
        owner_agency=school,
        owner_name="Lee Lead",
        due_on=dt.date(2026, 3, 9),
    )
    citation = call(
        citations.citation_add,
        rapid_review=rapid_review,
        by=bu,
        learning_item=None,
        earlier_case=earlier,
    )
    call(citations.citation_remove, citation=citation, by=bu)
    rapid_review.refresh_from_db()
    rapid_review = call(
        meeting.meeting_record,
        rapid_review=rapid_review,
        by=bu,
        values=MEETING,
        criteria={},
        expected_version=rapid_review.version,
    )
    rapid_review = call(
        panel.lateness_record,
        rapid_review=rapid_review,
        by=bu,
        reason="Two agencies were late.",
        expected_on=dt.date(2026, 3, 31),
    )
    rapid_review = call(decisions.rapid_review_send_to_partners, rapid_review=rapid_review, by=bu)
    for partner, person in partners.items():
        call(
            decisions.partner_decide,
            rapid_review=rapid_review,
            by=person,
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    rapid_review.refresh_from_db()
    call(
        panel.rapid_review_send_to_panel,
        rapid_review=rapid_review,
        by=bu,
        sent_on=dt.date(2026, 3, 2),
        late_reason="",
    )
    call(
        panel.panel_response_record,
        rapid_review=rapid_review,
        by=bu,
        response="agrees",
        responded_on=dt.date(2026, 3, 2),
        note="",
    )
    dispute = call(
        disputes.dispute_raise, case=case, by=lead, agency=school, subject="other", summary="s"
    )
    call(
        disputes.dispute_stage_close,
        dispute=dispute,
        by=bu,
        outcome="Agreed.",
        ended_on=dt.date(2026, 3, 2),
        resolve=True,
        resolution="Resolved in discussion.",
    )

    # The review.
    case.refresh_from_db()
    review = call(reviews.review_open, case=case, by=bu, kind="local_cspr", methodology="systems")
    review = call(
        reviews.review_update,
        review=review,
        by=bu,
        values={"methodology_notes": "Practitioner events.", "panel_members": "A, B"},
        expected_version=review.version,
    )
    commission = call(
        reviews.reviewer_commission,
        review=review,
        by=bu,
        reviewer=world.person("reviewer"),
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 8, 31),
    )
    call(reviews.commission_end, commission=commission, by=bu)
    terms = call(
        reviews.terms_draft,
        review=review,
        by=bu,
        scope_from=dt.date(2025, 9, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry="Escalation.",
        agencies=[school],
    )
    for partner, person in partners.items():
        call(reviews.terms_approve, terms=terms, by=person, statutory_partner=partner)
    participant = call(
        reviews.participant_add,
        review=review,
        by=bu,
        values={
            "kind": "family",
            "name": "A parent",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "invited",
            "how_views_gathered": "",
        },
    )
    call(
        reviews.participant_update,
        participant=participant,
        by=bu,
        status="contributed",
        how_views_gathered="A home visit.",
        expected_version=participant.version,
    )
    request = call(
        reviews.reviewer_request_add,
        review=review,
        by=bu,
        what="A draft.",
        due_on=dt.date(2026, 4, 1),
    )
    call(reviews.reviewer_request_fulfil, request=request, by=bu)
    entry_values = {
        "agency": school,
        "occurred_on": dt.date(2026, 1, 5),
        "source": "School record",
        "people_involved": "Child R",
        "what_happened": "Absent.",
        "significance": "routine",
    }
    entry = call(entries.chronology_entry_add, review=review, by=bu, values=entry_values)
    entry = call(
        entries.chronology_entry_update,
        entry=entry,
        by=bu,
        values={**entry_values, "what_happened": "Absent again."},
        expected_version=entry.version,
    )
    call(entries.chronology_entry_delete, entry=entry, by=bu)
    csv = (
        b"Date,Source,People involved,What happened,Significance\r\n"
        b"05/01/2026,School record,Child R,Absent.,Routine\r\n"
        b"06/01/2026,School record,Child R,Absent again.,Of note\r\n"
    )
    call(
        importing.chronology_import,
        review=review,
        by=bu,
        agency=school,
        uploaded_file=upload("chronology.csv", csv),
    )
    draft = call(
        uploads.document_add,
        review=review,
        by=bu,
        kind="draft_report",
        title="Draft",
        upload=upload("draft.docx", docx_bytes("A draft.")),
    )
    version = call(
        uploads.version_add, document=draft, by=bu, upload=upload("v2.docx", docx_bytes("V2."))
    )
    comment = call(comments.comment_add, version=version, by=bu, text="Page 2.")
    call(comments.comment_resolve, comment=comment, by=bu)
    point = call(
        feedback.feedback_add, review=review, by=bu, source="partners", point="More on school."
    )
    point = call(
        feedback.feedback_respond,
        item=point,
        by=bu,
        response="Section 6.",
        expected_version=point.version,
    )
    call(feedback.feedback_close, item=point, by=bu)
    call(
        uploads.document_add,
        review=review,
        by=bu,
        kind="final_report",
        title="The report",
        upload=upload("report.docx", docx_bytes("About Child R, whose name is Ruby Testchild.")),
    )
    call(
        checklist.checklist_record,
        review=review,
        by=bu,
        pointers={item.key: "Section 1" for item in REPORT_CONTENT},
    )
    review = call(reviews.review_mark_final, review=review, by=bu)
    scan = call(anonymisation.anonymisation_scan, review=review, by=bu)
    for hit in scan.hits.all():
        call(anonymisation.hit_clear, hit=hit, by=bu, note="Checked.")
    review = call(anonymisation.review_clear_for_publication, review=review, by=bu)

    # Publication.
    call(planning.plan_set, review=review, by=bu, planned_on=dt.date(2026, 3, 16))
    delay = call(
        planning.delay_record,
        review=review,
        by=bu,
        reason="inquest",
        details="",
        review_on=dt.date(2026, 3, 9),
    )
    delay = call(
        planning.delay_reschedule,
        delay=delay,
        by=bu,
        review_on=dt.date(2026, 3, 10),
        expected_version=delay.version,
    )
    call(planning.delay_end, delay=delay, by=bu)
    clock_.move_to(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC))
    for recipient in ("panel", "secretary_of_state", "ofsted"):
        call(
            planning.copy_record,
            review=review,
            by=bu,
            recipient=recipient,
            sent_on=dt.date(2026, 3, 4),
        )
    clock_.move_to(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC))
    call(
        publishing.report_not_published,
        undo=True,  # the other branch: the partners decide not to publish
        review=review,
        by=bu,
        reason="The family asked.",
        improvements_title="Child R: improvements",
        improvements_summary="What will change.",
        uploaded_file=None,
    )
    published = call(
        publishing.report_publish,
        review=review,
        by=bu,
        title="Child R: a local review",
        summary="What the partnership learnt.",
        uploaded_file=pdf_upload(content=library_pdf("What the partnership learnt about neglect.")),
    )
    deposit = RepositoryDeposit.objects.get(published=published)
    call(publishing.deposit_mark_sent, deposit=deposit, by=bu, sent_on=dt.date(2026, 3, 16))
    action_plan(call, world, partners, case)
    learning_products(call, world, partners, review)
    library(call, world, published)

    # A year on: the report comes down, and the case closed at triage is past its retention.
    cases.case_triage(case=earlier, by=bu, outcome="close", reason="No abuse or neglect.")
    clock_.move_to(dt.datetime(2027, 3, 17, 10, tzinfo=dt.UTC))
    call(publishing.report_take_down, published=published, by=bu, reason="A year has passed.")
    call(retention.retention_policy_set, partnership=partnership, by=admin, years=2)
    call(retention.retention_policy_remove, partnership=partnership, by=admin)
    call(retention.retention_policy_set, partnership=partnership, by=admin, years=1)
    call(retention.expired_case_delete, case=earlier, today=timezone.localdate(), by=admin)


def action_plan(
    call: Injector, world: PartnershipWorld, partners: dict[str, Any], case: Any
) -> None:
    """ACTIONS: the plan from draft to signed off, reopened, signed again, done and closed."""
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    la = partners["local_authority"]
    plan = call(plans.plan_start, case=case, by=bu)
    recommendation = call(
        recommendations.recommendation_add,
        plan=plan,
        by=bu,
        text="Ask about every adult in the household.",
        response="accepted",
        response_reasons="",
        themes=[],
    )
    recommendation = call(
        recommendations.recommendation_update,
        recommendation=recommendation,
        by=bu,
        text="Ask about every adult in the household, fathers included.",
        response="accepted",
        response_reasons="",
        themes=[],
        expected_version=recommendation.version,
    )
    brought = call(
        recommendations.immediate_actions_bring_in,
        plan=plan,
        by=bu,
        immediate_actions=list(case.rapid_review.immediate_actions.all()),
    )
    call(recommendations.recommendation_remove, recommendation=brought[0], by=bu)
    values = {
        "what": "Revise the assessment template.",
        "agency": lead.memberships.get().agency,
        "owner": lead,
        "starts_on": dt.date(2026, 3, 16),
        "due_on": dt.date(2026, 6, 30),
        "impact_measure": "An audit of 20 assessments.",
    }
    action = call(actions.action_add, recommendation=recommendation, by=bu, values=values)
    action = call(
        actions.action_change,
        action=action,
        by=bu,
        values={**values, "what": "Revise the assessment template and train staff."},
        expected_version=action.version,
    )
    spare = call(actions.action_add, recommendation=recommendation, by=bu, values=values)
    call(actions.action_remove, action=spare, by=bu)
    for round_ in (1, 2):
        for partner, person in partners.items():
            plan.refresh_from_db()
            call(plans.plan_sign_off, plan=plan, by=person, statutory_partner=partner, comment="")
        plan.refresh_from_db()
        if round_ == 1:
            plan = call(plans.plan_reopen, plan=plan, by=bu)
    action.refresh_from_db()
    call(
        actions.action_update_record,
        action=action,
        by=lead,
        text="Done.",
        status="complete",
        impact_evidence="Assessments now name every adult.",
        files=[],
        expected_version=action.version,
    )
    plan.refresh_from_db()
    call(
        plans.impact_review_record,
        plan=plan,
        by=la,
        reviewed_on=timezone.localdate(),
        findings="Fathers are now spoken to.",
    )
    call(plans.plan_close, plan=plan, by=la)


def learning_products(
    call: Injector, world: PartnershipWorld, partners: dict[str, Any], review: Any
) -> None:
    """A Learning on a Page: drafted, written, approved, published, delivered, withdrawn and
    back to draft."""
    bu = world.person("business_unit")
    product = call(briefings.product_draft, review=review, kind="learning_on_a_page", by=bu)
    values = {
        name: FULL_TEXT[name] for name in briefings.editable_fields(product) if name != "title"
    }
    product = call(
        briefings.product_update,
        product=product,
        by=bu,
        values=values,
        expected_version=product.version,
    )
    product = call(briefings.product_approve, product=product, by=partners["local_authority"])
    product = call(briefings.product_publish, product=product, by=bu)
    call(
        briefings.delivery_record,
        product=product,
        by=bu,
        team="Health visiting",
        delivered_on=timezone.localdate(),
        attendees=12,
        delivered_by="Team manager",
        agency=None,
        notes="",
    )
    product = call(briefings.product_withdraw, product=product, by=bu, reason="Out of date.")
    call(briefings.product_reopen, product=product, by=bu)


def library(call: Injector, world: PartnershipWorld, published: Any) -> None:
    """The learning library: an import, an upload read and completed, published, withdrawn;
    the partnership's own published report's text read."""
    bu = world.person("business_unit")
    title, source = "Child T: a local review", "Eastmoor Safeguarding Children Partnership"
    row = ImportRow(
        line=1,
        title=title,
        source_name=source,
        year=2024,
        review_type="local_cspr",
        summary="Neglect of a toddler.",
        key_learning="Escalation.",
        text="The review found that concerns were not escalated.",
        url="",
        age_group="unknown",
        theme_ids=(),
        fingerprint=fingerprint_of(title=title, source=source, year=2024),
    )
    call(library_imports.library_import, rows=[row], by=bu)
    batch = call(
        library_uploads.batch_upload,
        partnership=world.partnership,
        by=bu,
        uploads=[upload("learning.pdf", library_pdf("Escalation of concerns about neglect."))],
    )
    record = call(library_uploads.upload_read, upload_id=batch.files.get().pk)
    item = LearningItem.objects.get(pk=record.item_id)
    item = call(
        library_items.item_update,
        item=item,
        by=bu,
        values={
            "title": "Child U: a learning review",
            "source_name": "Westmarch",
            "year": 2025,
            "review_type": "local_cspr",
            "summary": "Escalation.",
            "age_group": "unknown",
        },
        theme_ids=[],
        expected_version=item.version,
    )
    item = call(library_items.item_publish, item=item, by=bu)
    call(library_items.item_withdraw, item=item, by=bu)
    own = LearningItem.objects.get(published_report=published)
    call(library_published.published_text_read, item_id=own.pk)


def test_the_injector_catches_a_service_without_a_transaction(world: PartnershipWorld) -> None:
    """Guards the guard: a service that writes two rows outside a transaction is caught."""
    admin = world.person("administrator")

    def agency_add_twice(*, name: str) -> None:  # no @transaction.atomic
        partnerships.agency_create(
            partnership=world.partnership, by=admin, name=name, kind="school_or_college"
        )
        partnerships.agency_create(
            partnership=world.partnership, by=admin, name=f"{name} 2", kind="school_or_college"
        )

    call = Injector()
    call(agency_add_twice, undo=True, name="Half Done Academy")
    assert len(call.problems) == 1
    assert "left rows behind" in call.problems[0]
    assert "partnerships_agency" in call.problems[0]
