from django.urls import path, re_path

from . import modern_gov, views

# The Modern.gov-compatible web service at /<partnership>/mgWebService.asmx/<Operation>, its path matched in any
# case (mgWebService.asmx, mgwebservice.asmx). Mounted at the site's root: the partnership is the first segment.
MG_SERVICE = (
    r"^(?P<partnership>[-a-zA-Z0-9_]+)/[mM][gG][Ww][eE][bB][Ss][eE][rR][vV][iI][cC][eE]\.[aA][sS][mM][xX]"
)

urlpatterns = [
    re_path(MG_SERVICE + r"/?$", modern_gov.service, name="mg_service"),
    re_path(MG_SERVICE + r"/(?P<operation>[A-Za-z]{1,40})/?$", modern_gov.service, name="mg_operation"),
    # OParl 1.1 (opendata/oparl.py): the System, the list of bodies (one per partnership), each body, its
    # external lists and each object at its id.
    path("oparl/v1.1/", views.system, name="oparl_system"),
    path("oparl/v1.1/body/", views.bodies, name="oparl_bodies"),
    path("oparl/v1.1/body/<str:body>/", views.body, name="oparl_body"),
    path("oparl/v1.1/body/<str:body>/<str:kind>/", views.object_list, name="oparl_list"),
    path("oparl/v1.1/body/<str:body>/<str:kind>/<str:key>/", views.object_detail, name="oparl_object"),
]
