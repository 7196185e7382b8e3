"""Each role's landing page shows its worklist (or what to do next when empty)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_manager_sees_staff_counts_of_own_jobcenter_only(
    manager, caseworker, consultant, outsider, client_for
):
    factories.user("caseworker", manager.municipality)
    html = client_for(manager).get("/").content.decode()
    assert '<p class="figure">2</p><p>Sagsbehandler</p>' in html
    assert '<p class="figure">1</p><p>Virksomhedskonsulent</p>' in html


def test_caseworker_without_cases_is_told_what_happens_next(caseworker, client_for):
    html = client_for(caseworker).get("/").content.decode()
    assert "Du har ingen forløb endnu" in html


def test_evaluator_sees_only_aggregated_figures(evaluator, caseworker, outsider, client_for):
    html = client_for(evaluator).get("/").content.decode()
    assert '<p class="figure">2</p><p>kommuner bruger Jobbro</p>' in html
    assert caseworker.last_name not in html


def test_contact_person_sees_their_workplace(contact_person_user, client_for):
    html = client_for(contact_person_user).get("/").content.decode()
    workplace = contact_person_user.contact_person.workplace
    assert f"Jobkontaktperson hos {workplace.name}." in html


@pytest.mark.parametrize("role", ["caseworker", "manager", "evaluator", "contact_person"])
def test_landing_page_query_count_is_constant(
    role, personas, client_for, django_assert_max_num_queries
):
    client = client_for(personas[role])
    client.get("/")
    for _ in range(20):
        factories.user("caseworker", personas["manager"].municipality)
    # 6, plus 2 for the worklist's search entry in the hash-chained access log (its
    # chain head is advanced with one upsert before the row is written).
    with django_assert_max_num_queries(8):
        client.get("/")
