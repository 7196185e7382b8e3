from django.urls import path

from jobbro.placements import views

app_name = "placements"

urlpatterns = [
    path("opfoelgningsskemaer/", views.template_list, name="template_list"),
    path("opfoelgningsskemaer/<str:kind>/", views.template_edit, name="template_edit"),
    path("praktik/indstillinger/", views.settings_edit, name="settings"),
    path("forloeb/<int:course_id>/praktik/ny/", views.placement_create, name="placement_create"),
    path("praktik/<int:placement_id>/", views.placement_detail, name="placement_detail"),
    path("praktik/<int:placement_id>/start/", views.placement_activate, name="placement_activate"),
    path(
        "praktik/<int:placement_id>/datoer/",
        views.placement_reschedule,
        name="placement_reschedule",
    ),
    path("praktik/<int:placement_id>/afbryd/", views.placement_end_early, name="placement_end"),
    path(
        "praktik/<int:placement_id>/forventningsafstemning/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path("praktik/<int:placement_id>/godkend/", views.agreement_approve, name="agreement_approve"),
    path("praktik/<int:placement_id>/feedback/", views.feedback_create, name="feedback_create"),
    path("praktik/<int:placement_id>/stoette/", views.support_create, name="support_create"),
    path("samtaler/<int:conversation_id>/hold/", views.conversation_hold, name="conversation_hold"),
    path("samtaler/<int:conversation_id>/flyt/", views.conversation_move, name="conversation_move"),
    path(
        "samtaler/<int:conversation_id>/status/",
        views.conversation_status,
        name="conversation_status",
    ),
]
