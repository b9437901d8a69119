# SPDX-License-Identifier: EUPL-1.2
"""Production-safe settings. ``dev`` and ``test`` only loosen these.

Everything that differs per deployment comes from the environment (see ``.env.example``).
"""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.cache import parse_cache_url
from config.csp import origin_sources
from config.database import parse_database_url
from config.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SRC_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "django_tasks_db",
    "weerbaar.core",
    "weerbaar.geo",
    "weerbaar.organisations",
    "weerbaar.accounts",
    "weerbaar.audit",
    "weerbaar.notifications",
    "weerbaar.api",
    "weerbaar.signals",
    "weerbaar.threats",
    "weerbaar.cases",
    "weerbaar.correlation",
    "weerbaar.partnerships",
    "weerbaar.support",
    "weerbaar.surveys",
    "weerbaar.certification",
    "weerbaar.knowledge",
    "weerbaar.integrity",
    "weerbaar.training",
    "weerbaar.resilience",
    "weerbaar.actions",
    "weerbaar.insights",
    "weerbaar.inbox",
    "weerbaar.demo",
]

MIDDLEWARE = [
    "weerbaar.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "weerbaar.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weerbaar.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "weerbaar.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "weerbaar.core.middleware.ApiVersionMiddleware",
    "weerbaar.core.middleware.ReadMemoMiddleware",
    "weerbaar.core.middleware.PolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "weerbaar.core.context_processors.shell",
            ],
        },
    },
]
FORM_RENDERER = "weerbaar.core.forms.WeerbaarFormRenderer"

