from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    # OParl 1.1 (opendata/oparl.py): the System, the list of bodies (one per partnership), each body, its
    # external lists and each object at its id.
    path("oparl/v1.1/", views.system, name="oparl_system"),
    path("oparl/v1.1/body/", views.bodies, name="oparl_bodies"),
    path("oparl/v1.1/body/<str:body>/", views.body, name="oparl_body"),
    path("oparl/v1.1/body/<str:body>/<str:kind>/", views.object_list, name="oparl_list"),
    path("oparl/v1.1/body/<str:body>/<str:kind>/<str:key>/", views.object_detail, name="oparl_object"),
]
