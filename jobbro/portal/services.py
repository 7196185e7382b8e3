"""Sign-in by an emailed one-time link (job contact persons, and citizens until MitID).

The link is single use, expires after SIGNIN_LINK_MINUTES, and requesting one gives
the same answer whether the address is known or not (no account enumeration).
"""

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from jobbro.access import can, roles_for
from jobbro.accounts.models import SignInRequest, User
from jobbro.accounts.roles import Role
from jobbro.accounts.throttle import request_throttled
from jobbro.citizens.models import Citizen
from jobbro.companies.models import ContactPerson
from jobbro.companies.sharing import works_with_contact_person
from jobbro.lib import clock
from jobbro.placements.models import Placement, WeeklyFeedback
from jobbro.placements.services import FEEDBACK_FIELDS, weekly_feedback_save
from jobbro.portal.models import PortalInformation, SignInLink, WeeklyFeedbackDraft, digest

# Who signs in by an emailed link (access.RULES["portal.signin"]).
PORTAL_ROLES = roles_for("portal.signin")


class SignInRefused(Exception):
    """The link cannot be used; the message says why, in Danish."""


@dataclass(frozen=True)
class RequestOutcome:
    rate_limited: bool


def _link_url(token: str, next_path: str = "") -> str:
    url = settings.SITE_URL + reverse("portal:signin_confirm", args=[token])
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


@transaction.atomic
def signin_link_send(*, user: User, sent_by: User | None = None, next_path: str = "") -> SignInLink:
    """Create a link for a portal user and email it to the address on file."""
    if not can(user, "portal.signin") or not user.email:
        raise ValueError("Sign-in links are for active job contact persons and citizens.")
    token = secrets.token_urlsafe(32)
    minutes = settings.SIGNIN_LINK_MINUTES
    link = SignInLink.objects.create(
        user=user,
        token_hash=digest(token),
        expires_at=clock.now() + timedelta(minutes=minutes),
        sent_by=sent_by,
    )
    context = {"user": user, "url": _link_url(token, next_path), "minutes": minutes}
    # Sent after commit: a rolled-back link must never reach anybody's inbox.
    transaction.on_commit(
        lambda: send_mail(
            _("Dit link til Jobbro"),
            render_to_string("portal/email/signin_link.txt", context),
            None,
            [user.email],
        )
    )
    return link


def signin_link_request(*, email: str, ip: str, next_path: str = "") -> RequestOutcome:
    """A person asks for a link. Known or not, the caller answers the same."""
    if request_throttled(
        purpose=SignInRequest.Purpose.SIGNIN_LINK,
        email=email,
        ip=ip,
        per_email=settings.SIGNIN_RATE_PER_EMAIL,
        per_ip=settings.SIGNIN_RATE_PER_IP,
    ):
        return RequestOutcome(rate_limited=True)
    users = User.objects.filter(email__iexact=email.strip(), role__in=PORTAL_ROLES, is_active=True)
    for user in users:
        signin_link_send(user=user, next_path=next_path)
    return RequestOutcome(rate_limited=False)


