from django.urls import path

from jobbro.accounts import views

app_name = "accounts"

urlpatterns = [
    path("log-ud-alle-steder/", views.sessions_end, name="sessions_end"),
    path("adgangskode/", views.password_change, name="password_change"),
    path("adgangskode/skiftet/", views.password_change_done, name="password_change_done"),
    path("glemt-adgangskode/", views.password_reset, name="password_reset"),
    path("glemt-adgangskode/sendt/", views.password_reset_done, name="password_reset_done"),
    path("nulstil/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("nulstil/faerdig/", views.password_reset_complete, name="password_reset_complete"),
    path("medarbejdere/", views.staff_list, name="staff_list"),
    path("medarbejdere/<int:user_id>/", views.staff_detail, name="staff_detail"),
    path(
        "medarbejdere/<int:user_id>/nulstil-anden-faktor/",
        views.staff_second_factor_reset,
        name="staff_second_factor_reset",
    ),
    path("medarbejdere/<int:user_id>/laas-op/", views.staff_unlock, name="staff_unlock"),
    path("medarbejdere/laaste/", views.staff_locked, name="staff_locked"),
    path("adgangslog/", views.access_log, name="access_log"),
]
