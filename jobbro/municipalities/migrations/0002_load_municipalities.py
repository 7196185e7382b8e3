"""Load the 98 municipalities and the postal-code table from the bundled PostNord file."""

from django.db import migrations

from jobbro.municipalities.data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        apps.get_model("municipalities", "Municipality"),
        apps.get_model("municipalities", "PostalArea"),
    )


def unload(apps, schema_editor):
    apps.get_model("municipalities", "PostalArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
