from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "jobbro.transfer"
    verbose_name = _("Import og eksport")

    def ready(self) -> None:
        from jobbro.transfer import checks  # noqa: F401  (registers the system check)
