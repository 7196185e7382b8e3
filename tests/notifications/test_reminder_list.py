"""The reminder list: what the worker sent, for the municipality's admin and managers."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from jobbro.notifications.models import Reminder

pytestmark = pytest.mark.django_db
URL = reverse("notifications:reminder_list")


def reminder(municipality, n: int, **fields) -> Reminder:
    fields.setdefault("status", Reminder.Status.SENT)
    return Reminder.objects.create(
        municipality=municipality,
        kind=Reminder.Kind.FEEDBACK_MISSING,
        subject=f"placement:{n}:week:1",
        recipient=f"person{n}@example.dk",
        day=date(2026, 12, 11),
        claimed_at=datetime(2026, 12, 14, 7, n % 60, tzinfo=UTC),
        **fields,
    )


def test_the_admin_sees_the_municipalitys_reminders_and_the_failures(
    admin_user, municipality_a, municipality_b, client_for
):
    reminder(municipality_a, 1)
    reminder(municipality_a, 2, status=Reminder.Status.FAILED, error="Connection refused")
    reminder(municipality_b, 3)
    client = client_for(admin_user)
    html = client.get(URL).content.decode()
    assert "person1@example.dk" in html and "person2@example.dk" in html
    assert "person3@example.dk" not in html  # another municipality's
    assert "Fejlet (1)" in html and "Sendt (1)" in html
    failed = client.get(URL, {"status": "failed"}).content.decode()
    assert "Connection refused" in failed and "person1@example.dk" not in failed


def test_a_manager_may_look_too(manager, municipality_a, client_for):
    reminder(municipality_a, 1)
    assert "person1@example.dk" in client_for(manager).get(URL).content.decode()


@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "evaluator", "contact_person_user", "citizen_user"]
)
def test_other_roles_are_refused(role, request, client_for):
    assert client_for(request.getfixturevalue(role)).get(URL).status_code == 403


def test_the_list_pages_with_a_fixed_number_of_queries(
    admin_user, municipality_a, client_for, django_assert_max_num_queries
):
    for n in range(60):
        reminder(municipality_a, n)
    client = client_for(admin_user)
    client.get(URL)
    with django_assert_max_num_queries(10):
        first = client.get(URL)
    assert len(first.context["page"]) == 50
    assert "person0@example.dk" in client.get(URL, {"side": 2}).content.decode()
