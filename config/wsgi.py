"""WSGI entry point for gunicorn (`rollcall serve`).

The name index and the chart library are loaded here, once: under `gunicorn --preload` (as
`rollcall serve` runs it) before the workers are forked, so every worker starts with them.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from rollcall.web.warmup import warm_up  # noqa: E402 - needs the application's settings loaded

warm_up()
