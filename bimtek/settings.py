"""bimtek settings: one file, every deployment choice read from the environment.

Defaults are for a developer's machine (SQLite and files under var/); a real
deployment sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and
DJANGO_HTTPS, see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BIMTEK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_folder(path):
    """A folder the settings keep files in, made now: a fresh clone has no var/, and
    SQLite, the file cache and the upload temp dir cannot create their parent folders."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


# The test suite runs with tests/settings.py (pytest.ini), which starts from these and says what it changes.
DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Without a key, commands that serve nothing (check, migrate) still run, but
# bimtek.wsgi refuses to serve a request unless DEBUG is on.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "bimtek.apps.BimtekConfig",
    "participants.apps.ParticipantsConfig",
    "sessions.apps.TrainingConfig",
    "materials.apps.MaterialsConfig",
    "certificates.apps.CertificatesConfig",
    "evaluation.apps.EvaluationConfig",
    "bimtek.overview.apps.OverviewConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "bimtek.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bimtek.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bimtek.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "bimtek.audit.AuditContextMiddleware",
    "participants.mfa.MFARequiredMiddleware",
]

ROOT_URLCONF = "bimtek.urls"
WSGI_APPLICATION = "bimtek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Plain-text e-mails (bimtek.mail.render_text): characters as written, never HTML-escaped.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# A web worker keeps its PostgreSQL connection for a minute (checked before reuse) instead of opening one per
# request: at a check-in burst's 30 requests a second, a new server process and login per request took the
# cores the pages needed.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bimtek.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        local_folder(Path(DATABASES["default"]["NAME"]).parent)
    # WAL and a busy timeout let the development server and a second process share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "bimtek.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "bimtek.backends.BackOfficePermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Accounts: e-mail and password only, no public sign-up (see bimtek.accounts.AccountAdapter).
ACCOUNT_ADAPTER = "bimtek.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's default rate limits stay on; they are listed so a reader sees them.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}

# Two-factor login: an authenticator app (TOTP) with recovery codes. Who must use it is decided in
# participants.mfa (organizers after their program's grace period, staff for the back office).
MFA_ADAPTER = "participants.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("BIMTEK_MFA_ISSUER", "bimtek")
# One period either side, for phones whose clock is a little off.
MFA_TOTP_TOLERANCE = 1

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploads live outside the static tree and have no URL route: every file is
# served by a view that checks permission first.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = os.environ.get("DJANGO_FILE_UPLOAD_TEMP_DIR") or None
if FILE_UPLOAD_TEMP_DIR:
    local_folder(FILE_UPLOAD_TEMP_DIR)

