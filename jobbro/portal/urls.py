from django.urls import path

from jobbro.portal import views

app_name = "portal"

urlpatterns = [
    path("portal/log-ind/", views.signin_request, name="signin_request"),
    path("portal/log-ind/<str:token>/", views.signin_confirm, name="signin_confirm"),
]
