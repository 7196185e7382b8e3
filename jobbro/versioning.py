"""Optimistic locking: every edit says which version of the row it started from.

``Versioned.claim(version)`` takes the next version with one conditional UPDATE
(``… SET version = version + 1 WHERE id = … AND version = N``). Zero rows means someone
else saved first: the model's ``stale()`` error (a ``StaleVersion``, HTTP 409) is raised
and, the caller being one transaction, nothing of the edit is written.
"""

from typing import Any, ClassVar

from django.db import models
from django.db.models import F

from jobbro.errors import StaleVersion


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)

    # Fields the claim's UPDATE also sets (e.g. updated_at), as name → value function.
    claim_also: ClassVar[dict[str, Any]] = {}

    class Meta:
        abstract = True

    def stale(self) -> StaleVersion:
        """The error when another save got there first (models word it for the user)."""
        return StaleVersion("Stale version.")

    def claim(self, version: int) -> None:
        """Take the next version, or raise ``stale()`` if another save got there first."""
        also = {name: value() for name, value in self.claim_also.items()}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=version)
            .update(version=F("version") + 1, **also)
        )
        if not updated:
            raise self.stale()
        self.version = version + 1
        for name, value in also.items():
            setattr(self, name, value)
