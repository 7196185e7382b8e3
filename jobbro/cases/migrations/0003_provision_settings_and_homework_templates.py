"""Provision the waiting-time settings and the homework templates for every municipality that exists (issue 13: no writes
on GET). New municipalities get them from jobbro.setup.services.municipality_provision;
this does it once for those set up before. Idempotent."""

from django.db import migrations

# The templates as they stood when this migration was written.
HOMEWORK_TEMPLATES = [
    (
        "Find tre ønskearbejdspladser",
        "Find tre virksomheder, du gerne vil arbejde hos, og skriv hvorfor.",
        "wish_workplaces",
    ),
    (
        "Kontakt en virksomhed om en jobåbning",
        "Ring eller skriv til en virksomhed om en ledig stilling eller praktik, og fortæl "
        "hvordan det gik.",
        "general",
    ),
    (
        "Opdater dit CV",
        "Opdater dit CV med din seneste erfaring og dine kompetencer.",
        "general",
    ),
]


def provision(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    MunicipalitySettings = apps.get_model("cases", "MunicipalitySettings")
    HomeworkTemplate = apps.get_model("cases", "HomeworkTemplate")
    codes = list(Municipality.objects.values_list("code", flat=True))
    MunicipalitySettings.objects.bulk_create(
        [MunicipalitySettings(municipality_id=m) for m in codes], ignore_conflicts=True
    )
    have = set(HomeworkTemplate.objects.values_list("municipality_id", flat=True))
    HomeworkTemplate.objects.bulk_create(
        HomeworkTemplate(municipality_id=m, title=t, description=d, kind=k)
        for m in codes
        if m not in have
        for t, d, k in HOMEWORK_TEMPLATES
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_municipalitysettings_reminders_enabled"),
        ("municipalities", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
