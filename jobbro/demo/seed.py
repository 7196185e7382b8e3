"""Deterministic, realistic fictional demo data.

One function per kind of thing; each takes the shared ``Demo`` state and adds its
rows in bulk, so the data grows to national scale (100,000 citizens) in minutes.
Later features add their own ``seed_*`` function and list it in ``SEEDERS``.
"""

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from jobbro.accounts.mfa import DEMO_TOTP_SECRET, demo_key_in_use  # noqa: F401
from jobbro.accounts.models import User
from jobbro.accounts.roles import Role
from jobbro.cases.models import (
    Course,
    CourseEvent,
    HomeworkItem,
    HomeworkTemplate,
    InformationMeeting,
    MeetingInvitation,
    Outcome,
    Phase,
    PhaseChange,
)
from jobbro.citizens.models import Citizen, TargetGroup
from jobbro.companies.industries import COMMON_DB07
from jobbro.companies.models import (
    Company,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    ExperienceMeeting,
    TrainingRecord,
    Workplace,
)
from jobbro.lib import clock
from jobbro.lib.cpr import normalize_cpr
from jobbro.lib.cvr import make_valid_cvr
from jobbro.matching.models import ContactAttempt
from jobbro.municipalities.models import Municipality, PostalArea

DEMO_PASSWORD = "jobbro-demo"
DEMO_EMAIL_DOMAIN = "demo.jobbro.dk"
# Aarhus first, then its neighbour Skanderborg (which sends interns to Aarhus companies).
PREFERRED_MUNICIPALITIES = [751, 746, 101, 461, 851, 621, 657, 791, 169, 330]
BATCH = 2000

# How many staff of each role a demo jobcenter has.
STAFF_PLAN = [
    (Role.CASEWORKER, "sagsbehandler", 3),
    (Role.CONSULTANT, "konsulent", 2),
    (Role.MANAGER, "leder", 1),
    (Role.ADMIN, "admin", 1),
]


@dataclass
class Demo:
    seed: int
    municipalities: list[Municipality]
    citizens_per_municipality: int
    today: date
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)
    password_hash: str = field(init=False)
    postcodes: dict[int, list[PostalArea]] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    target_groups: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("da_DK")
        self.fake.seed_instance(self.seed)
        # One hash for every demo user: hashing 100,000 passwords would take hours.
        self.password_hash = make_password(DEMO_PASSWORD)


def slug(text: str) -> str:
    text = text.lower().removesuffix(" kommune").replace(" ", "-")
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def choose_municipalities(count: int) -> list[Municipality]:
    by_code = {m.code: m for m in Municipality.objects.all()}
    order = [c for c in PREFERRED_MUNICIPALITIES if c in by_code]
    order += sorted(c for c in by_code if c not in order)
    return [by_code[c] for c in order[:count]]


def random_cpr(rng: random.Random, *, born_from: int = 1962, born_to: int = 2004) -> str:
    birth = date(born_from, 1, 1) + timedelta(days=rng.randrange((born_to - born_from) * 365))
    yy = birth.year % 100
    # The 7th digit with the year gives the century (CPR office's table).
    seventh = rng.choice("0123") if birth.year < 2000 else rng.choice("4")
    serial = f"{seventh}{rng.randrange(100):02d}{rng.randrange(10)}"
    return normalize_cpr(f"{birth:%d%m}{yy:02d}{serial}")


def phone(rng: random.Random) -> str:
    return f"{rng.choice('2345678')}{rng.randrange(10_000_000):07d}"


def seed_staff(demo: Demo) -> None:
    users = []
    for municipality in demo.municipalities:
        prefix = slug(municipality.name)
        for role, word, count in STAFF_PLAN:
            for n in range(1, count + 1):
                username = f"{prefix}.{word}" + (str(n) if n > 1 else "")
                first, last = demo.fake.first_name(), demo.fake.last_name()
                users.append(
                    User(
                        username=username,
                        role=role,
                        municipality=municipality,
                        first_name=first,
                        last_name=last,
                        email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                        title=Role(role).label,
                        phone=phone(demo.rng),
                        password=demo.password_hash,
                    )
                )
                if n == 1:
                    demo.logins.append((username, str(Role(role).label), municipality.name))
    users.append(
        User(
            username="evaluator",
            role=Role.EVALUATOR,
            first_name="Eva",
            last_name="Luator",
            email=f"evaluator@{DEMO_EMAIL_DOMAIN}",
            password=demo.password_hash,
        )
    )
    demo.logins.append(("evaluator", str(Role.EVALUATOR.label), "alle kommuner"))
    User.objects.bulk_create(users, batch_size=BATCH)
    created = User.objects.filter(username__in=[user.username for user in users])
    Authenticator.objects.bulk_create(
        Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": DEMO_TOTP_SECRET})
        for user in created
    )


def seed_postcodes(demo: Demo) -> None:
    codes = [m.code for m in demo.municipalities]
    for area in PostalArea.objects.filter(municipality_id__in=codes).order_by("postcode"):
        # PO-box and company codes (below 1000 and named after a firm) are no home address.
        if int(area.postcode) >= 1000:
            demo.postcodes.setdefault(area.municipality_id, []).append(area)


def unique_cvrs(rng: random.Random, count: int) -> list[str]:
    cvrs: set[str] = set()
    while len(cvrs) < count:
        cvr = make_valid_cvr(rng.randrange(1_000_000, 10_000_000))
        if cvr:
            cvrs.add(cvr)
    return sorted(cvrs, key=lambda _: rng.random())


