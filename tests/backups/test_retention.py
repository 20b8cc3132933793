"""Retention: a partnership keeps closed cases for a number of years it sets; ``manage.py
apply_retention`` lists the expired ones (reference and closed date only), and with --confirm
deletes each with everything under it and its files, keeping published reports and published
learning, and writing an audit event per case (CAL-YEARS for the dates)."""

import datetime as dt
import io
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from cspr.audit.chain import verify_chain
from cspr.audit.models import AuditEvent
from cspr.backups import selectors
from cspr.backups.models import CaseDeletion, RetentionPolicy
from cspr.backups.services.retention import (
    TOMBSTONE_KEEPS,
    TOMBSTONES,
    expired_case_delete,
    retention_policy_remove,
    retention_policy_set,
)
from cspr.cases.models import Case, ChildIdentity
from cspr.cases.services import case_triage
from cspr.core.errors import DomainError, StaleEdit
from cspr.documents.models import DocumentVersion
from cspr.learning.models import LearningItem
from cspr.publication.models import PublishedReport
from cspr.rapid_reviews.models import RapidReview
from cspr.rapid_reviews.services.decisions import partner_decide, rapid_review_send_to_partners
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.reviews.models import Review
from tests.backups.conftest import publish_review
from tests.conftest import PartnershipWorld
from tests.fixtures.cases import CHILD_NAME
from tests.fixtures.reviews import MEETING

OUTLINE = "An infant was admitted with unexplained fractures."


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 10, tzinfo=dt.UTC)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def closed(make_case, world: PartnershipWorld) -> Case:
    """A case closed at triage on Monday 2 March 2026."""
    case = make_case()
    return case_triage(
        case=case, by=world.person("business_unit"), outcome="close", reason="No abuse."
    )


@pytest.fixture
def policy(world: PartnershipWorld) -> RetentionPolicy:
    return retention_policy_set(
        partnership=world.partnership, by=world.person("administrator"), years=6
    )


def close_plan(case: Case, by: Any, on: dt.date) -> None:
    """The case's action plan, closed on ``on`` (when action plans are installed)."""
    if not apps.is_installed("cspr.actions"):
        return
    plan_model = apps.get_model("actions", "ActionPlan")
    plan_model.objects.create(
        case=case, state="closed", started_by=by, signed_off_on=on, closed_on=on
    )


@pytest.fixture
def published(cspr: Review, world, partners, frozen_today) -> PublishedReport:
    """The local CSPR published on 16 March 2026; its action plan closed on 1 April 2026."""
    bu = world.person("business_unit")
    report = publish_review(cspr, bu, partners, frozen_today)
    close_plan(cspr.case, bu, dt.date(2026, 4, 1))
    return report


# Listing ----------------------------------------------------------------------------------


def test_without_a_retention_period_nothing_is_listed_or_deleted(closed, frozen_today) -> None:
    frozen_today.move_to(at(2090, 1, 1))
    out = run("--confirm")
    assert "no retention period set; nothing deleted" in out
    assert Case.objects.filter(pk=closed.pk).exists()


def test_a_closed_case_is_listed_from_the_same_date_years_later(
    closed, policy, frozen_today, world
) -> None:
    """CAL-YEARS: closed on 2 March 2026, kept 6 years, deleted from 2 March 2032."""
    [listed] = selectors.closed_cases(partnership=world.partnership, years=6)
    assert listed.closed_on == dt.date(2026, 3, 2)
    assert listed.delete_from == dt.date(2032, 3, 2)
    frozen_today.move_to(at(2032, 3, 1))
    assert "0 past it" in run()
    frozen_today.move_to(at(2032, 3, 2))
    out = run()
    assert f"{closed.reference}  closed 2 March 2026" in out
    assert "Nothing was deleted. Run again with --confirm" in out


def test_the_list_names_no_one(closed, policy, frozen_today) -> None:
    frozen_today.move_to(at(2033, 1, 1))
    out = run()
    assert closed.reference in out
    assert CHILD_NAME not in out
    assert OUTLINE not in out
    assert closed.pseudonym not in out


def test_open_cases_are_never_listed(make_case, notified_case, policy, frozen_today, world) -> None:
    make_case()
    frozen_today.move_to(at(2090, 1, 1))
    assert selectors.expired_cases(partnership=world.partnership, today=dt.date(2090, 1, 1)) == []


