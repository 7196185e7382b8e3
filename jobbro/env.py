"""Typed readers for environment variables that fail loudly on bad values.

Every variable Jobbro reads is documented in docs/configuration.md; a value that
cannot be parsed stops the start with one sentence naming the variable.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A configuration value is missing or malformed; the message says how to fix it."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} is too small; it must be at least {minimum}.")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}={value} is too large; it must be at most {maximum}.")
    return value


def env_hours(name: str, default: tuple[int, int]) -> tuple[int, int]:
    """ "7-20" → (7, 20): from 07:00 up to (not including) 20:00 local time."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    first, sep, last = raw.strip().partition("-")
    try:
        start, end = int(first), int(last)
    except ValueError:
        start, end = -1, -1
    if not sep or not 0 <= start < end <= 24:
        raise ConfigError(
            f"{name}={raw!r} is not a range of hours; write FROM-TO with 0 <= FROM < TO <= 24, "
            "e.g. 7-20."
        )
    return start, end


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ConfigError(
                f"{name}_FILE={file_name!r} cannot be read: {exc.strerror}."
            ) from None
    return os.environ.get(name, default).strip()


@dataclass(frozen=True)
class DatabaseUrl:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: tuple[tuple[str, str], ...] = ()

    def as_django(self) -> dict:
        config: dict[str, Any] = {"ENGINE": self.engine, "NAME": self.name}
        if self.engine.endswith("sqlite3"):
            # WAL lets readers work while the worker writes; a busy timeout
            # instead of "database is locked" under concurrent requests.
            config["OPTIONS"] = {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            }
            return config
        config.update(USER=self.user, PASSWORD=self.password, HOST=self.host, PORT=self.port)
        config["OPTIONS"] = dict(self.options)
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        return config


_DB_HELP = "use sqlite:///path/to/file.sqlite3 or postgres://user:password@host:5432/name"


def parse_database_url(url: str) -> DatabaseUrl:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise ConfigError(f"DATABASE_URL={url!r} has no database file; {_DB_HELP}.")
        # sqlite:///var/db.sqlite3 is relative, sqlite:////abs/db.sqlite3 absolute.
        return DatabaseUrl("django.db.backends.sqlite3", path[1:] if path.startswith("/") else path)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ConfigError(f"DATABASE_URL={url!r} names no database; {_DB_HELP}.")
        try:
            port = str(parts.port or "")
        except ValueError:
            raise ConfigError(f"DATABASE_URL={url!r} has an invalid port; {_DB_HELP}.") from None
        return DatabaseUrl(
            "django.db.backends.postgresql",
            name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=parts.hostname or "",
            port=port,
            options=tuple(parse_qsl(parts.query)),
        )
    raise ConfigError(f"DATABASE_URL={url!r} is not supported; {_DB_HELP}.")
