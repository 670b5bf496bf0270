"""The embedded mode of `make run`: SQLite, tasks run in-process, demo data allowed.

Nothing here is fit for production: the secret key is a fixed development value and DEBUG is on.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "embedded-development-only-not-a-secret")  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("EMBEDDED_DATABASE", str(BASE_DIR / "var" / "tracker.sqlite3")),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}

# Tasks run in the web process; there is no broker to install.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TRACKER_DEMO_ENABLED = True
TRACKER_DEMO_PASSWORD = env("TRACKER_DEMO_PASSWORD", "warwickshire-demo")  # noqa: S105 (embedded demo only)
# The demo stays usable: a second factor is offered to every demo user (/accounts/security/) but required of
# none, so `make run` signs in with the demo password alone. Lockout, CSP and session limits apply as in production.
TRACKER_MFA_REQUIRED_FOR = env_list("TRACKER_MFA_REQUIRED_FOR", "")
