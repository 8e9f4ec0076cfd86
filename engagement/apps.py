"""Find and follow: full-text search over every room's public projection, e-mail alerts and Atom feeds.

Reads only the public projections (`public.py`) of governance's rooms, staffing and procurement; nothing but
sharedservice's wiring imports it (see ../shared/design.md and tests/test_architecture.py)."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Search, alerts and feeds"

    def ready(self):
        from governance.papers.public import register_file_text
        from governance.partners.public_cache import public_pages_changed, published

        from .models import ExtractedText
        from .receivers import queue_immediate_alerts
        from .signals import public_pages_changed as reindex

        # A publication mails the partnership's immediate subscribers once its transaction commits.
        published.connect(queue_immediate_alerts, dispatch_uid="engagement.queue_immediate_alerts")
        # Whatever changes what the public reads brings the search index up to date (in the worker).
        public_pages_changed.connect(reindex, dispatch_uid="engagement-search-index")
        # OParl's File objects carry the text the worker extracted from each public PDF.
        register_file_text(
            lambda checksums: dict(
                ExtractedText.objects.filter(checksum__in=checksums).values_list("checksum", "text")
            )
        )
