"""The one access door: who may do what, and which rows they may see.

* ``RULES`` is the role × action table, the single source of truth. Views state
  their action with ``@require("action")`` (or ``@public``); a test walks every
  URL pattern and fails for a view that has neither.
* ``scope(user, queryset)`` narrows any query to what the user may see. Tenant
  rows (with ``municipality_id``) are filtered to the staff member's municipality;
  roles outside the jobcenter get an explicit per-model rule in ``SCOPES`` or
  nothing at all.
* ``get_for_user`` fetches one object through ``scope`` (404 when out of scope,
  403 for a role without the action) and writes the access log, so no read of
  personal data is forgotten.
"""

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from jobbro.accounts.models import AccessLog, User
from jobbro.accounts.roles import ALL_ROLES, PASSWORD_ROLES, STAFF_ROLES, Role
from jobbro.municipalities.models import TenantModel

PUBLIC = "public"

_MANAGEMENT = frozenset({Role.MANAGER, Role.ADMIN})
# Companies are the consultants' work; caseworkers read them (to follow a placement)
# but do not change them.
_COMPANY_EDITORS = frozenset({Role.CONSULTANT, Role.MANAGER, Role.ADMIN})
# Who works with citizens' courses: the municipal admin manages settings, not cases.
_CASE_STAFF = frozenset({Role.CASEWORKER, Role.CONSULTANT, Role.MANAGER})
# The API is for the jobcenter's systems and the programme evaluation; job contact
# persons and citizens use their portals and never hold API tokens.
_API_ROLES = STAFF_ROLES | {Role.EVALUATOR}

RULES: dict[str, frozenset[Role]] = {
    "home.view": ALL_ROLES,
    "account.password": ALL_ROLES,
    # "Log ud alle steder": every signed-in user ends their other sessions.
    "account.sessions": ALL_ROLES,
    # The second-factor pages (enrol, recovery codes, passkeys) for those who sign in
    # with a password; portal users sign in by link (jobbro/accounts/mfa.py).
    "account.mfa": PASSWORD_ROLES,
    "staff.list": _MANAGEMENT,
    "staff.view": _MANAGEMENT,
    # A colleague's lost phone or locked account: the municipal admin, own municipality.
    "staff.mfa_reset": frozenset({Role.ADMIN}),
    "staff.unlock": frozenset({Role.ADMIN}),
    "accesslog.view": _MANAGEMENT,
    "stats.view": frozenset({Role.EVALUATOR, Role.MANAGER}),
    "apitoken.list": STAFF_ROLES | {Role.EVALUATOR},
    "apitoken.revoke": STAFF_ROLES | {Role.EVALUATOR},
    # The municipal admin sees and revokes every token of the jobcenter, not only their own.
    "apitoken.manage_all": frozenset({Role.ADMIN}),
    # Django's admin (/drift/) is not tenant-scoped: operations only (and a superuser).
    "operations.admin": frozenset({Role.ADMIN}),
    "followup.template.edit": _MANAGEMENT,
    # The page; each kind also needs its own read (export) or write (import) action, so a
    # role refused /borgere/ is refused the citizens' export (transfer/kinds.py).
    "transfer.import": _MANAGEMENT,
    "transfer.export": _MANAGEMENT,
    "api.me": _API_ROLES,
    "reference.read": _API_ROLES,
    # Companies, workplaces and job contact persons are shared partners: all staff read
    # them; editing also needs a CompanyRelation (see company_editable_by).
    "company.view": STAFF_ROLES,
    "company.create": _COMPANY_EDITORS,
    "company.edit": _COMPANY_EDITORS,
    # Agreements, visits, training records and experience-exchange meetings are tenant data.
    "agreement.view": STAFF_ROLES,
    "agreement.edit": _COMPANY_EDITORS,
    "visit.view": STAFF_ROLES,
    "visit.edit": _COMPANY_EDITORS,
    "contactperson.view": STAFF_ROLES,
    "contactperson.edit": _COMPANY_EDITORS,
    "exchange_meeting.view": STAFF_ROLES,
    "exchange_meeting.edit": _COMPANY_EDITORS,
    "companysettings.edit": _MANAGEMENT,
    # Letting a placement exceed the rimelighedskrav (BEK 2636/2021 § 65) is a manager's call.
    "capacity.override": frozenset({Role.MANAGER}),
    "course.list": _CASE_STAFF,
    "course.view": _CASE_STAFF,
    "course.create": _CASE_STAFF,
    "course.edit": _CASE_STAFF,
    "course.reopen": frozenset({Role.MANAGER}),
    # Who may hold a course: the caseworker slot and the company consultant slot.
    "course.caseworker": frozenset({Role.CASEWORKER}),
    "course.consultant": frozenset({Role.CONSULTANT}),
    "citizen.view": _CASE_STAFF,
    "citizen.edit": _CASE_STAFF,
    "meeting.list": _CASE_STAFF,
    "meeting.view": _CASE_STAFF,
    "meeting.edit": _CASE_STAFF,
    "settings.edit": frozenset({Role.ADMIN}),
    # What the worker sent, failed to send or is sending (operations, not case work).
    "reminder.list": _MANAGEMENT,
    # Placements are course work: starting without approvals and exceeding capacity are
    # manager-only inside the services (placement_activate, capacity_check).
    "placement.view": _CASE_STAFF,
    "placement.create": _CASE_STAFF,
    "placement.edit": _CASE_STAFF,
    "placementsettings.edit": frozenset({Role.ADMIN}),
    # Starting a placement before all three parties approved the agreement (with a reason).
    "placement.start_unapproved": frozenset({Role.MANAGER}),
    # Matching: suggestions for a course, citizens for a workplace, contact attempts.
    "matching.view": _CASE_STAFF,
    "contactattempt.create": _CASE_STAFF,
    # The portals: each role sees only its own corner (the SCOPES below say which rows).
    "portal.contact": frozenset({Role.CONTACT_PERSON}),
    "portal.citizen": frozenset({Role.CITIZEN}),
    "portal.calendar": frozenset({Role.CONTACT_PERSON, Role.CITIZEN}),
    # Who signs in with an emailed one-time link (until MitID for citizens).
    "portal.signin": frozenset({Role.CONTACT_PERSON, Role.CITIZEN}),
    "portal.info.edit": frozenset({Role.ADMIN}),
    # Staff (re)send the emailed sign-in link: to a citizen from the course page, to a
    # job contact person from the company pages.
    "portal.signin.citizen": _CASE_STAFF,
    "portal.signin.contact": _COMPANY_EDITORS,
}

