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
        user_logged_in.connect(end_session_after_the_working_day, dispatch_uid="staff_session_hours")
