from django.urls import path

from jobbro.portal import views

app_name = "portal"

urlpatterns = [
    path("portal/log-ind/", views.signin_request, name="signin_request"),
    path("portal/log-ind/<str:token>/", views.signin_confirm, name="signin_confirm"),
    # The job contact person
    path("portal/praktikant/<int:placement_id>/", views.intern_detail, name="intern_detail"),
    path(
        "portal/praktikant/<int:placement_id>/godkend/",
        views.intern_agreement_approve,
        name="intern_agreement_approve",
    ),
    path("portal/praktikant/<int:placement_id>/feedback/", views.feedback_give, name="feedback"),
    path(
        "portal/praktikant/<int:placement_id>/feedback/kladde/",
        views.feedback_draft,
        name="feedback_draft",
    ),
    path("portal/information/", views.information, name="information"),
    # Calendars (job contact persons and citizens)
    path(
        "portal/samtale/<int:conversation_id>/kalender.ics",
        views.conversation_ics,
        name="conversation_ics",
    ),
    path("portal/kalender.ics", views.calendar_feed, name="calendar_feed"),
    # The citizen
    path("portal/opgave/<int:item_id>/", views.homework_answer, name="homework"),
    path(
        "portal/praktik/<int:placement_id>/godkend/",
        views.citizen_agreement_approve,
        name="citizen_agreement_approve",
    ),
    path("portal/virksomhedskontakter/", views.contacts, name="contacts"),
    path("portal/hvem-har-set-mine-data/", views.access_log, name="access_log"),
    # Staff
    path(
        "portal/send-link/borger/<int:course_id>/",
        views.citizen_signin_resend,
        name="citizen_signin_resend",
    ),
    path(
        "portal/send-link/jobkontaktperson/<int:person_id>/",
        views.contact_person_signin_resend,
        name="contact_person_signin_resend",
    ),
    path("portal/informationsmateriale/", views.information_edit, name="information_edit"),
]
