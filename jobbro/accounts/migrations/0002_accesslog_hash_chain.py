# The access log becomes append-only: a hash chain per municipality, a head row per
# chain that writers lock, and (PostgreSQL) a trigger refusing UPDATE and DELETE except
# by the retention purge. SQLite gets a trigger refusing UPDATE. Existing entries are
# chained in id order before the trigger is created.

import django.utils.timezone
from django.db import migrations, models

GENESIS = "0" * 64

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION jobbro_accesslog_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('jobbro.purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'accounts_accesslog is append-only: DELETE only by the retention purge'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Deleting a user clears user_id (ON DELETE SET NULL); nothing else may change.
    IF NEW.user_id IS NULL AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'accounts_accesslog is append-only: UPDATE refused'
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE OR REPLACE FUNCTION jobbro_accesslogchain_forward_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('jobbro.purge', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'accounts_accesslogchain: DELETE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.chain <> OLD.chain OR NEW.last_seq < OLD.last_seq THEN
        RAISE EXCEPTION 'accounts_accesslogchain only moves forward'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER jobbro_accesslog_append_only BEFORE UPDATE OR DELETE ON accounts_accesslog
    FOR EACH ROW EXECUTE FUNCTION jobbro_accesslog_append_only();
CREATE TRIGGER jobbro_accesslogchain_forward_only
    BEFORE UPDATE OR DELETE ON accounts_accesslogchain
    FOR EACH ROW EXECUTE FUNCTION jobbro_accesslogchain_forward_only();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS jobbro_accesslog_append_only ON accounts_accesslog;
DROP TRIGGER IF EXISTS jobbro_accesslogchain_forward_only ON accounts_accesslogchain;
DROP FUNCTION IF EXISTS jobbro_accesslog_append_only();
DROP FUNCTION IF EXISTS jobbro_accesslogchain_forward_only();
"""
# SQLite has no session settings to let only the purge through, and Django's flush
# deletes rows, so SQLite refuses UPDATE only (a deleted user's id may be cleared);
# deletions there are caught by `jobbro verify-access-log`. Keep the column list in
# step with the model.
SQLITE_COLUMNS = (
    "id at municipality_id username role action object_type object_id citizen_id "
    "purpose criteria chain seq prev_hash hash"
).split()
SQLITE_TRIGGER = """
CREATE TRIGGER jobbro_accesslog_no_update BEFORE UPDATE ON accounts_accesslog
WHEN NOT (NEW.user_id IS NULL AND {same})
BEGIN SELECT RAISE(ABORT, 'accounts_accesslog is append-only: UPDATE refused'); END;
""".format(same=" AND ".join(f"NEW.{c} IS OLD.{c}" for c in SQLITE_COLUMNS))
SQLITE_DROP = "DROP TRIGGER IF EXISTS jobbro_accesslog_no_update;"


def chain_existing(apps, schema_editor):
    from jobbro.accounts.chain import chain_key, entry_hash

    AccessLog = apps.get_model("accounts", "AccessLog")
    AccessLogChain = apps.get_model("accounts", "AccessLogChain")
    heads = {}
    for entry in AccessLog.objects.order_by("id").iterator(chunk_size=2000):
        key = chain_key(entry.municipality_id)
        seq, prev = heads.get(key, (0, GENESIS))
        entry.chain, entry.seq, entry.prev_hash = key, seq + 1, prev
        entry.hash = entry_hash(prev, {name: getattr(entry, name) for name in FIELDS})
        entry.save(update_fields=["chain", "seq", "prev_hash", "hash"])
        heads[key] = (entry.seq, entry.hash)
    AccessLogChain.objects.bulk_create(
        [AccessLogChain(chain=k, last_seq=s, last_hash=h) for k, (s, h) in heads.items()]
    )


FIELDS = (
    "chain seq at municipality_id username role action object_type object_id citizen_id "
    "purpose criteria"
).split()


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AccessLogChain",
            fields=[
                ("chain", models.PositiveIntegerField(primary_key=True, serialize=False)),
                ("last_seq", models.BigIntegerField(default=0)),
                ("last_hash", models.CharField(default=GENESIS, max_length=64)),
            ],
        ),
        migrations.AddField(
            model_name="accesslog",
            name="chain",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="seq",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="tidspunkt"),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("read", "Opslag"),
                    ("search", "Søgning"),
                    ("create", "Oprettelse"),
                    ("update", "Ændring"),
                    ("export", "Udtræk"),
                    ("delete", "Sletning"),
                    ("anonymise", "Anonymisering"),
                ],
                max_length=10,
                verbose_name="handling",
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="accesslog",
            name="seq",
            field=models.BigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="accesslog",
            constraint=models.UniqueConstraint(
                fields=("chain", "seq"), name="accesslog_chain_seq_unique"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
