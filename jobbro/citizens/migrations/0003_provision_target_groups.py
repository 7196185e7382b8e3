"""Provision the national target groups for every municipality that exists (issue 13: no writes
on GET). New municipalities get them from jobbro.setup.services.municipality_provision;
this does it once for those set up before. Idempotent."""

from django.db import migrations

# The national list as it stood when this migration was written.
TARGET_GROUPS = [
    ("dagpenge", "Dagpengemodtager"),
    ("kontant-jobparat", "Jobparat kontanthjælpsmodtager"),
    ("kontant-aktivitetsparat", "Aktivitetsparat kontanthjælpsmodtager"),
    ("sygedagpenge", "Sygedagpengemodtager"),
    ("ledighedsydelse", "Ledighedsydelsesmodtager"),
]


def provision(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    TargetGroup = apps.get_model("citizens", "TargetGroup")
    TargetGroup.objects.bulk_create(
        [
            TargetGroup(municipality_id=m, code=code, name=name)
            for m in Municipality.objects.values_list("code", flat=True)
            for code, name in TARGET_GROUPS
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0002_citizen_barriers_citizen_max_commute_km_and_more"),
        ("municipalities", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
