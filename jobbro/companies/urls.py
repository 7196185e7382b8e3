from django.urls import path

from jobbro.companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("ny/", views.company_create, name="company_create"),
    path("<int:company_id>/", views.company_detail, name="company_detail"),
    path("<int:company_id>/rediger/", views.company_edit, name="company_edit"),
    path("<int:company_id>/tilfoej/", views.company_relate, name="company_relate"),
    path("<int:company_id>/arbejdssteder/ny/", views.workplace_create, name="workplace_create"),
    path("<int:company_id>/aftaler/ny/", views.agreement_create, name="agreement_create"),
    path("<int:company_id>/besoeg/ny/", views.visit_create, name="visit_create"),
    path(
        "<int:company_id>/jobkontaktpersoner/ny/",
        views.contact_person_create,
        name="contact_person_create",
    ),
    path("arbejdssteder/<int:workplace_id>/", views.workplace_detail, name="workplace_detail"),
    path("arbejdssteder/<int:workplace_id>/rediger/", views.workplace_edit, name="workplace_edit"),
    path("aftaler/udloeber/", views.agreement_expiring, name="agreement_expiring"),
    path("aftaler/<int:agreement_id>/", views.agreement_detail, name="agreement_detail"),
    path("aftaler/<int:agreement_id>/rediger/", views.agreement_edit, name="agreement_edit"),
    path("ikke-besoegt/", views.not_visited, name="not_visited"),
    path("ikke-besoegt/indstilling/", views.followup_settings, name="followup_settings"),
    path("besoeg/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path(
        "jobkontaktpersoner/<int:person_id>/",
        views.contact_person_detail,
        name="contact_person_detail",
    ),
    path(
        "jobkontaktpersoner/<int:person_id>/rediger/",
        views.contact_person_edit,
        name="contact_person_edit",
    ),
    path(
        "jobkontaktpersoner/<int:person_id>/opkvalificering/ny/",
        views.training_create,
        name="training_create",
    ),
    path("erfaringsudveksling/", views.meeting_list, name="meeting_list"),
    path("erfaringsudveksling/ny/", views.meeting_create, name="meeting_create"),
    path("erfaringsudveksling/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
]
