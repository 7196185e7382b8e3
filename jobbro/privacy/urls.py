from django.urls import path

from jobbro.privacy import views

app_name = "privacy"

urlpatterns = [
    path("indstillinger/opbevaring/", views.settings_edit, name="settings"),
]
