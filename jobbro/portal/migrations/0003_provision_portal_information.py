"""Provision the information material for job contact persons for every municipality that exists (issue 13: no writes
on GET). New municipalities get them from jobbro.setup.services.municipality_provision;
this does it once for those set up before. Idempotent."""

from django.db import migrations


def provision(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    PortalInformation = apps.get_model("portal", "PortalInformation")
    PortalInformation.objects.bulk_create(
        [PortalInformation(municipality_id=m) for m in Municipality.objects.values_list("code", flat=True)],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_portalinformation_weeklyfeedbackdraft"),
        ("municipalities", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(provision, migrations.RunPython.noop)]
