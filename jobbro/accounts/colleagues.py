"""What a municipal admin does to a colleague's sign-in (a lost phone, a locked
account). Each act is recorded in the access log, so these sit above the access door
(accounts.services, below it, holds what the user records themselves need)."""

from allauth.mfa.models import Authenticator
from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog, User
from jobbro.accounts.services import user_sessions_end


@transaction.atomic
def second_factor_reset(*, by: User, user: User) -> int:
    """A municipal admin removes a colleague's second factor (a lost phone): every
    authenticator and recovery code goes, the colleague's sessions end, and the next
    sign-in asks them to enrol again. Recorded in the access log."""
    if user.pk == by.pk:
        raise ValidationError(_("Du kan ikke nulstille din egen anden faktor her."))
    removed, _by_type = Authenticator.objects.filter(user=user).delete()
    user_sessions_end(user=user)
    log_access(
        by, AccessLog.Action.UPDATE, user, purpose=_("Nulstillede medarbejderens anden faktor")
    )
    return removed


@transaction.atomic
def account_unlock(*, by: User, user: User) -> int:
    """Release a colleague locked out after failed sign-ins. Recorded in the access log."""
    released = axes_reset(username=user.username)
    log_access(by, AccessLog.Action.UPDATE, user, purpose=_("Låste medarbejderens konto op"))
    return released
