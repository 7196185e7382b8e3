"""Municipalities and postal codes: shared reference data, the same for every tenant."""

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

# Official names in the genitive ('Københavns Kommune') and their plain form.
GENITIVE_NAMES = {"Københavns": "København", "Bornholms": "Bornholm"}


class Municipality(models.Model):
    # The official municipality number (101 København … 860 Hjørring) is the key, so
    # municipality_id means the same in every database and every shard.
    code = models.PositiveSmallIntegerField(_("kommunenummer"), primary_key=True)
    name = models.CharField(_("navn"), max_length=100)
    region_code = models.PositiveSmallIntegerField(_("regionsnummer"))
    region_name = models.CharField(_("region"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """'Aarhus' for 'Aarhus Kommune', 'København' for 'Københavns Kommune'."""
        name = self.name.removesuffix(" Kommune").removesuffix(" Regionskommune")
        return GENITIVE_NAMES.get(name, name)

    @property
    def jobcenter_name(self) -> str:
        return f"Jobcenter {self.short_name}"


class PostalArea(models.Model):
    """One postal code in one municipality; a code can span several municipalities."""

    postcode = models.CharField(_("postnummer"), max_length=4, db_index=True)
    town = models.CharField(_("by"), max_length=100)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["postcode", "municipality_id"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "municipality"], name="postalarea_unique")
        ]
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")

    def __str__(self) -> str:
        return f"{self.postcode} {self.town}"


class TenantQuerySet(models.QuerySet):
    def for_municipality(self, municipality_id: int) -> Self:
        return self.filter(municipality_id=municipality_id)


class TenantModel(models.Model):
    """A row that belongs to one municipality's jobcenter.

    It carries municipality_id itself (not through a join) so that scoping is one
    indexed filter and PostgreSQL can later be sharded on municipality (Citus).
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
