from django.urls import path

from jobbro.matching import views

app_name = "matching"

urlpatterns = [
    path("forloeb/<int:course_id>/forslag/", views.course_suggestions, name="course_suggestions"),
    path(
        "forloeb/<int:course_id>/forslag/<int:workplace_id>/kontakt/",
        views.contact_attempt_create,
        name="contact_attempt_create",
    ),
    path(
        "virksomheder/arbejdssteder/<int:workplace_id>/borgere/",
        views.workplace_candidates,
        name="workplace_candidates",
    ),
]
