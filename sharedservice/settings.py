"""One settings module, configured from the environment.

DEBUG is off unless DEBUG=1 is set (scripts/demo.sh and the tests set what they need). Otherwise, with nothing
set you get the embedded default for a laptop: a SQLite file in var/, a Celery broker
that is a folder on disk (kombu's filesystem transport) and uploaded or generated files in var/media/.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL through psycopg 3),
CELERY_BROKER_URL (Redis) and, to share files between machines, AWS_STORAGE_BUCKET_NAME (S3-compatible).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_filters",
    "django_celery_results",
    "django_htmx",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "governance",
    "staffing",
    "procurement",
    "finance",
    "engagement",
    "opendata",
    "sharedservice",
    "sharedservice.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, reading the signed-in user from the shared cache (sharedservice/signed_in.py).
    "sharedservice.signed_in.CachedUserAuthenticationMiddleware",
    # Before any view reads the request: a NUL character in a query or form value is a 400 (the site's page).
    "sharedservice.middleware.RejectNulCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Answers to signed-in people (and tokens) are private, no-store.
    "sharedservice.middleware.PrivateResponsesMiddleware",
    "sharedservice.middleware.AccessTableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sharedservice.urls"
WSGI_APPLICATION = "sharedservice.wsgi.application"
ASGI_APPLICATION = "sharedservice.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sharedservice.context_processors.layout",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (postgres://… uses psycopg 3).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a Celery worker started by a test sees the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that username is refused from that address (even with the right password) until the cool-off has passed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "sharedservice.signin.axes_username"
# The address is django-ipware's (which django-axes uses when it is installed): REMOTE_ADDR alone unless the site
# is behind its TLS proxy (below), so no visitor can choose their own address with a header.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]


def sign_in_address(proxies):
    """django-ipware's settings for a site behind `proxies` proxies (AXES_IPWARE_PROXY_COUNT, 1 behind the TLS
    proxy). Each proxy appends to X-Forwarded-For the address it was sent the request from; the one nearest
    the site is REMOTE_ADDR and is not listed there, so the visitor is the entry `proxies` from the right
    (python-ipware counts the proxies listed after the client: one fewer). Not strict: entries a visitor
    wrote before those (a forged X-Forwarded-For) are ignored, rather than making every forger the proxy's
    address, which would let them lock a username for everyone behind it."""
    if proxies < 1:
        return None, ["REMOTE_ADDR"], True
    return proxies - 1, ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"], False


# Staff sessions end 8 hours after sign-in, however active (sharedservice.apps sets each sign-in's expiry).
SESSION_COOKIE_AGE = 8 * 60 * 60
STAFF_SESSION_HOURS = 8
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static_build"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check permission

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage, so several web and worker machines share appendices, packs and statements.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Django's cache (cached public pages, governance/partners/public_cache.py): Redis when CACHE_URL names it (what
# production sets, so every worker shares the pages), otherwise memory local to each process. Either way a page
# is keyed by its partnership's public version, which services bump when public data changes.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            # Django's Redis cache, keeping its client rather than building one per call (sharedservice/cache.py).
            "BACKEND": "sharedservice.cache.KeptClientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ss",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# A cache every process shares: signed-in requests then read their session, user and roles from it, each
# dropped as it changes (sharedservice/signed_in.py). Memory local to each process could not be told.
SHARED_CACHE = CACHE_URL.startswith(("redis://", "rediss://"))
if SHARED_CACHE:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: JSON only; results (and job progress) in the database so the browser can poll them.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "celery-broker"
    _broker_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "store_processed": False,
        # kombu's exchange tables: under var/ too, never a `control/` folder in the working directory.
        "control_folder": str(VAR_DIR / "celery-control"),
    }
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A task whose worker died before acknowledging it (tasks ack late) is delivered again after this many
    # seconds. Tasks are idempotent, so one still running when the time is up and delivered twice does no harm.
    # kombu looks for such tasks when a worker starts and then only every unacked_restore_interval ×
    # unacked_restore_throttle seconds (10 × 10 by default in kombu 5.7): a task whose visibility timeout ran out
    # after the surviving worker started waited up to 100 s more. Sweep every few seconds, on every call.
    _visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900"))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": _visibility_timeout,
        "unacked_restore_interval": max(1, min(10, _visibility_timeout // 3)),
        "unacked_restore_throttle": 1,
    }
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24 * 7
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "20"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The search index (engagement): after a commit that changes what the public sees, "worker" (default) brings
# the partnership's index up to date in the worker, "now" in the committing process, "off" not at all (the test
# suite: tests that search build it themselves; `manage.py rebuild_search_index` does it by hand).
SEARCH_INDEX_ON_COMMIT = os.environ.get("SEARCH_INDEX_ON_COMMIT", "worker")
if SEARCH_INDEX_ON_COMMIT not in {"worker", "now", "off"}:
    raise ImproperlyConfigured("SEARCH_INDEX_ON_COMMIT is worker, now or off.")

CELERY_BEAT_SCHEDULE = {
    # Drafts every partnership's statements ten days after each quarter ends and emails the finance officers.
    "finance-draft-due-statements": {
        "task": "finance.tasks.draft_due_statements",
        "schedule": crontab(hour=6, minute=0),
    },
    # E-mail alerts: the daily digests (engagement.tasks), and unconfirmed requests deleted after a week.
    "engagement-daily-digests": {
        "task": "engagement.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "engagement-purge-unconfirmed": {
        "task": "engagement.tasks.purge_unconfirmed",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Security: strict by default when DEBUG is off (check --deploy passes with the production settings).
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The demo serves plain http on 127.0.0.1 and sets SECURE_COOKIES=0; production keeps them secure.
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        # django-axes reads the visitor's address with django-ipware from X-Forwarded-For (sign_in_address).
        AXES_IPWARE_PROXY_COUNT, AXES_IPWARE_META_PRECEDENCE_ORDER, IPWARE_STRICT = sign_in_address(
            int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "1"))
        )

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only; no inline script
# or style (the page's one bit of start-up script is static/js/js-enabled.js), no plugins, no framing.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The JSON API (/api/v1/): read-only, JSON only (no browsable API). Everyone reads the public endpoints; the
# finance endpoints take a token (issued on the account page) and answer as the pages do for its user. The
# access table (sharedservice/access.py) is enforced for the API as for every page.
# Password reset mails (sent by a worker): requests an hour from one address, and mails an hour to one account.
PASSWORD_RESET_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_PER_ADDRESS", "10"))
PASSWORD_RESET_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESET_PER_ACCOUNT", "3"))
# An API token stops working this many days after it was issued (and when its user's password changes).
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))
REST_FRAMEWORK = {
    # Public endpoints read no credentials; the finance endpoints name theirs (finance/api.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Shared Service Governance API",
    "DESCRIPTION": (
        "Committee business of shared-service partnerships (public, no sign-in) and the finance figures of the "
        "caller's council (token: `Authorization: Token <key>`, issued on the account page)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's Swagger UI comes from the drf-spectacular-sidecar package, served from this site.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LOG_LEVEL", "INFO" if not DEBUG else "WARNING"),
    },
    # WeasyPrint logs each rendering step at INFO ("Step 2 - Fetching and parsing CSS"): only its warnings.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pikepdf announces "pikepdf C++ to Python logger bridge initialized" at INFO on import.
        "pikepdf": {"level": "WARNING"},
    },
}

# Email (finance officers are told when statements are drafted): the console in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shared-service@localhost")
# The site's address as the public reaches it: links in mails written by the worker (alerts), which has no request.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
# E-mail alerts (engagement): subscription requests an hour from one client address, and confirmation or
# manage-link mails an hour to one e-mail address.
ALERTS_PER_CLIENT = int(os.environ.get("ALERTS_PER_CLIENT", "20"))
ALERTS_PER_ADDRESS = int(os.environ.get("ALERTS_PER_ADDRESS", "3"))

# Upload limits: appendices may be up to 50 MB; Django streams larger bodies to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