def test_nothing_is_deleted_without_confirm(closed, policy, frozen_today) -> None:
    frozen_today.move_to(at(2033, 1, 1))
    run()
    assert Case.objects.filter(pk=closed.pk).exists()
    assert not AuditEvent.objects.filter(verb="case.deleted").exists()
    assert not CaseDeletion.objects.exists()


@pytest.mark.usefixtures("policy")
def test_a_decision_for_no_review_closes_the_case_on_its_date(
    review: RapidReview, invite, school, partners, world
) -> None:
    bu = world.person("business_unit")
    invite(school)
    values = {**MEETING, "recommended_outcome": "no_further_review"}
    review = meeting_record(
        rapid_review=review, by=bu, values=values, criteria={}, expected_version=review.version
    )
    review = rapid_review_send_to_partners(rapid_review=review, by=bu)
    for partner, person in partners.items():
        partner_decide(
            rapid_review=review, by=person, statutory_partner=partner, choice="confirm", comment=""
        )
    [listed] = selectors.closed_cases(partnership=world.partnership, years=6)
    assert listed.case_id == review.case_id
    assert listed.closed_on == dt.date(2026, 3, 2)


def test_a_published_review_closes_with_its_action_plan(published, policy, world) -> None:
    [listed] = selectors.closed_cases(partnership=world.partnership, years=6)
    expected = dt.date(2026, 4, 1) if apps.is_installed("cspr.actions") else dt.date(2026, 3, 16)
    assert listed.closed_on == expected


def test_a_published_review_with_an_open_action_plan_is_open(
    cspr, world, partners, frozen_today, policy
) -> None:
    if not apps.is_installed("cspr.actions"):
        pytest.skip("action plans are not installed")
    bu = world.person("business_unit")
    publish_review(cspr, bu, partners, frozen_today)
    apps.get_model("actions", "ActionPlan").objects.create(case=cspr.case, started_by=bu)
    assert selectors.closed_cases(partnership=world.partnership, years=6) == []


# Deleting ---------------------------------------------------------------------------------


