"""The iCalendar writer: RFC 5545 line endings, escaping, folding, dates."""

from datetime import UTC, date, datetime, time

from jobbro.lib.ics import Event, calendar, escape, fold

NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_it_ends_every_line_with_crlf():
    text = calendar([Event(uid="c1@jobbro", summary="Samtale", on=date(2026, 12, 8))], now=NOW)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")


def test_it_writes_uid_dtstamp_and_an_all_day_date():
    text = calendar([Event(uid="c1@jobbro", summary="Samtale", on=date(2026, 12, 8))], now=NOW)
    assert "UID:c1@jobbro\r\n" in text
    assert "DTSTAMP:20261201T083000Z\r\n" in text
    assert "DTSTART;VALUE=DATE:20261208\r\n" in text
    assert "DTEND;VALUE=DATE:20261209\r\n" in text
    assert "VTIMEZONE" not in text


def test_it_writes_a_local_start_time_with_its_time_zone():
    event = Event(uid="c2@jobbro", summary="Møde", on=date(2026, 12, 8), starts_at=time(9, 0))
    text = calendar([event], now=NOW)
    assert "DTSTART;TZID=Europe/Copenhagen:20261208T090000\r\n" in text
    assert "DTEND;TZID=Europe/Copenhagen:20261208T100000\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\n" in text


def test_it_escapes_text_values():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    event = Event(uid="u", summary="Opstart, uge 1; kl. 9", on=date(2026, 12, 8))
    assert "SUMMARY:Opstart\\, uge 1\\; kl. 9\r\n" in calendar([event], now=NOW)


def test_it_folds_long_lines_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "æøå" * 40
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode()  # each part is whole UTF-8
    assert _unfold(folded) == line


def test_an_empty_calendar_is_still_valid():
    text = calendar([], now=NOW, name="Mine samtaler")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert "X-WR-CALNAME:Mine samtaler" in lines
    assert "BEGIN:VEVENT" not in text


def test_every_event_is_balanced():
    events = [Event(uid=f"{n}@jobbro", summary="x", on=date(2026, 12, n)) for n in range(1, 4)]
    text = calendar(events, now=NOW)
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 3
