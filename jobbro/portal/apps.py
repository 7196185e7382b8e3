from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "jobbro.portal"
    verbose_name = _("Portaler for jobkontaktpersoner og borgere")

    def ready(self) -> None:
        # portal sits above cases and companies: the buttons that send a sign-in link on
        # the course page and the contact person's page come from here.
        from jobbro import sections
        from jobbro.cases.course_page import COURSE_PAGE
        from jobbro.companies import seams
        from jobbro.portal import selectors, services

        sections.add(sections.Section(COURSE_PAGE, "citizen", "portal/_course_signin.html"))
        sections.add(
            sections.Section(
                "companies.contact_person",
                "actions",
                "portal/_contact_person_signin.html",
                selectors.contact_person_signin,
            )
        )
        # A changed e-mail is a changed portal identity: links to the old address die.
        seams.on_email_changed(services.signin_links_expire)
