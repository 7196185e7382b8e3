"""The cache table (settings.CACHES: DatabaseCache) that holds allauth's rate limits, so
every process and machine counts sign-in failures together. createcachetable skips a
table that exists, so running it here and in the test set-up is harmless."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_session_epoch")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
