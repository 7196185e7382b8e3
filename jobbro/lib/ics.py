"""A small iCalendar (RFC 5545) writer for planned conversations.

The icalendar package is not a dependency; the part Jobbro needs is small: VEVENTs
with a UID, DTSTAMP, an all-day date or a local start time, a summary, a location
and a description. Text is escaped (§ 3.3.11), lines end in CRLF and are folded at
75 octets (§ 3.1).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

PRODID = "-//Jobbro//Jobbro portal//DA"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    on: date
    # None: an all-day event; otherwise a local start time in ``tzid``.
    starts_at: time | None = None
    minutes: int = 60
    location: str = ""
    description: str = ""
    tzid: str = "Europe/Copenhagen"


def escape(text: str) -> str:
    """TEXT escaping (RFC 5545 § 3.3.11): backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current = b""
            limit = 74  # continuation lines start with one space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if event.starts_at is None:
        lines += [
            f"DTSTART;VALUE=DATE:{event.on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.on + timedelta(days=1):%Y%m%d}",
        ]
    else:
        start = datetime.combine(event.on, event.starts_at)
        end = start + timedelta(minutes=event.minutes)
        lines += [
            f"DTSTART;TZID={event.tzid}:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={event.tzid}:{end:%Y%m%dT%H%M%S}",
        ]
    lines.append(f"SUMMARY:{escape(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    lines.append("END:VEVENT")
    return lines


# Copenhagen's rules since 1996 (EU summer time), so clients without the IANA name
# still place 09:00 correctly.
_COPENHAGEN = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def calendar(events: Iterable[Event], *, now: datetime, name: str = "") -> str:
    """The whole VCALENDAR as text with CRLF line endings."""
    events = list(events)
    stamp = _utc_stamp(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    if any(e.starts_at is not None and e.tzid == "Europe/Copenhagen" for e in events):
        lines += _COPENHAGEN
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
