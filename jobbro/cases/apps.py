from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "jobbro.cases"
    label = "cases"
    verbose_name = _("Forløb")

    def ready(self) -> None:
        # cases sits above citizens: it adds the course column, the "Ny borger / nyt
        # forløb" button and the back link to the citizen pages (citizens.pages).
        from jobbro.cases import selectors
        from jobbro.citizens import pages

        pages.add_list_column(
            pages.Column(
                heading=_("Forløb"),
                annotate=selectors.citizens_with_open_course,
                template="cases/_citizen_course_cell.html",
            )
        )
        pages.add_list_action("cases/_new_citizen_button.html")
        pages.add_back_link(selectors.latest_course_link)
