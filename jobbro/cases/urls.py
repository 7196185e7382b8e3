from django.urls import path

from jobbro.cases import views

app_name = "cases"

urlpatterns = [
    path("forloeb/", views.course_list, name="course_list"),
    path("forloeb/ny/", views.course_create, name="course_create"),
    path("forloeb/<int:course_id>/", views.course_detail, name="course_detail"),
    path("forloeb/<int:course_id>/visitation/", views.course_visitation, name="course_visitation"),
    path("forloeb/<int:course_id>/fase/", views.course_transition, name="course_transition"),
    path("forloeb/<int:course_id>/tildel/", views.course_assign, name="course_assign"),
    path("forloeb/<int:course_id>/afslut/", views.course_close, name="course_close"),
    path("forloeb/<int:course_id>/genaabn/", views.course_reopen, name="course_reopen"),
    path("forloeb/<int:course_id>/notat/", views.note_create, name="note_create"),
    path("forloeb/notat/<int:note_id>/ret/", views.note_edit, name="note_edit"),
    path("forloeb/<int:course_id>/kontakt/", views.contact_create, name="contact_create"),
    path("forloeb/<int:course_id>/hjemmearbejde/", views.homework_create, name="homework_create"),
    path("hjemmearbejde/<int:item_id>/", views.homework_update, name="homework_update"),
    # A new course for a known citizen: a course workflow on the citizen list (the list
    # itself is the citizens app's; cases adds this button through citizens.pages).
    path(
        "borgere/<int:citizen_id>/nyt-forloeb/",
        views.citizen_course_start,
        name="citizen_course_start",
    ),
    path("informationsmoeder/", views.meeting_list, name="meeting_list"),
    path("informationsmoeder/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("indstillinger/", views.settings_edit, name="settings"),
    path("indstillinger/skabelon/ny/", views.homework_template_edit, name="template_create"),
    path(
        "indstillinger/skabelon/<int:template_id>/",
        views.homework_template_edit,
        name="template_edit",
    ),
]
