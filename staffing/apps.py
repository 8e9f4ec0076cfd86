from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = "Staffing"

    def ready(self):
        # Post holders' names are personal data: the change history and its CSV show them only to whoever
        # the staffing pages show them to (selectors.may_see_name).
        from governance.audit.history import personal_data

        from .models import PostHolder
        from .selectors import names_readable

        personal_data(PostHolder, ["person"], names_readable)
