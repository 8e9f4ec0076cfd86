"""The site's own Celery tasks."""

from celery import shared_task

from . import passwords


@shared_task(acks_late=True)
def send_password_reset(user_id, domain, site_name, use_https):
    """Sends one password reset mail (sharedservice.passwords). Takes only ids and names, never a link."""
    return passwords.reset_mail_send(user_id=user_id, domain=domain, site_name=site_name, use_https=use_https)
