from django.urls import path

from jobbro.api import views

app_name = "api_tokens"

urlpatterns = [
    path("api-noegler/", views.token_list, name="list"),
    path("api-noegler/<int:token_id>/tilbagekald/", views.token_revoke, name="revoke"),
]
