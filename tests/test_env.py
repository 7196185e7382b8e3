"""Settings from the environment: typed helpers that fail loudly, and one clear
sentence (no traceback) when `jobbro` starts with bad configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobbro.env import ConfigError, env_bool, env_int, env_list, env_secret, parse_database_url

ROOT = Path(__file__).resolve().parent.parent


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ConfigError, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)


def test_env_int_rejects_text_and_too_small(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ConfigError, match="not a whole number"):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("N", 1, minimum=1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.dk, b.dk,,")
    assert env_list("HOSTS", []) == ["a.dk", "b.dk"]


def test_env_secret_reads_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert env_secret("TOKEN") == "s3cret"


def test_env_secret_names_an_unreadable_file(monkeypatch, tmp_path):
    monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="TOKEN_FILE=.* cannot be read"):
        env_secret("TOKEN")


def test_database_url_sqlite_relative_and_absolute():
    assert parse_database_url("sqlite:///var/x.sqlite3").name == "var/x.sqlite3"
    assert parse_database_url("sqlite:////tmp/x.sqlite3").name == "/tmp/x.sqlite3"


def test_database_url_postgres_parts():
    url = parse_database_url("postgres://jobbro:p%40ss@db.local:5433/jobbro?sslmode=require")
    config = url.as_django()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("jobbro", "jobbro", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.local", "5433")
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url",
    ["mysql://x@y/z", "postgres://host:5432/", "sqlite://", "postgres://h:notaport/db", "nonsense"],
)
def test_malformed_database_urls_are_refused(url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        parse_database_url(url)


def run_jobbro(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "jobbro", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_a_malformed_database_url_stops_with_one_sentence():
    result = run_jobbro("check", DATABASE_URL="mysql://root@localhost/jobbro", DEBUG="true")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Configuration error: DATABASE_URL='mysql://")


def test_production_start_without_secret_key_stops_with_one_sentence():
    result = run_jobbro("check", DEBUG="false")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_env_hours_reads_a_range_and_refuses_nonsense(monkeypatch):
    from jobbro.env import env_hours

    assert env_hours("JOBBRO_TEST_HOURS", (7, 20)) == (7, 20)
    monkeypatch.setenv("JOBBRO_TEST_HOURS", "6-22")
    assert env_hours("JOBBRO_TEST_HOURS", (7, 20)) == (6, 22)
    for bad in ("20-7", "7", "seven-8", "0-25"):
        monkeypatch.setenv("JOBBRO_TEST_HOURS", bad)
        with pytest.raises(ConfigError, match="JOBBRO_TEST_HOURS=.*FROM-TO"):
            env_hours("JOBBRO_TEST_HOURS", (7, 20))
