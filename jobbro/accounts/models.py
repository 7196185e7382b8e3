"""Users with one role each, and the access log of personal data."""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

import jobbro.accounts.chain as hashchain
from jobbro.accounts.roles import PASSWORD_ROLES, STAFF_ROLES, Role
from jobbro.municipalities.models import Municipality


class UserQuerySet(models.QuerySet):
    def for_municipality(self, municipality_id: int) -> "UserQuerySet":
        return self.filter(municipality_id=municipality_id)

    def staff(self) -> "UserQuerySet":
        return self.filter(role__in=STAFF_ROLES)


class JobbroUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Medarbejdere hører til én kommune. Tom for evaluatorer og eksterne."),
    )
    title = models.CharField(_("stilling"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    # Raised to end every session of the user at once (log out everywhere, a changed
    # second factor): it is part of the hash each request's session is checked against.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = JobbroUserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=sorted(STAFF_ROLES)) | Q(municipality__isnull=False),
                name="user_staff_has_municipality",
                violation_error_message=_("Medarbejdere skal høre til en kommune."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=[code for code, _label in Role.choices]),
                name="user_role_known",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "role"])]
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_jobcenter_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def jobcenter_id(self) -> int:
        """A staff member's municipality (the user_staff_has_municipality constraint
        guarantees one); asking it of anyone else is a bug."""
        if self.municipality_id is None:
            raise ValueError(f"User {self.pk} ({self.role}) belongs to no jobcenter.")
        return self.municipality_id

    @property
    def needs_second_factor(self) -> bool:
        """Everybody who signs in with a password; portal users sign in by link."""
        return self.role in PASSWORD_ROLES

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django checks every request's session against this hash. Its own hash covers
        # the password (a new password ends other sessions); ours adds the epoch.
        return salted_hmac(
            "jobbro.accounts.User.session",
            f"{self.password}|{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class AccessLogChain(models.Model):
    """The head of one municipality's access-log chain: the row every writer locks.

    Appending takes this row's lock first (an upsert … RETURNING), so writers on several
    app servers take turns per municipality and the chain cannot fork; the unique
    (chain, seq) constraint on AccessLog would refuse a fork even if they did not.
    """

    chain = models.PositiveIntegerField(primary_key=True)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=hashchain.GENESIS)

    def __str__(self) -> str:
        return f"access-log chain {self.chain} at {self.last_seq}"


@contextmanager
def purging() -> Iterator[None]:
    """The one way past the append-only trigger: a transaction-local setting that the
    PostgreSQL trigger checks. Only the retention purge uses it."""
    with transaction.atomic():
        _set_purge("on")
        yield
        # On an error the rollback restores the setting by itself.
        _set_purge("off")


def _set_purge(value: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jobbro.purge', %s, true)", [value])


class AccessLogQuerySet(models.QuerySet):
    def about_citizen(self, citizen_id: int) -> "AccessLogQuerySet":
        return self.filter(citizen_id=citizen_id)


class AccessLogManager(models.Manager.from_queryset(AccessLogQuerySet)):
    def append(self, entries: list["AccessLog"]) -> list["AccessLog"]:
        """Write entries at the end of their municipality's chain (the only way in).

        The chain's head stays locked until the surrounding transaction commits, so a
        service logs last, after its other writes (and other writers of that
        municipality's log wait for at most that long)."""
        by_chain: dict[int, list[AccessLog]] = defaultdict(list)
        for entry in entries:
            by_chain[hashchain.chain_key(entry.municipality_id)].append(entry)
        # One transaction; chains in a fixed order so two writers never deadlock.
        with transaction.atomic(savepoint=False):
            for key in sorted(by_chain):
                self._append_to(key, by_chain[key])
        return entries

    def _append_to(self, key: int, entries: list["AccessLog"]) -> None:
        last_seq, prev_hash = _advance_head(key, len(entries))
        now = timezone.now()
        for seq, entry in enumerate(entries, start=last_seq - len(entries) + 1):
            entry.chain, entry.seq, entry.at = key, seq, now
            entry.criteria = hashchain.canonical_criteria(entry.criteria)
            entry.prev_hash = prev_hash
            entry.hash = prev_hash = hashchain.entry_hash(prev_hash, entry.hashed_values())
        self.bulk_create(entries, batch_size=2000)
        AccessLogChain.objects.filter(chain=key).update(last_hash=prev_hash)

    def purge(self, *, before: datetime, actor: str) -> int:
        """Delete each chain's entries up to the last one older than ``before`` and
        append an entry recording the anchor (the last deleted entry's seq and hash),
        from which `jobbro verify-access-log` checks what remains."""
        deleted_total = 0
        with purging():
            old = self.filter(at__lt=before).values("chain").annotate(through=Max("seq"))
            for row in old.order_by("chain"):
                key, through = row["chain"], row["through"]
                anchor = self.filter(chain=key, seq=through).values_list("hash", flat=True)[0]
                deleted, _ = self.filter(chain=key, seq__lte=through).delete()
                deleted_total += deleted
                self.append([purge_record(key, through, anchor, deleted, before, actor)])
        return deleted_total


def _advance_head(key: int, count: int) -> tuple[int, str]:
    """Claim ``count`` sequence numbers; returns the new last seq and the previous hash.

    One upsert, so it takes the head row's lock (PostgreSQL) or the write lock (SQLite)
    before anything is read; a second writer waits here and then sees the first one's
    head (PostgreSQL re-reads the locked row), never a stale one."""
    table = connection.ops.quote_name(AccessLogChain._meta.db_table)
    sql = (
        f"INSERT INTO {table} (chain, last_seq, last_hash) VALUES (%s, %s, %s) "
        f"ON CONFLICT (chain) DO UPDATE SET last_seq = {table}.last_seq + excluded.last_seq "
        "RETURNING last_seq, last_hash"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, count, hashchain.GENESIS])
        last_seq, last_hash = cursor.fetchone()
    return last_seq, last_hash


