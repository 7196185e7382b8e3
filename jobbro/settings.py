"""Jobbro settings: one file, driven by environment variables (docs/configuration.md)."""

from pathlib import Path

from jobbro.env import (
    ConfigError,
    env_bool,
    env_hours,
    env_int,
    env_list,
    env_secret,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("JOBBRO_VAR_DIR") or PROJECT_DIR / "var")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError(
            "SECRET_KEY is not set; set SECRET_KEY (or SECRET_KEY_FILE) to a long random "
            "string, or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Behind a TLS-terminating proxy in production: secure cookies and HSTS.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

INSTALLED_APPS = [
    "jobbro.municipalities",
    "jobbro.accounts",
    "jobbro.companies",
    "jobbro.citizens",
    "jobbro.cases",
    "jobbro.api",
    "jobbro.placements",
    "jobbro.matching",
    "jobbro.transfer",
    "jobbro.portal",
    "jobbro.notifications",
    "jobbro.privacy",
    "jobbro.demo",
    "jobbro.setup",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jobbro.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jobbro.urls"
WSGI_APPLICATION = "jobbro.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobbro.accounts.context_processors.navigation",
            ],
            "builtins": ["jobbro.access_tags"],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jobbro.sqlite3'}"
    ).as_django()
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Jobbro <noreply@jobbro.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Portals: job contact persons and citizens sign in with an emailed one-time link.
SIGNIN_LINK_MINUTES = env_int("SIGNIN_LINK_MINUTES", 30, minimum=5)
SIGNIN_RATE_PER_EMAIL = env_int("SIGNIN_RATE_PER_EMAIL", 3, minimum=1)
SIGNIN_RATE_PER_IP = env_int("SIGNIN_RATE_PER_IP", 20, minimum=1)
SIGNIN_RATE_WINDOW_MINUTES = env_int("SIGNIN_RATE_WINDOW_MINUTES", 15, minimum=1)
PORTAL_SESSION_DAYS = env_int("PORTAL_SESSION_DAYS", 14, minimum=1)
CITIZEN_IDENTITY_PROVIDER = env_str(
    "CITIZEN_IDENTITY_PROVIDER", "jobbro.portal.identity.EmailLinkProvider"
)

# Matching: the workplace index is built once per process and reused this many seconds
# (0 = rebuild on every request); capacity and agreements may lag by at most this much.
MATCHING_INDEX_SECONDS = env_int("MATCHING_INDEX_SECONDS", 300, minimum=0)
# `jobbro worker`: seconds between its passes over the database for due reminders.
WORKER_INTERVAL_SECONDS = env_int("WORKER_INTERVAL_SECONDS", 60, minimum=1)
# ... and the local hours in which the looping worker sends (nobody wants mail at 3 a.m.).
WORKER_SEND_HOURS = env_hours("WORKER_SEND_HOURS", (7, 20))

# Datatilsynet's guidance: keep the access log, then delete it deliberately.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 5 * 365, minimum=30)
# The daily retention run (docs/privacy.md) also prunes what has served its purpose:
# spent or expired sign-in links and link requests, reminders, untouched feedback drafts.
SIGNIN_KEEP_DAYS = env_int("SIGNIN_KEEP_DAYS", 7, minimum=1)
REMINDER_KEEP_DAYS = env_int("REMINDER_KEEP_DAYS", 90, minimum=7)
DRAFT_KEEP_DAYS = env_int("DRAFT_KEEP_DAYS", 60, minimum=7)

# Import (web and `jobbro import`): refused before reading when larger, and an XLSX is
# refused when its unpacked parts or its rows exceed these (zip bombs, runaway sheets).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 300 * 1024 * 1024, minimum=1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

SILENCED_SYSTEM_CHECKS: list[str] = []
