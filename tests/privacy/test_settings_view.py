"""The municipal admin sets how long closed courses are kept; nobody else may, a GET
writes nothing, and another municipality's setting is untouched."""

import pytest
from django.urls import reverse

from jobbro.privacy.models import RetentionRun, RetentionSettings
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("privacy:settings")


def test_the_admin_sees_the_default_and_nothing_is_written(admin_user, client_for):
    factories.citizen(admin_user.municipality)
    response = client_for(admin_user).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="60"' in html and "0 borgere" in html
    assert not RetentionSettings.objects.exists()


def test_the_admin_changes_the_period_of_their_own_municipality(
    admin_user, municipality_b, client_for
):
    other = RetentionSettings.objects.create(municipality=municipality_b, keep_months=24)
    response = client_for(admin_user).post(URL, {"keep_months": "84", "enabled": "on"})
    assert response.status_code == 302
    saved = RetentionSettings.objects.get(municipality=admin_user.municipality)
    assert (saved.keep_months, saved.enabled, saved.updated_by) == (84, True, admin_user)
    other.refresh_from_db()
    assert other.keep_months == 24


@pytest.mark.parametrize("months", ["3", "1000", ""])
def test_a_period_outside_the_limits_is_refused_in_danish(admin_user, client_for, months):
    response = client_for(admin_user).post(URL, {"keep_months": months})
    assert response.status_code == 200
    assert "Måneder et afsluttet forløb gemmes" in response.content.decode()
    assert response.context["form"].errors["keep_months"]
    assert not RetentionSettings.objects.exists()


@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "manager", "evaluator", "contact_person", "citizen"]
)
def test_other_roles_may_neither_read_nor_change_it(role, personas, client_for):
    client = client_for(personas[role])
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"keep_months": "6"}).status_code in (302, 403)
    assert not RetentionSettings.objects.exists()


def test_an_admin_of_another_municipality_changes_only_theirs(
    admin_user, municipality_b, client_for
):
    other_admin = factories.user("admin", municipality_b, username="admin.b")
    client_for(other_admin).post(URL, {"keep_months": "36"})
    assert RetentionSettings.for_municipality(admin_user.municipality_id).keep_months == 60
    assert RetentionSettings.for_municipality(municipality_b.pk).keep_months == 36


def test_the_page_shows_the_latest_runs_in_a_fixed_number_of_queries(
    admin_user, client_for, django_assert_max_num_queries
):
    client = client_for(admin_user)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for day in range(1, 25):
        RetentionRun.objects.create(
            day=f"2026-01-{day:02d}",
            source="command",
            actor="x",
            counts={"751": {"citizens": day, "enabled": True}},
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["runs"]) == 10