DATABASES = {
    "default": parse_database_url(env_str("DATABASE_URL", "sqlite:///var/weerbaar.sqlite3"), base_dir=BASE_DIR)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["weerbaar.accounts.backends.ActiveUserModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:start"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions are short: 30 minutes idle (sliding), 10 hours absolute (enforced by middleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", default=10 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # renewed at most once a minute (accounts.middleware.SessionLifetimeMiddleware)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-weerbaar-session"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "__Host-weerbaar-csrf"
CSRF_FAILURE_VIEW = "weerbaar.core.views.csrf_failure"

# Transport security: TLS is terminated by the load balancer in front of the app.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", default=True) else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict CSP: no inline script or style anywhere; the nonce is available for the rare case.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env_list("CSP_EXTRA_IMG_SRC", default=[])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *env_list("CSP_EXTRA_FORM_ACTION", default=[])],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Project-wide assets (theme, layout and the npm packages copied in by `npm run build`).
STATICFILES_DIRS = [SRC_DIR / "weerbaar" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": BASE_DIR / "var" / "media"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files never live under the web root and are served only through permission-checked views.
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Uploads stay in memory until validated: a rejected upload is never written anywhere, also not to /tmp.
# Requests above the limit get no upload handler, so their files are dropped unread.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
# Everything but the files (those have their own limit per file): form fields and API bodies. A report is
# a few kilobytes; a larger body is refused with a 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# The cache holds the counters of every security limit (weerbaar.core.ratelimit), so it is shared by all
# processes and servers: the database (db://, table weerbaar_cache: run `manage.py createcachetable` after
# `migrate`) or Redis (redis://host:port/n). locmem:// (per process) only for development.
CACHES = {
    "default": parse_cache_url(env_str("CACHE_URL", "db://"), allow_local=env_bool("DJANGO_DEBUG", default=False))
}

_MAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", default=25),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                "timeout": 10,
            }
            if _MAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "weerbaar@localhost")
WEERBAAR_BASE_URL = env_str("WEERBAAR_BASE_URL", "http://127.0.0.1:8000")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Audit: the hash chain is keyed, so rewriting the chain needs this key, which the database does not hold.
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY")
# Events are written unsealed and sealed in order by the sealer (weerbaar.audit.sealing): events per seal,
# how often the task worker seals, how long it waits for a transaction in flight, and after how long an
# unsealed event is reported by verify_audit and the chain check.
AUDIT_SEAL_BATCH = env_int("AUDIT_SEAL_BATCH", default=500)
AUDIT_SEAL_INTERVAL_SECONDS = env_int("AUDIT_SEAL_INTERVAL_MS", default=1000) / 1000
AUDIT_SEAL_WAIT_SECONDS = env_int("AUDIT_SEAL_WAIT_MS", default=2000) / 1000
AUDIT_SEAL_WINDOW_SECONDS = env_int("AUDIT_SEAL_WINDOW_SECONDS", default=300)

# Threats (area C): home addresses are encrypted with these Fernet keys (comma separated; the first
# encrypts, all decrypt, so a key can be rotated with `threats_rotate_keys`), and perpetrators are
# pseudonymised with a keyed hash for repeat-perpetrator links.
THREATS_ADDRESS_KEYS = env_str("THREATS_ADDRESS_KEYS", "")
THREATS_PSEUDONYM_KEY = env_str("THREATS_PSEUDONYM_KEY", "")
THREATS_GOOD_FRIDAY_OFF = env_bool("THREATS_GOOD_FRIDAY_OFF", default=False)
THREATS_LIBERATION_DAY_OFF = env_bool("THREATS_LIBERATION_DAY_OFF", default=True)
# Closed incidents are kept this many years after closure (the employer's duty of care), then destroyed.
THREATS_RETENTION_YEARS = env_int("THREATS_RETENTION_YEARS", default=5)

# Correlation: thresholds are match weights in bits (log2 odds that two subjects are the same).
CORRELATION_MATCH_THRESHOLD = float(env_str("CORRELATION_MATCH_THRESHOLD", "0"))
CORRELATION_REVIEW_THRESHOLD = float(env_str("CORRELATION_REVIEW_THRESHOLD", "-6"))
CORRELATION_MAX_KEY_FREQUENCY = env_int("CORRELATION_MAX_KEY_FREQUENCY", default=300)
CORRELATION_MAX_ADDRESS_FREQUENCY = env_int("CORRELATION_MAX_ADDRESS_FREQUENCY", default=12)
CORRELATION_SCREENINGS_PER_HOUR = env_int("CORRELATION_SCREENINGS_PER_HOUR", default=30)
CORRELATION_HIT_DISCLOSURES_PER_HOUR = env_int("CORRELATION_HIT_DISCLOSURES_PER_HOUR", default=120)
CORRELATION_CONFIG_TTL_SECONDS = float(env_str("CORRELATION_CONFIG_TTL_SECONDS", "2"))

# Maps: PDOK's background map (WMTS template in Web Mercator) and address search, fetched by the browser
# directly from PDOK; the CSP allows each host only when its URL is set. Empty = offline boundaries only.
PDOK_TILES_URL = env_str(
    "PDOK_TILES_URL", "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_LOCATIESERVER_URL = env_str("PDOK_LOCATIESERVER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free")
SECURE_CSP["img-src"] += origin_sources(PDOK_TILES_URL)
SECURE_CSP["connect-src"] += origin_sources(PDOK_LOCATIESERVER_URL)

# Login throttling: failures per username (hashed) and per client address, in a sliding window.
LOGIN_THROTTLE_WINDOW_SECONDS = env_int("LOGIN_THROTTLE_WINDOW_SECONDS", default=15 * 60)
LOGIN_THROTTLE_MAX_PER_USERNAME = env_int("LOGIN_THROTTLE_MAX_PER_USERNAME", default=5)
LOGIN_THROTTLE_MAX_PER_CLIENT = env_int("LOGIN_THROTTLE_MAX_PER_CLIENT", default=30)
OTP_TOTP_ISSUER = "Weerbaar"
OTP_TOTP_THROTTLE_FACTOR = 1

# Optional OIDC single sign-on for organisations with their own identity provider.
OIDC_ENABLED = env_bool("OIDC_ENABLED", default=False)
if OIDC_ENABLED:
    INSTALLED_APPS += ["mozilla_django_oidc"]
    AUTHENTICATION_BACKENDS = ["weerbaar.accounts.oidc.WeerbaarOIDCBackend", *AUTHENTICATION_BACKENDS]
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
    SECURE_CSP["form-action"].append(OIDC_OP_AUTHORIZATION_ENDPOINT)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "weerbaar.api.authentication.BearerTokenAuthentication",
        "weerbaar.api.authentication.VerifiedSessionAuthentication",
    ],
    # The policy first (401/404), then the query parameters the OpenAPI document declares (400 otherwise).
    "DEFAULT_PERMISSION_CLASSES": [
        "weerbaar.api.permissions.PolicyPermission",
        "weerbaar.api.strictness.DeclaredQueryParameters",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["weerbaar.api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "weerbaar.api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "weerbaar.api.schema.WeerbaarAutoSchema",
    "EXCEPTION_HANDLER": "weerbaar.api.exceptions.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["weerbaar.api.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("API_THROTTLE_RATE", "600/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Weerbaar API",
    "DESCRIPTION": "API van Weerbaar, volgens de NL API Design Rules.",
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "CONTACT": {"name": "Weerbaar", "email": "weerbaar@example.org", "url": "https://example.org/weerbaar"},
    "SERVERS": [{"url": f"{env_str('WEERBAAR_BASE_URL', 'http://127.0.0.1:8000')}/api/v1"}],
    "POSTPROCESSING_HOOKS": ["weerbaar.api.schema.nl_api_postprocessing_hook"],
}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "weerbaar.core.logging.RequestIdFilter"},
        "request_record": {"()": "weerbaar.core.logging.RequestRecordFilter"},
    },
    "formatters": {"json": {"()": "weerbaar.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        # Request loggers put the path and the exception text in the message: only method, route, status
        # and the exception type go out. A logger without a handler would fall back to Python's plain-text
        # last resort, traceback and all.
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id", "request_record"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"handlers": ["requests"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # A refused CSRF token or host names the path, and a survey link's path holds its token.
        "django.security": {"handlers": ["requests"], "level": "WARNING", "propagate": False},
        "weerbaar": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Pillow's debug output lists an image's EXIF tags (GPS position, camera serial) one by one.
        "PIL": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint (weerbaar.core.documents) logs every rendering step at INFO; its warnings and errors count.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
