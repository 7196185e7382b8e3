"""The company services hold the editing rule themselves (an editor role and a relation
to the company), so the API and any later caller cannot go around the views."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from jobbro.companies import services
from jobbro.companies.models import CompanyVisit, CooperationAgreement, TrainingRecord
from tests import factories

pytestmark = pytest.mark.django_db


def test_agreements_visits_and_training_need_a_relation_to_the_company(consultant):
    stranger = factories.workplace()  # a company another municipality registered
    person = factories.contact_person(stranger)
    agreement = CooperationAgreement(
        workplace=stranger, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)
    )
    visit = CompanyVisit(
        company=stranger.company, visited_on=date(2026, 3, 2), consultant=consultant, purpose="x"
    )
    training = TrainingRecord(contact_person=person, course="Kursus", held_on=date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.agreement_save(user=consultant, agreement=agreement)
    with pytest.raises(PermissionDenied):
        services.visit_save(user=consultant, visit=visit)
    with pytest.raises(PermissionDenied):
        services.training_create(user=consultant, training=training)
    assert not CooperationAgreement.objects.exists()
    assert not CompanyVisit.objects.exists() and not TrainingRecord.objects.exists()


def test_with_a_relation_the_agreement_is_the_municipalitys(consultant, municipality_a):
    place = factories.workplace(factories.company(municipality=municipality_a))
    agreement = services.agreement_save(
        user=consultant,
        agreement=CooperationAgreement(
            workplace=place, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)
        ),
    )
    assert (agreement.municipality_id, agreement.created_by) == (751, consultant)
