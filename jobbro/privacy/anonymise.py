"""What anonymising a citizen does to every table that holds their data.

One ``Rule`` per model: which fields are cleared (and to what), which stay and why,
or that the rows are deleted. A test walks every model that leads to a citizen and
fails for a model or a field without a decision here, so a new field cannot slip
past the retention job; docs/privacy.md shows the same table in Danish.

What stays is counts, dates, codes and choices for statistics (how many courses,
placements and conversations, how long, which outcome); names, CPR, contact data
and every free text go.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, LPad

# The citizen keeps a row (courses point to it) but no CPR number: a placeholder that
# is unique per citizen, as the (municipality, cpr) constraint needs, and that can
# never be a CPR number (it is not digits).
ANONYMOUS_CPR = Concat(Value("x"), LPad(Cast("id", CharField()), 9, Value("0")))
ANONYMOUS_USERNAME = Concat(Value("anonymiseret-"), Cast("id", CharField()))
FIRST_NAME, LAST_NAME = "Anonymiseret", "borger"
REDACTED = "[anonymiseret]"

STATISTICS = "tælles i statistikken"
DATE = "dato til statistik (varighed, ventetid)"
LINK = "kobling uden personoplysninger"
STAFF = "medarbejder, ikke borgerens data"


def _strip_closing_texts(details: dict) -> dict:
    # The outcome at closing stays (statistics); the texts typed with it go.
    return {**details, "programme": "", "upskilling": ""} if details else details


@dataclass(frozen=True)
class Rule:
    model: str
    # Lookup from the model to the citizen's id, or a function of the ids giving a Q.
    citizen: str | Callable[[list[int]], Q]
    clear: Mapping[str, Any] = field(default_factory=dict)
    keep: Mapping[str, str] = field(default_factory=dict)
    delete: bool = False
    why: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def rows(self, citizen_ids):
        if callable(self.citizen):
            return self.model_class.objects.filter(self.citizen(citizen_ids))
        return self.model_class.objects.filter(**{f"{self.citizen}__in": citizen_ids})

    def apply(self, citizen_ids: list[int]) -> int:
        rows = self.rows(citizen_ids)
        if self.delete:
            return rows.delete()[0]
        plain = {
            k: v
            for k, v in self.clear.items()
            if not callable(v) or hasattr(v, "resolve_expression")
        }
        changed = rows.update(**plain) if plain else 0
        for name, transform in self.clear.items():
            if name not in plain:
                changed = max(changed, _transform(rows, name, transform))
        return changed


def _transform(rows, name: str, transform: Callable[[Any], Any]) -> int:
    objs = list(rows.only("pk", name))
    for obj in objs:
        setattr(obj, name, transform(getattr(obj, name)))
    rows.model.objects.bulk_update(objs, [name], batch_size=500)
    return len(objs)


def _placements_of(ids: list[int]) -> Q:
    from jobbro.placements.models import Placement

    return Q(placement_id__in=Placement.objects.filter(citizen_id__in=ids).values("id"))


RULES: tuple[Rule, ...] = (
    Rule(
        "citizens.Citizen",
        "id",
        clear={
            "cpr": ANONYMOUS_CPR,
            "first_name": FIRST_NAME,
            "last_name": LAST_NAME,
            "phone": "",
            "email": "",
            "address": "",
            "postcode": "",
            "city": "",
            "education": "",
            "work_experience": "",
            "competences": "",
            "job_goals": "",
            "barriers": "",
            "last_employer_cvr": "",
            "max_commute_km": None,
        },
        keep={
            "target_group": STATISTICS,
            "unemployed_since": DATE,
            "occupation_codes": "DISCO-08-koder: hvilke fag forløbene fører til (statistik)",
            "wish_industry_codes": "DB07-koder: hvilke brancher (statistik)",
            "user": "kontoen anonymiseres for sig (accounts.User)",
            "created_at": DATE,
            "updated_at": DATE,
        },
    ),
    Rule(
        "accounts.User",
        "citizen",
        clear={
            "username": ANONYMOUS_USERNAME,
            "first_name": "",
            "last_name": "",
            "email": "",
            "phone": "",
            "title": "",
            "is_active": False,
            "password": "!",  # an unusable password: nobody signs in as it again
        },
        keep={
            "role": STATISTICS,
            "last_login": DATE,
            "date_joined": DATE,
            "is_staff": "altid falsk for borgere",
            "is_superuser": "altid falsk for borgere",
            "session_epoch": "et tal uden persondata; kontoen er lukket, og adgangskoden "
            "er ændret, så ingen session gælder længere",
        },
    ),
    Rule("portal.SignInLink", "user__citizen", delete=True, why="engangslinks til portalen"),
    Rule(
        "citizens.UnemploymentPeriod",
        "citizen",
        keep={"citizen": LINK, "start_on": DATE, "end_on": DATE},
    ),
    Rule("citizens.WishWorkplace", "citizen", delete=True, why="borgerens egne ønsker i fritekst"),
    Rule(
        "cases.Course",
        "citizen",
        clear={
            "motivation_notes": "",
            "outcome_programme": "",
            "upskilling": "",
            "close_reason": "",
        },
        keep={
            "citizen": LINK,
            "caseworker": STAFF,
            "consultant": STAFF,
            "phase": STATISTICS,
            "phase_started_on": DATE,
            "version": "teknisk",
            "visitation_on": DATE,
            "voluntary": STATISTICS,
            "consent_to_share": STATISTICS,
            "info_meeting_attended": STATISTICS,
            "info_meeting_on": DATE,
            "first_company_contact_on": DATE,
            "last_contact_on": DATE,
            "outcome": STATISTICS,
            "outcome_hours_per_week": STATISTICS,
            "outcome_start_on": DATE,
            "closed_on": DATE,
            "created_at": DATE,
            "updated_at": DATE,
        },
    ),
    Rule(
        "cases.PhaseChange",
        "course__citizen",
        clear={"reason": "", "details": _strip_closing_texts},
        keep={
            "course": LINK,
            "from_phase": STATISTICS,
            "to_phase": STATISTICS,
            "by": STAFF,
            "at": DATE,
        },
    ),
    Rule(
        "cases.CourseEvent",
        "course__citizen",
        clear={"text": ""},
        keep={
            "course": LINK,
            "kind": STATISTICS,
            "occurred_on": DATE,
            "author": STAFF,
            "created_at": DATE,
            "edited_at": DATE,
            "corrects": LINK,
        },
    ),
    Rule(
        "cases.HomeworkItem",
        "course__citizen",
        clear={"description": "", "answer": ""},
        keep={
            "course": LINK,
            "template": LINK,
            "kind": STATISTICS,
            "due_on": DATE,
            "status": STATISTICS,
            "created_by": STAFF,
            "created_at": DATE,
            "updated_at": DATE,
        },
    ),
    Rule(
        "cases.MeetingInvitation",
        "citizen",
        keep={"meeting": LINK, "citizen": LINK, "attended": STATISTICS, "invited_at": DATE},
    ),
    Rule(
        "placements.Placement",
        "citizen",
        clear={"tasks": "", "end_reason": "", "activation_override": ""},
        keep={
            "course": LINK,
            "citizen": LINK,
            "workplace": "virksomhedens praktikpladser og ansættelser (statistik, matching)",
            "contact_person": "jobkontaktpersonens praktikanter (statistik)",
            "start_on": DATE,
            "weeks": STATISTICS,
            "end_on": DATE,
            "hours_per_week": STATISTICS,
            "purpose": STATISTICS,
            "status": STATISTICS,
            "extended": STATISTICS,
            "ended_on": DATE,
            "created_by": STAFF,
            "created_at": DATE,
            "version": "teknisk",
        },
    ),
    Rule(
        "placements.AgreementVersion",
        "placement__citizen",
        clear={
            "goals": "",
            "tasks": "",
            "hours_and_place": "",
            "support": "",
            "feedback": "",
            "contacts": "",
            "ending": "",
        },
        keep={"placement": LINK, "number": STATISTICS, "created_by": STAFF, "created_at": DATE},
    ),
    Rule(
        "placements.AgreementApproval",
        "version__placement__citizen",
        keep={
            "version": LINK,
            "party": STATISTICS,
            "approved_by": "kontoen er anonymiseret, når det er borgeren",
            "on_paper": STATISTICS,
            "approved_at": DATE,
        },
    ),
    Rule(
        "placements.Conversation",
        "placement__citizen",
        clear={"notes": "", "answers": {}, "location": ""},
        keep={
            "placement": LINK,
            "kind": STATISTICS,
            "week": STATISTICS,
            "planned_on": DATE,
            "planned_at": DATE,
            "duration_minutes": STATISTICS,
            "status": STATISTICS,
            "moved": STATISTICS,
            "held_on": DATE,
            "template": LINK,
            "recorded_by": STAFF,
        },
    ),
    Rule(
        "placements.WeeklyFeedback",
        "placement__citizen",
        clear={"tasks_done": "", "behaviour": "", "concerns": ""},
        keep={
            "placement": LINK,
            "week": STATISTICS,
            "professional": STATISTICS,
            "social": STATISTICS,
            "cv_help": STATISTICS,
            "applications_helped": STATISTICS,
            "network_contacts": STATISTICS,
            "author": "jobkontaktpersonen, ikke borgerens data",
            "on_behalf": STATISTICS,
            "created_at": DATE,
            "updated_at": DATE,
        },
    ),
    Rule(
        "placements.SupportEntry",
        "placement__citizen",
        clear={"company": "", "position": "", "note": ""},
        keep={
            "placement": LINK,
            "kind": STATISTICS,
            "on": DATE,
            "answer": STATISTICS,
            "author": "jobkontaktpersonen, ikke borgerens data",
            "created_at": DATE,
        },
    ),
    Rule(
        "portal.WeeklyFeedbackDraft",
        "placement__citizen",
        delete=True,
        why="kladder til ugentlig feedback",
    ),
    Rule(
        "matching.ContactAttempt",
        "course__citizen",
        clear={"note": ""},
        keep={
            "course": LINK,
            "workplace": "virksomhedens afslag og interesse (matching, statistik)",
            "contacted_on": DATE,
            "channel": STATISTICS,
            "outcome": STATISTICS,
            "by": STAFF,
            "created_at": DATE,
        },
    ),
    Rule(
        "notifications.Reminder",
        "citizen",
        delete=True,
        why="sendte påmindelser med borgerens e-mailadresse",
    ),
    Rule(
        "companies.CapacityOverride",
        _placements_of,
        clear={"reason": REDACTED},
        keep={
            "workplace": LINK,
            "manager": STAFF,
            "period_start": DATE,
            "period_end": DATE,
            "allowed": STATISTICS,
            "used": STATISTICS,
            "placement_id": LINK,
            "created_at": DATE,
        },
    ),
)

# Tables that point to a citizen but are handled by their own rule, not here.
ELSEWHERE: Mapping[str, str] = {
    "accounts.AccessLog": (
        "Adgangsloggen bevares i ACCESS_LOG_RETENTION_DAYS og slettes derefter af "
        "retention-kørslen; den viser kun borgerens id, og anonymiseringen logges i den."
    ),
    "privacy.Anonymisation": "Anonymiseringen selv: hvornår, ingen personoplysninger.",
}
