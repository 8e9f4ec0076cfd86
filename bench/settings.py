"""Settings for bench/pages.py only: the production settings plus one bare view (bench/urls.py) to measure
the middleware and server against. Never used by the site itself, so the bare view is no public URL."""

import os

from sharedservice.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# bench/pages.py --no-cache: every page computed afresh, to measure what a reader meets first after a write.
if os.environ.get("BENCH_NO_CACHE") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
