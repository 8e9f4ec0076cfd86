from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone


def end_session_after_the_working_day(sender, request, user, **kwargs):
    """A sign-in lasts STAFF_SESSION_HOURS (8) from the moment it was made, however active the person is."""
    request.session.set_expiry(timezone.now() + timedelta(hours=settings.STAFF_SESSION_HOURS))


def revoke_tokens_when_the_password_changes(sender, instance, **kwargs):
    """A password changed or reset (set_password, from any form, the admin or a command) revokes the user's API
    tokens: whoever learnt the old password may have issued one. A hash upgrade at sign-in is not a change
    (Django clears the new password before saving it)."""
    if instance.pk is not None and getattr(instance, "_password", None) is not None:
        from .services import api_tokens_revoke_all

        api_tokens_revoke_all(user=instance)


class SharedServiceConfig(AppConfig):
    name = "sharedservice"
    verbose_name = "Shared Service"

    def ready(self):
        from .signed_in import user_changed

        user_logged_in.connect(end_session_after_the_working_day, dispatch_uid="staff_session_hours")
        # A user saved or deleted is read afresh by the next request, in every process.
        post_save.connect(user_changed, sender=get_user_model(), dispatch_uid="signed-in-user-saved")
        post_delete.connect(user_changed, sender=get_user_model(), dispatch_uid="signed-in-user-deleted")
        pre_save.connect(
            revoke_tokens_when_the_password_changes,
            sender=get_user_model(),
            dispatch_uid="revoke_tokens_on_password_change",
        )
