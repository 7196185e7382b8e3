"""Security notifications (ASVS 2.2.3, 2.5.5): a staff member is told by e-mail when
their password changes or a second factor is added or removed, so a change they did not
make does not go unnoticed.

allauth sends these for its own flows (authenticator app, recovery codes, passkeys) when
ACCOUNT_EMAIL_NOTIFICATIONS is on, through AccountAdapter.send_notification_mail; the
password change and reset pages are Django's, so they call ``notify_security_change``.
The mails carry no personal data about citizens: what changed, when, from which address
and browser.
"""

from allauth.account.adapter import get_adapter
from django.http import HttpRequest

from jobbro.accounts.models import User


def notify_security_change(request: HttpRequest, user: User, template_prefix: str) -> None:
    get_adapter(request).send_notification_mail(template_prefix, user)
