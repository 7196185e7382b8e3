"""`jobbro backup FILE` and `jobbro restore FILE`: the whole database, with a SHA-256
checksum beside it (FILE.sha256, the format `sha256sum -c` reads).

SQLite is copied with its online backup API (a consistent copy while Jobbro runs);
PostgreSQL with pg_dump/pg_restore in the custom format, when the client tools are
installed. A restore refuses a file whose checksum does not match, and refuses to
overwrite a database that holds data unless told to (--force).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import psycopg

# Tables that `jobbro migrate` fills by itself: a database with rows only in these
# holds no one's data yet, so a restore may go ahead without --force.
FILLED_BY_MIGRATE = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "municipalities_municipality",
    "municipalities_postalarea",
}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Said to the operator as it is (English, like every command-line message)."""


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksum(path: Path) -> str:
    checksum = sha256_of(path)
    sidecar(path).write_text(f"{checksum}  {path.name}\n")
    return checksum


def verify_checksum(path: Path) -> str:
    if not path.is_file():
        raise BackupError(f"No such backup file: {path}")
    try:
        expected = sidecar(path).read_text().split()[0]
    except (OSError, IndexError):
        raise BackupError(
            f"No checksum beside the backup ({sidecar(path)}): not restoring."
        ) from None
    actual = sha256_of(path)
    if actual != expected:
        raise BackupError(
            f"The backup's SHA-256 is {actual}, but {sidecar(path).name} says {expected}: "
            "the file is damaged or was changed. Not restoring."
        )
    return actual


def is_sqlite(config: dict) -> bool:
    return config["ENGINE"].endswith("sqlite3")


# -- SQLite ------------------------------------------------------------------------


def _sqlite(config: dict) -> sqlite3.Connection:
    name = str(config["NAME"])
    uri = name.startswith("file:")  # the test run's shared in-memory database
    return sqlite3.connect(name, uri=uri, timeout=config.get("OPTIONS", {}).get("timeout", 20))


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in rows)


def _sqlite_has_data(conn: sqlite3.Connection) -> bool:
    return any(
        conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
        for table in _sqlite_tables(conn)
        if table not in FILLED_BY_MIGRATE
    )


def _sqlite_backup(config: dict, path: Path) -> None:
    with closing(_sqlite(config)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)


def _sqlite_restore(config: dict, path: Path, force: bool) -> None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{path} is not an intact SQLite database.")
        with closing(_sqlite(config)) as target:
            _refuse_unless_empty(_sqlite_has_data(target), force)
            source.backup(target)


# -- PostgreSQL ----------------------------------------------------------------------


def _pg_env(config: dict) -> dict[str, str]:
    env = {
        "PGDATABASE": config["NAME"],
        "PGHOST": config.get("HOST") or "",
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": config.get("USER") or "",
        "PGPASSWORD": config.get("PASSWORD") or "",
        "PGSSLMODE": config.get("OPTIONS", {}).get("sslmode", ""),
    }
    return {key: value for key, value in env.items() if value}


def _pg_connect(config: dict) -> psycopg.Connection:
    env = _pg_env(config)
    names = {"PGDATABASE": "dbname", "PGHOST": "host", "PGPORT": "port", "PGUSER": "user"}
    names |= {"PGPASSWORD": "password", "PGSSLMODE": "sslmode"}
    params: dict[str, str] = {names[k]: v for k, v in env.items()}
    return psycopg.connect(conninfo=psycopg.conninfo.make_conninfo(**params), autocommit=True)


def pg_tables(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    )
    return [name for (name,) in rows]


def _pg_has_data(conn: psycopg.Connection) -> bool:
    return any(
        conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
        for table in pg_tables(conn)
        if table not in FILLED_BY_MIGRATE
    )


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the "
            "server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client)."
        )
    return found


def _run(command: list[str], config: dict) -> None:
    result = subprocess.run(
        command, env={**os.environ, **_pg_env(config)}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _pg_backup(config: dict, path: Path) -> None:
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}"], config)


def _pg_restore(config: dict, path: Path, force: bool) -> None:
    pg_restore = _tool("pg_restore")
    with path.open("rb") as stream:
        if stream.read(5) != b"PGDMP":
            raise BackupError(f"{path} is not a pg_dump custom-format file.")
    with closing(_pg_connect(config)) as conn:
        _refuse_unless_empty(_pg_has_data(conn), force)
    # --clean: a migrated but empty database already has the tables.
    command = [pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run([*command, "--exit-on-error", f"--dbname={config['NAME']}", str(path)], config)


# -- the two commands' work ------------------------------------------------------------


def _refuse_unless_empty(has_data: bool, force: bool) -> None:
    if has_data and not force:
        raise BackupError(
            "The database already holds data; a restore would replace all of it. "
            "Restore into an empty database, or add --force if that is what you want."
        )


def backup(config: dict, path: Path) -> str:
    """Write the database to ``path`` and its checksum beside it; returns the SHA-256."""
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        (_sqlite_backup if is_sqlite(config) else _pg_backup)(config, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)  # a backup holds everything: readable by its owner only
    return write_checksum(path)


def restore(config: dict, path: Path, *, force: bool) -> str:
    checksum = verify_checksum(path)
    (_sqlite_restore if is_sqlite(config) else _pg_restore)(config, path, force)
    return checksum
