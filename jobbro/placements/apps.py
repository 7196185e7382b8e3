from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jobbro.placements"
    verbose_name = _("Praktikker")

    def ready(self) -> None:
        # placements sits above cases and companies: it adds its parts to their pages and
        # rules through the seams they expose (cases.course_page, companies.seams).
        from jobbro import sections
        from jobbro.cases.course_page import COURSE_PAGE, add_timeline_source
        from jobbro.companies import seams
        from jobbro.placements import capacity, selectors, timeline

        # The capacity count and the placements the sharing rules look at (companies.seams).
        seams.provide_placements(capacity.PlacementsAtWorkplaces())
        sections.add(
            sections.Section(
                COURSE_PAGE, "main", "placements/_course_section.html", selectors.course_section
            )
        )
        add_timeline_source(timeline.placement_entries)
        # A job contact person's page lists the own jobcenter's interns.
        sections.add(
            sections.Section(
                "companies.contact_person",
                "main",
                "placements/_contact_person_interns.html",
                selectors.contact_person_interns,
            )
        )
