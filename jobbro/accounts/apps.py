from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jobbro.accounts"
    verbose_name = _("Brugere og adgang")

    def ready(self) -> None:
        from jobbro import checks  # noqa: F401  (registers the system checks)
        from jobbro.accounts import mfa, sessions  # noqa: F401  (connects their receivers)
