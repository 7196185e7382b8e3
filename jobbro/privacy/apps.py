from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "jobbro.privacy"
    label = "privacy"
    verbose_name = _("Databeskyttelse")

    def ready(self) -> None:
        from jobbro.notifications import daily
        from jobbro.privacy.services import retention_daily_job

        daily.register(retention_daily_job)
