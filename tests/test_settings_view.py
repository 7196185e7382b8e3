"""The municipal admin's settings: waiting-time limits, target groups, homework templates."""

import pytest
from django.urls import reverse

from jobbro.cases.models import HomeworkTemplate, MunicipalitySettings
from jobbro.citizens.models import TargetGroup

pytestmark = pytest.mark.django_db
URL = reverse("cases:settings")


def test_defaults_are_14_14_21(admin_user, client_for):
    client_for(admin_user).get(URL)
    found = MunicipalitySettings.objects.get(municipality=admin_user.municipality)
    assert (found.first_contact_days, found.follow_up_days, found.match_to_start_days) == (
        14,
        14,
        21,
    )
    assert set(HomeworkTemplate.objects.values_list("title", flat=True)) == {
        "Find tre ønskearbejdspladser",
        "Kontakt en virksomhed om en jobåbning",
        "Opdater dit CV",
    }
    assert TargetGroup.objects.filter(name="Dagpengemodtager").exists()


def test_the_admin_changes_the_limits(admin_user, client_for):
    client = client_for(admin_user)
    data = {
        "limits": "1",
        "first_contact_days": "10",
        "follow_up_days": "7",
        "match_to_start_days": "21",
    }
    assert client.post(URL, data).status_code == 302
    assert MunicipalitySettings.objects.get().first_contact_days == 10
    bad = client.post(URL, data | {"follow_up_days": "0"})
    assert "follow_up_days" in bad.context["form"].errors
    assert MunicipalitySettings.objects.get().follow_up_days == 7


def test_the_admin_adds_a_target_group_and_a_template(admin_user, client_for):
    client = client_for(admin_user)
    client.post(URL, {"target_group": "1", "name": "Uddannelseshjælpsmodtager"})
    assert TargetGroup.objects.filter(name="Uddannelseshjælpsmodtager").exists()
    client.post(
        reverse("cases:template_create"),
        {"title": "Besøg en jobmesse", "description": "", "kind": "general", "is_active": "on"},
    )
    assert HomeworkTemplate.objects.filter(title="Besøg en jobmesse").exists()
