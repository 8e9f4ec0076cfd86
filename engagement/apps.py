"""Find and follow: full-text search over every room's public projection, e-mail alerts and Atom feeds.

Reads only the public projections (`public.py`) of governance's rooms, staffing and procurement; nothing but
sharedservice's wiring imports it (see ../shared/design.md and tests/test_architecture.py)."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Search, alerts and feeds"

    def ready(self):
        from governance.partners.public_cache import public_pages_changed

        from .signals import public_pages_changed as reindex

        public_pages_changed.connect(reindex, dispatch_uid="engagement-search-index")
