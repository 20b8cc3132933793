"""Retention: a partnership's period for closed cases, and deleting a case once it has run out
(``manage.py apply_retention --confirm``).

Deleting a case removes every row that hangs off it (found from the models' foreign keys, so a
new app's records go with it) and their files from storage, in one transaction. It keeps the
public record: each published report (and its file) and published learning product, with what
hangs off them (the repository deposit, the learning library's entry). Those refer to the
review, and the review to the case, so when there is a public record the case and its review
stay as *tombstones*: their free text emptied and the child's identity blanked. Audit events
about the case stay (the trail is append-only), and the deletion writes one more.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Now

from cspr.accounts.models import User
from cspr.audit.models import AuditEvent
from cspr.audit.services import audit_record
from cspr.backups import graph, selectors
from cspr.backups.models import MAX_RETENTION_YEARS, CaseDeletion, RetentionPolicy
from cspr.cases.models import Case, Sex
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned
from cspr.partnerships.models import Partnership

logger = logging.getLogger(__name__)

CASE = "cases.Case"

# Public records: kept, with every row that hangs off them. Labels of apps not installed are
# ignored; the condition picks which rows are public.
KEPT_RECORDS: dict[str, Q | None] = {
    "publication.PublishedReport": None,
    "briefings.LearningProduct": Q(state="published"),
}

# The rows a kept public record needs, kept emptied: each field here gets this value. Every
# other field is listed in TOMBSTONE_KEEPS (tests/backups/test_retention.py checks that each
# field is in one or the other).
TOMBSTONES: dict[str, dict[str, Any]] = {
    "cases.Case": {
        "case_outline": "",
        "triage_reason": "",
        "closed_reason": "",
        "child_statuses": [],
        "parallel_processes": [],
        "partners_aware_date": None,
    },
    "cases.ChildIdentity": {
        "not_yet_identified": True,
        "full_name": "",
        "other_names": "",
        "unborn": False,
        "date_of_birth": None,
        "age_years": None,
        "sex": Sex.NOT_KNOWN,
        "ethnicity": "",
        "disability": "",
        "household": "",
        "siblings": "",
    },
    "reviews.Review": {
        "methodology_notes": "",
        "panel_members": "",
        "family_not_invited_reason": "",
    },
}
# What a tombstone keeps: identifiers, the coded answers the published record reflects, the
# dates the database's constraints need, and who did what (people are not deleted).
TOMBSTONE_KEEPS: dict[str, set[str]] = {
    "cases.Case": {
        "id",
        "created_at",
        "updated_at",
        "version",
        "partnership",
        "reference",
        "pseudonym",
        "state",
        "referred_by",
        "referring_agency",
        "incident_date",
        "la_aware_date",
        "incident_kind",
        "abuse_or_neglect",
        "location",
        "police_investigation",
        "meets_criteria",
        "triaged_by",
        "triaged_on",
    },
    "cases.ChildIdentity": {"id", "created_at", "updated_at", "case"},
    "reviews.Review": {
        "id",
        "created_at",
        "updated_at",
        "version",
        "case",
        "kind",
        "state",
        "decided_on",
        "opened_by",
        "methodology",
        "completed_on",
    },
}

Row = tuple[type[models.Model], Any]  # (model, primary key)


@transaction.atomic
def retention_policy_set(
    *,
    partnership: Partnership,
    by: User,
    years: int,
    basis: str = "",
    expected_version: int | None = None,
) -> RetentionPolicy:
    """Keep the partnership's closed cases for ``years`` years after they close."""
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise DomainError(
            f"Enter a number of years from 1 to {MAX_RETENTION_YEARS}.", field="years"
        )
    policy = RetentionPolicy.objects.select_for_update().filter(partnership=partnership).first()
    if policy is None:
        policy = RetentionPolicy.objects.create(
            partnership=partnership, years=years, basis=basis.strip(), changed_by=by
        )
        audit_record(by=by, verb="retention_policy.created", obj=policy, data={"years": years})
        return policy
    policy.years, policy.basis, policy.changed_by = years, basis.strip(), by
    save_versioned(
        policy,
        expected_version=policy.version if expected_version is None else expected_version,
        fields=["years", "basis", "changed_by"],
    )
    audit_record(
        by=by,
        verb="retention_policy.updated",
        obj=policy,
        data={"years": years, "fields": ["years", "basis"]},
    )
    return policy


