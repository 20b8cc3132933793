"""Parallel processes on a case: recorded with their status and contact agency, audited."""

from typing import Any

from django.db import transaction

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases.models import Case, ParallelProcess
from cspr.core.errors import DomainError
from cspr.core.models import save_versioned


def _check_agency(case: Case, values: dict[str, Any]) -> None:
    agency = values.get("contact_agency")
    if agency is not None and agency.partnership_id != case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="contact_agency")


@transaction.atomic
def parallel_process_add(*, case: Case, by: User, values: dict[str, Any]) -> ParallelProcess:
    _check_agency(case, values)
    process = ParallelProcess.objects.create(case=case, updated_by=by, **values)
    audit_record(
        by=by,
        verb="parallel_process.added",
        obj=process,
        partnership_id=case.partnership_id,
        data={"case": case.pk, "kind": process.kind},
    )
    return process


@transaction.atomic
def parallel_process_update(
    *,
    process: ParallelProcess,
    by: User,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> ParallelProcess:
    """Change a parallel process; refused (``StaleEdit``) if someone saved it after this
    person opened it."""
    _check_agency(process.case, values)
    changed = sorted(k for k, v in values.items() if getattr(process, k) != v)
    for name, value in values.items():
        setattr(process, name, value)
    process.updated_by = by
    save_versioned(
        process,
        expected_version=process.version if expected_version is None else expected_version,
        fields=[*values, "updated_by"],
    )
    audit_record(
        by=by,
        verb="parallel_process.updated",
        obj=process,
        partnership_id=process.case.partnership_id,
        data={"case": process.case_id, "fields": changed},
    )
    return process
