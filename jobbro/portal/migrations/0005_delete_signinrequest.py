# SignInRequest now belongs to accounts (accounts/0005_signinrequest); the table stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_signinrequest_purpose"),
        ("accounts", "0005_signinrequest"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SignInRequest")],
            database_operations=[],
        ),
    ]
