from django.urls import path

from . import views

# Mounted at /changes/ by the project's urls; the names stay global (no namespace).
urlpatterns = [
    path("", views.changes, name="changes"),
    path("export/", views.changes_export, name="changes_export"),
]
