"""Settings for bench/pages.py only: the production settings plus one bare view (bench/urls.py) to measure
the middleware and server against. Never used by the site itself, so the bare view is no public URL."""

from sharedservice.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
