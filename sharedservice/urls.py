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
    # Password change and reset: Django's views, the site's templates.
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChange),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPassword),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # The JSON API (each app's api.py) with its OpenAPI schema and docs; the account page's API token.
    path("api/v1/", include("sharedservice.api_urls")),
    path("accounts/api-token/", views.api_token, name="api_token"),
    # The open formats (OParl 1.1 at /oparl/v1.1/, the Modern.gov-compatible web service) and search, alerts
    # and feeds: each app's urls.py names its own paths.
    path("", include("opendata.urls")),
    path("<slug:partnership>/", include("engagement.urls")),
    path("<slug:partnership>/finance/", include("finance.urls")),
    path("<slug:partnership>/procurement/", include("procurement.urls")),
    path("<slug:partnership>/staffing/", include("staffing.urls")),
    path("<slug:partnership>/dashboard/", include("sharedservice.dashboard.urls")),
    # Partnership pages last: /<slug>/… (slugs that would clash with the paths above are refused).
    path("<slug:partnership>/", include("governance.urls")),
]
