"""System checks refuse a production start with unsafe settings."""

from jobbro.checks import check_production_settings


def ids(settings) -> set[str]:
    return {message.id for message in check_production_settings(None)}


def test_safe_production_settings_pass(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 50
    settings.ALLOWED_HOSTS = ["jobbro.aarhus.dk"]
    settings.HTTPS = True
    assert ids(settings) == set()


def test_debug_with_public_hosts_is_an_error(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["jobbro.aarhus.dk"]
    assert "jobbro.E001" in ids(settings)


def test_short_secret_key_is_an_error(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "short"
    assert "jobbro.E002" in ids(settings)


def test_wildcard_hosts_is_an_error(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    assert "jobbro.E003" in ids(settings)


def test_public_hosts_without_https_warn(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 50
    settings.ALLOWED_HOSTS = ["jobbro.aarhus.dk"]
    settings.HTTPS = False
    assert ids(settings) == {"jobbro.W001"}
