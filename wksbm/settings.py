"""Settings for the WKSBM registry: every value comes from the environment, with a development default.

Development needs nothing set: DEBUG is on and the database is an SQLite file beside the project.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL); start-up stops with
a clear message when DEBUG is off and SECRET_KEY or ALLOWED_HOSTS is missing (deploy/wksbm.env.example's
placeholder key counts as missing). With DEBUG off every security setting defaults to its strict value (HTTPS
only, secure cookies, HSTS); the README's production section lists the variables, and
`manage.py check --deploy --fail-level WARNING` passes with them (tests/security/test_deploy.py).
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Only ever used with DEBUG on; production refuses to start with it (see below).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
# deploy/wksbm.env.example's stand-in for the key, which a copied file may still hold: refused as a missing key.
PLACEHOLDER_SECRET_KEY = "change-me-to-a-long-random-secret-of-at-least-32-characters"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    if SECRET_KEY in (DEVELOPMENT_SECRET_KEY, PLACEHOLDER_SECRET_KEY) or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DEBUG=false membutuhkan SECRET_KEY yang rahasia (minimal 32 karakter acak, bukan contoh dari "
            "deploy/wksbm.env.example) di lingkungan. "
            "DEBUG=false requires a secret SECRET_KEY (at least 32 random characters, not the example's) in the "
            "environment."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG=false membutuhkan ALLOWED_HOSTS (nama host dipisah koma). "
            "DEBUG=false requires ALLOWED_HOSTS (comma-separated host names)."
        )

INSTALLED_APPS = [
    "registry.apps.AdminConfig",  # django.contrib.admin on the project's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    # The API (/api/v1/, registry/api/): Django REST framework, knox's hashed tokens, filters, the OpenAPI schema.
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "wksbm",
    "registry",
    "trainings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Reads the signed-in user; none of the middleware below sets Cache-Control.
    "wksbm.cache_control.PrivateNoStoreMiddleware",
    # Signing out empties the site's storage in the browser (drafts of field forms).
    "wksbm.device_data.ClearSiteDataOnSignOutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A field form sent after the session ended is kept for its owner before login_required turns it away.
    "registry.views.kept_forms.KeepFormOfEndedSession",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wksbm.security_log.SecurityLogMiddleware",
    # Last, as django-axes requires: it turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wksbm.urls"
WSGI_APPLICATION = "wksbm.wsgi.application"

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
            ],
        },
    },
]

# Django's form renderer, writing its plainest widget templates in Python: the same HTML at a fraction of the
# cost (wksbm/form_renderer.py).
FORM_RENDERER = "wksbm.form_renderer.FastWidgetRenderer"

# Without DATABASE_URL the embedded default is an SQLite file; production and CI use PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the registry's queries are short, but at national scale their cost estimates pass
    # PostgreSQL's JIT thresholds, and compiling then costs more than running them. bench/admin_lists.py, the
    # "kepengurusan belum lengkap" list over 50,000 WKSBM: its count query 400 ms with JIT, 115 ms without
    # (370 ms of it compiling); the whole page 590 ms against 270 ms.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = f"{database_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username/address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Files: what every application server must see alike ------------------------------------------------------
# Stored files (the office's logo on the kop surat, attachments, uploaded lists waiting for their confirmation)
# go through Django's storage API, never one server's temporary folder: MEDIA_ROOT by default, which several
# application servers share over a network filesystem (README, "Beberapa server aplikasi"), or S3-compatible
# object storage with S3_BUCKET. Never served from a public URL: the views that read them require a login and
# check the record's area. deploy/backup.sh backs MEDIA_ROOT up with the database.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Owner and group only: nginx, in the media folder's group, reads the attachments it sends (X-Accel-Redirect).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# S3-compatible object storage (MinIO, a cloud's object storage) instead of MEDIA_ROOT, through django-storages.
# Objects are private, and no signed URL is ever made (querystring_auth off): every file reaches a browser
# through the registry's own views after their checks, which read the bytes from the bucket; a URL of an object
# would be refused by the bucket. An existing name is never overwritten: a second file of the same name gets a
# name of its own, as in a folder. The bucket's versioning or replication backs the files up (README).
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# Attachments (registry.attachments) are served by registry.views.attachments after the record's area check. In
# production nginx sends the bytes: ATTACHMENT_ACCEL_REDIRECT names its internal location of MEDIA_ROOT
# (deploy/nginx-wksbm.conf, "/_lampiran/"); unset, Django sends them itself. nginx reads a folder: with the files
# in a bucket (S3_BUCKET) Django sends them, so the two are refused together.
ATTACHMENT_ACCEL_REDIRECT = env.str("ATTACHMENT_ACCEL_REDIRECT", default="")
# What an attachment may be (registry.attachments.processing): at most ATTACHMENT_MAX_BYTES per file (nginx allows
# 12 MB bodies; raise client_max_body_size with it), ATTACHMENT_MAX_PER_RECORD files per record. A photo claiming
# more than ATTACHMENT_MAX_PIXELS pixels is refused before it is decoded (a decompression bomb: 50 M pixels decode
# to 150 MB); one accepted is stored at most ATTACHMENT_PHOTO_MAX_PX on its longest side, with a thumbnail of
# ATTACHMENT_THUMBNAIL_PX.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
ATTACHMENT_MAX_PER_RECORD = env.int("ATTACHMENT_MAX_PER_RECORD", default=30)
ATTACHMENT_MAX_PIXELS = env.int("ATTACHMENT_MAX_PIXELS", default=50_000_000)
ATTACHMENT_PHOTO_MAX_PX = env.int("ATTACHMENT_PHOTO_MAX_PX", default=1600)
ATTACHMENT_THUMBNAIL_PX = env.int("ATTACHMENT_THUMBNAIL_PX", default=320)
if S3_BUCKET and ATTACHMENT_ACCEL_REDIRECT:
    raise ImproperlyConfigured(
        "ATTACHMENT_ACCEL_REDIRECT hanya untuk berkas di MEDIA_ROOT; kosongkan bila S3_BUCKET diisi. "
        "ATTACHMENT_ACCEL_REDIRECT serves files from MEDIA_ROOT only; leave it unset with S3_BUCKET."
    )

# --- What several application servers must agree on -----------------------------------------------------------
# Sessions live in the database (every server reads them; `manage.py housekeeping` removes the expired ones).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A shared cache with REDIS_URL (redis://host:6379/0), for whatever must agree across servers (the API's rate
# limits); without it each process keeps its own in memory, enough for one server.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wksbm",
        }
    }

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# --- Login lockout (django-axes), on the field login and the admin login alike -----------------------------
# Locked per username *and* address together: a petugas who mistypes five times waits, while colleagues behind
# the same office address still log in, and nobody elsewhere can lock a petugas out by guessing at their name.
# Failed logins are counted in the database (axes' database handler), which every application server shares: the
# attempts sent to one server and to another count towards one lockout (tests/multiserver/).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "wksbm.security_log.client_address"
# Attempts are unlocked with `manage.py axes_reset_username NAME` (README); kept out of the admin, whose every
# model is in the access matrix.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # wksbm.security_log writes one line per failure and per lockout instead

# The address a request came from: REMOTE_ADDR, or behind the reverse proxy the header it sets to the client's
# address (deploy/nginx-wksbm.conf sets X-Real-IP; then CLIENT_ADDRESS_HEADER=HTTP_X_REAL_IP). Only set it when
# gunicorn listens on 127.0.0.1 alone, or a client could forge the header.
CLIENT_ADDRESS_HEADER = env.str("CLIENT_ADDRESS_HEADER", default="")

# --- Sessions and cookies ------------------------------------------------------------------------------------
# Shared office computers: the session ends with the browser, and after SESSION_HOURS in any case. A password
# change ends every other session of that user (Django's session hash; tests/security/test_sessions.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=8) * 60 * 60
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: every form carries it in a hidden field
# A field form refused for its CSRF token is kept and shown filled again (registry/typed_work.py).
CSRF_FAILURE_VIEW = "registry.views.kept_forms.csrf_failure"

# --- HTTPS and headers ---------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Behind the reverse proxy, which terminates TLS and says so in X-Forwarded-Proto (deploy/nginx-wksbm.conf).
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # The registry is served from a subdomain of the province's domain; browsers' preload lists take whole
    # registrable domains only, a decision for the province, not for this application.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script, style or event handler anywhere (JavaScript and CSS live in static/); pictures may be data:
# URIs (base.html's empty favicon). The Django admin works under this policy: every admin page was opened in
# chromium, and the one inline style left is django-simple-history's paginator border (tests/security/test_csp.py).
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
    },
}

# --- Logging -------------------------------------------------------------------------------------------------
# wksbm.security: logins, failed logins, lockouts, imports, exports and refusals, each with user and address
# (wksbm/security_log.py). NIK and phone numbers are masked in every log line, whoever writes it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "wksbm.security_log.MaskPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["personal_data"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own loggers write through the root's masked handler only (not through their default ones).
    "loggers": {"django": {"handlers": [], "level": "INFO"}, "axes": {"level": "WARNING"}},
}

# In development whitenoise serves straight from the app folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

FORMAT_MODULE_PATH = ["wksbm.formats"]

# Bulk imports: files larger than this, or with more data rows, are refused with a clear message.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
# Uploads up to 2.5 MB (a whole request) stay in memory; larger ones go to a temporary file that never holds more
# than IMPORT_MAX_BYTES + 1 bytes (wksbm/uploads.py), so an oversized file is refused without being stored.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "wksbm.uploads.LimitedTemporaryFileUploadHandler",
]

# How long `manage.py housekeeping` (deploy/wksbm-housekeeping.timer, daily) keeps the record of a handled creating
# form (registry.models.FormSubmission). The record only serves to recognise the same form sent again: a double
# tap within seconds, a retry after an answer lost on a weak signal within minutes or hours. 30 days is far beyond
# all of these: the same form sent after that long is a new submission, not a repeat. At least 1.
FORM_SUBMISSION_RETENTION_DAYS = env.int("FORM_SUBMISSION_RETENTION_DAYS", default=30)

# --- E-mail (the daily digest of notifications, `manage.py send_notification_digest`) --------------------------
# EMAIL_URL in django-environ's form: smtp+tls://user:password@smtp.example.go.id:587 (smtp+ssl:// on 465). Unset,
# mail is written to the console (standard output), so development and a server not yet set up send nothing.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Registri WKSBM <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address as users open it, for the links in e-mail (a command has no request to read it from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- The API (/api/v1/, registry/api/) ------------------------------------------------------------------------
# Personal tokens (django-rest-knox, our own model with a name, a scope and the expiry the user chose), and the
# session for the browsable pages. Every request of a token counts against API_RATE_LIMIT (per token; per user for
# a session), in the default cache, so several application servers share the count when the cache is shared.
KNOX_TOKEN_MODEL = "registry.ApiToken"
# knox's own migrations create its AuthToken table even though registry.ApiToken replaces the model (they do not
# mark it swappable), and that table's key to auth_user then stops Django's flush, which knows nothing of it: every
# test on committed data failed at its end on PostgreSQL ("cannot truncate a table referenced in a foreign key
# constraint"). Unmigrated, knox makes no table for a model swapped out.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token", "AUTO_REFRESH": False}
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="2000/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "registry.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["registry.api.permissions.RecordPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["registry.api.auth.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": API_RATE_LIMIT},
    "DEFAULT_PAGINATION_CLASS": "registry.api.pagination.RecordCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "registry.api.errors.exception_handler",
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Registri WKSBM",
    "DESCRIPTION": "Data WKSBM, pengurus, KPS dan laporan kegiatan di wilayah kerja pengguna.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Several records have a "status" of their own choices: each its own named enum in the schema.
    "ENUM_NAME_OVERRIDES": {
        "WksbmStatusEnum": "registry.enums.WksbmStatus",
        "EvaluationStatusEnum": "trainings.models.evaluation.EvaluationStatus",
        "FollowUpStatusEnum": "trainings.enums.FollowUpStatus",
    },
}