def purge_record(
    key: int, through: int, anchor: str, deleted: int, before: datetime, actor: str
) -> "AccessLog":
    return AccessLog(
        municipality_id=key or None,
        username=actor,
        role="",
        action=AccessLog.Action.DELETE,
        object_type="accounts.AccessLog",
        purpose="Sletning efter ACCESS_LOG_RETENTION_DAYS",
        criteria={
            "purged_through_seq": through,
            "anchor_hash": anchor,
            "rows": deleted,
            "before": before.isoformat(),
        },
    )


class AccessLog(models.Model):
    """Every use of personal data by a user (Datatilsynet's guidance on logging).

    Append-only: rows are written by ``AccessLog.objects.append`` in a hash chain per
    municipality and, on PostgreSQL, a trigger refuses UPDATE and DELETE except by the
    retention purge (``purging``). See docs/privacy.md.
    """

    class Action(models.TextChoices):
        READ = "read", _("Opslag")
        SEARCH = "search", _("Søgning")
        CREATE = "create", _("Oprettelse")
        UPDATE = "update", _("Ændring")
        EXPORT = "export", _("Udtræk")
        DELETE = "delete", _("Sletning")
        ANONYMISE = "anonymise", _("Anonymisering")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices)
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=40, blank=True)
    # The citizen whose data was touched, so a citizen can see the log about them.
    citizen_id = models.BigIntegerField(null=True, blank=True)
    purpose = models.CharField(_("formål"), max_length=200, blank=True)
    criteria = models.JSONField(_("søgekriterier"), default=dict, blank=True)
    # The hash chain (jobbro/accounts/chain.py): no default for seq, so a row written
    # past AccessLog.objects.append fails instead of slipping in unchained.
    chain = models.PositiveIntegerField(default=0)
    seq = models.BigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AccessLogManager()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="accesslog_chain_seq_unique")
        ]
        indexes = [
            models.Index(fields=["municipality", "citizen_id", "at"]),
            models.Index(fields=["at"]),
        ]
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"

    def hashed_values(self) -> dict:
        return {name: getattr(self, name) for name in hashchain.HASHED_FIELDS}


class SignInRequest(models.Model):
    """Every request for a sign-in link or a password reset, known address or not, so
    limits give nothing away (jobbro.accounts.throttle). Only hashes are stored."""

    class Purpose(models.TextChoices):
        SIGNIN_LINK = "signin_link", "sign-in link"
        PASSWORD_RESET = "password_reset", "password reset"

    purpose = models.CharField(max_length=20, choices=Purpose.choices, default="signin_link")
    email_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # Born in the portal app (the sign-in link came first); the table kept its name.
        db_table = "portal_signinrequest"
        indexes = [
            models.Index(fields=["purpose", "email_hash", "at"], name="signinrequest_email"),
            models.Index(fields=["purpose", "ip_hash", "at"], name="signinrequest_ip"),
        ]

    def __str__(self) -> str:
        return f"Sign-in request at {self.at:%Y-%m-%d %H:%M}"
