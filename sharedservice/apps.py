from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone


def end_session_after_the_working_day(sender, request, user, **kwargs):
    """A sign-in lasts STAFF_SESSION_HOURS (8) from the moment it was made, however active the person is."""
    request.session.set_expiry(timezone.now() + timedelta(hours=settings.STAFF_SESSION_HOURS))


class SharedServiceConfig(AppConfig):
    name = "sharedservice"
    verbose_name = "Shared Service"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from .signed_in import user_changed

        user_logged_in.connect(end_session_after_the_working_day, dispatch_uid="staff_session_hours")
        # A user saved or deleted is read afresh by the next request, in every process.
        post_save.connect(user_changed, sender=get_user_model(), dispatch_uid="signed-in-user-saved")
        post_delete.connect(user_changed, sender=get_user_model(), dispatch_uid="signed-in-user-deleted")
