"""Jobbro settings: one file, driven by environment variables (docs/configuration.md)."""

from datetime import timedelta
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
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Staff sessions: at most SESSION_COOKIE_AGE seconds (8 hours at most) from sign-in, and
# they end after SESSION_IDLE_MINUTES without a request (jobbro.accounts.sessions).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300, maximum=8 * 3600)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1, maximum=8 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# The address a request came from: X-Forwarded-For is believed only from these proxies
# (the same list gunicorn trusts for X-Forwarded-Proto in `jobbro serve`).
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])

# Content-Security-Policy (django-csp): scripts and styles only from our own static files,
# no inline script, no inline event handler (htmx runs with allowEval off, base.html).
# The TOTP QR code is an inline SVG data: image; WebAuthn needs nothing more.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features Jobbro never uses are switched off; WebAuthn (passkeys) stays for self.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)

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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
]

MIDDLEWARE = [
    # /healthz answers before any session, log or authentication is touched.
    "jobbro.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "jobbro.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jobbro.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: both sign a user out with a message saying why.
    "jobbro.accounts.sessions.SessionTimeoutMiddleware",
    "jobbro.accounts.mfa.SecondFactorMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns axes' lockout of a sign-in into the Danish lockout page.
    "axes.middleware.AxesMiddleware",
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

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# ASVS 2.1: at least 12 characters, not a common password, not like the user's name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in (django-allauth): username and password, then the second factor. Nobody signs
# up: users are created by an administrator (`jobbro add-user`, `/drift/`).
ACCOUNT_ADAPTER = "jobbro.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
# Tell staff by e-mail when their password or second factor changes (accounts/notify.py).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"login": "jobbro.accounts.forms.LoginForm"}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_REAUTHENTICATION_METHODS = {"password", "mfa"}
MFA_ADAPTER = "jobbro.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Jobbro"
MFA_RECOVERY_CODE_COUNT = 10
# One 30-second step either side for a phone's clock drift (RFC 6238 § 5.2); a code
# still works only once (allauth remembers used codes).
MFA_TOTP_TOLERANCE = 1
# Staff e-mail addresses are set by their administrator, not verified by allauth.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# WebAuthn needs a secure origin; http://127.0.0.1 (the demo) is allowed only without HTTPS.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not HTTPS
MFA_FORMS = {
    "activate_totp": "jobbro.accounts.forms.ActivateTOTPForm",
    "authenticate": "jobbro.accounts.forms.AuthenticateForm",
    "reauthenticate": "jobbro.accounts.forms.ReauthenticateForm",
}

# Throttling (docs/configuration.md "Sign-in limits"): an account is locked after
# LOGIN_FAILURE_LIMIT failed passwords (django-axes, released by the municipal admin or
# after LOGIN_LOCKOUT_MINUTES); one address may fail LOGIN_FAILURES_PER_IP times per
# window (allauth's rate limit, which also limits guessing second-factor codes).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 30, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "jobbro.accounts.client.signin_username"
AXES_CLIENT_IP_CALLABLE = "jobbro.accounts.client.client_ip"
AXES_LOCKOUT_CALLABLE = "jobbro.accounts.views.locked_out"
# Failed attempts are what a lockout needs; successful sign-ins are not logged twice.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
_window = LOGIN_LOCKOUT_MINUTES * 60
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{LOGIN_FAILURES_PER_IP}/{_window}s/ip,{2 * LOGIN_FAILURE_LIMIT}/{_window}s/key"
    ),
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}

# Allauth's rate limits and the MFA counters live in the cache: a table in the database,
# so every process and machine counts together (created by accounts' migration 0003).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jobbro_cache",
    }
}

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
if env_str("PORTAL_SESSION_DAYS"):
    raise ConfigError(
        "PORTAL_SESSION_DAYS is replaced by PORTAL_SESSION_HOURS (at most 12); remove it."
    )
PORTAL_SESSION_HOURS = env_int("PORTAL_SESSION_HOURS", 12, minimum=1, maximum=12)
PASSWORD_RESET_RATE_PER_EMAIL = env_int("PASSWORD_RESET_RATE_PER_EMAIL", 3, minimum=1)
PASSWORD_RESET_RATE_PER_IP = env_int("PASSWORD_RESET_RATE_PER_IP", 20, minimum=1)
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
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # axes logs every sign-in at INFO (with the path); failures are what matter.
        "axes": {"level": "WARNING"},
    },
}

# The API's docs and OpenAPI schema: for signed-in users only, unless opened on purpose.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)

SILENCED_SYSTEM_CHECKS: list[str] = [
    # axes locks accounts only; the per-address limit is allauth's (LOGIN_FAILURES_PER_IP,
    # above), higher than an account's so a jobcenter behind one NAT address is not locked
    # out together by a few colleagues' typing errors.
    "axes.W006",
]
