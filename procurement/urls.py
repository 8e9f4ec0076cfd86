from django.urls import path

from . import views

app_name = "procurement"

# Mounted by the project under /<partnership slug>/procurement/.
urlpatterns = [
    path("", views.contract_list, name="contracts"),
    path("new/", views.contract_create, name="contract_create"),
    path("suppliers/new/", views.supplier_create, name="supplier_create"),
    path("export.csv", views.export_csv, name="export"),
    path("import/", views.import_file, name="import"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("co-terminus/", views.coterminus, name="coterminus"),
    path("transparency/", views.transparency, name="transparency"),
    path(
        "transparency/<str:council>/<int:year>-q<int:quarter>.csv",
        views.transparency_csv,
        name="transparency_csv",
    ),
    path("<int:contract>/", views.contract_detail, name="contract"),
    path("<int:contract>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:contract>/award/", views.contract_award, name="contract_award"),
]
