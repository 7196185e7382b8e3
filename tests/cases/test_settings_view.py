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
    assert MunicipalitySettings.objects.get(municipality_id=751).first_contact_days == 10
    bad = client.post(URL, data | {"follow_up_days": "0"})
    assert "follow_up_days" in bad.context["form"].errors
    assert MunicipalitySettings.objects.get(municipality_id=751).follow_up_days == 7


def test_the_admin_adds_a_target_group_and_a_template(admin_user, client_for):
    client = client_for(admin_user)
    client.post(URL, {"target_group": "1", "name": "Uddannelseshjælpsmodtager"})
    assert TargetGroup.objects.filter(name="Uddannelseshjælpsmodtager").exists()
    client.post(
        reverse("cases:template_create"),
        {"title": "Besøg en jobmesse", "description": "", "kind": "general", "is_active": "on"},
    )
    assert HomeworkTemplate.objects.filter(title="Besøg en jobmesse").exists()


def test_the_admin_switches_reminders_off_and_on_for_their_own_municipality(
    admin_user, municipality_b, client_for
):
    from tests import factories

    other_admin = factories.user("admin", municipality_b)
    client_for(other_admin).get(URL)  # B's settings exist, with reminders on
    client = client_for(admin_user)
    assert "Send påmindelser på e-mail" in client.get(URL).content.decode()
    response = client.post(URL, {"reminders": "1"}, follow=True)
    assert "Påmindelserne er slået fra." in response.content.decode()
    mine = MunicipalitySettings.objects.get(municipality=admin_user.municipality)
    assert mine.reminders_enabled is False
    assert MunicipalitySettings.objects.get(municipality=municipality_b).reminders_enabled
    client.post(URL, {"reminders": "1", "reminders_enabled": "on"})
    mine.refresh_from_db()
    assert mine.reminders_enabled is True


@pytest.mark.parametrize("role", ["caseworker", "consultant", "manager", "contact_person_user"])
def test_only_the_admin_switches_reminders(role, request, admin_user, client_for):
    client_for(admin_user).post(URL, {"reminders": "1", "reminders_enabled": "on"})
    response = client_for(request.getfixturevalue(role)).post(URL, {"reminders": "1"})
    assert response.status_code == 403
    assert MunicipalitySettings.objects.get(municipality_id=751).reminders_enabled is True
