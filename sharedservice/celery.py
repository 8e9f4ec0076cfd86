"""The Celery application. Broker and result settings come from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")

app = Celery("sharedservice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Rooms of an app that have their own tasks module (Celery looks only at <app>.tasks by itself).
app.autodiscover_tasks(["governance.portfolio"])
