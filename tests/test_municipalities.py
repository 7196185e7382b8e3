"""The 98 municipalities and the postal-code table come from the bundled PostNord file."""

import pytest
from django.db.models import Count

from jobbro.municipalities.models import Municipality, PostalArea

pytestmark = pytest.mark.django_db


def test_all_98_municipalities_are_loaded_without_christianso():
    assert Municipality.objects.count() == 98
    assert not Municipality.objects.filter(code=411).exists()


def test_municipality_has_code_name_and_region():
    aarhus = Municipality.objects.get(code=751)
    assert (aarhus.name, aarhus.region_name) == ("Aarhus Kommune", "Region Midtjylland")
    assert Municipality.objects.get(code=101).region_name == "Region Hovedstaden"


def test_every_region_is_represented():
    assert Municipality.objects.values("region_code").distinct().count() == 5


def test_postcode_maps_to_municipality():
    assert PostalArea.objects.get(postcode="8000").municipality_id == 751
    assert PostalArea.objects.get(postcode="0800").municipality_id == 169


def test_a_postcode_can_span_several_municipalities():
    spanning = PostalArea.objects.values("postcode").annotate(n=Count("id")).filter(n__gt=1)
    assert spanning.exists()


@pytest.mark.parametrize(
    ("code", "jobcenter"),
    [(751, "Jobcenter Aarhus"), (101, "Jobcenter København"), (400, "Jobcenter Bornholm")],
)
def test_jobcenter_name_reads_naturally(code, jobcenter):
    assert Municipality.objects.get(code=code).jobcenter_name == jobcenter
