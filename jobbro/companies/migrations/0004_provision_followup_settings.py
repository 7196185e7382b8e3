"""Provision the companies' visit interval for every municipality that exists (issue 13: no writes
on GET). New municipalities get them from jobbro.setup.services.municipality_provision;
this does it once for those set up before. Idempotent."""

from django.db import migrations


def provision(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    Settings = apps.get_model("companies", "CompanyFollowUpSettings")
    Settings.objects.bulk_create(
        [Settings(municipality_id=m) for m in Municipality.objects.values_list("code", flat=True)],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0003_shared_changes"),
        ("municipalities", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
