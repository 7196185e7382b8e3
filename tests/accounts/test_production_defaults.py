"""Production defaults (issue 14.5): headers, /healthz, jobbro serve's refusals,
`jobbro check --deploy` with the documented production settings, exports by role."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse

from jobbro.access import RULES
from jobbro.accounts.roles import Role
from jobbro.transfer.kinds import KINDS
from tests import factories

ROOT = Path(__file__).resolve().parents[2]

# The production settings docs/configuration.md documents ("A production start").
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "Vx3kq9-Tr2mZ8wLp0Yc7sHn4bGf1JdE6uQa5oRi_Nt8KyWl2Ps9",
    "ALLOWED_HOSTS": "jobbro.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://jobbro.example.dk",
    "SITE_URL": "https://jobbro.example.dk",
    "HTTPS": "true",
    "USE_X_FORWARDED_PROTO": "true",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_check_deploy_with_the_documented_production_settings_prints_no_warnings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env |= PRODUCTION_ENV | {"JOBBRO_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "jobbro", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get(reverse("account_login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_an_inline_script_or_handler():
    offenders = []
    for template in (ROOT / "jobbro" / "templates").rglob("*.html"):
        text = template.read_text()
        for needle in ("<script>", "hx-on", " onclick=", " onchange=", " onsubmit=", "style="):
            if needle in text:
                offenders.append(f"{template.relative_to(ROOT)}: {needle}")
    assert not offenders


@pytest.mark.django_db
def test_healthz_answers_without_session_log_or_sign_in(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "Set-Cookie" not in response.headers and not response.cookies


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("gone")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert client.get("/healthz").status_code == 503


@pytest.fixture
def no_exec(monkeypatch, settings, tmp_path):
    started = []
    monkeypatch.setattr(os, "execv", lambda *args: started.append(args))
    settings.STATIC_ROOT = tmp_path
    return started


@pytest.mark.django_db
def test_serve_refuses_other_hosts_without_https_or_with_console_mail(settings, no_exec):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["jobbro.example.dk"]
    settings.HTTPS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(CommandError) as refusal:
        call_command("serve", "--host", "127.0.0.1")
    assert "HTTPS" in str(refusal.value) and "does not deliver mail" in str(refusal.value)
    settings.HTTPS = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    call_command("serve", "--host", "127.0.0.1")
    assert no_exec


@pytest.mark.django_db
def test_serve_refuses_a_public_bind_with_the_demo_key(settings, no_exec, municipality_a):
    from allauth.mfa.models import Authenticator

    from jobbro.demo.seed import DEMO_TOTP_SECRET

    user = factories.user("caseworker", municipality_a)
    Authenticator.objects.create(user=user, type="totp", data={"secret": DEMO_TOTP_SECRET})
    settings.DEBUG, settings.HTTPS = False, True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with pytest.raises(CommandError, match="demo authenticator key"):
        call_command("serve", "--host", "0.0.0.0")
    # The local demo (make run: DEBUG off, this machine only, console mail) still starts.
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.HTTPS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("serve", "--host", "127.0.0.1")
    assert no_exec


EXPORT_READS = {"citizens": "citizen.view", "companies": "company.view"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_export_kind_follows_the_role_table(kind, role, personas, client_for):
    url = reverse("transfer:export", args=[kind, "csv"])
    may = role in RULES["transfer.export"] and role in RULES[KINDS[kind].read_action]
    status = client_for(personas[role]).get(url).status_code
    assert status == (200 if may else 403), (kind, role, status)


@pytest.mark.django_db
def test_the_municipal_admin_may_not_download_citizens(admin_user, client_for):
    factories.citizen(admin_user.municipality)
    client = client_for(admin_user)
    assert client.get("/borgere/").status_code == 403
    assert client.get(reverse("transfer:export", args=["citizens", "xlsx"])).status_code == 403
    page = client.get(reverse("transfer:import")).content.decode()
    assert 'value="citizens"' not in page
