"""ITMS settings, read from the environment.

The embedded default (no environment at all) is a debug-free SQLite set-up that
refuses to start without ITMS_SECRET_KEY unless ITMS_DEBUG=1. See the
configuration table in README.md for every variable.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("ITMS_DEBUG")
SECRET_KEY = env("ITMS_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("ITMS_SECRET_KEY 환경변수를 설정하십시오 (디버그 모드가 아닐 때 필수).")
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 - only reachable with ITMS_DEBUG=1

ALLOWED_HOSTS = env_list("ITMS_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("ITMS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "itms.core.apps.ItmsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_celery_beat",
    "itms.core",
    "itms.accounts",
    "itms.audit",
    "itms.regulation",
    "itms.notifications",
    "itms.resources",
    "itms.projects",
    "itms.governance",
    "itms.planning",
    "itms.acquisition",
    "itms.execution",
    "itms.operations",
    "itms.performance",
    "itms.documents",
    "itms.similarity",
    "itms.ui",
    "itms.api",
    # Demo and generated data (seed_demo, generate_agency): imports every app, imported by none.
    "itms.generator",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "itms.core.middleware.RequestIdMiddleware",
    # Outside sessions and authentication, whose database reads fail first when the database is away.
    "itms.core.db_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Slides the idle timeout, saving the session at most once a minute (not on every request).
    "itms.core.sessions.SessionTouchMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "itms.accounts.middleware.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "itms.core.middleware.SecurityHeadersMiddleware",
    # Last, so that a lockout answers only for the login attempt itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "itms.ui.context_processors.navigation",
                "itms.notifications.context_processors.notifications",
            ],
            "builtins": ["itms.core.templatetags.itms"],
        },
    }
]

# --- database -----------------------------------------------------------------
DATA_DIR = Path(env("ITMS_DATA_DIR", str(BASE_DIR / "var")))
# What the last test run exercised, read by directive_coverage (itms.core.exercised, itms.regulation.coverage).
ITMS_COVERAGE_DIR = DATA_DIR / "directive-coverage"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'itms.sqlite3'}"),
        conn_max_age=env_int("ITMS_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while one writer commits; IMMEDIATE avoids
    # "database is locked" upgrades in the middle of a transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "itms.accounts.backends.RoleBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("ITMS_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "itms.accounts.validators.CharacterClassValidator"},
]
# Idle sessions end after ITMS_SESSION_MINUTES; every request slides the window, saved at most once a minute
# (itms.core.sessions.SessionTouchMiddleware, ITMS_SESSION_TOUCH_SECONDS) instead of on every request.
SESSION_COOKIE_AGE = env_int("ITMS_SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
ITMS_SESSION_TOUCH_SECONDS = env_int("ITMS_SESSION_TOUCH_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failures, per (name, address) and for a cool-off period: an anonymous client that
# guesses wrong locks out only itself, for a while, never the owner working elsewhere (pen test, finding 5).
# Every failure during the lock restarts the cool-off (axes' default), so a client that keeps guessing stays
# locked; there is no permanent lock, which would hand the denial of service back. An administrator unlocks
# early (accounts:user_unlock), and so does `manage.py unlock_account USERNAME` at the server (break-glass).
AXES_FAILURE_LIMIT = env_int("ITMS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=max(1, env_int("ITMS_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("ITMS_AXES_ENABLED", True)
# 429 in Korean with the minutes to wait (HTML for pages, JSON under /api/).
AXES_LOCKOUT_CALLABLE = "itms.accounts.lockout.lockout_response"
# Behind the TLS proxy every client arrives from the proxy's address: trust the X-Forwarded-For that nginx
# overwrites with $remote_addr (section 13 of docs/architecture.md). Without a proxy it could be forged.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if env_bool("ITMS_BEHIND_TLS_PROXY") else ("REMOTE_ADDR",)
)

# Two-factor: optional per user, required for administrators when this is on.
ITMS_REQUIRE_ADMIN_2FA = env_bool("ITMS_REQUIRE_ADMIN_2FA", not DEBUG)
OTP_TOTP_ISSUER = "정보화관리시스템"

# --- security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("ITMS_BEHIND_TLS_PROXY") else None
SESSION_COOKIE_SECURE = env_bool("ITMS_BEHIND_TLS_PROXY")
CSRF_COOKIE_SECURE = env_bool("ITMS_BEHIND_TLS_PROXY")
SECURE_HSTS_SECONDS = env_int("ITMS_HSTS_SECONDS", 31536000 if env_bool("ITMS_BEHIND_TLS_PROXY") else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
ITMS_UPLOAD_MAX_BYTES = env_int("ITMS_UPLOAD_MAX_MB", 50) * 1024 * 1024

# --- language, time, formats ----------------------------------------------------
LANGUAGE_CODE = "ko-kr"
LANGUAGES = [("ko", "한국어")]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static & media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("ITMS_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("ITMS_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- background work -------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", "")
# Without a broker (the embedded default) tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# ... and long ones (a file import) in a thread of the server instead of inside the request (itms/core/jobs.py).
ITMS_JOBS_IN_THREADS = env_bool("ITMS_JOBS_IN_THREADS")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat copies these into its database schedule at start-up (the embedded default runs the command instead).
CELERY_BEAT_SCHEDULE = {
    "run-obligation-sweep": {
        "task": "itms.regulation.tasks.run_obligation_sweep_task",
        "schedule": crontab(hour=6, minute=0),  # 06:00 Asia/Seoul (CELERY_TIMEZONE), before the working day
    },
    # Next year's planning cycle opens on its day (rule-pack parameter, a8.1); new projects join it (issue 10).
    "open-planning-cycles": {
        "task": "itms.planning.tasks.open_planning_cycles_task",
        "schedule": crontab(hour=5, minute=30),  # before the sweep, so a new cycle's deadlines are in it
    },
    # A vendor's access ends by itself the day after their last project assignment (a17.3).
    "expire-vendor-access": {
        "task": "itms.execution.tasks.expire_vendor_access_task",
        "schedule": crontab(hour=5, minute=0),
    },
    # Asset records not verified within the cycle become the asset officer's duty (a29.3), before the sweep.
    "check-asset-currency": {
        "task": "itms.resources.tasks.check_asset_currency_task",
        "schedule": crontab(hour=5, minute=45),
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("ITMS_CACHE_URL")}
        if env("ITMS_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# A user's roles are kept across requests only in a cache every process shares (Redis): a change bumps the
# generation there and every worker reads the roles again at once. With the per-process cache another worker
# would go on granting a revoked role, so they are read once per request instead.
ITMS_ROLES_ACROSS_REQUESTS = bool(env("ITMS_CACHE_URL"))

# --- e-mail ----------------------------------------------------------------------
EMAIL_BACKEND = env("ITMS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("ITMS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("ITMS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("ITMS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("ITMS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ITMS_EMAIL_USE_TLS")
# The address users reach the system at, for links in e-mails (e.g. https://itms.customs.go.kr).
ITMS_SITE_URL = env("ITMS_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("ITMS_EMAIL_FROM", "정보화관리시스템 <itms@localhost>")

# --- audit -----------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "admin",
    "contenttypes",
    "axes",
    "authtoken",
    "django_celery_beat",
    "otp_totp",
    "audit.legalevent",
    "notifications",  # an inbox row is not a record of the directive; its own table is the log
    "audit.chainhead",
    "similarity.indexentry",  # derived data, rebuilt by a command; the judgements are logged
    "similarity.indexstate",
    "resources.assetattributevalue",  # the typed index of Asset.attributes (ADR 0012); the asset's own log has the values
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("updated_at", "last_login")
AUDITLOG_MASK_TRACKING_FIELDS = ("password",)
AUDITLOG_CID_GETTER = "itms.core.middleware.get_request_id"
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's own, plus: the actor goes into the change log, and a locked account's token is refused.
        "itms.api.authentication.TokenAuthentication",
        "itms.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["itms.api.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON only: DRF's browsable pages are in English and the API page for people is API 문서 (/api/docs/,
    # Swagger UI, Korean). Developers (ITMS_DEBUG=1) keep the browsable pages.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_PAGINATION_CLASS": "itms.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "itms.api.exceptions.handler",
    "DEFAULT_THROTTLE_RATES": {},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "정보화관리시스템 API",
    "DESCRIPTION": "관세행정 정보화 추진에 관한 훈령(제2427호)을 수행하는 정보화관리시스템의 REST API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

DJANGO_TABLES2_TEMPLATE = "ui/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-vcenter card-table table-striped"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("ITMS_LOG_LEVEL", "INFO")},
    # 4xx answers are expected (deny by default); only server errors are logged with a traceback.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# Testing: quick password hashing, no lockout noise between tests.
if env_bool("ITMS_TESTING"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Lockout is per account (the agency's password policy); rotating a browser's identity does not reset it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
