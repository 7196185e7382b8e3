from django.urls import path

from jobbro.citizens import views

app_name = "citizens"

urlpatterns = [
    path("borgere/", views.citizen_list, name="citizen_list"),
    path("borgere/<int:citizen_id>/rediger/", views.citizen_edit, name="citizen_edit"),
    path(
        "borgere/<int:citizen_id>/ledighed/",
        views.unemployment_period_create,
        name="unemployment_period_create",
    ),
]
