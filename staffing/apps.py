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

        # A risk's or project's owner is an office; it shows as the post holding it (or as vacant).
        from governance.delegations.offices import register_holder_labels

        from .selectors import office_holder_labels

        register_holder_labels(office_holder_labels)
