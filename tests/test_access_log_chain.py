"""The access log is append-only and chained: an edit, a gap or missing newest entries
are found by `jobbro verify-access-log`; the purge leaves an anchor it can check from."""

import io
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from jobbro.access import log_access
from jobbro.accounts.chain import GENESIS
from jobbro.accounts.models import AccessLog, AccessLogChain, purging

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL row locks and trigger"
)


def verify() -> str:
    out = io.StringIO()
    call_command("verify-access-log", stdout=out, stderr=out)
    return out.getvalue()


def verify_fails() -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="tampered with"):
        call_command("verify-access-log", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def tamper(sql: str, params=()) -> None:
    """What someone with the database's owner rights could do: switch the guard off."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS jobbro_accesslog_no_update")
        cursor.execute(sql, params)


def test_entries_are_chained_per_municipality(caseworker, outsider):
    for _ in range(3):
        log_access(caseworker, AccessLog.Action.READ, criteria={"q": "æøå"})
    log_access(outsider, AccessLog.Action.SEARCH)
    aarhus = list(AccessLog.objects.filter(chain=751).order_by("seq"))
    assert [e.seq for e in aarhus] == [1, 2, 3]
    assert aarhus[0].prev_hash == GENESIS
    assert [e.prev_hash for e in aarhus[1:]] == [e.hash for e in aarhus[:-1]]
    assert AccessLog.objects.get(chain=746).seq == 1
    assert AccessLogChain.objects.get(chain=751).last_hash == aarhus[-1].hash
    assert "Access log intact: 2 chain(s)" in verify()


def test_one_act_touching_many_citizens_is_one_append(caseworker):
    log_access(caseworker, AccessLog.Action.EXPORT, citizen_ids=range(1, 501))
    assert AccessLogChain.objects.get(chain=751).last_seq == 500
    assert "intact" in verify()


def test_an_update_is_refused_by_the_database(caseworker):
    log_access(caseworker, AccessLog.Action.READ)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.update(purpose="skjult")


@on_postgresql
def test_a_delete_outside_the_purge_is_refused_on_postgresql(caseworker):
    log_access(caseworker, AccessLog.Action.READ)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogChain.objects.update(last_seq=0)


def test_an_edited_entry_is_found(caseworker):
    for _ in range(3):
        log_access(caseworker, AccessLog.Action.READ)
    second = AccessLog.objects.get(seq=2)
    tamper("UPDATE accounts_accesslog SET username = 'en anden' WHERE id = %s", [second.pk])
    assert "chain 751, entry seq 2: its contents do not match its hash" in verify_fails()


def test_a_deleted_entry_is_found(caseworker):
    for _ in range(3):
        log_access(caseworker, AccessLog.Action.READ)
    with purging():  # as someone who knows the purge's setting could
        AccessLog.objects.filter(seq=2).delete()
    assert "entries 2–2 are missing" in verify_fails()


def test_missing_newest_entries_are_found(caseworker):
    for _ in range(3):
        log_access(caseworker, AccessLog.Action.READ)
    with purging():
        AccessLog.objects.filter(seq=3).delete()
    assert "newest entries are missing" in verify_fails()


def test_the_purge_leaves_an_anchor_that_verifies(caseworker, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    long_ago = timezone.now() - timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        log_access(caseworker, AccessLog.Action.READ)
        log_access(caseworker, AccessLog.Action.SEARCH)
    log_access(caseworker, AccessLog.Action.UPDATE)
    call_command("prune-access-log", stdout=io.StringIO())
    left = list(AccessLog.objects.order_by("seq").values_list("seq", "action"))
    assert left == [(3, "update"), (4, "delete")]
    record = AccessLog.objects.get(seq=4)
    assert record.criteria["purged_through_seq"] == 2 and record.criteria["rows"] == 2
    assert "intact" in verify()
    with purging():  # the first entry after the anchor goes too: a gap at the start
        AccessLog.objects.filter(seq=3).delete()
    assert "entries 1–3 are gone and no purge recorded" in verify_fails()


def test_deleting_a_user_keeps_the_chain_whole(caseworker, manager):
    log_access(caseworker, AccessLog.Action.READ)
    caseworker.delete()
    entry = AccessLog.objects.get()
    assert entry.user_id is None and entry.username == "cw.a"
    assert "intact" in verify()


def test_an_entry_written_past_append_is_refused(caseworker):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.create(username="x", role="", action="read", object_type="x")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(municipality_a, caseworker):
    def write(n: int) -> None:
        try:
            for _ in range(n):
                log_access(caseworker, AccessLog.Action.READ)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(25,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert AccessLogChain.objects.get(chain=751).last_seq == 100
    assert sorted(AccessLog.objects.values_list("seq", flat=True)) == list(range(1, 101))
    assert "intact" in verify()


def test_the_sqlite_trigger_compares_every_column_but_user_id():
    import importlib

    migration = importlib.import_module("jobbro.accounts.migrations.0002_accesslog_hash_chain")
    columns = {f.column for f in AccessLog._meta.concrete_fields} - {"user_id"}
    assert set(migration.SQLITE_COLUMNS) == columns


def test_criteria_of_every_json_kind_verify_after_the_round_trip(caseworker):
    criteria = {"q": "Ærø", "n": 10**20, "x": 1e20, "f": 0.1, "l": [1, None, True], "d": {}}
    log_access(caseworker, AccessLog.Action.SEARCH, criteria=criteria)
    assert AccessLog.objects.get().criteria["x"] == "1e+20"
    assert "intact" in verify()
