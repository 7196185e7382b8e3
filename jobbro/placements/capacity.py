"""What placements tells companies (companies.seams): Jobbro's placements counted at a
workplace for the capacity rule (BEK 2636/2021 § 65), and the placements that make a
municipality one that works with a job contact person or workplace (sharing rules)."""

from datetime import date
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from jobbro.placements.models import Placement


class PlacementsAtWorkplaces:
    def used(self, start: date, end: date, exclude_placement_id: int | None) -> models.Expression:
        overlapping = (
            Placement.objects.current().overlapping(start, end).filter(workplace=OuterRef("pk"))
        )
        if exclude_placement_id is not None:
            overlapping = overlapping.exclude(pk=exclude_placement_id)
        counted = (
            overlapping.order_by().values("workplace").annotate(n=models.Count("id")).values("n")
        )
        return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)

    def relied_on(self, since: date) -> QuerySet[Any]:
        return Placement.objects.filter(
            Q(status__in=(Placement.Status.PLANNED, Placement.Status.ACTIVE))
            | Q(status=Placement.Status.COMPLETED, end_on__gte=since)
            | Q(status=Placement.Status.ENDED_EARLY, ended_on__gte=since)
        )
