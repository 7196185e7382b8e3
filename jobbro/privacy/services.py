"""The retention job: anonymise citizens whose last course closed before their
municipality's cut-off, prune spent sign-in links, old reminders and drafts, and purge
the access log past ACCESS_LOG_RETENTION_DAYS. Daily from `jobbro worker`, or by hand
with `jobbro retention` (and --dry-run to see the counts first)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobbro.access import log_access
from jobbro.accounts.models import AccessLog, SignInRequest, User
from jobbro.cases.models import Course, Phase
from jobbro.citizens.models import Citizen
from jobbro.lib.months import months_before
from jobbro.municipalities.models import Municipality
from jobbro.notifications.models import Reminder
from jobbro.portal.models import SignInLink, WeeklyFeedbackDraft
from jobbro.privacy import anonymise
from jobbro.privacy.models import Anonymisation, RetentionRun, RetentionSettings

BATCH = 200
PURPOSE = "Sletning efter opbevaringsperioden"


def today() -> date:
    """The one place the retention job asks what day it is (tests move it forward)."""
    return timezone.localdate()


# -- the municipality's setting ---------------------------------------------------


@transaction.atomic
def retention_settings_update(*, by: User, keep_months: int, enabled: bool) -> RetentionSettings:
    found = RetentionSettings.for_municipality(by.jobcenter_id)
    found.keep_months, found.enabled, found.updated_by = keep_months, enabled, by
    found.full_clean()
    found.save()
    return found


# -- who is due --------------------------------------------------------------------


def due_citizens(municipality_id: int, cutoff: date) -> QuerySet[Citizen]:
    """Citizens with no open course whose last course closed before ``cutoff``, and
    citizens without any course whose record has not changed since before it."""
    open_course = Course.objects.filter(citizen=OuterRef("pk")).exclude(phase=Phase.CLOSED)
    return (
        Citizen.objects.filter(municipality_id=municipality_id, anonymisation__isnull=True)
        .exclude(Exists(open_course))
        .annotate(last_closed=Max(Coalesce("courses__closed_on", "courses__phase_started_on")))
        .filter(
            Q(last_closed__lt=cutoff) | Q(last_closed__isnull=True, updated_at__date__lt=cutoff)
        )
        .order_by()
    )


@dataclass
class MunicipalityPlan:
    municipality: Municipality
    settings: RetentionSettings
    cutoff: date
    citizens: int
    rows: dict[str, int] = field(default_factory=dict)


def _municipalities(municipality_id: int | None) -> list[Municipality]:
    with_citizens = Citizen.objects.values("municipality_id")
    found = Municipality.objects.filter(code__in=with_citizens).order_by("code")
    return list(found.filter(code=municipality_id) if municipality_id else found)


def _settings_by_municipality() -> dict[int, RetentionSettings]:
    return {s.municipality_id: s for s in RetentionSettings.objects.all()}


def retention_plan(
    *, on: date | None = None, municipality_id: int | None = None, detail: bool = False
) -> list[MunicipalityPlan]:
    """What a run would anonymise, per municipality: counts only."""
    on = on or today()
    saved = _settings_by_municipality()
    plans = []
    for municipality in _municipalities(municipality_id):
        current = saved.get(municipality.code) or RetentionSettings(municipality=municipality)
        cutoff = months_before(on, current.keep_months)
        due = due_citizens(municipality.code, cutoff)
        plan = MunicipalityPlan(
            municipality, current, cutoff, due.count() if current.enabled else 0
        )
        if detail and plan.citizens:
            ids = due.values("id")
            plan.rows = {rule.model: rule.rows(ids).count() for rule in anonymise.RULES}
        plans.append(plan)
    return plans


def prune_plan(now: datetime) -> dict[str, int]:
    return {name: query.count() for name, query in _prunable(now).items()}


# -- the run -----------------------------------------------------------------------


def retention_daily(*, actor: str) -> RetentionRun | None:
    """The worker's run: at most once a day across every worker (None if done today)."""
    return retention_run(source=RetentionRun.Source.WORKER, actor=actor)


def retention_daily_job(actor: str) -> str | None:
    """``jobbro worker``'s daily job (registered in PrivacyConfig.ready)."""
    run = retention_daily(actor=actor)
    return None if run is None else f"retention run {run.pk} done (docs/privacy.md)"


