from django.urls import path

from . import views

app_name = "governance"

# Partnership pages; the project's urls mount these under /<partnership slug>/.
urlpatterns = [
    path("", views.partnership_detail, name="partnership"),
]
