"""Users list and revoke their own API tokens; an admin manages the jobcenter's."""

import pytest
from django.urls import reverse

from jobbro.api.models import ApiToken
from jobbro.api.services import token_create

pytestmark = pytest.mark.django_db


def test_a_user_sees_only_own_tokens(caseworker, consultant, client_for):
    token_create(user=caseworker, name="Mit script")
    token_create(user=consultant, name="Andens script")
    html = client_for(caseworker).get(reverse("api_tokens:list")).content.decode()
    assert "Mit script" in html and "Andens script" not in html


def test_an_admin_sees_the_jobcenters_tokens_only(admin_user, caseworker, outsider, client_for):
    token_create(user=caseworker, name="Aarhus-script")
    token_create(user=outsider, name="Skanderborg-script")
    html = client_for(admin_user).get(reverse("api_tokens:list")).content.decode()
    assert "Aarhus-script" in html and "Skanderborg-script" not in html


def test_revoking_own_token(caseworker, client_for):
    token, _plain = token_create(user=caseworker)
    response = client_for(caseworker).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_colleague_cannot_revoke_my_token(caseworker, consultant, client_for):
    token, _plain = token_create(user=caseworker)
    response = client_for(consultant).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_an_admin_of_another_municipality_gets_404(caseworker, municipality_b, client_for):
    from tests import factories

    other_admin = factories.user("admin", municipality_b)
    token, _plain = token_create(user=caseworker)
    response = client_for(other_admin).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 404


def test_job_contact_persons_and_citizens_have_no_token_pages(
    contact_person_user, citizen_user, caseworker, client_for
):
    token, _plain = token_create(user=caseworker)
    for person in (contact_person_user, citizen_user):
        client = client_for(person)
        assert client.get(reverse("api_tokens:list")).status_code == 403
        assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 403


def test_token_list_query_count_is_flat(caseworker, client_for, django_assert_max_num_queries):
    for n in range(30):
        token_create(user=caseworker, name=f"n{n}")
    client = client_for(caseworker)
    with django_assert_max_num_queries(6):
        client.get(reverse("api_tokens:list"))
