"""`jobbro backup` → `jobbro restore` gives back the same database, table by table;
a damaged file and a database that holds data are refused."""

import hashlib
import io
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog
from jobbro.privacy import backup as backups
from jobbro.privacy.backup import BackupError, restore

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprint(config: dict) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of its rows, read through the DB driver."""
    if backups.is_sqlite(config):
        conn = backups._sqlite(config)
        tables = backups._sqlite_tables(conn)
    else:
        conn = backups._pg_connect(config)
        tables = backups.pg_tables(conn)
    result = {}
    with closing(conn):
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


@pytest.fixture
def scratch(tmp_path):
    """An empty database of the same engine to restore into."""
    config = dict(connection.settings_dict)
    if backups.is_sqlite(config):
        yield {**config, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{config['NAME']}_restore"
    admin = backups._pg_connect({**config, "NAME": "postgres"})
    with closing(admin):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**config, "NAME": name}
    with closing(backups._pg_connect({**config, "NAME": "postgres"})) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seeded_backup(tmp_path: Path) -> Path:
    call_command("seed-demo", "--municipalities", "1", "--citizens", "6", stdout=io.StringIO())
    log_access(None, AccessLog.Action.EXPORT, object_type="test", actor="test")
    path = tmp_path / "jobbro.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert "SHA-256" in out.getvalue() and backups.sidecar(path).exists()
    return path


def test_backup_then_restore_gives_back_every_table(tmp_path, scratch):
    path = seeded_backup(tmp_path)
    before = fingerprint(connection.settings_dict)
    assert before["citizens_citizen"][0] > 0 and before["accounts_accesslog"][0] > 0
    restore(scratch, path, force=False)
    assert fingerprint(scratch) == before


def test_a_file_whose_checksum_fails_is_refused(tmp_path, scratch):
    path = seeded_backup(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="damaged or was changed"):
        restore(scratch, path, force=False)
    backups.sidecar(path).unlink()
    with pytest.raises(BackupError, match="No checksum beside the backup"):
        restore(scratch, path, force=False)


def test_a_database_that_holds_data_is_not_overwritten_without_force(tmp_path, scratch):
    path = seeded_backup(tmp_path)
    restore(scratch, path, force=False)
    with pytest.raises(BackupError, match="already holds data"):
        restore(scratch, path, force=False)
    restore(scratch, path, force=True)
    assert fingerprint(scratch) == fingerprint(connection.settings_dict)


def test_the_commands_say_what_is_wrong(tmp_path):
    path = seeded_backup(tmp_path)
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(path))
    with pytest.raises(CommandError, match="already holds data"):  # the live database
        call_command("restore", str(path))


def test_without_pg_dump_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    config = {"ENGINE": "django.db.backends.postgresql", "NAME": "jobbro"}
    with pytest.raises(BackupError, match="pg_dump was not found.*postgresql-client"):
        backups.backup(config, tmp_path / "x.backup")
    assert not (tmp_path / "x.backup").exists()


def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    path = seeded_backup(tmp_path)
    assert path.stat().st_mode & 0o077 == 0


def test_sqlite_backups_are_sqlite_files(tmp_path):
    if not backups.is_sqlite(connection.settings_dict):
        pytest.skip("the PostgreSQL format is pg_dump's")
    path = seeded_backup(tmp_path)
    with closing(sqlite3.connect(path)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert psycopg  # imported for the PostgreSQL fixture
