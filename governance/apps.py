from importlib import import_module

from django.apps import AppConfig

# The rooms of the governance app, lowest first (see README, "How it is built").
ROOMS = ["partners", "jobs", "audit", "committees", "delegations", "papers", "portfolio"]


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save
        from simple_history.signals import post_create_historical_record, pre_create_historical_record

        from governance.acting import name_the_actor
        from governance.committees import pages as committee_pages
        from governance.committees.services import agenda_published
        from governance.delegations.pages import decisions_url
        from governance.papers.pages import meeting_url
        from governance.papers.services import publish_packs_with_the_agenda
        from governance.papers.withdrawal import rebuild_packs_after_supplement
        from governance.parsing import register_lookups
        from governance.partners import freshness
        from governance.partners.data_version import history_recorded
        from governance.partners.models import Council, Partnership, RoleAssignment
        from governance.partners.public_cache import admin_changed
        from governance.partners.selectors import roles_changed

        # Ids no database column can hold match no row, in `__in` as in `=`: never an overflow (a 500).
        register_lookups()
        # A change made in the admin bypasses the services that mark public pages out of date.
        post_save.connect(admin_changed, sender=LogEntry, dispatch_uid="public-pages-admin-changed")
        # Each connection bumps the partnerships its transaction changed as it commits, and watches its writes.
        connection_created.connect(freshness.install, dispatch_uid="freshness-install")
        # A history row written inside a service names the person the service acts for.
        pre_create_historical_record.connect(name_the_actor, dispatch_uid="governance.acting")
        # Every history row marks its partnership's figures out of date (governance/partners/data_version.py).
        post_create_historical_record.connect(history_recorded, dispatch_uid="data-version-history")
        # Publishing an agenda (from a page, a command or a shell) publishes the packs built from it.
        agenda_published.connect(publish_packs_with_the_agenda, dispatch_uid="papers-publish-packs")
        # A supplementary agenda rebuilds each pack the meeting already had.
        agenda_published.connect(rebuild_packs_after_supplement, dispatch_uid="papers-rebuild-packs-after-a-supplement")
        # Roles kept in a shared cache are read afresh when a role, or a partnership or council it names, changes.
        for model in (RoleAssignment, Partnership, Council):
            post_save.connect(roles_changed, sender=model, dispatch_uid=f"roles-changed-{model.__name__}")
            post_delete.connect(roles_changed, sender=model, dispatch_uid=f"roles-deleted-{model.__name__}")
        # The pages about committees' records that higher rooms serve, named by committees, placed by their owners.
        committee_pages.serve("meeting", meeting_url)
        committee_pages.serve("decisions", decisions_url)
        # Publishing an agenda (committees) checks the forward plan (delegations): delegations registers its
        # check with committees here, so that committees never imports the room above it.
        from governance.committees.publication_checks import register_publication_check
        from governance.delegations.key_decisions import key_decision_problems

        register_publication_check(key_decision_problems)
        # Django's admin looks only for governance.admin; each room registers its own models.
        for room in ROOMS:
            try:
                import_module(f"governance.{room}.admin")
            except ModuleNotFoundError as error:
                if error.name != f"governance.{room}.admin":
                    raise

