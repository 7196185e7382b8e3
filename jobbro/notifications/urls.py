from django.urls import path

from jobbro.notifications import views

app_name = "notifications"

urlpatterns = [
    path("indstillinger/paamindelser/", views.reminder_list, name="reminder_list"),
]
