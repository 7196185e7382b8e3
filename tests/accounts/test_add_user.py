"""`jobbro add-user USERNAME --role ROLE --municipality CODE [--password-stdin]`."""

import io

import pytest
from django.core.management import CommandError, call_command

from jobbro.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def add_user(*args: str) -> str:
    out = io.StringIO()
    call_command("add-user", *args, stdout=out)
    return out.getvalue()


def test_it_creates_a_caseworker_in_a_municipality():
    output = add_user("mette", "--role", "caseworker", "--municipality", "751")
    user = User.objects.get(username="mette")
    assert (user.role, user.municipality_id) == ("caseworker", 751)
    assert "Created mette (caseworker) in Aarhus Kommune." in output
    assert not user.has_usable_password()


def test_it_reads_the_password_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("long-secret-password\n"))
    add_user("lars", "--role", "manager", "--municipality", "746", "--password-stdin")
    assert User.objects.get(username="lars").check_password("long-secret-password")


def test_it_refuses_an_unknown_role():
    with pytest.raises(CommandError, match=r"Unknown role 'boss'; use one of: caseworker, "):
        add_user("x", "--role", "boss", "--municipality", "751")
    assert not User.objects.exists()


def test_it_refuses_an_unknown_municipality_code():
    with pytest.raises(CommandError, match="No municipality has code '999'"):
        add_user("x", "--role", "caseworker", "--municipality", "999")


def test_staff_need_a_municipality():
    with pytest.raises(CommandError, match="belongs to a jobcenter; give --municipality"):
        add_user("x", "--role", "consultant")


def test_an_evaluator_needs_no_municipality():
    add_user("eva", "--role", "evaluator")
    assert User.objects.get(username="eva").municipality is None


def test_a_taken_username_is_refused():
    add_user("mette", "--role", "caseworker", "--municipality", "751")
    with pytest.raises(CommandError, match="'mette' is taken"):
        add_user("mette", "--role", "caseworker", "--municipality", "751")


def test_a_contact_person_is_linked_to_a_workplace():
    place = factories.workplace()
    add_user("jens", "--role", "contact_person", "--p-number", place.p_number)
    assert User.objects.get(username="jens").contact_person.workplace == place


def test_a_contact_person_needs_a_known_workplace():
    with pytest.raises(CommandError, match="No workplace has P-number"):
        add_user("jens", "--role", "contact_person", "--p-number", "1234567890")
    assert not User.objects.exists()


def test_superuser_is_only_for_admins():
    with pytest.raises(CommandError, match="only for the admin role"):
        add_user("x", "--role", "caseworker", "--municipality", "751", "--superuser")
