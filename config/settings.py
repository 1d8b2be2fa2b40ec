"""Rollcall's one settings file.

Everything a deployment changes comes from the environment through the small checking helpers
below, so a typo fails loudly at start-up instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
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


DEBUG = envbool("ROLLCALL_DEBUG", False)
# Rollcall starts with nothing configured (docs/cli.md), so a development key is used unless one
# is given; `rollcall serve` on a public host should always set ROLLCALL_SECRET_KEY.
SECRET_KEY = os.environ.get("ROLLCALL_SECRET_KEY", "rollcall-development-key-not-for-production")
ALLOWED_HOSTS = envlist("ROLLCALL_ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = envlist("ROLLCALL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "rollcall.sources",
    "rollcall.people",
    "rollcall.events",
    "rollcall.collective",
    "rollcall.interchange",
    "rollcall.audit",
    "rollcall.accounts",
    "rollcall.stats",
    "rollcall.ingest",
    "rollcall.web",
]

# Visitors' pages are kept per registry version (docs/site.md, "Page cache"); 0 turns it off.
PAGE_CACHE = envbool("ROLLCALL_PAGE_CACHE", True)
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    *(["rollcall.web.pagecache.PageCacheMiddleware"] if PAGE_CACHE else []),
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

# The default cache holds figures per registry version (docs/stats.md); `pages` holds visitors'
# whole pages per registry version (docs/site.md, "Page cache"), bounded in entries per worker.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rollcall-pages",
        "TIMEOUT": 6 * 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("ROLLCALL_PAGE_CACHE_ENTRIES", "2000"))},
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
