"""The audit trail is append-only and hash-chained: altering or deleting a row with raw SQL is
detected, and on PostgreSQL a trigger refuses both."""

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction

from cspr.audit.chain import verify_chain
from cspr.audit.models import GENESIS_HASH, AuditEvent
from cspr.audit.services import audit_record
from tests.conftest import PartnershipWorld

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def trail(world: PartnershipWorld) -> list[AuditEvent]:
    person = world.person("business_unit")
    agency = world.partnership.agencies.first()
    return [
        audit_record(by=person, verb="agency.viewed", obj=agency),
        audit_record(by=person, verb="agency.updated", obj=agency, data={"fields": ["name"]}),
        audit_record(by=person, verb="partnership.viewed", obj=world.partnership),
        audit_record(by=None, verb="user.sign_in_failed"),
    ]


def raw_sql(sql: str, params: list[object]) -> None:
    """Tamper as a database administrator would, going round the application."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser can switch triggers off for the session; the chain still tells.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_each_event_links_to_the_one_before(trail: list[AuditEvent]) -> None:
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].previous_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
    assert verify_chain().intact


def test_events_know_their_partnership_and_action(
    trail: list[AuditEvent], world: PartnershipWorld
) -> None:
    viewed, updated, _, failed = trail
    assert viewed.partnership_id == world.partnership.pk
    assert viewed.action == AuditEvent.Action.VIEW
    assert updated.action == AuditEvent.Action.UPDATE
    assert updated.data == {"fields": ["name"]}
    assert failed.action == AuditEvent.Action.SIGN_IN_FAILED
    assert failed.actor is None


def test_an_altered_event_is_detected(trail: list[AuditEvent]) -> None:
    target = trail[1]
    raw_sql(f"UPDATE {TABLE} SET verb = %s WHERE id = %s", ["agency.viewed", target.pk])
    report = verify_chain()
    assert report.broken_at == target.pk
    assert "altered" in report.reason


def test_a_deleted_event_is_detected(trail: list[AuditEvent]) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [trail[1].pk])
    report = verify_chain()
    assert report.broken_at == trail[2].pk
    assert "deleted" in report.reason


def test_a_rehashed_forgery_breaks_the_next_link(trail: list[AuditEvent]) -> None:
    """Recomputing the altered row's own hash does not help: the next event still points at
    the old one."""
    target = trail[1]
    target.verb = "agency.viewed"
    forged = target.compute_hash()
    raw_sql(
        f"UPDATE {TABLE} SET verb = %s, hash = %s WHERE id = %s",
        ["agency.viewed", forged, target.pk],
    )
    assert verify_chain().broken_at == trail[2].pk


def test_verify_audit_command_reports_the_first_broken_link(
    trail: list[AuditEvent], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_audit")
    assert "intact: 4 events" in capsys.readouterr().out
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [trail[2].pk])
    with pytest.raises(CommandError, match=f"event {trail[3].pk} does not follow event"):
        call_command("verify_audit")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("statement", ["UPDATE {t} SET verb = 'x'", "DELETE FROM {t}"])
def test_postgresql_refuses_update_and_delete(trail: list[AuditEvent], statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(t=TABLE))
    assert AuditEvent.objects.count() == len(trail)


def test_the_orm_cannot_save_over_an_event(trail: list[AuditEvent]) -> None:
    event = trail[0]
    event.verb = "something.else"
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save(force_insert=True)
