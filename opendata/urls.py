from django.urls import re_path

from . import modern_gov

# The Modern.gov-compatible web service at /<partnership>/mgWebService.asmx/<Operation>, its path matched in any
# case (mgWebService.asmx, mgwebservice.asmx). Mounted at the site's root: the partnership is the first segment.
MG_SERVICE = (
    r"^(?P<partnership>[-a-zA-Z0-9_]+)/[mM][gG][Ww][eE][bB][Ss][eE][rR][vV][iI][cC][eE]\.[aA][sS][mM][xX]"
)

urlpatterns = [
    re_path(MG_SERVICE + r"/?$", modern_gov.service, name="mg_service"),
    re_path(MG_SERVICE + r"/(?P<operation>[A-Za-z]{1,40})/?$", modern_gov.service, name="mg_operation"),
]