# Per-model visibility for roles that are not municipal staff:
# (app_label.ModelName, role) -> function(queryset, user) -> queryset.
Scope = Callable[[models.QuerySet, User], models.QuerySet]


def _by(path: str) -> Scope:
    """Rows whose ``path`` leads to the signed-in user."""
    return lambda queryset, user: queryset.filter(**{path: user})


# The door sits below the apps (docs/architecture.md), so these rules reach the apps'
# rows through the user's own relations (the reverse one-to-ones ``user.contact_person``
# and ``user.citizen``), never by importing an app's models.


def _info_of_sending_municipalities(queryset: models.QuerySet, user: User) -> models.QuerySet:
    # A job contact person reads the material of each municipality that sent them an intern.
    person = getattr(user, "contact_person", None)
    if person is None:
        return queryset.none()
    return queryset.filter(municipality_id__in=person.placements.values("municipality_id"))


def _log_about_me(queryset: models.QuerySet, user: User) -> models.QuerySet:
    citizen = getattr(user, "citizen", None)
    return queryset.none() if citizen is None else queryset.filter(citizen_id=citizen.pk)


# A job contact person sees only the placements where they are the contact person, and
# what belongs to those; never the citizen record, the course or its journal. A citizen
# sees only their own record, courses, homework and placements.
SCOPES: dict[tuple[str, Role], Scope] = {
    ("placements.Placement", Role.CONTACT_PERSON): _by("contact_person__user"),
    ("placements.Conversation", Role.CONTACT_PERSON): _by("placement__contact_person__user"),
    ("placements.WeeklyFeedback", Role.CONTACT_PERSON): _by("placement__contact_person__user"),
    ("placements.AgreementVersion", Role.CONTACT_PERSON): _by("placement__contact_person__user"),
    ("portal.WeeklyFeedbackDraft", Role.CONTACT_PERSON): _by("contact_person__user"),
    ("portal.PortalInformation", Role.CONTACT_PERSON): _info_of_sending_municipalities,
    ("citizens.Citizen", Role.CITIZEN): _by("user"),
    ("citizens.WishWorkplace", Role.CITIZEN): _by("citizen__user"),
    ("cases.Course", Role.CITIZEN): _by("citizen__user"),
    ("cases.HomeworkItem", Role.CITIZEN): _by("course__citizen__user"),
    ("placements.Placement", Role.CITIZEN): _by("citizen__user"),
    ("placements.Conversation", Role.CITIZEN): _by("placement__citizen__user"),
    ("placements.AgreementVersion", Role.CITIZEN): _by("placement__citizen__user"),
    ("accounts.AccessLog", Role.CITIZEN): _log_about_me,
    # Evaluators belong to no municipality; they see their own API tokens.
    ("api.ApiToken", Role.EVALUATOR): _by("user"),
}

