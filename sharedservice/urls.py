from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import forms, views

admin.site.site_header = "Shared Service Governance administration"
admin.site.site_title = "Shared Service Governance"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=forms.LoginForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("changes/", include("governance.audit.urls")),
    path("jobs/", include("governance.jobs.urls")),
    path("admin/", admin.site.urls),
    path("<slug:partnership>/finance/", include("finance.urls")),
    path("<slug:partnership>/procurement/", include("procurement.urls")),
    path("<slug:partnership>/staffing/", include("staffing.urls")),
    # Partnership pages last: /<slug>/… (slugs that would clash with the paths above are refused).
    path("<slug:partnership>/", include("governance.urls")),
]
