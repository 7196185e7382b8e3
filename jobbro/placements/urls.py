from django.urls import path

from jobbro.placements import views

app_name = "placements"

urlpatterns = [
    path("opfoelgningsskemaer/", views.template_list, name="template_list"),
    path("opfoelgningsskemaer/<str:kind>/", views.template_edit, name="template_edit"),
]
