from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "jobbro.demo"
    verbose_name = "Demo data"
