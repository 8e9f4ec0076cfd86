from importlib import import_module

from django.apps import AppConfig

# The rooms of the governance app, lowest first (see README, "How it is built").
ROOMS = ["partners", "jobs", "audit", "committees", "delegations", "papers", "portfolio"]


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        # Django's admin looks only for governance.admin; each room registers its own models.
        for room in ROOMS:
            try:
                import_module(f"governance.{room}.admin")
            except ModuleNotFoundError as error:
                if error.name != f"governance.{room}.admin":
                    raise
