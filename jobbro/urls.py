from django.contrib import admin
from django.urls import include, path

from jobbro import views
from jobbro.access import can
from jobbro.api.api import api

admin.site.site_header = "Jobbro – drift"
admin.site.site_title = "Jobbro"


def _only_operations_admins(request) -> bool:
    # Django's admin is not tenant-scoped, so it is for a superuser in the admin role
    # (operations), never for ordinary municipal staff.
    user = request.user
    return user.is_superuser and can(user, "operations.admin")


admin.site.has_permission = _only_operations_admins  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("sprog/", views.set_language, name="set_language"),
    path("", include("jobbro.accounts.allauth_urls")),
    path("", include("jobbro.accounts.urls")),
    path("api/v1/", api.urls),
    path("", include("jobbro.api.urls")),
    path("", include("jobbro.transfer.urls")),
    path("", include("jobbro.portal.urls")),
    path("", include("jobbro.placements.urls")),
    path("", include("jobbro.matching.urls")),
    path("", include("jobbro.notifications.urls")),
    path("", include("jobbro.privacy.urls")),
    path("virksomheder/", include("jobbro.companies.urls")),
    path("", include("jobbro.citizens.urls")),
    path("", include("jobbro.cases.urls")),
    path("drift/login/", views.operations_login),
    path("drift/", admin.site.urls),
]
