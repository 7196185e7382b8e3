"""Claiming, sending, retrying, and the `jobbro worker` command."""

import os
import signal
import threading
import time
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from jobbro.notifications import services
from jobbro.notifications.due import MAX_ATTEMPTS, RETRY_AFTER, Due
from jobbro.notifications.models import Reminder
from jobbro.placements.models import Placement
from tests import factories

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
FRIDAY = date(2026, 12, 4)


def a_due(municipality_id: int) -> Due:
    return Due(
        kind=Reminder.Kind.OVERDUE_DIGEST,
        municipality_id=municipality_id,
        subject="user:1",
        recipient="cw@example.org",
        day=FRIDAY,
        context={"first_name": "Ane", "courses": 2, "conversations": 0, "link": "http://x/"},
    )


@pytest.fixture
def placement(municipality_a, consultant):
    person = factories.citizen(
        municipality_a, first_name="Mette", last_name="Holm", email="mette@example.dk"
    )
    course = factories.course(
        citizen_obj=person, phase="matching", consultant=consultant, consent_to_share=True
    )
    place = factories.workplace(name="Netto Trøjborg")
    contact = factories.contact_person(place, email="lone@netto.example")
    item = factories.placement(course, place=place, contact_person=contact)
    Placement.objects.filter(pk=item.pk).update(status=Placement.Status.ACTIVE)
    return item


@pytest.mark.django_db
def test_a_reminder_is_claimed_once(municipality_a):
    item = a_due(municipality_a.pk)
    assert services.claim(item, NOW) is not None
    assert services.claim(item, NOW) is None
    assert Reminder.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_or_stuck_reminder_is_claimed_again_after_a_while_up_to_three_times(
    municipality_a,
):
    item = a_due(municipality_a.pk)
    first = services.claim(item, NOW)  # its worker "dies": the row stays 'sending'
    assert services.claim(item, NOW + RETRY_AFTER / 2) is None
    again = services.claim(item, NOW + RETRY_AFTER * 2)
    assert again.pk == first.pk and again.attempts == 2
    Reminder.objects.filter(pk=first.pk).update(status=Reminder.Status.FAILED)
    third = services.claim(item, NOW + RETRY_AFTER * 4)
    assert third.attempts == MAX_ATTEMPTS
    Reminder.objects.filter(pk=first.pk).update(status=Reminder.Status.FAILED)
    assert services.claim(item, NOW + RETRY_AFTER * 6) is None  # given up


@pytest.mark.django_db
def test_a_pass_sends_each_reminder_once_without_citizen_names_or_cpr(placement):
    result = services.run_pass(FRIDAY, NOW)
    assert (result.due, result.sent, result.failed) == (2, 2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["lone@netto.example", "mette@example.dk"]
    message = mail.outbox[0]
    assert message.subject == "Påmindelse: opstartssamtale mandag 7. december"
    assert "Husk opstartssamtalen i praktikken hos Netto Trøjborg" in message.body
    for message in mail.outbox:
        assert "Mette" not in message.body and "Holm" not in message.body
        assert placement.citizen.cpr[:6] not in message.body
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    whose = {r.recipient: (r.citizen_id, r.contact_person_id) for r in Reminder.objects.all()}
    assert whose == {
        "mette@example.dk": (placement.citizen_id, None),
        "lone@netto.example": (None, placement.contact_person_id),
    }
    again = services.run_pass(FRIDAY, NOW + timedelta(minutes=1))
    assert (again.due, again.sent) == (0, 0)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_mail_failure_is_recorded_and_retried_later(placement, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(services, "send_mail", broken)
    result = services.run_pass(FRIDAY, NOW)
    assert (result.sent, result.failed) == (0, 2)
    failed = Reminder.objects.first()
    assert (failed.status, failed.error) == ("failed", "Connection refused")
    monkeypatch.undo()
    assert services.run_pass(FRIDAY, NOW + timedelta(minutes=1)).due == 0  # not yet
    later = services.run_pass(FRIDAY, NOW + RETRY_AFTER + timedelta(minutes=1))
    assert later.sent == 2
    assert set(Reminder.objects.values_list("status", "attempts")) == {("sent", 2)}


@pytest.mark.django_db
def test_the_command_runs_one_pass_for_a_given_day(placement):
    out = StringIO()
    call_command("worker", "--once", "--today", "2026-12-04", stdout=out)
    assert "reminders for 2026-12-04: due 2, sent 2, failed 0" in out.getvalue()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_switched_off_municipalities_get_nothing(placement, admin_user, client_for):
    from django.urls import reverse

    client_for(admin_user).post(reverse("cases:settings"), {"reminders": "1"})  # box unticked
    call_command("worker", "--once", "--today", "2026-12-04", stdout=StringIO())
    assert mail.outbox == []


def test_a_bad_interval_is_refused():
    with pytest.raises(CommandError, match="--interval must be at least 1 second"):
        call_command("worker", "--once", "--interval", "0")


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(municipality_a):
    """Real concurrency needs real connections: PostgreSQL (SQLite serialises writers)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent claims are tested on PostgreSQL")
    item = a_due(municipality_a.pk)
    barrier = threading.Barrier(4)
    won: list[bool] = []

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait()
            won.append(services.claim(item, NOW) is not None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == [False, False, False, True]
    assert Reminder.objects.count() == 1


class _StopAfterOnePass:
    def __init__(self):
        self.done = False

    def is_set(self):
        return self.done

    def wait(self, timeout):
        self.done = True
        return True

    def set(self):
        self.done = True


@pytest.mark.django_db
@pytest.mark.parametrize(("hour", "passes"), [(3, 0), (7, 1), (19, 1), (20, 0)])
def test_the_looping_worker_sends_only_within_the_sending_hours(
    hour, passes, placement, monkeypatch, clock
):
    from jobbro.notifications.management.commands import worker

    monkeypatch.setattr(worker.threading, "Event", _StopAfterOnePass)
    monkeypatch.setattr(worker.signal, "signal", lambda *args: None)
    clock.set(datetime(FRIDAY.year, FRIDAY.month, FRIDAY.day, hour, 30))
    out = StringIO()
    call_command("worker", "--interval", "5", stdout=out)
    assert out.getvalue().count("reminders for 2026-12-04") == passes
    assert len(mail.outbox) == 2 * passes


@pytest.mark.django_db
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_worker_cleanly_after_its_pass(signum, placement, monkeypatch):
    """The signal arrives during the first pass (as from systemd): the pass finishes, the
    worker leaves its 10-minute wait at once, and the old handlers are back."""
    from jobbro.notifications.management.commands import worker

    def pass_then_signal(day, now):
        result = services.run_pass(day, now)
        os.kill(os.getpid(), signum)
        return result

    monkeypatch.setattr(worker, "run_pass", pass_then_signal)
    before = signal.getsignal(signum)
    out = StringIO()
    started = time.monotonic()
    call_command("worker", "--interval", "600", "--today", "2026-12-04", stdout=out)
    assert time.monotonic() - started < 30
    assert out.getvalue().count("reminders for 2026-12-04: due 2, sent 2") == 1
    assert out.getvalue().rstrip().endswith("Jobbro worker stopped.")
    assert len(mail.outbox) == 2
    assert signal.getsignal(signum) is before
