"""Settings: the only module that reads environment variables.

Every value has an embedded default that runs the product on one machine (SQLite under
``var/``, a database-backed task queue, e-mail written to files). Production overrides them
through the environment; with ``DEBUG`` off there is no default secret key.
"""

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("OW_VAR_DIR", PROJECT_DIR / "var"))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _flag("DEBUG", False)
# Under pytest the suite runs over plain HTTP with development static storage.
TESTING = _flag("OW_TESTING", "pytest" in sys.modules)

if DEBUG or TESTING:
    SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-never-used-in-production")
else:
    try:
        SECRET_KEY = os.environ["SECRET_KEY"]
    except KeyError as missing:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment: with DEBUG off there is no default key."
        ) from missing

# Keys the hash that recognises one person's records at two partners without storing their
# national insurance number. Changing it stops old and new records from linking.
NI_HASH_KEY = os.environ.get("OW_NI_HASH_KEY", SECRET_KEY).encode()

ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")

# The partnership that runs this installation: its name and colours appear on every page.
PARTNERSHIP_NAME = os.environ.get("OW_PARTNERSHIP_NAME", "Dudley Health and Care Partnership")
PARTNERSHIP_SHORT_NAME = os.environ.get("OW_PARTNERSHIP_SHORT_NAME", "One Workforce")
PARTNERSHIP_BRAND_COLOUR = os.environ.get("OW_BRAND_COLOUR", "#005a70")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", PARTNERSHIP_BRAND_COLOUR):
    raise ImproperlyConfigured("Set OW_BRAND_COLOUR to a colour like #005a70.")
PARTNERSHIP_CONTACT_EMAIL = os.environ.get("OW_CONTACT_EMAIL", "workforce@partnership.example")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "csp",
    "govuk_frontend_django",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "oneworkforce.core",
    "oneworkforce.partners",
    "oneworkforce.reference",
    "oneworkforce.intelligence",
    "oneworkforce.recruitment.vacancies",
    "oneworkforce.recruitment",
    "oneworkforce.recruitment.assessment",
    "oneworkforce.recruitment.pipeline",
    "oneworkforce.background",
    "oneworkforce.web",
    "oneworkforce.api",
    "oneworkforce.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "oneworkforce.web.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "oneworkforce.partners.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "oneworkforce.config.urls"
WSGI_APPLICATION = "oneworkforce.config.wsgi.application"
ASGI_APPLICATION = "oneworkforce.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oneworkforce.web.context_processors.partnership",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'oneworkforce.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; the timeout rides out
    # the short write locks the two processes take.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "partners:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:start"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Repeated failed sign-ins lock the account (by e-mail address) for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("OW_LOCKOUT_AFTER", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("OW_LOCKOUT_MINUTES", "15")))
# Locked by account, not by address: a whole NHS trust can sign in from one address, and one
# person's typing must not lock out their colleagues.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "oneworkforce.partners.access.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "partners/locked_out.html"
AXES_VERBOSE = False
# Keep no log of successful sign-ins (last sign-in time is on the account) and let failed
# attempts, which hold an IP address, lapse when the lock does.
AXES_DISABLE_ACCESS_LOG = True
AXES_USE_ATTEMPT_EXPIRATION = True

# Roles whose users must pass a second factor (TOTP) before any page but the set-up ones.
TWO_FACTOR_ROLES = set(
    _list("OW_TWO_FACTOR_ROLES", "" if DEBUG or TESTING else "partnership_admin")
)
OTP_TOTP_ISSUER = PARTNERSHIP_SHORT_NAME

# Sessions end after half an hour without a request, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("OW_SESSION_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SECURE_SSL_REDIRECT = _flag("OW_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = _flag("OW_SECURE_COOKIES", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("OW_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
# Candidate-facing pages ship in English and in Urdu, a main community language of the
# partnership's districts; each language is named in itself, as the switcher shows it.
LANGUAGES = [("en-gb", "English"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Outside production, serve static files straight from their sources (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATICFILES_DIRS = [
    PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist",
    ("htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Workforce returns may be large; they stream to disk above this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WORKFORCE_RETURN_MAX_BYTES = int(os.environ.get("OW_RETURN_MAX_MB", "50")) * 1024 * 1024

# Every message goes through the outbox backend, which records it and hands it on.
EMAIL_BACKEND = "oneworkforce.partners.mail.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "OW_EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", PARTNERSHIP_CONTACT_EMAIL)

# One task interface (Django's tasks API). The embedded default keeps the queue in the
# database and `serve` starts its worker; REDIS_URL switches to RQ workers for scale-out.
REDIS_URL = os.environ.get("REDIS_URL", "")
INSTALLED_APPS.append("django_rq")
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "oneworkforce.api.authentication.OrganisationTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "oneworkforce.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("OW_API_ANON_RATE", "120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "One Workforce API",
    "DESCRIPTION": (
        "Organisation-scoped API of the One Workforce platform. Every token belongs to one "
        "organisation and one role; answers hold only what that organisation may see."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReturnFormatEnum": "oneworkforce.intelligence.models.ReturnFormat",
        "OrganisationKindEnum": "oneworkforce.partners.models.OrganisationKind",
        "CheckKindEnum": "oneworkforce.recruitment.pipeline.models.CheckKind",
        "CheckStatusEnum": "oneworkforce.recruitment.pipeline.models.CheckStatus",
        "PlacementStatusEnum": "oneworkforce.recruitment.pipeline.models.PlacementStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OW_LOG_LEVEL", "WARNING")},
}
