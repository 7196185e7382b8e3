# SignInRequest moves from the portal app to accounts (the password reset counts in it
# too, and accounts sits below portal in the layers). Only Django's idea of the model
# moves: the table keeps its name (db_table = "portal_signinrequest"), no data moves.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_cache_table"),
        ("portal", "0004_signinrequest_purpose"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignInRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "purpose",
                            models.CharField(
                                choices=[
                                    ("signin_link", "sign-in link"),
                                    ("password_reset", "password reset"),
                                ],
                                default="signin_link",
                                max_length=20,
                            ),
                        ),
                        ("email_hash", models.CharField(max_length=64)),
                        ("ip_hash", models.CharField(max_length=64)),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                    ],
                    options={
                        "db_table": "portal_signinrequest",
                        "indexes": [
                            models.Index(
                                fields=["purpose", "email_hash", "at"], name="signinrequest_email"
                            ),
                            models.Index(
                                fields=["purpose", "ip_hash", "at"], name="signinrequest_ip"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
