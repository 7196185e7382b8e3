from django.urls import path

from jobbro.transfer import views

app_name = "transfer"

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("eksport/<str:kind>.<str:fmt>", views.export, name="export"),
]
