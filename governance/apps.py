from importlib import import_module

from django.apps import AppConfig

# The rooms of the governance app, lowest first (see README, "How it is built").
ROOMS = ["partners", "jobs", "audit", "committees", "delegations", "papers", "portfolio"]


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save
        from simple_history.signals import post_create_historical_record

        from governance.partners.data_version import history_recorded
        from governance.partners.public_cache import admin_changed

        # A change made in the admin bypasses the services that mark public pages out of date.
        post_save.connect(admin_changed, sender=LogEntry, dispatch_uid="public-pages-admin-changed")
        # Every history row marks its partnership's figures out of date (governance/partners/data_version.py).
        post_create_historical_record.connect(history_recorded, dispatch_uid="data-version-history")
        # Django's admin looks only for governance.admin; each room registers its own models.
        for room in ROOMS:
            try:
                import_module(f"governance.{room}.admin")
            except ModuleNotFoundError as error:
                if error.name != f"governance.{room}.admin":
                    raise
        # Receivers that queue work after an agenda is published (a supplement's rebuilt packs).
        import_module("governance.papers.withdrawal")
