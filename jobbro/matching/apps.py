from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jobbro.matching"
    verbose_name = _("Matchning")

    def ready(self) -> None:
        # matching sits above cases and companies: the course page's contacted count, its
        # button to the suggestions and the workplace's "Borgere til virksomheden".
        from jobbro import sections
        from jobbro.cases.course_page import COURSE_PAGE
        from jobbro.matching import selectors

        sections.add(
            sections.Section(
                COURSE_PAGE, "lead", "matching/_course_lead.html", selectors.course_lead
            )
        )
        sections.add(sections.Section(COURSE_PAGE, "actions", "matching/_course_actions.html"))
        sections.add(
            sections.Section("companies.workplace", "actions", "matching/_workplace_actions.html")
        )
