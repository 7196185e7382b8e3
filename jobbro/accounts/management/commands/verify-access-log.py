from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from jobbro.accounts import chain
from jobbro.accounts.models import AccessLog, AccessLogChain

COLUMNS = ("id", "prev_hash", "hash", *chain.HASHED_FIELDS)


class Command(BaseCommand):
    help = (
        "Check the access log's hash chains (one per municipality): every entry unchanged, "
        "none missing, the start anchored by the retention purge's record, the end at the "
        "chain's head. Exits non-zero and says where on the first break in any chain."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", type=int, help="check only this municipality's chain (number)"
        )

    def handle(self, *args, municipality: int | None, **options) -> None:
        keys = self._chains(municipality)
        broken = 0
        for key in keys:
            summary, problem = self._verify(key)
            if problem:
                broken += 1
                self.stderr.write(f"BROKEN {problem}")
            else:
                self.stdout.write(
                    f"chain {key}: {summary.entries} entries (seq {summary.first_seq or '-'}–"
                    f"{summary.last_seq}), intact; head {summary.last_hash}"
                )
        if broken:
            raise CommandError(f"The access log has been tampered with: {broken} broken chain(s).")
        self.stdout.write(f"Access log intact: {len(keys)} chain(s) checked.")

    def _chains(self, municipality: int | None) -> list[int]:
        heads = set(AccessLogChain.objects.values_list("chain", flat=True))
        used = set(AccessLog.objects.order_by().values_list("chain", flat=True).distinct())
        keys = sorted(heads | used)
        return [k for k in keys if municipality is None or k == municipality]

    def _verify(self, key: int) -> tuple[chain.Summary, chain.Break | None]:
        fresh = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and fresh:
                with connection.cursor() as cursor:  # one snapshot for head and entries
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            head = AccessLogChain.objects.filter(chain=key).first()
            if head is None:
                return chain.Summary(key), chain.Break(key, None, "entries without a chain head")
            entries = (
                AccessLog.objects.filter(chain=key, seq__lte=head.last_seq)
                .order_by("seq")
                .values(*COLUMNS)
                .iterator(chunk_size=5000)
            )
            return chain.verify(entries, key=key, head_seq=head.last_seq, head_hash=head.last_hash)
