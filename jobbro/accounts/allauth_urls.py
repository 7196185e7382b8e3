"""django-allauth's sign-in and second-factor views at Jobbro's Danish paths.

allauth finds its pages by URL name (``account_login``, ``mfa_authenticate``, …), so
the names are allauth's and the paths ours; every view states its access rule like any
other (tests/test_access.py). Sign-up, e-mail management and allauth's own password
pages are not routed: users are created by their administrator, and the password pages
are Django's (jobbro/accounts/urls.py).
"""

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from django.urls import path
from django.views.decorators.http import require_POST

from jobbro.access import public, require
from jobbro.accounts import views

mfa = require("account.mfa")

urlpatterns = [
    path("log-ind/", public(account_views.login), name="account_login"),
    path("log-ud/", public(require_POST(account_views.logout)), name="account_logout"),
    path("log-ind/inaktiv/", public(account_views.account_inactive), name="account_inactive"),
    path("log-ind/bekraeft/", mfa(account_views.reauthenticate), name="account_reauthenticate"),
    # allauth links to the password pages by these names; they are Django's views.
    path("glemt-adgangskode/", views.password_reset, name="account_reset_password"),
    path("adgangskode/", views.password_change, name="account_change_password"),
    # The second factor: the page after the password (guarded by allauth's sign-in stage)
    # and the user's own "Totrinsbekræftelse" pages.
    path("tofaktor/", mfa(mfa_views.index), name="mfa_index"),
    path("tofaktor/log-ind/", public(mfa_views.authenticate), name="mfa_authenticate"),
    path("tofaktor/bekraeft/", mfa(mfa_views.reauthenticate), name="mfa_reauthenticate"),
    path("tofaktor/app/", mfa(totp_views.activate_totp), name="mfa_activate_totp"),
    path("tofaktor/app/fjern/", mfa(totp_views.deactivate_totp), name="mfa_deactivate_totp"),
    path(
        "tofaktor/koder/",
        mfa(recovery_views.view_recovery_codes),
        name="mfa_view_recovery_codes",
    ),
    path(
        "tofaktor/koder/nye/",
        mfa(recovery_views.generate_recovery_codes),
        name="mfa_generate_recovery_codes",
    ),
    path(
        "tofaktor/koder/hent/",
        mfa(recovery_views.download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
    path("tofaktor/noegler/", mfa(webauthn_views.list_webauthn), name="mfa_list_webauthn"),
    path("tofaktor/noegler/ny/", mfa(webauthn_views.add_webauthn), name="mfa_add_webauthn"),
    path(
        "tofaktor/noegler/bekraeft/",
        mfa(webauthn_views.reauthenticate_webauthn),
        name="mfa_reauthenticate_webauthn",
    ),
    path(
        "tofaktor/noegler/<int:pk>/fjern/",
        mfa(webauthn_views.remove_webauthn),
        name="mfa_remove_webauthn",
    ),
    path(
        "tofaktor/noegler/<int:pk>/ret/",
        mfa(webauthn_views.edit_webauthn),
        name="mfa_edit_webauthn",
    ),
]