# Not tenant data as such, but carried with a municipality and scoped like it:
# staff see the users of their own jobcenter.
MUNICIPALITY_SCOPED: set[str] = {"accounts.User", "api.ApiToken", "accounts.AccessLog"}

# Shared reference data (companies, postal codes) is readable by all staff.
SHARED_MODELS: set[str] = {
    "municipalities.Municipality",
    "municipalities.PostalArea",
    # Shared partners: a consultant must find a company another municipality already
    # registered, and an Aarhus company may take interns from Skanderborg.
    "companies.Company",
    "companies.Workplace",
    "companies.ContactPerson",
}

V = TypeVar("V", bound=Callable[..., Any])
M = TypeVar("M", bound=models.Model)
Q = TypeVar("Q", bound=models.QuerySet[Any])


def can(user: Any, action: str) -> bool:
    if action not in RULES:
        raise ImproperlyConfigured(f"Unknown access action {action!r}; add it to RULES.")
    if not (user.is_authenticated and user.is_active):
        return False
    return user.role in RULES[action]


def roles_for(action: str) -> frozenset[Role]:
    """The roles allowed an action (for choosing people, e.g. who may be caseworker)."""
    if action not in RULES:
        raise ImproperlyConfigured(f"Unknown access action {action!r}; add it to RULES.")
    return RULES[action]


def check(user: Any, action: str) -> None:
    """Raise PermissionDenied (403) unless the user's role may perform the action."""
    if not can(user, action):
        raise PermissionDenied