def retention_run(*, source: str, actor: str) -> RetentionRun | None:
    day = today()
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(day=day, source=source, actor=actor)
    except IntegrityError:
        return None  # another worker has claimed today's run
    counts: dict = {}
    for plan in retention_plan(on=day):
        done = 0
        if plan.settings.enabled:
            ids = list(
                due_citizens(plan.municipality.code, plan.cutoff).values_list("id", flat=True)
            )
            for start in range(0, len(ids), BATCH):
                done += _anonymise(plan, ids[start : start + BATCH], run)
        counts[str(plan.municipality.code)] = {
            "cutoff": plan.cutoff.isoformat(),
            "keep_months": plan.settings.keep_months,
            "enabled": plan.settings.enabled,
            "citizens": done,
        }
    counts["pruned"] = prune(now=timezone.now(), actor=actor)
    run.counts, run.finished_at = counts, timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


@transaction.atomic
def _anonymise(plan: MunicipalityPlan, ids: list[int], run: RetentionRun) -> int:
    # Lock the citizens and their courses, then ask again: a course reopened or a
    # citizen anonymised by a parallel run since the list was made is left alone.
    list(Citizen.objects.select_for_update().filter(id__in=ids).values_list("id"))
    list(Course.objects.select_for_update().filter(citizen_id__in=ids).values_list("id"))
    due = dict(
        due_citizens(plan.municipality.code, plan.cutoff)
        .filter(id__in=ids)
        .values_list("id", "last_closed")  # type: ignore[misc]  # an annotation
    )
    if not due:
        return 0
    ids = sorted(due)
    for rule in anonymise.RULES:
        rule.apply(ids)
    Anonymisation.objects.bulk_create(
        [
            Anonymisation(
                municipality_id=plan.municipality.code,
                citizen_id=cid,
                run=run,
                last_closed_on=due[cid],
            )
            for cid in ids
        ]
    )
    log_access(
        None,
        AccessLog.Action.ANONYMISE,
        object_type="citizens.Citizen",
        purpose=PURPOSE,
        criteria={"cutoff": plan.cutoff.isoformat(), "run": run.pk},
        citizen_ids=ids,
        municipality_id=plan.municipality.code,
        actor=run.actor,
    )
    return len(ids)


# -- pruning -------------------------------------------------------------------------


def _log_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)


def _prunable(now: datetime) -> dict[str, QuerySet]:
    signin_before = now - timedelta(days=settings.SIGNIN_KEEP_DAYS)
    reminder_before = timezone.localdate(now) - timedelta(days=settings.REMINDER_KEEP_DAYS)
    return {
        "portal.SignInLink": SignInLink.objects.filter(
            Q(used_at__lt=signin_before) | Q(expires_at__lt=signin_before)
        ),
        "portal.SignInRequest": SignInRequest.objects.filter(at__lt=signin_before),
        "notifications.Reminder": Reminder.objects.filter(day__lt=reminder_before),
        "portal.WeeklyFeedbackDraft": WeeklyFeedbackDraft.objects.filter(
            updated_at__lt=now - timedelta(days=settings.DRAFT_KEEP_DAYS)
        ),
        "accounts.AccessLog": AccessLog.objects.filter(at__lt=_log_cutoff(now)),
    }


def prune(*, now: datetime, actor: str) -> dict[str, int]:
    """Delete what has served its purpose. Each kind is logged as one deletion per
    municipality (tenant rows) or one in the shared chain (sign-in links, requests);
    the access log goes through its purge, which records its own anchor."""
    pruned = {}
    for name, query in _prunable(now).items():
        if name == "accounts.AccessLog":
            pruned[name] = AccessLog.objects.purge(before=_log_cutoff(now), actor=actor)
        else:
            pruned[name] = _delete_logged(name, query, actor)
    return pruned


@transaction.atomic
def _delete_logged(name: str, query: QuerySet, actor: str) -> int:
    tenant = any(f.name == "municipality" for f in query.model._meta.fields)
    if tenant:
        per = dict(
            query.order_by()
            .values_list("municipality_id")
            .annotate(rows=Count("pk"))
            .values_list("municipality_id", "rows")
        )
    else:
        per = {None: query.count()}
    per = {m: n for m, n in per.items() if n}
    if not per:
        return 0
    deleted = query.delete()[0]
    for municipality_id, rows in per.items():
        log_access(
            None,
            AccessLog.Action.DELETE,
            object_type=name,
            purpose=PURPOSE,
            criteria={"rows": rows},
            municipality_id=municipality_id,
            actor=actor,
        )
    return deleted