def signin_link_use(*, token: str) -> User:
    """Spend a link: exactly once, before it expires. Raises SignInRefused otherwise."""
    token_hash = digest(token)
    now = clock.now()
    # One conditional UPDATE: two clicks racing each other cannot both sign in.
    spent = SignInLink.objects.filter(
        token_hash=token_hash, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    link = SignInLink.objects.select_related("user").filter(token_hash=token_hash).first()
    if link is None:
        raise SignInRefused(
            _("Linket er ugyldigt. Kopiér hele linket fra e-mailen, eller bed om et nyt.")
        )
    if not spent:
        if link.used_at is not None:
            raise SignInRefused(
                _("Linket er allerede brugt. Et link virker kun én gang – bed om et nyt.")
            )
        raise SignInRefused(
            _("Linket er udløbet. Bed om et nyt link; det virker i %(minutes)s minutter.")
            % {"minutes": settings.SIGNIN_LINK_MINUTES}
        )
    if not link.user.is_active:
        raise SignInRefused(_("Din adgang er lukket. Kontakt jobcentret."))
    return link.user


# -- staff send the link ---------------------------------------------------------------


def _unique_username(base: str) -> str:
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _links_expire(user_id: int) -> None:
    SignInLink.objects.filter(user_id=user_id, used_at__isnull=True).update(expires_at=clock.now())


def signin_links_expire(person: ContactPerson) -> None:
    """A job contact person's e-mail changed (companies.seams): the unused sign-in links
    sent to the old address stop working."""
    if person.user_id is not None:
        _links_expire(person.user_id)


def _portal_user(*, existing: User | None, role: Role, email: str, first: str, last: str) -> User:
    """The person's portal account, made on first use; its address follows the record."""
    if existing is not None:
        if existing.email != email:
            # The record's address is the one on file (for a job contact person it was
            # changed under companies.sharing's rules and announced); links that went
            # to the old address stop working.
            existing.email = email
            existing.save(update_fields=["email"])
            _links_expire(existing.pk)
        return existing
    user = User(
        username=_unique_username(f"{role}-{email.split('@')[0]}"[:140]),
        role=role,
        email=email,
        first_name=first[:150],
        last_name=last[:150],
    )
    # They sign in by link only (or MitID); no password exists to guess.
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def citizen_signin_send(*, by: User, citizen: Citizen) -> SignInLink:
    """(Re)send a citizen's sign-in link to the email on file, creating the account."""
    if not citizen.email:
        raise ValidationError(
            _("Borgeren har ingen e-mailadresse. Tilføj den under Ret borger, og send linket igen.")
        )
    if citizen.user is not None and not citizen.user.is_active:
        raise ValidationError(_("Borgerens adgang er lukket og kan ikke få et link."))
    user = _portal_user(
        existing=citizen.user,
        role=Role.CITIZEN,
        email=citizen.email,
        first=citizen.first_name,
        last=citizen.last_name,
    )
    if citizen.user_id != user.pk:
        citizen.user = user
        citizen.save(update_fields=["user"])
    return signin_link_send(user=user, sent_by=by)


@transaction.atomic
def contact_person_signin_send(
    *, by: User, person: ContactPerson, today: date | None = None
) -> SignInLink:
    """(Re)send a job contact person's sign-in link, creating the account.

    Only a municipality that works with the person (a planned, current or recent
    placement, or an active agreement with the workplace) may send one: the link opens
    the interns of every municipality the person works with.
    """
    if not works_with_contact_person(by.jobcenter_id, person, today or clock.today()):
        raise PermissionDenied(
            _(
                "I kan kun sende et login-link til en jobkontaktperson, som jeres kommune har "
                "en planlagt, igangværende eller nylig praktik med eller en aktiv "
                "samarbejdsaftale med arbejdsstedet for."
            )
        )
    if not person.email:
        raise ValidationError(
            _("Jobkontaktpersonen har ingen e-mailadresse. Tilføj den, og send linket igen.")
        )
    if not person.is_active:
        raise ValidationError(_("Jobkontaktpersonen er ikke længere aktiv."))
    if person.user is not None and not person.user.is_active:
        raise ValidationError(_("Jobkontaktpersonens adgang er lukket og kan ikke få et link."))
    first, _sep, last = person.name.partition(" ")
    user = _portal_user(
        existing=person.user,
        role=Role.CONTACT_PERSON,
        email=person.email,
        first=first,
        last=last,
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    return signin_link_send(user=user, sent_by=by)


# -- weekly feedback from the portal ----------------------------------------------------


@transaction.atomic
def feedback_draft_save(
    *, person: ContactPerson, placement: Placement, week: int, data: dict
) -> WeeklyFeedbackDraft:
    """Keep what is typed so far; only the feedback fields, as typed."""
    if not 1 <= week <= placement.weeks:
        raise ValidationError(
            {"week": [_("Praktikken har uge 1 til %(n)s.") % {"n": placement.weeks}]}
        )
    kept = {name: str(data[name])[:5000] for name in FEEDBACK_FIELDS if name in data}
    draft, _created = WeeklyFeedbackDraft.objects.update_or_create(
        contact_person=person,
        placement=placement,
        week=week,
        defaults={"municipality_id": placement.municipality_id, "data": kept},
    )
    return draft


@transaction.atomic
def feedback_submit(
    *,
    by: User,
    placement: Placement,
    week: int,
    data: dict,
    feedback: WeeklyFeedback | None,
    today: date,
) -> WeeklyFeedback:
    """The draft becomes the week's feedback (or edits it); the draft is then spent."""
    item = weekly_feedback_save(
        by=by, placement=placement, week=week, data=data, feedback=feedback, today=today
    )
    WeeklyFeedbackDraft.objects.filter(
        contact_person__user=by, placement=placement, week=week
    ).delete()
    return item


def portal_information_provision(*, municipality_ids: Collection[int]) -> None:
    """The practice sheet's information material for municipalities being set up."""
    PortalInformation.objects.bulk_create(
        [PortalInformation(municipality_id=m) for m in municipality_ids], ignore_conflicts=True
    )


@transaction.atomic
def portal_information_update(*, by: User, role_text: str, training_text: str) -> PortalInformation:
    info = PortalInformation.objects.get(municipality_id=by.jobcenter_id)
    info.role_text, info.training_text, info.updated_by = role_text, training_text, by
    info.full_clean()
    info.save()
    return info
