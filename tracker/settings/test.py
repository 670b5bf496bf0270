"""The test suite: real PostgreSQL and Redis, as on CI."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
TRACKER_DEMO_ENABLED = False
# Most tests sign in with client.force_login, which no second factor follows; the accounts tests
# (tests/accounts/) switch the production requirement (superusers and OPCC staff) back on.
TRACKER_MFA_REQUIRED_FOR = []
