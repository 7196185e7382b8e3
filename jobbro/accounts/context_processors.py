from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jobbro.access import can
from jobbro.accounts.mfa import has_passed

# (label, url name, action): an item shows only for roles the door allows.
NAV_ITEMS = [
    (_("Forside"), "home", "home.view"),
    (_("Forløb"), "cases:course_list", "course.list"),
    (_("Borgere"), "citizens:citizen_list", "citizen.view"),
    (_("Virksomheder"), "companies:company_list", "company.view"),
    (_("Informationsmøder"), "cases:meeting_list", "meeting.list"),
]
# Tools a manager or administrator uses now and then: one submenu keeps the main
# navigation to the daily work.
ADMIN_ITEMS = [
    (_("Medarbejdere"), "accounts:staff_list", "staff.list"),
    (_("Låste konti"), "accounts:staff_locked", "staff.unlock"),
    (_("Import og eksport"), "transfer:import", "transfer.import"),
    (_("Opfølgningsskemaer"), "placements:template_list", "followup.template.edit"),
    (_("Indstillinger"), "cases:settings", "settings.edit"),
    (_("Påmindelser"), "notifications:reminder_list", "reminder.list"),
    (_("Adgangslog"), "accounts:access_log", "accesslog.view"),
    (_("API-nøgler"), "api_tokens:list", "apitoken.list"),
]


def _items(user, path: str, entries) -> list[dict]:
    items = []
    for text, url_name, action in entries:
        if not can(user, action):
            continue
        url = reverse(url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": text, "url": url, "active": active})
    # /indstillinger/paamindelser/ is "Påmindelser", not also "Indstillinger".
    longest = max((len(i["url"]) for i in items if i["active"]), default=0)
    for item in items:
        item["active"] = item["active"] and len(item["url"]) == longest
    return items


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "admin_items": []}
    if user.needs_second_factor and not has_passed(request):
        # Until the second factor is set up (or passed) there is nowhere else to go.
        return {"nav_items": [], "admin_items": []}
    admin = _items(user, request.path, ADMIN_ITEMS)
    return {
        "nav_items": _items(user, request.path, NAV_ITEMS),
        "admin_items": admin,
        "admin_active": any(item["active"] for item in admin),
    }
