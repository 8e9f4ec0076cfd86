"""The Celery application. Broker and result settings come from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")

app = Celery("sharedservice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The governance app keeps its tasks in its rooms (governance.<room>.tasks).
app.autodiscover_tasks(["governance.audit", "governance.papers", "governance.portfolio"])
