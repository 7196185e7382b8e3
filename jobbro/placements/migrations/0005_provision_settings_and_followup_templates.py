"""Provision the programme's length and the follow-up forms (version 1) for every municipality that exists (issue 13: no writes
on GET). New municipalities get them from jobbro.setup.services.municipality_provision;
this does it once for those set up before. Idempotent."""

from django.db import migrations

from jobbro.placements import followup  # plain Python: the practice sheet's questions


def provision(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    PlacementSettings = apps.get_model("placements", "PlacementSettings")
    FollowUpTemplate = apps.get_model("placements", "FollowUpTemplate")
    codes = list(Municipality.objects.values_list("code", flat=True))
    PlacementSettings.objects.bulk_create(
        [PlacementSettings(municipality_id=m) for m in codes], ignore_conflicts=True
    )
    questions = {
        kind: followup.to_data(followup.parse_lines(text))
        for kind, text in followup.DEFAULT_TEMPLATES.items()
    }
    FollowUpTemplate.objects.bulk_create(
        [
            FollowUpTemplate(municipality_id=m, kind=kind, version=1, questions=data)
            for m in codes
            for kind, data in questions.items()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0004_conversation_day_index"),
        ("municipalities", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