# Object storage (DJANGO_FILE_STORAGE=storages.backends.s3.S3Storage) reads these; see README "Running at scale".
AWS_STORAGE_BUCKET_NAME = os.environ.get("BIMTEK_S3_BUCKET", "")
AWS_S3_ENDPOINT_URL = os.environ.get("BIMTEK_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("BIMTEK_S3_REGION") or None
AWS_ACCESS_KEY_ID = os.environ.get("BIMTEK_S3_ACCESS_KEY") or None
AWS_SECRET_ACCESS_KEY = os.environ.get("BIMTEK_S3_SECRET_KEY") or None
AWS_DEFAULT_ACL = None  # private objects; downloads go through the permission-checked views
AWS_S3_FILE_OVERWRITE = False

STORAGES = {
    # Swap for object storage (e.g. django-storages' S3 backend) with DJANGO_FILE_STORAGE.
    "default": {
        "BACKEND": os.environ.get("DJANGO_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Several web machines: one cache, so a rate limit counts every request wherever it lands.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": os.environ.get("BIMTEK_CACHE_PREFIX", "bimtek")}}
else:
    # A file cache is shared by all gunicorn workers of one machine, which
    # the login and verification rate limits need.
    CACHES = {"default": {
        "BACKEND": os.environ.get("DJANGO_CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", str(VAR_DIR / "cache")),
    }}


def with_figures_cache(caches: dict) -> dict:
    """``caches`` with "figures", for what is kept until a program's data changes (bimtek.program_cache), and
    "template_fragments", the {% cache %} tag's, for the fragments rendered from them: the default cache where it
    is Redis, else each worker's memory (found by the versions the default cache shares, so never stale)."""
    default = caches["default"]
    figures = dict(default) if default["BACKEND"].endswith("RedisCache") else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bimtek-figures",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("BIMTEK_FIGURES_MAX_ENTRIES", "20000"))}}
    return {**caches, "figures": figures, "template_fragments": figures}


CACHES = with_figures_cache(CACHES)

if STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    local_folder(MEDIA_ROOT)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    local_folder(CACHES["default"]["LOCATION"])

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG or not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bimtek <bimtek@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Behind HTTPS (the normal production case) every cookie is secure and HSTS is sent.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client address the login and verification limits count: behind N proxies of ours, the address the
# outermost one added to X-Forwarded-For (what a visitor writes there themself comes before it); or a header
# a trusted proxy sets (e.g. X-Real-IP). Without this, every client counts as the proxy's own address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if BEHIND_PROXY else "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER") or None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by bimtek.middleware.SecurityHeadersMiddleware. Scripts and styles come only
# from the app's own static files (no inline script, style or on...= attribute anywhere; the test that
# walks every URL checks it); images may also be data: URIs (the two-factor set-up's QR code).
BIMTEK_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# 1 sends the policy as Content-Security-Policy-Report-Only (to try a change on a running site first).
BIMTEK_CSP_REPORT_ONLY = env_bool("BIMTEK_CSP_REPORT_ONLY")
# Browser features no page of bimtek uses, switched off for it and anything it could embed.
BIMTEK_PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone",
    "midi", "payment", "usb", "serial", "bluetooth", "hid", "browsing-topics",
)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Site address used in e-mails, calendar feeds and certificate QR codes.
BIMTEK_BASE_URL = os.environ.get("BIMTEK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Participant lists an organizer may import at once (participants.spreadsheet_reading).
BIMTEK_IMPORT_MAX_ROWS = int(os.environ.get("BIMTEK_IMPORT_MAX_ROWS", "20000"))
BIMTEK_IMPORT_MAX_BYTES = int(os.environ.get("BIMTEK_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Long work (large exports, bulk documents) runs as tasks on Django's task framework (the django-tasks
# backport) with its database backend: no extra service; `manage.py db_worker` runs them (make run starts one).
TASKS = {"default": {"BACKEND": os.environ.get("BIMTEK_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
BIMTEK_JOB_RETRY_SECONDS = int(os.environ.get("BIMTEK_JOB_RETRY_SECONDS", "30"))
BIMTEK_JOB_KEEP_DAYS = int(os.environ.get("BIMTEK_JOB_KEEP_DAYS", "7"))
# A RUNNING job silent this long had its worker die: the next periodic pass queues it again.
BIMTEK_JOB_STALE_MINUTES = int(os.environ.get("BIMTEK_JOB_STALE_MINUTES", "30"))
# How often a worker runs the periodic passes (reminders, stalled jobs, pruning), in seconds.
BIMTEK_PERIODIC_SECONDS = int(os.environ.get("BIMTEK_PERIODIC_SECONDS", "900"))
# E-mail goes out through a task (bimtek.mail): tried again while the mail server is down.
BIMTEK_MAIL_TASK_BACKEND = "default"
BIMTEK_MAIL_ATTEMPTS = int(os.environ.get("BIMTEK_MAIL_ATTEMPTS", "8"))
BIMTEK_MAIL_RETRY_SECONDS = int(os.environ.get("BIMTEK_MAIL_RETRY_SECONDS", "60"))

IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

FORM_RENDERER = "bimtek.forms_renderer.FormRenderer"
