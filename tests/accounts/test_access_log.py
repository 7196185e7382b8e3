"""The access log: managers and admins read their own jobcenter's; old entries are
pruned deliberately after the retention period."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog

pytestmark = pytest.mark.django_db


def test_manager_sees_own_jobcenters_log_only(manager, caseworker, outsider, client_for):
    log_access(caseworker, AccessLog.Action.SEARCH, criteria={"cpr": "0101901234"})
    log_access(outsider, AccessLog.Action.SEARCH, criteria={"name": "Skanderborg-søgning"})
    html = client_for(manager).get(reverse("accounts:access_log")).content.decode()
    assert "0101901234" in html and "Skanderborg-søgning" not in html
    assert "Loggen gemmes i 1825 dage" in html


def test_log_can_be_filtered(admin_user, caseworker, consultant, client_for):
    log_access(caseworker, AccessLog.Action.SEARCH, criteria={"q": "først"})
    log_access(consultant, AccessLog.Action.EXPORT, criteria={"q": "anden"})
    url = reverse("accounts:access_log") + f"?username={consultant.username}&action=export"
    page = client_for(admin_user).get(url).context["page"]
    assert [e.username for e in page] == [consultant.username]


def test_log_paginates_with_flat_query_count(
    manager, caseworker, client_for, django_assert_max_num_queries
):
    for n in range(150):
        log_access(caseworker, AccessLog.Action.SEARCH, criteria={"n": n})
    client = client_for(manager)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("accounts:access_log") + "?side=2")
    assert len(response.context["page"]) == 50


@pytest.mark.parametrize(
    "role", ["caseworker", "consultant", "evaluator", "contact_person", "citizen"]
)
def test_other_roles_may_not_read_the_log(role, personas, client_for):
    assert client_for(personas[role]).get(reverse("accounts:access_log")).status_code == 403


def test_prune_deletes_only_entries_past_retention(caseworker, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(days=31)):
        log_access(caseworker, AccessLog.Action.SEARCH)
    log_access(caseworker, AccessLog.Action.READ)
    out = io.StringIO()
    call_command("prune-access-log", "--dry-run", stdout=out)
    assert "Would delete 1 entries" in out.getvalue() and AccessLog.objects.count() == 2
    call_command("prune-access-log", stdout=out)
    # What is left: the recent entry and the purge's own record, in the chain.
    assert list(AccessLog.objects.values_list("action", flat=True)) == ["delete", "read"]