@transaction.atomic
def retention_policy_remove(*, partnership: Partnership, by: User) -> None:
    """Keep closed cases indefinitely again: nothing is deleted until a period is set."""
    policy = RetentionPolicy.objects.select_for_update().filter(partnership=partnership).first()
    if policy is None:
        raise DomainError("The partnership already keeps closed cases indefinitely.")
    audit_record(by=by, verb="retention_policy.removed", obj=policy, data={"years": policy.years})
    policy.delete()


@dataclass
class DeletionResult:
    reference: str
    closed_on: dt.date
    tombstone: bool
    deleted: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    files: int = 0


@cache
def plans_under_case() -> tuple[graph.ModelPlan, ...]:
    """Every model whose rows can hang off a case, with its paths of foreign keys to it.
    Reference data, people and the audit trail never do."""
    skip = {AuditEvent, apps.get_model(CASE)}
    result = []
    for plan in graph.plans():
        if plan.kind not in {"partnership_data", "user_data"} or plan.model in skip:
            continue
        paths = graph.paths_to(plan.model, CASE)
        if paths:
            result.append(graph.ModelPlan(plan.model, plan.kind, paths))
    return tuple(result)


def _rows_under(case: Case) -> dict[Row, dict[str, Any]]:
    """Every row hanging off the case, and the case, with their foreign key values."""
    rows: dict[Row, dict[str, Any]] = {}
    for plan in (graph.ModelPlan(Case, "case", ("pk",)), *plans_under_case()):
        keys = [f.attname for f in graph.foreign_keys(plan.model)]
        queryset = (
            Case.objects.filter(pk=case.pk)
            if plan.model is Case
            else graph.rows_reaching(plan, [case.pk])
        )
        for values in queryset.values("pk", *keys):
            rows[(plan.model, values.pop("pk"))] = values
    return rows


def _refers_to(
    model: type[models.Model], values: dict[str, Any], *, owning: bool = True
) -> list[tuple[Any, Row]]:
    """The rows a row's keys point at: its owning keys, or all of them."""
    keys = graph.owning_keys(model) if owning else graph.foreign_keys(model)
    return [
        (f, (graph.target_of(f), values[f.attname])) for f in keys if values[f.attname] is not None
    ]


def _kept(rows: dict[Row, dict[str, Any]]) -> set[Row]:
    """The public records among the rows, and every row hanging off them."""
    kept: set[Row] = set()
    for label, condition in KEPT_RECORDS.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # the app is not installed
            continue
        pks = [pk for (m, pk) in rows if m is model]
        queryset = model._base_manager.filter(pk__in=pks)
        if condition is not None:
            queryset = queryset.filter(condition)
        kept.update((model, pk) for pk in queryset.values_list("pk", flat=True))
    changed = True
    while changed:
        changed = False
        for row, values in rows.items():
            if row not in kept and any(t in kept for _, t in _refers_to(row[0], values)):
                kept.add(row)
                changed = True
    return kept


def _tombstones(rows: dict[Row, dict[str, Any]], kept: set[Row]) -> set[Row]:
    """The rows the kept ones need; when the case is one, the child's identity too."""
    needed: set[Row] = set()
    queue = list(kept)
    while queue:
        row = queue.pop()
        for _, target in _refers_to(row[0], rows[row]):
            if target in rows and target not in kept and target not in needed:
                if target[0]._meta.label not in TOMBSTONES:
                    raise DomainError(
                        f"A public record needs a {target[0]._meta.label} row, which retention "
                        "cannot keep emptied. Nothing was deleted."
                    )
                needed.add(target)
                queue.append(target)
    if needed:
        needed.update(row for row in rows if row[0]._meta.label == "cases.ChildIdentity")
    return needed


def _detach(rows: dict[Row, dict[str, Any]], staying: set[Row], doomed: set[Row]) -> None:
    """A staying row may not refer to a deleted one: an optional reference is emptied, any
    other stops the deletion."""
    for row in staying:
        for key, target in _refers_to(row[0], rows[row], owning=False):
            if target not in doomed:
                continue
            if not key.null:
                raise DomainError(
                    f"A kept {row[0]._meta.label} row refers to a {target[0]._meta.label} row "
                    "that would be deleted. Nothing was deleted."
                )
            row[0]._base_manager.filter(pk=row[1]).update(**{key.attname: None})


