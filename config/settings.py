"""Rollcall's one settings file.

Everything a deployment changes comes from the environment through the small checking helpers
below, so a typo fails loudly at start-up instead of silently falling back to a default.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}: expected a boolean (1/0, true/false), got {raw!r}")


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envint(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}: expected at least {minimum}, got {value}")
    return value


DEBUG = envbool("ROLLCALL_DEBUG", False)
# Rollcall starts with nothing configured (docs/cli.md), so a development key is used unless one
# is given; `rollcall serve` on a public host should always set ROLLCALL_SECRET_KEY.
DEVELOPMENT_SECRET_KEY = "rollcall-development-key-not-for-production"  # noqa: S105 - published
SECRET_KEY = os.environ.get("ROLLCALL_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = envlist("ROLLCALL_ALLOWED_HOSTS", ["*"])
# A deployment says it is production with ROLLCALL_PRODUCTION=1 (docs/security.md). It must then
# give its own secret key and host names, is answered over HTTPS only, and its cookies never
# travel over plain HTTP. Without it Rollcall is the demo and development set-up, served over
# plain HTTP on this machine (./scripts/demo), where a secure cookie would never come back.
PRODUCTION = envbool("ROLLCALL_PRODUCTION", False)
if PRODUCTION:
    _unfit = [
        *(["ROLLCALL_DEBUG: must be off in production"] if DEBUG else []),
        *(
            ["ROLLCALL_SECRET_KEY: set a random key of at least 50 characters"]
            if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50
            else []
        ),
        *(
            ["ROLLCALL_ALLOWED_HOSTS: name the host names the site answers to"]
            if "*" in ALLOWED_HOSTS
            else []
        ),
    ]
    if _unfit:
        raise ImproperlyConfigured("ROLLCALL_PRODUCTION=1, but " + "; ".join(_unfit))
CSRF_TRUSTED_ORIGINS = envlist("ROLLCALL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin's modules are found by config/urls.py, when the URLs are first needed (by the
    # server at start-up), not by every command's set-up: a one-shot `rollcall match` would
    # import every admin form for nothing.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    # Staff security (docs/security.md): login throttling, two-factor login, and the API
    # documentation's own copy of its scripts (served from here, not a CDN the CSP forbids).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "rollcall.sources",
    "rollcall.people",
    "rollcall.events",
    "rollcall.collective",
    "rollcall.duplicates",
    "rollcall.interchange",
    "rollcall.audit",
    "rollcall.accounts",
    "rollcall.stats",
    "rollcall.ingest",
    "rollcall.web",
]

# How soon a name written where the name index's signal file cannot follow (another OS user,
# another machine, SQL in a shell) is seen by a running process (docs/names.md, "Staying in step").
NAME_INDEX_RECHECK_SECONDS = float(os.environ.get("ROLLCALL_NAME_RECHECK_SECONDS", "1"))

# Visitors' pages are kept per registry version (docs/site.md, "Page cache"); 0 turns it off.
PAGE_CACHE = envbool("ROLLCALL_PAGE_CACHE", True)
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost with the security headers, so that every answer gets them, static files and
    # cached pages too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "rollcall.web.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    *(["rollcall.web.pagecache.PageCacheMiddleware"] if PAGE_CACHE else []),
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A password alone logs a user with a two-factor device (and every admin) in only as far as
    # the second step (docs/security.md): everywhere else they are a visitor until it is done.
    "django_otp.middleware.OTPMiddleware",
    "rollcall.web.twofactor.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a locked-out login into the "too many attempts" page; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Staff log in on the site's own page and land on the review queue; logging out returns home.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:review"
LOGOUT_REDIRECT_URL = "web:home"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """Turn ROLLCALL_DATABASE_URL into Django's form, with SQLite tuned for a shared site.

    WAL lets the web server read while an import writes; IMMEDIATE transactions make a writer take
    the lock up front instead of failing half-way with "database is locked".
    """
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=0))
    engine = str(config.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
        # A worker keeps its connection between requests: opening one (with the PRAGMAs above)
        # costs more than most pages served from the page cache.
        config["CONN_MAX_AGE"] = 600
        # Tests run on a real SQLite file (not :memory:), as production does.
        test_name = os.environ.get("ROLLCALL_TEST_SQLITE", str(BASE_DIR / "test.sqlite3"))
        config["TEST"] = {"NAME": test_name}
    elif "postgresql" in engine:
        config["CONN_MAX_AGE"] = 60
    else:
        raise ImproperlyConfigured(f"ROLLCALL_DATABASE_URL: unsupported database {url!r}")
    return config


DATABASES = {
    "default": database_from_url(
        os.environ.get("ROLLCALL_DATABASE_URL", "sqlite:///rollcall.sqlite3")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Staff security (docs/security.md) ---------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Ten wrong passwords lock the login for half an hour. A lock holds one user name at one address:
# locking the name alone would let anyone lock every staff member out with ten requests each,
# and locking the address alone would lock out a whole office behind one NAT. A guesser gets
# ten tries per name per address per cool-off.
AXES_FAILURE_LIMIT = envint("ROLLCALL_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("ROLLCALL_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind a reverse proxy every request comes from the proxy: ROLLCALL_PROXY_COUNT proxies' own
# X-Forwarded-For entries are read instead (rollcall.web.security.client_address).
PROXY_COUNT = envint("ROLLCALL_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "rollcall.web.security.client_address"
# A page saying the login is locked and for how long, answered 429 (Too Many Requests).
AXES_LOCKOUT_CALLABLE = "rollcall.web.login.locked_out"
# A right password forgives the user's own earlier typos at that address.
AXES_RESET_ON_SUCCESS = True
# Failed attempts are kept only while they count (the cool-off); successful logins are not kept
# at all: a registry that is seized or leaks must not also tell where its staff log in from.
AXES_DISABLE_ACCESS_LOG = True
# Two-factor login (TOTP): the name an authenticator app shows beside the codes; the admin never
# shows a device's secret.
OTP_TOTP_ISSUER = os.environ.get("ROLLCALL_TOTP_ISSUER", "Rollcall")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Only staff have sessions: one lasts a working day, and closing the browser ends it.
SESSION_COOKIE_AGE = envint("ROLLCALL_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a link to a review page from a mail must still find the staff member logged in.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of the site or the admin reads the CSRF cookie (forms carry the token).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    # __Host- cookies are refused by browsers unless secure, for this host only, on every path.
    SESSION_COOKIE_NAME = "__Host-rollcall-session"
    CSRF_COOKIE_NAME = "__Host-rollcall-csrf"
# Behind a proxy that is not on this machine (gunicorn trusts only 127.0.0.1's), name the header
# it sets to say the request came over HTTPS, e.g. X-Forwarded-Proto; it must overwrite any a
# client sends.
_proxy_ssl_header = os.environ.get("ROLLCALL_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.upper().replace("-", "_"),
        "https",
    )
SECURE_SSL_REDIRECT = PRODUCTION and envbool("ROLLCALL_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("ROLLCALL_HSTS_SECONDS", 365 * 24 * 3600) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("ROLLCALL_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("ROLLCALL_HSTS_PRELOAD", False)
# Asking browsers to preload HTTPS for the domain is the domain owner's decision, and hard to
# undo, so it is off unless ROLLCALL_HSTS_PRELOAD=1; `check --deploy` need not ask about it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Every answer's headers: no framing, no MIME sniffing, no address sent to another site (a
# source's site must not learn which person's page a reader came from), a window of its own.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nothing on the site runs inline: scripts and stylesheets are files of its own (the charts'
# styles are SVG attributes: rollcall/web/charts.py). The one inline style left is a style
# attribute of the admin's history page (simple_history), allowed by its hash alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        # sha256 of `border-top: 0`
        "style-src": [SELF, UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

# The site speaks English, Belarusian and Russian: its readers are in Belarus and Russia and in
# exile. A page's language is in its address (/be/…, /ru/…; English has no prefix, and neither
# has the JSON API): docs/site.md says why. Each name is written in its own language, so a reader
# finds theirs whatever page they are on.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("be", "Беларуская"), ("ru", "Русский")]
# Shipped inside the package (compiled .mo files too), so an install needs no gettext tools.
LOCALE_PATHS = [BASE_DIR / "rollcall" / "locale"]
# Dates and numbers as each language writes them ("29 лістапада 2026 г.", "1 234"); Django has
# no Belarusian formats of its own.
FORMAT_MODULE_PATH = ["rollcall.web.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("ROLLCALL_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def shared_cache_dir(database: dict[str, object]) -> Path:
    """Where the workers of one site share what they computed: one directory per database, so
    that two sites on one machine (a demo and a test server) never answer from each other's."""
    explicit = os.environ.get("ROLLCALL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    place = dict(database)
    if str(place.get("ENGINE", "")).endswith("sqlite3"):  # a relative file: in which directory
        place["NAME"] = os.path.abspath(str(place.get("NAME", "")))
    identity = "|".join(str(place.get(key, "")) for key in ("ENGINE", "NAME", "HOST", "PORT"))
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"rollcall-cache-{digest}"


# `shared` holds the figures and the visitors' pages made for each registry version
# (docs/stats.md "Cached figures", docs/site.md "Page cache"): files, so that every gunicorn
# worker reads what one of them made, bounded in entries.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(shared_cache_dir(DATABASES["default"])),
        "TIMEOUT": 6 * 3600,
        "OPTIONS": {"MAX_ENTRIES": envint("ROLLCALL_CACHE_ENTRIES", 5000, minimum=10)},
    },
}

# Uploads larger than this are refused before they reach an importer (10 MB in memory).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ROLLCALL_LOG_LEVEL", "WARNING")},
}
