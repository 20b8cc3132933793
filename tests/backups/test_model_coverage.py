"""Every model of the project is either a partnership's data (found by the walk of foreign keys,
so a new app's models are exported without anyone remembering to) or listed as not partnership
data with its reason. This test fails on a model that is neither: look at it, then let the walk
find it or list it in ``cspr.backups.graph.NOT_PARTNERSHIP_DATA``."""

from collections.abc import Iterator

import pytest
from django.apps import apps

from cspr.backups import graph


@pytest.fixture
def fresh_plans() -> Iterator[None]:
    graph.plans.cache_clear()
    yield
    graph.plans.cache_clear()


def test_every_model_is_exported_or_listed_with_its_reason() -> None:
    unclassified = [f"{plan.label} {plan.reason}".strip() for plan in graph.unclassified()]
    assert unclassified == [], (
        "Models that are neither a partnership's data nor listed as not partnership data: "
        "list each in cspr.backups.graph.NOT_PARTNERSHIP_DATA with its reason, or give it a "
        "foreign key to what it belongs to."
    )


def test_every_reason_is_written() -> None:
    assert all(reason.strip().endswith(".") for reason in graph.NOT_PARTNERSHIP_DATA.values())


def test_a_model_neither_found_nor_listed_fails(fresh_plans: None) -> None:
    reason = graph.NOT_PARTNERSHIP_DATA.pop("sessions.Session")
    try:
        graph.plans.cache_clear()
        assert "sessions.Session" in [plan.label for plan in graph.unclassified()]
    finally:
        graph.NOT_PARTNERSHIP_DATA["sessions.Session"] = reason


def test_the_walk_finds_the_case_data() -> None:
    kinds = {plan.label: plan.kind for plan in graph.plans()}
    for label in (
        "cases.Case",
        "cases.ChildIdentity",
        "rapid_reviews.ScopingReturn",
        "rapid_reviews.KeyContact",
        "documents.DocumentVersion",
        "chronology.ChronologyEntry",
        "publication.PublishedReport",
        "audit.AuditEvent",
        "cases.Case_agencies_involved",
        "backups.RetentionPolicy",
    ):
        assert kinds[label] == "partnership_data", label
    assert kinds["partnerships.Partnership"] == "partnership"
    assert kinds["accounts.User"] == "user"
    assert kinds["learning.Theme"] == "reference"
    assert kinds["clock.ExtraBankHoliday"] == "reference"


def test_a_scoping_return_belongs_through_its_invitation() -> None:
    plan = next(p for p in graph.plans() if p.label == "rapid_reviews.ScopingReturn")
    assert "invitation__rapid_review__case__partnership" in plan.paths


def test_a_key_that_may_outlive_its_target_only_refers() -> None:
    """A Citation belongs to its Rapid Review; the library item it cites may be another
    partnership's, so that key makes no path (and is emptied in an archive when it points
    outside the partnership)."""
    if not any(p.label == "rapid_reviews.Citation" for p in graph.plans()):
        pytest.skip("no citations in this version")
    plan = next(p for p in graph.plans() if p.label == "rapid_reviews.Citation")
    assert plan.paths
    assert all(not path.startswith(("learning_item", "earlier_case")) for path in plan.paths)


def test_two_factor_devices_go_with_their_person() -> None:
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        pytest.skip("two-factor sign-in is not installed")
    kinds = {plan.label: plan.kind for plan in graph.plans()}
    assert kinds["otp_totp.TOTPDevice"] == "user_data"


def test_parents_come_before_the_rows_that_refer_to_them() -> None:
    order = [plan.model for plan in graph.exported_plans()]
    for position, model in enumerate(order):
        for key in graph.owning_keys(model):
            target = graph.target_of(key)
            if target in order and target is not model:
                assert order.index(target) < position, f"{model._meta.label} before {target}"
