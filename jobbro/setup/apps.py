from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetupConfig(AppConfig):
    """Setting Jobbro up: a municipality's defaults, and adding users (``add-user``).

    The top of the layers (docs/architecture.md): it calls every app, no app calls it.
    """

    name = "jobbro.setup"
    verbose_name = _("Opsætning")
