from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "sharedservice.dashboard"
    label = "dashboard"
    verbose_name = "CIO dashboard"