def employee_count(rng: random.Random) -> Decimal:
    # Most Danish companies are small; a few are large (1 to 500 employees).
    value = min(500.0, max(1.0, rng.lognormvariate(2.3, 1.1)))
    return Decimal(str(round(value * 2) / 2))


def seed_companies(demo: Demo) -> None:
    per_municipality = max(12, demo.citizens_per_municipality // 3)
    total = per_municipality * len(demo.municipalities)
    cvrs = iter(unique_cvrs(demo.rng, total))
    industries = list(COMMON_DB07.items())
    p_counter = 1_000_000_000 + demo.rng.randrange(1_000_000)
    companies, relations, workplaces = [], [], []
    for municipality in demo.municipalities:
        areas = demo.postcodes[municipality.code]
        for _ in range(per_municipality):
            code, text = demo.rng.choice(industries)
            area = demo.rng.choice(areas)
            company = Company(
                cvr=next(cvrs),
                name=demo.fake.company(),
                industry_code=code,
                industry_text=text,
                address=demo.fake.street_address(),
                postcode=area.postcode,
                city=area.town,
                phone=phone(demo.rng),
                email=f"kontakt@{slug(demo.fake.last_name())}.{DEMO_EMAIL_DOMAIN}",
            )
            companies.append(company)
            relations.append(
                CompanyRelation(
                    company=company,
                    municipality=municipality,
                    since=demo.today - timedelta(days=demo.rng.randrange(30, 2000)),
                )
            )
            employees = employee_count(demo.rng)
            sites = 1 if employees < 50 else demo.rng.randint(2, 4)
            for n in range(sites):
                site_area = area if n == 0 else demo.rng.choice(areas)
                p_counter += demo.rng.randrange(1, 5000)
                workplaces.append(
                    Workplace(
                        company=company,
                        p_number=str(p_counter),
                        name=company.name if n == 0 else f"{company.name}, {site_area.town}",
                        address=company.address if n == 0 else demo.fake.street_address(),
                        postcode=site_area.postcode,
                        city=site_area.town,
                        ordinary_employees=(employees / sites).quantize(Decimal("0.1")),
                        employees_stated_on=demo.today
                        - timedelta(days=demo.rng.randrange(10, 200)),
                        weekly_hours=Decimal("37"),
                        worker_rep_statement_on=demo.today
                        - timedelta(days=demo.rng.randrange(10, 400))
                        if employees >= 10
                        else None,
                        other_schemes_count=demo.rng.choice([0, 0, 0, 1]),
                    )
                )
    Company.objects.bulk_create(companies, batch_size=BATCH)
    CompanyRelation.objects.bulk_create(relations, batch_size=BATCH)
    Workplace.objects.bulk_create(workplaces, batch_size=BATCH)


def seed_contact_persons(demo: Demo) -> None:
    people = []
    for workplace in Workplace.objects.order_by("id").iterator(chunk_size=BATCH):
        for _ in range(1 if workplace.ordinary_employees < 20 else 2):
            name = demo.fake.name()
            people.append(
                ContactPerson(
                    workplace=workplace,
                    name=name,
                    title=demo.rng.choice(
                        ["Butikschef", "Værkfører", "Teamleder", "Souschef", "Afdelingsleder"]
                    ),
                    email=f"{slug(name).replace('-', '.')}@{DEMO_EMAIL_DOMAIN}",
                    phone=phone(demo.rng),
                )
            )
    ContactPerson.objects.bulk_create(people, batch_size=BATCH)
    # Every demo municipality gets a job contact person who can sign in.
    first = ContactPerson.objects.order_by("id").select_related("workplace").first()
    if first is not None:
        user = User.objects.create(
            username="jobkontaktperson",
            role=Role.CONTACT_PERSON,
            first_name=first.name.split(" ")[0],
            last_name=" ".join(first.name.split(" ")[1:]),
            email=first.email,
            password=demo.password_hash,
        )
        first.user = user
        first.save(update_fields=["user"])
        demo.logins.append((user.username, str(Role.CONTACT_PERSON.label), first.workplace.name))


GOALS = [
    "Lager og logistik",
    "Butik og salg",
    "Rengøring",
    "Køkken og kantine",
    "Pleje og omsorg",
    "Administration og kontor",
    "Håndværk og byggeri",
    "Transport og chauffør",
    "Grønne områder",
    "IT-support",
]
# The wished industries (DB07) and occupations (DISCO-08) that go with each job goal, so
# the matching has codes to work with; derived, not drawn, to keep the random stream.
GOAL_CODES = {
    "Lager og logistik": ("521000, 494100", "932900"),
    "Butik og salg": ("471120, 477110", "522300"),
    "Rengøring": ("812100", "911200"),
    "Køkken og kantine": ("561010", "941100"),
    "Pleje og omsorg": ("881000, 871000", "532200"),
    "Administration og kontor": ("692000", "411000"),
    "Håndværk og byggeri": ("412000, 475210", "711200"),
    "Transport og chauffør": ("494100", "833200"),
    "Grønne områder": ("813000", "921400"),
    "IT-support": ("620100", "351200"),
}


def seed_target_groups(demo: Demo) -> None:
    """The municipalities set up (target groups, settings, templates: provisioning), and
    the target groups the citizens are drawn from."""
    from jobbro.setup.services import municipality_provision

    municipality_provision(municipality_ids=[m.pk for m in demo.municipalities])
    for municipality in demo.municipalities:
        groups = TargetGroup.objects.filter(municipality=municipality).order_by("code")
        by_code = {g.code: g.pk for g in groups}
        # Mostly dagpengemodtagere, the programme's target group.
        demo.target_groups[municipality.code] = [by_code["dagpenge"]] * 6 + list(by_code.values())


def seed_citizens(demo: Demo) -> None:
    citizens = []
    for municipality in demo.municipalities:
        areas = demo.postcodes[municipality.code]
        seen: set[str] = set()
        while len(seen) < demo.citizens_per_municipality:
            cpr = random_cpr(demo.rng)
            if cpr in seen:
                continue
            seen.add(cpr)
            female = int(cpr[-1]) % 2 == 0
            first = demo.fake.first_name_female() if female else demo.fake.first_name_male()
            last = demo.fake.last_name()
            area = demo.rng.choice(areas)
            citizens.append(
                Citizen(
                    municipality=municipality,
                    cpr=cpr,
                    first_name=first,
                    last_name=last,
                    phone=phone(demo.rng),
                    email=f"{slug(first)}.{slug(last)}{demo.rng.randrange(100)}@{DEMO_EMAIL_DOMAIN}",
                    address=demo.fake.street_address(),
                    postcode=area.postcode,
                    city=area.town,
                    unemployed_since=demo.today - timedelta(days=demo.rng.randrange(60, 900)),
                    job_goals=(goal := demo.rng.choice(GOALS)),
                    wish_industry_codes=GOAL_CODES[goal][0],
                    occupation_codes=GOAL_CODES[goal][1],
                    target_group_id=demo.rng.choice(demo.target_groups[municipality.code])
                    if demo.target_groups
                    else None,
                )
            )
    Citizen.objects.bulk_create(citizens, batch_size=BATCH)
    first = Citizen.objects.filter(municipality=demo.municipalities[0]).order_by("id").first()
    if first is not None:
        user = User.objects.create(
            username="borger",
            role=Role.CITIZEN,
            first_name=first.first_name,
            last_name=first.last_name,
            email=first.email,
            password=demo.password_hash,
        )
        first.user = user
        first.save(update_fields=["user"])
        demo.logins.append((user.username, str(Role.CITIZEN.label), first.full_name))


def _relations(demo: Demo) -> list[tuple[int, int]]:
    """(company_id, municipality_id) for the demo municipalities, in a stable order."""
    codes = [m.code for m in demo.municipalities]
    return list(
        CompanyRelation.objects.filter(municipality_id__in=codes)
        .order_by("company_id", "municipality_id")
        .values_list("company_id", "municipality_id")
    )


def seed_shared_companies(demo: Demo) -> None:
    # A company in Aarhus may take interns from Skanderborg: some of the first
    # municipality's companies are also known by the second.
    if len(demo.municipalities) < 2:
        return
    first, second = demo.municipalities[:2]
    ids = CompanyRelation.objects.filter(municipality=first).order_by("company_id")
    shared = [
        CompanyRelation(
            company_id=cid,
            municipality=second,
            since=demo.today - timedelta(days=demo.rng.randrange(30, 700)),
        )
        for cid in ids.values_list("company_id", flat=True)
        if demo.rng.random() < 0.15
    ]
    CompanyRelation.objects.bulk_create(shared, batch_size=BATCH)


AGREEMENT_TASKS = [
    ("932900", "Lagermedarbejder", "Varemodtagelse, pluk og pak"),
    ("522300", "Butiksassistent", "Opfyldning, kasse og kundeservice"),
    ("911200", "Rengøringsassistent", "Daglig rengøring af kontorer"),
    ("941100", "Køkkenmedhjælper", "Forberedelse af mad og opvask"),
    ("532200", "Hjemmehjælper", "Praktisk hjælp hos borgere"),
    ("921400", "Gartnermedhjælper", "Pleje af grønne områder"),
]


def _agreement(demo: Demo, workplace_id: int, municipality_id: int, kind: str):
    today = demo.today
    start = {
        "draft": today + timedelta(days=demo.rng.randrange(5, 60)),
        "active": today - timedelta(days=demo.rng.randrange(30, 300)),
        "expiring": today - timedelta(days=demo.rng.randrange(300, 360)),
        "expired": today - timedelta(days=demo.rng.randrange(400, 800)),
    }[kind]
    end = {
        "expiring": today + timedelta(days=demo.rng.randrange(1, 29)),
        "expired": start + timedelta(days=365),
    }.get(kind, start + timedelta(days=365))
    code, occupation, tasks = demo.rng.choice(AGREEMENT_TASKS)
    signed = kind != "draft"
    return CooperationAgreement(
        municipality_id=municipality_id,
        workplace_id=workplace_id,
        start_date=start,
        end_date=end,
        signed_on=start - timedelta(days=demo.rng.randrange(1, 20)) if signed else None,
        signed_by=f"{demo.fake.name()}, indehaver" if signed else "",
        places_offered=demo.rng.randint(1, 3),
        tasks=tasks,
        occupation_codes=code,
        occupations_text=occupation,
        # Some expired agreements were closed by hand, others just ran out (active, past end).
        status=(
            CooperationAgreement.Status.DRAFT
            if kind == "draft"
            else CooperationAgreement.Status.EXPIRED
            if kind == "expired" and demo.rng.random() < 0.5
            else CooperationAgreement.Status.ACTIVE
        ),
    )


def seed_agreements(demo: Demo) -> None:
    first_workplace = dict(
        Workplace.objects.order_by("company_id", "-id").values_list("company_id", "id")
    )
    kinds = ["active", "active", "active", "expiring", "expired", "draft"]
    agreements = [
        _agreement(demo, first_workplace[cid], mid, demo.rng.choice(kinds))
        for cid, mid in _relations(demo)
        if cid in first_workplace and demo.rng.random() < 0.6
    ]
    CooperationAgreement.objects.bulk_create(agreements, batch_size=BATCH)


VISIT_PURPOSES = [
    "Indgå samarbejdsaftale",
    "Opfølgning på praktik",
    "Forventningsafstemning",
    "Præsentation af virksomhedsrettet indsats",
    "Afklaring af praktikpladser",
]


def _consultants(demo: Demo) -> dict[int, list[int]]:
    staff: dict[int, list[int]] = {}
    rows = User.objects.filter(municipality__in=demo.municipalities, role=Role.CONSULTANT).order_by(
        "id"
    )
    for uid, mid in rows.values_list("id", "municipality_id"):
        staff.setdefault(mid, []).append(uid)
    return staff


def seed_visits(demo: Demo) -> None:
    consultants = _consultants(demo)
    visits = []
    for cid, mid in _relations(demo):
        # About a third are overdue: last visited a year or more ago, or never.
        recent = demo.rng.random() < 0.65
        for n in range(demo.rng.randint(0, 3) if recent else demo.rng.randint(0, 1)):
            days = demo.rng.randrange(5, 170) if recent else demo.rng.randrange(380, 900)
            visited = demo.today - timedelta(days=days + 120 * n)
            visits.append(
                CompanyVisit(
                    municipality_id=mid,
                    company_id=cid,
                    consultant_id=demo.rng.choice(consultants[mid]),
                    visited_on=visited,
                    purpose=demo.rng.choice(VISIT_PURPOSES),
                    notes="Godt møde. Virksomheden er positiv over for praktikanter.",
                    next_step="Send forslag til kandidat" if n == 0 else "",
                    next_step_on=visited + timedelta(days=14) if n == 0 else None,
                )
            )
    CompanyVisit.objects.bulk_create(visits, batch_size=BATCH)


TRAINING_COURSES = [
    "Jobkontaktpersonkursus, modul 1",
    "Jobkontaktpersonkursus, modul 2",
    "Den gode feedbacksamtale",
    "Mentorrollen i praksis",
]


def seed_training(demo: Demo) -> None:
    knows = dict(_relations(demo))  # one municipality per company is enough to train
    people = ContactPerson.objects.order_by("id").values_list("id", "workplace__company_id")
    trainings = []
    for pid, cid in people:
        if cid not in knows or demo.rng.random() < 0.45:
            continue  # untrained
        for course in demo.rng.sample(TRAINING_COURSES, demo.rng.randint(1, 2)):
            trainings.append(
                TrainingRecord(
                    municipality_id=knows[cid],
                    contact_person_id=pid,
                    course=course,
                    held_on=demo.today - timedelta(days=demo.rng.randrange(10, 700)),
                    completed=demo.rng.random() < 0.8,
                )
            )
    TrainingRecord.objects.bulk_create(trainings, batch_size=BATCH)


MEETING_TOPICS = [
    "Den svære samtale med praktikanten",
    "Ugentlig feedback: hvad virker?",
    "Fra praktik til ansættelse",
]


def seed_experience_meetings(demo: Demo) -> None:
    attendance = ExperienceMeeting.attendees.through
    for municipality in demo.municipalities:
        trained = list(
            TrainingRecord.objects.filter(municipality=municipality, completed=True)
            .order_by("contact_person_id")
            .values_list("contact_person_id", flat=True)
            .distinct()[:200]
        )
        if not trained:
            continue
        meetings = ExperienceMeeting.objects.bulk_create(
            ExperienceMeeting(
                municipality=municipality,
                held_on=demo.today - timedelta(days=60 + 90 * n),
                topic=topic,
                notes="Erfaringer delt på tværs af virksomheder.",
            )
            for n, topic in enumerate(MEETING_TOPICS)
        )
        rows = [
            attendance(experiencemeeting_id=meeting.pk, contactperson_id=pid)
            for meeting in meetings
            for pid in demo.rng.sample(trained, min(len(trained), demo.rng.randint(3, 8)))
        ]
        attendance.objects.bulk_create(rows, batch_size=BATCH)


# (phase, days since visitation, days in phase, first contact days ago, last contact days
# ago): the first courses of each municipality cover every phase on time and overdue.
COURSE_PLAN = [
    ("referred", 3, 3, None, None),
    ("referred", 19, 19, None, None),
    ("matching", 10, 6, None, None),
    ("matching", 40, 20, 30, 22),
    ("preparation", 30, 5, 20, 5),
    ("preparation", 50, 26, 40, 26),
    ("in_placement", 60, 20, 50, 4),
    ("in_placement", 80, 30, 70, 18),
    ("follow_up", 100, 5, 90, 5),
    ("follow_up", 120, 25, 110, 16),
    ("closed", 150, 10, 140, 10),
    ("closed", 200, 40, 190, 40),
]


def _course_shape(demo: Demo, n: int) -> tuple:
    if n < len(COURSE_PLAN):
        return COURSE_PLAN[n]
    phase = demo.rng.choices(
        ["referred", "matching", "preparation", "in_placement", "follow_up", "closed"],
        weights=[15, 25, 10, 25, 10, 15],
    )[0]
    in_phase = demo.rng.randrange(0, 30)
    visited = in_phase + demo.rng.randrange(0, 60)
    if phase == "referred":
        visited = in_phase  # still in the first phase since visitation
    first = None if phase == "referred" else max(in_phase, visited - demo.rng.randrange(1, 15))
    if phase == "matching" and demo.rng.random() < 0.4:
        first = None
    last = None if first is None else demo.rng.randrange(0, first + 1)
    return phase, visited, in_phase, first, last


def _outcome_fields(demo: Demo, closed_on: date) -> dict:
    outcome = demo.rng.choice(Outcome.values)
    job = outcome in ("job_same_company", "job_other_company")
    return {
        "outcome": outcome,
        "outcome_hours_per_week": Decimal(demo.rng.choice([20, 30, 37])) if job else None,
        "outcome_start_on": closed_on + timedelta(days=7)
        if job or outcome == "education"
        else None,
        "outcome_programme": "Løntilskud" if outcome == "other_programme" else "",
        "upskilling": demo.rng.choice(["", "Truckcertifikat", "Dansk på arbejdspladsen"]),
        "close_reason": "Forløbet er slut efter praktik og opfølgning.",
        "closed_on": closed_on,
    }


def _days_ago(demo: Demo, days: int) -> date:
    return demo.today - timedelta(days=days)


def seed_courses(demo: Demo) -> None:
    """One course for about nine in ten citizens, in every phase, some overdue."""
    for municipality in demo.municipalities:
        staff = User.objects.filter(municipality=municipality)
        caseworkers = list(staff.filter(role=Role.CASEWORKER).order_by("id"))
        consultants = list(staff.filter(role=Role.CONSULTANT).order_by("id"))
        citizen_ids = Citizen.objects.filter(municipality=municipality).order_by("id")
        courses = []
        for n, citizen_id in enumerate(citizen_ids.values_list("id", flat=True).iterator()):
            if n >= len(COURSE_PLAN) and demo.rng.random() < 0.1:
                continue
            phase, visited, in_phase, first, last = _course_shape(demo, n)
            extra = _outcome_fields(demo, _days_ago(demo, in_phase)) if phase == "closed" else {}
            courses.append(
                Course(
                    municipality=municipality,
                    citizen_id=citizen_id,
                    caseworker=caseworkers[n % len(caseworkers)],
                    consultant=None if phase == "referred" else consultants[n % len(consultants)],
                    phase=phase,
                    phase_started_on=_days_ago(demo, in_phase),
                    visitation_on=_days_ago(demo, visited),
                    motivation_notes="Motiveret for praktik; ønsker at komme i gang.",
                    voluntary=demo.rng.random() < 0.8,
                    consent_to_share=phase not in ("referred", "matching"),
                    first_company_contact_on=_days_ago(demo, first) if first is not None else None,
                    last_contact_on=_days_ago(demo, last) if last is not None else None,
                    **extra,
                )
            )
        Course.objects.bulk_create(courses, batch_size=BATCH)
        _seed_course_history(demo, municipality)


def _seed_course_history(demo: Demo, municipality: Municipality) -> None:
    order = ["referred", "matching", "preparation", "in_placement", "follow_up"]
    changes, events, homework = [], [], []
    templates = list(HomeworkTemplate.objects.filter(municipality=municipality).order_by("id"))
    statuses = [HomeworkItem.Status.OPEN, HomeworkItem.Status.DONE, HomeworkItem.Status.NOT_DONE]
    courses = Course.objects.filter(municipality=municipality).order_by("id")
    for n, course in enumerate(courses.iterator(chunk_size=BATCH)):
        at = timezone.make_aware(datetime.combine(course.visitation_on, time(9)))
        changes.append(
            PhaseChange(
                municipality=municipality,
                course=course,
                to_phase="referred",
                at=at,
                by_id=course.caseworker_id,
            )
        )
        reached = order.index(course.phase) if course.phase in order else len(order) - 1
        for step in range(1, reached + 1):
            changes.append(
                PhaseChange(
                    municipality=municipality,
                    course=course,
                    from_phase=order[step - 1],
                    to_phase=order[step],
                    by_id=course.consultant_id or course.caseworker_id,
                    at=timezone.make_aware(
                        datetime.combine(course.phase_started_on, time(10 + step))
                    )
                    if step == reached
                    else at + timedelta(days=step),
                )
            )
        if course.phase == Phase.CLOSED:
            changes.append(
                PhaseChange(
                    municipality=municipality,
                    course=course,
                    from_phase="follow_up",
                    to_phase="closed",
                    by_id=course.caseworker_id,
                    reason=course.close_reason,
                    at=timezone.make_aware(datetime.combine(course.closed_on, time(14))),
                    details={"outcome": course.outcome, "upskilling": course.upskilling},
                )
            )
        if course.first_company_contact_on:
            events.append(
                CourseEvent(
                    municipality=municipality,
                    course=course,
                    kind="company_contact",
                    occurred_on=course.first_company_contact_on,
                    text="Ringede til virksomheden om en praktikplads.",
                    author_id=course.consultant_id or course.caseworker_id,
                    created_at=timezone.make_aware(
                        datetime.combine(course.first_company_contact_on, time(11))
                    ),
                )
            )
        if course.last_contact_on and course.last_contact_on != course.first_company_contact_on:
            events.append(
                CourseEvent(
                    municipality=municipality,
                    course=course,
                    kind="follow_up_contact",
                    occurred_on=course.last_contact_on,
                    text="Opfølgning med borger og virksomhed.",
                    author_id=course.consultant_id or course.caseworker_id,
                    created_at=timezone.make_aware(
                        datetime.combine(course.last_contact_on, time(13))
                    ),
                )
            )
        if course.phase != "referred" and templates:
            for k in range(1 + n % 3):
                status = statuses[(n + k) % 3] if course.phase != Phase.CLOSED else statuses[1]
                template = templates[(n + k) % len(templates)]
                due = (
                    demo.today + timedelta(days=7) if status == "open" else course.phase_started_on
                )
                homework.append(
                    HomeworkItem(
                        municipality=municipality,
                        course=course,
                        template=template,
                        kind=template.kind,
                        description=template.title,
                        due_on=due,
                        status=status,
                        answer="Det gik godt." if status == HomeworkItem.Status.DONE else "",
                        created_by_id=course.caseworker_id,
                    )
                )
        if len(changes) > BATCH:
            PhaseChange.objects.bulk_create(changes, batch_size=BATCH)
            CourseEvent.objects.bulk_create(events, batch_size=BATCH)
            HomeworkItem.objects.bulk_create(homework, batch_size=BATCH)
            changes, events, homework = [], [], []
    PhaseChange.objects.bulk_create(changes, batch_size=BATCH)
    CourseEvent.objects.bulk_create(events, batch_size=BATCH)
    HomeworkItem.objects.bulk_create(homework, batch_size=BATCH)


def seed_information_meetings(demo: Demo) -> None:
    """Three past meetings per jobcenter, with invitations and attendance."""
    for municipality in demo.municipalities:
        meetings = [
            InformationMeeting(
                municipality=municipality,
                starts_at=timezone.make_aware(
                    datetime.combine(demo.today - timedelta(days=days), time(10))
                ),
                place=f"{municipality.jobcenter_name}, mødelokale {n + 1}",
                capacity=20,
            )
            for n, days in enumerate((7, 21, 35))
        ]
        InformationMeeting.objects.bulk_create(meetings)
        courses = list(
            Course.objects.filter(municipality=municipality, phase__in=["referred", "matching"])
            .order_by("id")
            .values_list("id", "citizen_id", "visitation_on")[:40]
        )
        invitations, attended = [], []
        for n, (course_id, citizen_id, _visited) in enumerate(courses):
            meeting = meetings[n % len(meetings)]
            came = n % 4 != 3
            invitations.append(
                MeetingInvitation(
                    municipality=municipality,
                    meeting=meeting,
                    citizen_id=citizen_id,
                    attended=came,
                )
            )
            if came:
                attended.append((course_id, meeting.starts_at.date()))
        MeetingInvitation.objects.bulk_create(invitations)
        for course_id, on in attended:
            Course.objects.filter(pk=course_id).update(
                info_meeting_attended=True, info_meeting_on=on
            )


# -- placements ------------------------------------------------------------------------

# Phases whose courses have a placement, and the state it is in.
PLACEMENT_STATE = {
    "preparation": "planned",
    "in_placement": "active",
    "follow_up": "completed",
    "closed": "completed",
}
AGREEMENT_TEXT = {
    "support": (
        "Jobkontaktpersonen holder et ugentligt feedbackmøde, vejleder i opgaverne, hjælper "
        "med CV og ansøgninger og bruger sit netværk."
    ),
    "feedback": "Ugentligt feedbackmøde mellem jobkontaktperson og praktikant.",
    "ending": "Ved afslutningssamtalen drøftes ordinær ansættelse og evt. opkvalificering.",
}


def _demo_answers(demo: Demo, template) -> dict:
    answers: dict = {}
    for question in template.question_list:
        if question.kind == "scale":
            answers[question.key] = demo.rng.randint(2, 5)
        elif question.kind == "yes_no":
            answers[question.key] = demo.rng.random() < 0.6
        else:
            answers[question.key] = demo.rng.choice(
                ["Det går godt.", "Borgeren er stabil og lærer hurtigt.", "Mere ansvar næste uge."]
            )
    return answers


class _PlacementBatch:
    """Rows for bulk_create, flushed in order so foreign keys exist."""

    def __init__(self) -> None:
        self.conversations, self.feedback, self.support = [], [], []
        self.feedback_on: list[date] = []
        self.versions, self.approvals = [], []

    def flush(self) -> None:
        from jobbro.placements.models import (
            AgreementApproval,
            AgreementVersion,
            Conversation,
            SupportEntry,
            WeeklyFeedback,
        )

        Conversation.objects.bulk_create(self.conversations, batch_size=BATCH)
        WeeklyFeedback.objects.bulk_create(self.feedback, batch_size=BATCH)
        by_day: dict[date, list[int]] = {}
        for item, on in zip(self.feedback, self.feedback_on, strict=True):
            by_day.setdefault(on, []).append(item.pk)
        for on, ids in by_day.items():  # auto_now_add stamped "now"; use the meeting's day
            WeeklyFeedback.objects.filter(pk__in=ids).update(
                created_at=timezone.make_aware(datetime.combine(on, time(15)))
            )
        SupportEntry.objects.bulk_create(self.support, batch_size=BATCH)
        AgreementVersion.objects.bulk_create(self.versions, batch_size=BATCH)
        for approval in self.approvals:
            approval.version_id = approval.version.pk
        AgreementApproval.objects.bulk_create(self.approvals, batch_size=BATCH)
        self.__init__()


def _free_places(municipality: Municipality) -> list[list]:
    """[workplace, free places, company cvr, name] for workplaces this jobcenter knows."""
    from jobbro.lib.capacity import allowed_supported

    places = (
        Workplace.objects.filter(company__relations__municipality=municipality)
        .select_related("company")
        .order_by("id")
        .distinct()
    )
    return [
        [place, allowed_supported(place.ordinary_employees) - place.other_schemes_count]
        for place in places
    ]


def seed_placements(demo: Demo) -> None:
    """Placements in every state: planned (agreement pending), active (one extended, some
    with poor attendance), completed, and ended early, with their conversations,
    follow-up answers, weekly feedback and support. Bulk, from the schedule itself."""
    from jobbro.lib.schedule import end_date, plan_meetings
    from jobbro.lib.workdays import next_working_day
    from jobbro.placements.models import ConversationKind, Placement, PlacementSettings
    from jobbro.placements.services import followup_template_current

    for municipality in demo.municipalities:
        weeks = PlacementSettings.of(municipality.pk).weeks
        templates = {
            kind: followup_template_current(municipality_id=municipality.pk, kind=kind)
            for kind in ConversationKind.values
        }
        places = _free_places(municipality)
        people = {}
        for person in ContactPerson.objects.filter(workplace__in=[p[0] for p in places]):
            people.setdefault(person.workplace_id, person)
        places = [p for p in places if p[0].pk in people]
        if not places:
            continue
        courses = (
            Course.objects.filter(municipality=municipality)
            .filter(phase__in=[*PLACEMENT_STATE, "matching"])
            .select_related("citizen")
            .order_by("id")
        )
        rows: list[tuple[Placement, int]] = []
        cursor = extended_done = 0
        for n, course in enumerate(courses.iterator(chunk_size=BATCH)):
            state = PLACEMENT_STATE.get(course.phase)
            if course.phase == "matching":
                # Some matching courses are back there after a broken-off placement.
                if not course.consent_to_share and n % 5 != 0:
                    continue
                state = "ended_early"
            if course.phase == "closed" and course.outcome != "job_same_company" and n % 2:
                continue
            chosen = None
            for step in range(len(places)):
                place, free = places[(cursor + step) % len(places)]
                if state in ("planned", "active") and free <= 0:
                    continue
                if place.company.cvr == course.citizen.last_employer_cvr:
                    continue
                chosen = (cursor + step) % len(places)
                break
            if chosen is None:
                continue
            cursor = chosen + 1
            place = places[chosen][0]
            if state in ("planned", "active"):
                places[chosen][1] -= 1
            length = weeks
            if state == "planned":
                start = next_working_day(demo.today + timedelta(days=3 + n % 10))
            elif state == "active":
                start = next_working_day(course.phase_started_on)
                if start > demo.today:
                    start = next_working_day(demo.today - timedelta(days=7))
            else:
                start = next_working_day(course.phase_started_on - timedelta(weeks=weeks + 1))
            extended = state == "active" and not extended_done
            if extended:
                length, extended_done = weeks + 2, 1
            placement = Placement(
                municipality=municipality,
                course=course,
                citizen_id=course.citizen_id,
                workplace=place,
                contact_person=people[place.pk],
                start_on=start,
                weeks=length,
                end_on=end_date(start, length),
                # BEK 2636/2021 § 60: within the workplace's normal hours, at most 37.
                hours_per_week=min(
                    Decimal(demo.rng.choice([20, 25, 30, 37])), place.weekly_hours, Decimal(37)
                ),
                purpose=demo.rng.choice(["ordinary_hours", "skills", "job_goal"]),
                tasks=demo.rng.choice(GOALS),
                status=state,
                extended=extended,
                created_by_id=course.consultant_id or course.caseworker_id,
            )
            if state == "ended_early":
                placement.ended_on = start + timedelta(days=10)
                placement.end_reason = "Borgeren blev syg og kunne ikke fortsætte."
            elif state == "completed":
                placement.ended_on = placement.end_on
            rows.append((placement, n))
        Placement.objects.bulk_create([p for p, _ in rows], batch_size=BATCH)
        # auto_now_add stamps "now"; the timeline should show when it was really agreed.
        # One UPDATE per start date (a few hundred at most), not one per row.
        for start in {p.start_on for p, _ in rows}:
            Placement.objects.filter(municipality=municipality, start_on=start).update(
                created_at=timezone.make_aware(
                    datetime.combine(start - timedelta(days=7), time(10))
                )
            )
        batch = _PlacementBatch()
        for placement, n in rows:
            _placement_children(demo, batch, placement, n, templates, plan_meetings)
            if len(batch.conversations) > BATCH:
                batch.flush()
        batch.flush()


def _placement_children(demo, batch, placement, n, templates, plan_meetings) -> None:
    from jobbro.placements.models import (
        AgreementApproval,
        AgreementVersion,
        Conversation,
        SupportEntry,
        WeeklyFeedback,
    )

    by = placement.created_by_id
    common = {"municipality_id": placement.municipality_id, "placement": placement}
    poor = placement.status == "active" and n % 4 == 0  # poor attendance: flags the course
    cutoff = placement.ended_on or demo.today
    place = placement.workplace
    where = ", ".join(part for part in (place.name, place.address, place.city) if part)
    for meeting in plan_meetings(placement.start_on, placement.weeks):
        status, answers, template = "planned", {}, None
        if meeting.date <= cutoff and meeting.date < demo.today:
            status = "held"
            if meeting.kind == "weekly_feedback" and poor and meeting.week % 3 != 1:
                status = "no_show"
        if placement.status == "ended_early" and meeting.date > cutoff:
            status = "cancelled"
        if status == "held" and meeting.kind in templates:
            template = templates[meeting.kind]
            answers = _demo_answers(demo, template)
        batch.conversations.append(
            Conversation(
                **common,
                kind=meeting.kind,
                week=meeting.week,
                planned_on=meeting.date,
                # Booked like a consultant books them: follow-up conversations at ten
                # for an hour at the workplace, weekly feedback at two for half an hour
                # (where the intern works anyway, so no place is written).
                planned_at=time(10) if meeting.kind != "weekly_feedback" else time(14),
                duration_minutes=60 if meeting.kind != "weekly_feedback" else 30,
                location=where if meeting.kind != "weekly_feedback" else "",
                status=status,
                held_on=meeting.date if status == "held" else None,
                template=template,
                answers=answers,
                notes="Samtalen gik godt." if template else "",
                recorded_by_id=by if status != "planned" else None,
            )
        )
        if status == "held" and meeting.kind == "weekly_feedback":
            batch.feedback.append(
                WeeklyFeedback(
                    **common,
                    week=meeting.week,
                    tasks_done=placement.tasks,
                    behaviour="Mødestabil og venlig." if not poor else "Kommer for sent.",
                    professional=demo.rng.randint(2, 5),
                    social=demo.rng.randint(2, 5),
                    cv_help=meeting.week == 2,
                    applications_helped=demo.rng.randint(0, 2),
                    network_contacts=demo.rng.randint(0, 1),
                    concerns="" if not poor else "Har svært ved at møde til tiden.",
                    author_id=by,
                    on_behalf=True,
                )
            )
            batch.feedback_on.append(meeting.date)
    if placement.status in ("active", "completed"):
        batch.support.append(
            SupportEntry(
                **common,
                kind="application",
                on=placement.start_on + timedelta(days=8),
                company=demo.fake.company(),
                position="Lagermedarbejder",
                answer=demo.rng.choice(["pending", "interview", "rejected"]),
                author_id=by,
            )
        )
    version = AgreementVersion(
        **common,
        number=1,
        goals=placement.get_purpose_display(),
        tasks=placement.tasks,
        hours_and_place=f"{placement.hours_per_week} timer om ugen hos {placement.workplace.name}",
        contacts=f"Jobkontaktperson: {placement.contact_person.name}",
        created_by_id=by,
        **AGREEMENT_TEXT,
    )
    batch.versions.append(version)
    # Planned placements wait for some approvals; the others were approved by all three.
    parties = ["jobcenter", "citizen", "contact_person"]
    given = parties[: n % 3] if placement.status == "planned" else parties
    for party in given:
        batch.approvals.append(
            AgreementApproval(
                municipality_id=placement.municipality_id,
                version=version,
                party=party,
                approved_by_id=by,
                on_paper=party != "jobcenter",
            )
        )


def seed_contact_attempts(demo: Demo) -> None:
    """Contact attempts with companies, in every outcome, for about a third of the courses
    that are matching or further; the workplaces are ones the municipality works with."""
    outcomes, channels = ContactAttempt.Outcome.values, ContactAttempt.Channel.values
    attempts, k = [], 0
    for municipality in demo.municipalities:
        places = list(
            Workplace.objects.filter(company__relations__municipality=municipality)
            .order_by("id")
            .values_list("id", flat=True)
        )
        courses = (
            Course.objects.filter(
                municipality=municipality, phase__in=["matching", "preparation", "in_placement"]
            )
            .order_by("id")
            .values_list("id", "consultant_id")
        )
        for n, (course_id, consultant_id) in enumerate(courses.iterator()):
            if not places or n % 3:
                continue
            for place_id in demo.rng.sample(places, min(len(places), demo.rng.randint(1, 4))):
                attempts.append(
                    ContactAttempt(
                        municipality=municipality,
                        course_id=course_id,
                        workplace_id=place_id,
                        contacted_on=_days_ago(demo, demo.rng.randrange(0, 30)),
                        channel=demo.rng.choice(channels),
                        outcome=outcomes[k % len(outcomes)],
                        by_id=consultant_id,
                    )
                )
                k += 1
    ContactAttempt.objects.bulk_create(attempts, batch_size=BATCH)


SEEDERS: list[Callable[[Demo], None]] = [
    seed_staff,
    seed_postcodes,
    seed_companies,
    seed_contact_persons,
    seed_target_groups,
    seed_citizens,
    seed_shared_companies,
    seed_agreements,
    seed_visits,
    seed_training,
    seed_experience_meetings,
    seed_courses,
    seed_information_meetings,
    seed_placements,
    seed_contact_attempts,
]


@transaction.atomic
def seed_demo(
    *, seed: int = 1, municipalities: int = 2, citizens: int = 60, today: date | None = None
) -> Demo:
    demo = Demo(
        seed=seed,
        municipalities=choose_municipalities(municipalities),
        citizens_per_municipality=citizens,
        today=today or clock.today(),
    )
    for seeder in SEEDERS:
        seeder(demo)
    return demo


def _login_context(user: User) -> str:
    if user.municipality:
        return user.municipality.name
    # Portal users sign in with a link mailed to this address (printed in the console).
    if user.role == Role.CONTACT_PERSON and hasattr(user, "contact_person"):
        return f"{user.contact_person.workplace.name}; link to {user.email}"
    if user.role == Role.CITIZEN and hasattr(user, "citizen"):
        return f"{user.citizen.full_name}, {user.citizen.municipality.name}; link to {user.email}"
    return "alle kommuner (kun samlede tal)"


def demo_logins() -> list[tuple[str, str, str]]:
    """The first demo user of each role, for printing after `make run`."""
    rows = []
    seen: set[tuple[str, int | None]] = set()
    users = User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN).select_related(
        "municipality", "contact_person__workplace", "citizen__municipality"
    )
    for user in users.order_by("id"):
        key = (user.role, user.municipality_id)
        if key in seen:
            continue
        seen.add(key)
        rows.append((user.username, user.get_role_display(), _login_context(user)))
    return rows
