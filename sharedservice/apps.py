from django.apps import AppConfig


class SharedServiceConfig(AppConfig):
    name = "sharedservice"
    verbose_name = "Shared Service"
