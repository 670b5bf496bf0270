"""Settings shared by every environment. Secrets and addresses come only from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    # Sign-in and security (issue 14; SECURITY.md): second factors, lockout, Content-Security-Policy.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "inspections",
]

MIDDLEWARE = [
    # First: the public pages (/public/) never see a cookie, so they are the same for everyone and cacheable.
    "inspections.public.middleware.PublicPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Absolute session lifetime, the "your sessions" record, no-store, and second factors where required.
    "inspections.accounts.middleware.SessionLimitsMiddleware",
    "inspections.accounts.middleware.MultiFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns lockouts into the locked-out page
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

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

# Django's widget templates, with lists of choices written in Python to the same HTML (the filters' options).
FORM_RENDERER = "inspections.core.form_renderer.TrackerFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,  # a kept connection the server dropped is replaced, not an error page
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "viewerA-viewerA": the user's own name, email or the service's name inside the password (NIST 800-63B).
    {"NAME": "inspections.accounts.passwords.ContextWordsValidator"},
    # Passwords known from breaches, checked offline: Django's common-password list (20,000, from breaches),
    # and a local copy of the Have I Been Pwned list where TRACKER_BREACHED_PASSWORDS_FILE names one.
    {"NAME": "inspections.accounts.passwords.BreachedPasswordValidator"},
]
TRACKER_BREACHED_PASSWORDS_FILE = env("TRACKER_BREACHED_PASSWORDS_FILE", "")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire: eight hours of inactivity, and when the browser closes. A session in use is saved
# again (and its eight hours start again) when its "last seen" is written, at most every five minutes
# (accounts/sessions.touch), not on every request: a write a page view was a transaction on every page.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Sign-in and security (issue 14; SECURITY.md maps each control to its test) -------------------
# A session ends this many hours after sign-in, however active (ASVS 3.3.2); then the user signs in again.
TRACKER_SESSION_MAX_AGE_HOURS = float(env("TRACKER_SESSION_MAX_AGE_HOURS", "12"))
# Password sign-in needs a second factor (an authenticator app's code, or a recovery code) for these
# kinds of user: "superuser", "staff" (Django admin users), "opcc_staff", "force_lead", "board_member",
# "viewer", or "all". Anyone else may turn it on at /accounts/security/. Single sign-on users are asked by
# their identity provider (Entra ID Conditional Access), not here.
TRACKER_MFA_REQUIRED_FOR = env_list("TRACKER_MFA_REQUIRED_FOR", "superuser,opcc_staff")
TRACKER_MFA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "HMICFRS inspection tracker")
# A known password, then a second factor within this many seconds, or start again.
TRACKER_MFA_PENDING_SECONDS = 300

# Login throttling (django-axes, with inspections/accounts/lockout.py): the 6th wrong password for a user
# name within the cool-off is refused, and so is every attempt from an address after ADDRESS_LIMIT wrong
# ones (higher: a force's staff may share one outgoing address). OPCC staff unlock their force's users at
# /accounts/locked/; superusers unlock anyone, and see every failure in the admin.
AXES_FAILURE_LIMIT = int(env("TRACKER_LOGIN_FAILURE_LIMIT", "5"))
TRACKER_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("TRACKER_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("TRACKER_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # counted separately; the order matters to lockout.py
AXES_HANDLER = "inspections.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "inspections.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind TRACKER_PROXY_COUNT reverse proxies, the client's address is that many from the end of
# X-Forwarded-For (the proxies' own additions); with none, the connection's address.
TRACKER_PROXY_COUNT = int(env("TRACKER_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "inspections.accounts.lockout.client_address"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out users and addresses before any password check
    "django.contrib.auth.backends.ModelBackend",
]

# Single sign-on with OpenID Connect (Microsoft Entra ID, or any standard provider), through
# mozilla-django-oidc with discovery, PKCE, nonce and ID-token checks (inspections/accounts/oidc.py).
# On when OIDC_ISSUER is set, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (README "Production").
OIDC_ISSUER = env("OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "Microsoft Entra ID")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sso/refused/"
# THE mapping of the identity provider's groups (or app roles) to forces and kinds of access: the one
# place it is stated. OIDC_GROUP_MAP holds entries "claim value=force slug:access", separated by commas or
# new lines, e.g. "0c6a…e1=warwickshire:opcc_staff, 5b1f…9d=warwickshire:viewer" (access: opcc_staff,
# force_lead, board_member, viewer). A user gets exactly the memberships their claims map to, at every
# sign-in; a user whose claims map to nothing is refused with a page that says so. Kept in the deployment's
# environment, not an admin page, because it grants access: it changes only with a reviewed deployment,
# never by someone who got into the admin. OIDC_GROUPS_CLAIM names the claim ("groups"; "roles" for
# Entra app roles, which avoid Entra's 200-group overage).
TRACKER_SSO_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", "groups")
TRACKER_SSO_GROUP_MAP = env("OIDC_GROUP_MAP", "")
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.append("inspections.accounts.oidc.SingleSignOnBackend")

# Content-Security-Policy on every page (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Uploaded evidence and rendered documents live outside the web root and are served only
# through views that check permissions; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "HMICFRS tracker <tracker@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", env("REDIS_URL", "redis://127.0.0.1:6379/0"))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
# A task whose worker process died goes back on the queue (tasks that allow it say reject_on_worker_lost);
# one whose whole worker was killed comes back after the visibility timeout. The records count attempts.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
# With the broker down, a page that queues work answers in seconds (and says so), not after 20 s.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}

# Reminders (issue 4; README "Reminders"; the rules are applied in inspections/reminders/rules.py).
# Days are calendar days in Europe/London. Day 1 of the Section 55 clock is the publication day.
TRACKER_REMINDERS = {
    "DUE_SOON_DAYS": [14, 7, 1],  # the owner, these many days before a finding's due date
    "OVERDUE_EVERY_DAYS": 7,  # the owner, then weekly while overdue (from the day after the due date)
    "ESCALATE_AFTER_DAYS": 14,  # the board's chair and OPCC staff, once overdue by more than this; then weekly
    "UPDATE_DUE_DAYS_BEFORE": 7,  # the owner, before a progress update falls due ahead of the board's next meeting
    "S55_DAYS": [28, 42, 49],  # OPCC staff, on these days of the 56 while the response is not published
    "S55_DAILY_FROM_DAY": 52,  # ... and daily from this day to the last day (day 56)
    "S55_DAYS_AFTER_DEADLINE": 7,  # ... and daily for this many days after it; then it is listed as a problem
    "S55_COMMENTS_DAYS_BEFORE": [7, 1],  # the response's force lead, before the Chief Constable's comments are due
    # No email on Saturdays, Sundays or HOLIDAYS: reminders before a date move to the working day before;
    # chasers after a date (overdue, escalation, Section 55 late) move to the working day after.
    "WORKING_DAYS_ONLY": env_bool("TRACKER_REMINDERS_WORKING_DAYS_ONLY", True),
    "HOLIDAYS": env_list("TRACKER_REMINDERS_HOLIDAYS"),  # ISO dates, e.g. bank holidays: 2025-12-25,2025-12-26
    "PREVIEW_DAYS": 14,  # how far ahead a user's profile page shows what they will be sent
    "BATCH_SIZE": int(env("TRACKER_REMINDERS_BATCH_SIZE", "500")),  # findings per sweep transaction
    "EMAIL_MAX_ATTEMPTS": 5,  # then the email is marked failed and shown in the log
    "EMAIL_RETRY_SECONDS": 60,  # back-off: 1, 2, 4, 8 minutes between attempts
}
# Links in emails are absolute: the address users reach the tracker at.
TRACKER_BASE_URL = env("TRACKER_BASE_URL", "http://127.0.0.1:8000")
# Celery beat runs the daily sweep (docker-compose's beat service); a run not started within six
# hours expires rather than stacking up behind a stopped worker.
CELERY_BEAT_SCHEDULE = {
    "daily-reminder-sweep": {
        "task": "inspections.sweep_reminders",
        "schedule": crontab(hour=int(env("TRACKER_REMINDERS_HOUR", "7")), minute=0),
        "options": {"expires": 6 * 60 * 60},
    },
    # Findings whose demonstration period ended without a return are closed (inspections/findings/demonstration.py).
    "daily-demonstration-periods": {
        "task": "inspections.close_ended_demonstrations",
        "schedule": crontab(hour=int(env("TRACKER_REMINDERS_HOUR", "7")), minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    # Renders and report imports whose worker died are marked failed, with a retry button (never left "in progress").
    "fail-stalled-renders": {
        "task": "inspections.fail_stalled_renders",
        "schedule": 5 * 60,
        "options": {"expires": 5 * 60},
    },
    "fail-stalled-imports": {
        "task": "inspections.fail_stalled_imports",
        "schedule": 5 * 60,
        "options": {"expires": 5 * 60},
    },
    "fail-stalled-exports": {
        "task": "inspections.fail_stalled_exports",
        "schedule": 5 * 60,
        "options": {"expires": 5 * 60},
    },
    # Background exports older than TRACKER_EXPORT_KEEP_DAYS go, with their files (inspections/importing/exports.py).
    "daily-old-exports": {
        "task": "inspections.delete_old_exports",
        "schedule": crontab(hour=3, minute=15),
        "options": {"expires": 6 * 60 * 60},
    },
}

# The accessibility statement (/accessibility/, inspections/accessibility/): the OPCC that runs the
# tracker, whom users ask for another format or tell about a problem. With no email set, the statement
# lists each force's local policing body (its office, email and telephone) as recorded in the tracker.
TRACKER_ACCESSIBILITY = {
    "ORGANISATION": env("TRACKER_ACCESSIBILITY_ORGANISATION", ""),  # e.g. "the Office of the PCC for Warwickshire"
    "EMAIL": env("TRACKER_ACCESSIBILITY_EMAIL", ""),
    "TELEPHONE": env("TRACKER_ACCESSIBILITY_TELEPHONE", ""),
    "RESPONSE_DAYS": int(env("TRACKER_ACCESSIBILITY_RESPONSE_DAYS", "10")),  # working days to answer a request
    "REVIEWED_ON": env("TRACKER_ACCESSIBILITY_REVIEWED_ON", ""),  # ISO date the OPCC last reviewed the statement
}

# The public progress pages (/public/, inspections/public/): how long browsers and shared caches may keep
# a page, in seconds; an unpublished inspection leaves every cache within this time.
TRACKER_PUBLIC_MAX_AGE = int(env("TRACKER_PUBLIC_MAX_AGE", "300"))

# Domain defaults (see inspections/core/timeframes.py and README).
# A finding whose report gives no time frame is due this many months after publication.
TRACKER_DEFAULT_DUE_MONTHS = int(env("TRACKER_DEFAULT_DUE_MONTHS", "12"))
# Evidence and other uploads: the largest file accepted, in bytes.
TRACKER_MAX_UPLOAD_BYTES = int(env("TRACKER_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Pages of the findings list.
TRACKER_PAGE_SIZE = int(env("TRACKER_PAGE_SIZE", "50"))
# The Government Security Classification printed at the top and foot of every board pack (OFFICIAL,
# OFFICIAL-SENSITIVE); empty prints none.
TRACKER_PROTECTIVE_MARKING = env("TRACKER_PROTECTIVE_MARKING", "OFFICIAL")
# Demo users and the demo loader exist only where this is switched on (the embedded mode).
TRACKER_DEMO_ENABLED = False

# Rendered documents and Section 55 letters (inspections/documents/).
# A render queued or running for longer than this is shown as stalled, so the user can start another.
DOCUMENTS_RENDER_STALE_MINUTES = int(env("DOCUMENTS_RENDER_STALE_MINUTES", "15"))
# A render or report import whose worker died is tried this many times in all, then marked failed.
TRACKER_TASK_MAX_ATTEMPTS = 2
# The Home Office's mailbox for Section 55 responses, printed under the addressees of every letter.
SECTION55_HOME_OFFICE_MAILBOX = env("SECTION55_HOME_OFFICE_MAILBOX", "section55responses@homeoffice.gov.uk")
# Uploaded signature images: PNG or JPEG only, checked by content, at most this many bytes.
SECTION55_SIGNATURE_MAX_BYTES = int(env("SECTION55_SIGNATURE_MAX_BYTES", str(512 * 1024)))
# Importing reports and trackers (inspections/importing/; README "Importing reports and trackers").
# Caps keep a worker's memory and time bounded whatever is uploaded; each can be raised per site.
TRACKER_IMPORT_MAX_REPORT_BYTES = int(env("TRACKER_IMPORT_MAX_REPORT_BYTES", str(30 * 1024 * 1024)))
TRACKER_IMPORT_MAX_PDF_PAGES = int(env("TRACKER_IMPORT_MAX_PDF_PAGES", "200"))
TRACKER_IMPORT_MAX_TEXT_CHARACTERS = int(env("TRACKER_IMPORT_MAX_TEXT_CHARACTERS", "2000000"))
# A carried-over finding is linked to the most similar earlier finding only from this similarity
# (Jaccard index of content words, 0 to 1; see inspections/importing/carryovers.py).
TRACKER_IMPORT_CARRY_OVER_MIN_SIMILARITY = float(env("TRACKER_IMPORT_CARRY_OVER_MIN_SIMILARITY", "0.15"))
TRACKER_IMPORT_MAX_SPREADSHEET_BYTES = int(env("TRACKER_IMPORT_MAX_SPREADSHEET_BYTES", str(10 * 1024 * 1024)))
TRACKER_IMPORT_MAX_SPREADSHEET_UNZIPPED_BYTES = int(
    env("TRACKER_IMPORT_MAX_SPREADSHEET_UNZIPPED_BYTES", str(100 * 1024 * 1024))
)
TRACKER_IMPORT_MAX_SPREADSHEET_ROWS = int(env("TRACKER_IMPORT_MAX_SPREADSHEET_ROWS", "5000"))
# Exports of the findings list and of an inspection (inspections/importing/exports.py; README "Exports").
# They stream at about 15,000 rows a second (30,000 findings in about 2 s); an export of more rows than
# this (100,000: beyond about 10 s, where browsers and proxies start to give up) is written in the
# background instead, and its page shows the progress and then the download.
TRACKER_EXPORT_BACKGROUND_ROWS = int(env("TRACKER_EXPORT_BACKGROUND_ROWS", "100000"))
# Exports written in the background are deleted, file and all, this many days after they were asked for.
TRACKER_EXPORT_KEEP_DAYS = int(env("TRACKER_EXPORT_KEEP_DAYS", "7"))
# An export queued or running for longer than this has lost its worker: it is marked failed (try again).
TRACKER_EXPORT_STALE_MINUTES = int(env("TRACKER_EXPORT_STALE_MINUTES", "15"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every render at INFO; keep its warnings (refused URLs) only.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