def _files(doomed_by_model: dict[type[models.Model], list[Any]]) -> list[tuple[Storage, str]]:
    found: list[tuple[Storage, str]] = []
    for model, pks in doomed_by_model.items():
        for file_field in graph.file_fields(model):
            names = model._base_manager.filter(pk__in=pks).values_list(
                file_field.attname, flat=True
            )
            found.extend((file_field.storage, name) for name in names if name)
    return found


def _empty(model: type[models.Model], pks: list[Any]) -> None:
    values: dict[str, Any] = dict(TOMBSTONES[model._meta.label])
    names = {f.name for f in model._meta.concrete_fields}
    if "version" in names:
        values["version"] = F("version") + 1
    if "updated_at" in names:
        values["updated_at"] = Now()
    model._base_manager.filter(pk__in=pks).update(**values)


def _chunks(pks: list[Any], size: int = 500) -> list[list[Any]]:
    return [pks[start : start + size] for start in range(0, len(pks), size)]


def _by_model(rows: set[Row]) -> dict[type[models.Model], list[Any]]:
    grouped: dict[type[models.Model], list[Any]] = defaultdict(list)
    for model, pk in sorted(rows, key=lambda r: (r[0]._meta.label, str(r[1]))):
        grouped[model].append(pk)
    return grouped


def _counts(grouped: dict[type[models.Model], list[Any]]) -> dict[str, int]:
    return {
        model._meta.label: len(pks)
        for model, pks in sorted(grouped.items(), key=lambda i: i[0]._meta.label)
    }


@transaction.atomic
def expired_case_delete(*, case: Case, today: dt.date, by: User | None = None) -> DeletionResult:
    """Delete a closed case whose retention period has run out, keeping its public record."""
    case = Case.objects.select_for_update().select_related("partnership").get(pk=case.pk)
    policy = selectors.policy_of(case.partnership)
    if policy is None:
        raise DomainError("The partnership has not set how long it keeps closed cases.")
    closed = selectors.closed_case(case, years=policy.years)
    if closed is None or not closed.is_expired(today):
        raise DomainError(f"{case.reference} is not a closed case past its retention period.")
    rows = _rows_under(case)
    kept = _kept(rows)
    tombstones = _tombstones(rows, kept)
    doomed = set(rows) - kept - tombstones
    _detach(rows, kept | tombstones, doomed)
    doomed_by_model = _by_model(doomed)
    files = _files(doomed_by_model)
    result = DeletionResult(
        reference=case.reference,
        closed_on=closed.closed_on,
        tombstone=bool(tombstones),
        deleted=_counts(doomed_by_model),
        kept=_counts(_by_model(kept | tombstones)),
        files=len(files),
    )
    audit_record(
        by=by,
        verb="case.deleted",
        obj=case,
        partnership_id=case.partnership_id,
        data={
            "because": "retention",
            "closed_on": closed.closed_on.isoformat(),
            "years": policy.years,
            "tombstone": result.tombstone,
            "deleted": result.deleted,
            "kept": result.kept,
            "files": result.files,
        },
    )
    order = graph.insertion_order(graph.ModelPlan(m, "") for m in doomed_by_model)
    for plan in reversed(order):  # children before their parents
        for chunk in _chunks(doomed_by_model[plan.model]):
            plan.model._base_manager.filter(pk__in=chunk).delete()
    for model, pks in _by_model(tombstones).items():
        _empty(model, pks)
    CaseDeletion.objects.create(
        partnership=case.partnership,
        case_id=case.pk,
        reference=case.reference,
        closed_on=closed.closed_on,
        years=policy.years,
        deleted_on=today,
        tombstone=result.tombstone,
        rows=result.deleted,
        kept=result.kept,
        files=result.files,
    )
    transaction.on_commit(lambda: _delete_files(files))
    return result


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    """After the rows are gone for good: a file that cannot be deleted is logged (by count:
    storage names are random and say nothing) and left for the operator."""
    failed = 0
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            failed += 1
    if failed:
        logger.error("Retention: %s file(s) could not be deleted from storage", failed)
