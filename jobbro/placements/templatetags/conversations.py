"""How a conversation's moment reads: "tirsdag 8. december kl. 10.00–11.00"."""

from datetime import date, datetime, timedelta

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jobbro.lib import clock as jobbro_clock

register = template.Library()


@register.filter
def clock(conversation) -> str:
    """ "kl. 10.00–11.00" once a time is booked, else ""."""
    if conversation.planned_at is None:
        return ""
    start = datetime.combine(conversation.planned_on, conversation.planned_at)
    end = start + timedelta(minutes=conversation.duration_minutes)
    fmt = pgettext("time of day", "G.i")
    # A no-break space keeps "kl." with its time when a phone wraps the line.
    return _("kl. %(start)s–%(end)s") % {
        "start": dateformat.time_format(start.time(), fmt),
        "end": dateformat.time_format(end.time(), fmt),
    }


@register.filter
def when(conversation, today: date | None = None) -> str:
    """The weekday and date (the year only when it is not this year), then the time."""
    today = today or jobbro_clock.today()
    if conversation.planned_on.year == today.year:
        fmt = pgettext("weekday and date", "l j. F")
    else:
        fmt = pgettext("weekday, date and year", "l j. F Y")
    day = dateformat.format(conversation.planned_on, fmt)
    if at := clock(conversation):
        return f"{day} {at}"
    return day