def require(action: str) -> Callable[[V], V]:
    """View decorator: log in first, then the role must be allowed the action."""
    if action not in RULES:
        raise ImproperlyConfigured(f"Unknown access action {action!r}; add it to RULES.")

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                # Pages only for job contact persons and citizens: they sign in by link.
                by_link = RULES[action] <= {Role.CONTACT_PERSON, Role.CITIZEN}
                return redirect_to_login(
                    request.get_full_path(), "portal:signin_request" if by_link else None
                )
            check(request.user, action)
            return view(request, *args, **kwargs)

        wrapper.access_rule = action  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def allows(action: str) -> Callable[[V], V]:
    """API operation decorator: the token's user must have a role allowed the action."""
    if action not in RULES:
        raise ImproperlyConfigured(f"Unknown access action {action!r}; add it to RULES.")

    def decorator(func: V) -> V:
        @wraps(func)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            check(request.auth, action)
            return func(request, *args, **kwargs)

        wrapper.access_rule = action  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def public(view: V) -> V:
    """Mark a view as deliberately open to anonymous users (login, password reset)."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def is_tenant_model(model: type[models.Model]) -> bool:
    return issubclass(model, TenantModel)


def scope(user: Any, queryset: Q) -> Q:
    """Narrow a queryset to the rows this user may see. Every tenant query goes here."""
    model = queryset.model
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    rule = SCOPES.get((label(model), user.role))
    if rule is not None:
        return cast(Q, rule(queryset, user))
    if user.role in STAFF_ROLES:
        if is_tenant_model(model) or label(model) in MUNICIPALITY_SCOPED:
            return queryset.filter(municipality_id=user.municipality_id)
        if label(model) in SHARED_MODELS:
            return queryset
    return queryset.none()


def get_for_user(
    user: Any,
    queryset: models.QuerySet[M] | type[M],
    action: str,
    *,
    log: AccessLog.Action | None = AccessLog.Action.READ,
    purpose: str = "",
    **lookup: Any,
) -> M:
    """One object through the door: 403 for the wrong role, 404 outside the scope."""
    check(user, action)
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    try:
        obj = scope(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if log is not None:
        log_access(user, log, obj, purpose=purpose or action)
    return obj


PAGE_SIZE = 25


def search_for_user(
    user: Any,
    queryset: models.QuerySet[M],
    action: str,
    *,
    criteria: Mapping[str, Any],
    page: str | int | None = None,
    offset: int | None = None,
    per_page: int = PAGE_SIZE,
    purpose: str = "",
) -> Page:
    """A list of rows through the door: 403 for the wrong role, scoped, one page, logged.

    Every list of personal data is a search (Datatilsynet): one access-log row per
    citizen on the page, with the criteria, empty when the list was not filtered. The web
    gives ``page`` (the ?side= number), the API ``offset`` and ``per_page`` (its limit).
    """
    check(user, action)
    paginator = Paginator(scope(user, queryset), per_page)
    if offset is None:
        found = paginator.get_page(page)
    else:
        rows = list(paginator.object_list[offset : offset + per_page])
        found = Page(rows, offset // per_page + 1, paginator)
    log_search(
        user,
        object_type=label(queryset.model),
        criteria=criteria,
        purpose=purpose or action,
        citizen_ids=[citizen_id_of(obj) for obj in found.object_list],
    )
    return found


def log_search(
    user: Any,
    *,
    object_type: str,
    criteria: Mapping[str, Any],
    purpose: str,
    citizen_ids: Iterable[int | None],
) -> None:
    """Datatilsynet: every list of personal data shown is a search, logged with its
    criteria (empty when unfiltered) and one row per citizen shown (one row when none).
    ``search_for_user`` calls it for querysets; a list ranked in Python (matching) too."""
    log_access(
        user,
        AccessLog.Action.SEARCH,
        object_type=object_type,
        criteria=dict(criteria),
        purpose=purpose,
        citizen_ids=[cid for cid in citizen_ids if cid is not None],
    )


def citizen_id_of(obj: models.Model) -> int | None:
    if label(type(obj)) == "citizens.Citizen":
        return obj.pk
    return getattr(obj, "citizen_id", None)


def log_access(
    user: Any,
    action: AccessLog.Action,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    criteria: dict | None = None,
    purpose: str = "",
    citizen_ids: Iterable[int | None] = (),
    municipality_id: int | None = None,
    actor: str = "",
) -> None:
    """Write the access log: one row per touched citizen (or one row for the act).

    ``user`` is None for work done from the command line; ``actor`` names it then.
    """
    municipality_id = (
        municipality_id
        or getattr(obj, "municipality_id", None)
        or getattr(user, "municipality_id", None)
    )
    base = {
        "municipality_id": municipality_id,
        "user": user,
        "username": user.get_username() if user is not None else actor,
        "role": user.role if user is not None else "",
        "action": action,
        "object_type": object_type or (label(type(obj)) if obj is not None else ""),
        "object_id": str(obj.pk) if obj is not None else "",
        "purpose": purpose[:200],
        "criteria": criteria or {},
    }
    ids = list(citizen_ids) or [citizen_id_of(obj) if obj is not None else None]
    AccessLog.objects.append([AccessLog(citizen_id=cid, **base) for cid in ids])


def company_editable_by(user: Any, company: Any) -> bool:
    """May this user change a shared company, its workplaces and job contact persons?

    Every staff member may read a company; changing it is for consultants, managers
    and admins of a municipality that works with it (has a CompanyRelation), so a
    municipality that merely looked a company up cannot alter another's partner.
    """
    if not can(user, "company.edit"):
        return False
    return company.relations.filter(municipality_id=user.municipality_id).exists()


def check_company_edit(user: Any, company: Any) -> None:
    """403 unless company_editable_by(user, company)."""
    if not company_editable_by(user, company):
        raise PermissionDenied
