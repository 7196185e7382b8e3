"""The course's state machine: the one table of allowed phase changes.

Forward along the programme, and back where a jobcenter really goes back:
* matching → referred: the citizen is not ready after all (visitation again);
* preparation → matching: the company fell through before the start;
* in_placement → matching: the placement was broken off, find another company;
* follow_up → matching: a new placement after the first one ended without a job.
"closed" is reached only by closing with an outcome (course_close), and left only by
a manager reopening with a reason (course_reopen), so neither is in this table.
"""

from django.utils.translation import gettext_lazy as _

from jobbro.cases.models import Course, Phase

TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.REFERRED: frozenset({Phase.MATCHING}),
    Phase.MATCHING: frozenset({Phase.REFERRED, Phase.PREPARATION}),
    Phase.PREPARATION: frozenset({Phase.MATCHING, Phase.IN_PLACEMENT}),
    Phase.IN_PLACEMENT: frozenset({Phase.FOLLOW_UP, Phase.MATCHING}),
    Phase.FOLLOW_UP: frozenset({Phase.MATCHING}),
    Phase.CLOSED: frozenset(),
}


def allowed_targets(phase: str) -> list[str]:
    return [p for p in Phase.values if p in TRANSITIONS[phase]]


def guard(course: Course, to_phase: str) -> str | None:
    """Why the course may not enter the phase now (Danish), or None when it may."""
    if to_phase == Phase.CLOSED:
        return str(_("Et forløb afsluttes med et resultat under “Afslut forløb”."))
    if to_phase not in TRANSITIONS[course.phase]:
        return str(
            _("Forløbet kan ikke gå fra %(from)s til %(to)s.")
            % {"from": Phase(course.phase).label, "to": Phase(to_phase).label}
        )
    if to_phase == Phase.MATCHING and course.consultant_id is None:
        return str(_("Tildel en virksomhedskonsulent før matching."))
    if to_phase == Phase.PREPARATION and course.first_company_contact_on is None:
        return str(_("Registrér kontakten med virksomheden før klargøring."))
    if to_phase == Phase.IN_PLACEMENT and not course.consent_to_share:
        return str(
            _(
                "Borgeren skal give samtykke til at dele nødvendige oplysninger med "
                "virksomheden før praktikstart."
            )
        )
    return None
