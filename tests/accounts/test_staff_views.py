"""The jobcenter's staff list and staff page (manager and municipal admin)."""

import pytest
from django.urls import reverse

from jobbro.accounts.models import AccessLog
from tests import factories

pytestmark = pytest.mark.django_db


def test_list_shows_own_jobcenter_only(manager, caseworker, outsider, client_for):
    html = client_for(manager).get(reverse("accounts:staff_list")).content.decode()
    assert str(caseworker) in html
    assert str(outsider) not in html


def test_list_paginates_and_keeps_query_count_flat(
    manager, client_for, django_assert_max_num_queries
):
    for _ in range(60):
        factories.user("caseworker", manager.municipality)
    client = client_for(manager)
    with django_assert_max_num_queries(6):
        first = client.get(reverse("accounts:staff_list"))
    second = client.get(reverse("accounts:staff_list") + "?side=2")
    assert first.context["page"].paginator.count == 61
    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 11


def test_detail_is_logged(manager, caseworker, client_for):
    response = client_for(manager).get(reverse("accounts:staff_detail", args=[caseworker.pk]))
    assert response.status_code == 200
    assert AccessLog.objects.filter(object_id=str(caseworker.pk), username="leder.a").exists()


def test_detail_of_another_municipality_is_404(manager, outsider, client_for):
    response = client_for(manager).get(reverse("accounts:staff_detail", args=[outsider.pk]))
    assert response.status_code == 404


def test_caseworker_may_not_see_the_staff_list(caseworker, client_for):
    response = client_for(caseworker).get(reverse("accounts:staff_list"))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


def test_contact_person_may_not_see_staff(contact_person_user, caseworker, client_for):
    client = client_for(contact_person_user)
    assert client.get(reverse("accounts:staff_detail", args=[caseworker.pk])).status_code == 403
