"""The one access door: every URL has a rule, rules hold for every role, and no
municipality sees another's objects."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobbro.access import PUBLIC, RULES, can, get_for_user, scope
from jobbro.accounts.models import AccessLog, User
from jobbro.accounts.roles import Role
from tests import factories


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            # Django's admin guards itself (see test_admin_site_is_for_operations_only);
            # every API operation is checked in tests/api/test_api_core.py.
            if pattern.namespace in ("admin", "api"):
                continue
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


ALL_PATTERNS = list(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_an_explicit_access_rule():
    missing = [
        route
        for route, pattern in ALL_PATTERNS
        if getattr(pattern.callback, "access_rule", None) not in {PUBLIC, *RULES}
    ]
    assert not missing, f"views without @require/@public: {missing}"


def _parameterless(pattern_list):
    return [
        (route, pattern)
        for route, pattern in pattern_list
        if not pattern.pattern.converters
        and getattr(pattern.callback, "access_rule", PUBLIC) != PUBLIC
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r, _p in _parameterless(ALL_PATTERNS)])
def test_anonymous_users_are_sent_to_login(client, route):
    response = client.get("/" + route)
    assert response.status_code == 302
    rule = dict(_parameterless(ALL_PATTERNS))[route].callback.access_rule
    by_link = RULES[rule] <= {Role.CONTACT_PERSON, Role.CITIZEN}
    login = reverse("portal:signin_request" if by_link else "account_login")
    assert response["Location"].startswith(login)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_gets_exactly_what_the_table_allows(role, personas, client_for):
    client = client_for(personas[role])
    for route, pattern in _parameterless(ALL_PATTERNS):
        allowed = role in RULES[pattern.callback.access_rule]
        status = client.get("/" + route).status_code
        if allowed:
            assert status != 403, f"{role} refused at /{route}"
        else:
            assert status == 403, f"{role} let in at /{route} ({status})"


# Detail pages of tenant objects: (url name, role that may open it, builder of
# an object in municipality B). Every feature adds its detail views here.
def _closed_course(b):
    return factories.course(b, phase="closed", outcome="still_unemployed")


def _template(b):
    from jobbro.cases.models import HomeworkTemplate

    return HomeworkTemplate.objects.create(municipality=b, title="Skabelon i B")


def _placement(municipality):
    course = factories.course(
        municipality,
        phase="matching",
        consultant=factories.user("consultant", municipality),
        consent_to_share=True,
    )
    return factories.placement(course)


def _conversation(municipality):
    return _placement(municipality).conversations.first()


TENANT_DETAIL_VIEWS = [
    ("accounts:staff_detail", "manager", lambda b: factories.user("caseworker", b)),
    ("companies:agreement_detail", "consultant", lambda b: factories.agreement(b)),
    ("companies:agreement_edit", "consultant", lambda b: factories.agreement(b)),
    (
        "companies:visit_detail",
        "consultant",
        lambda b: factories.visit(b, factories.company(), factories.user("consultant", b)),
    ),
    ("companies:meeting_detail", "consultant", lambda b: factories.exchange_meeting(b)),
    *[
        (f"cases:{name}", role, factories.course)
        for name in (
            "course_detail",
            "course_visitation",
            "course_transition",
            "course_assign",
            "course_close",
            "note_create",
            "contact_create",
            "homework_create",
        )
        for role in ("caseworker", "consultant", "manager")
    ],
    *[
        ("matching:course_suggestions", role, factories.course)
        for role in ("caseworker", "consultant", "manager")
    ],
    ("cases:course_reopen", "manager", _closed_course),
    ("cases:note_edit", "caseworker", lambda b: factories.note(factories.course(b), None)),
    ("cases:homework_update", "consultant", lambda b: factories.homework(factories.course(b))),
    ("citizens:citizen_edit", "caseworker", factories.citizen),
    ("citizens:unemployment_period_create", "caseworker", factories.citizen),
    ("cases:meeting_detail", "consultant", factories.meeting),
    ("cases:template_edit", "admin", _template),
    *[
        (f"placements:{name}", role, _placement)
        for name in (
            "placement_detail",
            "placement_activate",
            "placement_reschedule",
            "placement_end",
            "agreement_edit",
        )
        for role in ("caseworker", "consultant", "manager")
    ],
    *[
        (f"placements:{name}", "consultant", _conversation)
        for name in ("conversation_hold", "conversation_move")
    ],
    ("placements:placement_create", "consultant", factories.course),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role", "build"), TENANT_DETAIL_VIEWS)
def test_other_municipalities_objects_are_404(
    url_name, role, build, personas, municipality_b, client_for
):
    other = build(municipality_b)
    response = client_for(personas[role]).get(reverse(url_name, args=[other.pk]))
    assert response.status_code == 404


def test_every_action_in_the_table_names_known_roles():
    for action, roles in RULES.items():
        assert roles <= set(Role), action


@pytest.mark.django_db
def test_scope_limits_staff_to_their_municipality(manager, outsider, caseworker):
    visible = scope(manager, User.objects.staff())
    assert caseworker in visible
    assert outsider not in visible


@pytest.mark.django_db
def test_scope_gives_roles_without_a_rule_nothing(evaluator, contact_person_user, caseworker):
    assert not scope(evaluator, User.objects.all()).exists()
    assert not scope(contact_person_user, User.objects.all()).exists()


@pytest.mark.django_db
def test_inactive_users_may_do_nothing(caseworker):
    caseworker.is_active = False
    assert not can(caseworker, "home.view")


@pytest.mark.django_db
def test_get_for_user_logs_the_read(manager, caseworker):
    get_for_user(manager, User.objects.staff(), "staff.view", pk=caseworker.pk)
    entry = AccessLog.objects.get()
    assert (entry.username, entry.action, entry.object_id) == (
        manager.username,
        "read",
        str(caseworker.pk),
    )
    assert entry.municipality_id == manager.municipality_id


@pytest.mark.django_db
def test_admin_site_is_for_operations_only(admin_user, client_for):
    response = client_for(admin_user).get("/drift/")
    assert response.status_code == 302  # a municipal admin is not an operations superuser
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    assert client_for(admin_user).get("/drift/").status_code == 200


@pytest.mark.django_db
def test_caseworker_cannot_reach_the_admin_site(caseworker, client_for):
    caseworker.is_staff = caseworker.is_superuser = True  # even if wrongly flagged
    caseworker.save()
    assert client_for(caseworker).get("/drift/").status_code == 302
