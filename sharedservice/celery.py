"""The Celery application. Broker and result settings come from Django settings (CELERY_*)."""

import os

from celery import Celery

from governance.apps import ROOMS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservice.settings")

app = Celery("sharedservice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The governance app keeps its tasks in its rooms (governance.<room>.tasks): every room, from the one list of
# them (a room without a tasks module is passed over).
app.autodiscover_tasks(lambda: [f"governance.{room}" for room in ROOMS])
