"""On PostgreSQL, refuse UPDATE and DELETE on a restore's records, as on the audit trail: the
gaps they list are what ``verify_audit`` accepts in a restored chain."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION backups_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'restore records are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER backups_restore_append_only
    BEFORE UPDATE OR DELETE ON backups_restore
    FOR EACH ROW EXECUTE FUNCTION backups_refuse_change();

CREATE TRIGGER backups_chaingap_append_only
    BEFORE UPDATE OR DELETE ON backups_chaingap
    FOR EACH ROW EXECUTE FUNCTION backups_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS backups_chaingap_append_only ON backups_chaingap;
DROP TRIGGER IF EXISTS backups_restore_append_only ON backups_restore;
DROP FUNCTION IF EXISTS backups_refuse_change();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("backups", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
