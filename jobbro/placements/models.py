"""Placements (praktikker) and what belongs to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.municipalities.models import TenantModel
from jobbro.placements import followup


class ConversationKind(models.TextChoices):
    START = "start", _("Opstartssamtale")
    MIDWAY = "midway", _("Midtvejssamtale")
    FINAL = "final", _("Afslutningssamtale")


class FollowUpTemplate(TenantModel):
    """One version of a municipality's follow-up form for one kind of conversation."""

    kind = models.CharField(_("samtale"), max_length=10, choices=ConversationKind.choices)
    version = models.PositiveIntegerField(_("version"))
    questions = models.JSONField(_("spørgsmål"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "version"], name="followuptemplate_version_unique"
            )
        ]
        verbose_name = _("opfølgningsskema")
        verbose_name_plural = _("opfølgningsskemaer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def question_list(self) -> list[followup.Question]:
        return followup.from_data(self.questions)