def test_confirm_deletes_the_case_and_what_hangs_off_it(
    closed, policy, frozen_today, world, django_capture_on_commit_callbacks
) -> None:
    frozen_today.move_to(at(2033, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--confirm")
    assert f"{closed.reference}  closed 2 March 2026: deleted" in out
    assert "Deleted 1 of 1 case(s)." in out
    assert not Case.objects.filter(pk=closed.pk).exists()
    assert not ChildIdentity.objects.filter(case_id=closed.pk).exists()
    deletion = CaseDeletion.objects.get()
    assert deletion.case_id == closed.pk
    assert deletion.reference == closed.reference
    assert not deletion.tombstone
    assert deletion.rows["cases.ChildIdentity"] == 1
    assert verify_chain().intact


def test_each_deletion_is_audited_with_ids_and_counts_only(
    closed, policy, frozen_today, world
) -> None:
    frozen_today.move_to(at(2033, 1, 1))
    run("--confirm")
    event = AuditEvent.objects.get(verb="case.deleted")
    assert event.action == AuditEvent.Action.DELETE
    assert event.object_type == "cases.case"
    assert event.object_id == str(closed.pk)
    assert event.partnership_id == world.partnership.pk
    assert event.data["because"] == "retention"
    assert event.data["closed_on"] == "2026-03-02"
    assert event.data["years"] == 6
    assert event.data["deleted"]["cases.Case"] == 1
    assert CHILD_NAME not in str(event.data)
    # Earlier events about the case stay, and the chain still verifies.
    assert AuditEvent.objects.filter(verb="case.referred", object_id=str(closed.pk)).exists()
    assert verify_chain().intact


def test_a_case_not_yet_expired_is_kept(closed, make_case, policy, frozen_today, world) -> None:
    frozen_today.move_to(at(2026, 6, 1))
    later = case_triage(
        case=make_case(), by=world.person("business_unit"), outcome="close", reason="No abuse."
    )
    frozen_today.move_to(at(2032, 3, 2))
    run("--confirm")
    assert not Case.objects.filter(pk=closed.pk).exists()
    assert Case.objects.filter(pk=later.pk).exists()
    [left] = selectors.closed_cases(partnership=world.partnership, years=6)
    assert left.delete_from == dt.date(2032, 6, 1)


def test_a_deleted_case_is_not_listed_again(closed, policy, frozen_today, world) -> None:
    frozen_today.move_to(at(2033, 1, 1))
    run("--confirm")
    assert "0 past it" in run()


def test_a_case_that_is_not_expired_cannot_be_deleted(closed, policy) -> None:
    with pytest.raises(DomainError, match="not a closed case past its retention period"):
        expired_case_delete(case=closed, today=dt.date(2026, 3, 2))


@pytest.mark.usefixtures("policy")
def test_a_published_review_keeps_its_public_record(
    published: PublishedReport,
    frozen_today,
    world,
    client_as,
    django_capture_on_commit_callbacks,
) -> None:
    review = published.review
    case = review.case
    versions = list(DocumentVersion.objects.filter(document__review=review))
    assert versions
    storage = versions[0].file.storage
    report_file = published.file.name
    frozen_today.move_to(at(2033, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--confirm")
    assert "kept as a reference for its public record" in out

    # The documents and their files are gone; so are the Rapid Review and the child's details.
    assert not DocumentVersion.objects.filter(pk__in=[v.pk for v in versions]).exists()
    assert not any(storage.exists(v.file.name) for v in versions)
    assert not RapidReview.objects.filter(case=case).exists()
    identity = ChildIdentity.objects.get(case=case)
    assert identity.full_name == ""
    assert identity.date_of_birth is None

    # The public record stays: the report, its file, its library entry and the public page.
    published.refresh_from_db()
    assert published.file.storage.exists(report_file)
    assert LearningItem.objects.filter(published_report=published).exists()
    public = reverse(
        "published:report",
        kwargs={"partnership_slug": world.partnership.slug, "report_id": published.pk},
    )
    assert client_as("business_unit").get(public).status_code == 200

    # The case and review stay as emptied references.
    case.refresh_from_db()
    assert case.case_outline == ""
    assert case.reference
    review.refresh_from_db()
    assert review.panel_members == ""
    deletion = CaseDeletion.objects.get()
    assert deletion.tombstone
    assert deletion.kept["publication.PublishedReport"] == 1
    assert verify_chain().intact
    page = reverse(
        "cases:detail",
        kwargs={"partnership_slug": world.partnership.slug, "reference": case.reference},
    )
    assert client_as("business_unit").get(page).status_code == 200


def test_every_field_of_a_tombstone_is_emptied_or_kept_on_purpose() -> None:
    """A new field of a case, its identity or its review must be placed: emptied when a
    retention period runs out, or kept (and then it is not personal)."""
    for label, emptied in TOMBSTONES.items():
        names = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        assert set(emptied) | TOMBSTONE_KEEPS[label] == names, label
        assert not set(emptied) & TOMBSTONE_KEEPS[label], label


# The period itself --------------------------------------------------------------------------


def test_setting_the_period_is_audited_and_refuses_a_stale_edit(world) -> None:
    admin = world.person("administrator")
    policy = retention_policy_set(partnership=world.partnership, by=admin, years=6)
    retention_policy_set(partnership=world.partnership, by=admin, years=7, expected_version=1)
    with pytest.raises(StaleEdit):
        retention_policy_set(partnership=world.partnership, by=admin, years=8, expected_version=1)
    policy.refresh_from_db()
    assert policy.years == 7
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="retention_policy.").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == ["retention_policy.created", "retention_policy.updated"]


@pytest.mark.parametrize("years", [0, 101])
def test_the_period_is_from_1_to_100_years(world, years: int) -> None:
    with pytest.raises(DomainError, match="from 1 to 100"):
        retention_policy_set(
            partnership=world.partnership, by=world.person("administrator"), years=years
        )


def test_removing_the_period_keeps_cases_indefinitely(world, policy) -> None:
    retention_policy_remove(partnership=world.partnership, by=world.person("administrator"))
    assert selectors.policy_of(world.partnership) is None
    assert AuditEvent.objects.filter(verb="retention_policy.removed").exists()
    with pytest.raises(DomainError, match="already keeps"):
        retention_policy_remove(partnership=world.partnership, by=world.person("administrator"))
